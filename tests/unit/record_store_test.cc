#include "record_store.h"

#include <filesystem>

#include "child_process.h"
#include "crc32.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::ordered_json;

ordered_json Change(const std::string& setting) {
  ordered_json c;
  c["setting"] = setting;
  c["url_path"] = "/p";
  c["before"] = "on";
  c["after"] = "off";
  c["verified"] = true;
  c["outcome"] = "changed";
  return c;
}

long long FileSize(const std::string& path) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(std::filesystem::u8path(path), error);
  return error ? -1 : static_cast<long long>(size);
}

TEST(Crc32, KnownValue) { EXPECT_EQ(Crc32("123456789"), 0xCBF43926u); }

TEST(RecordStore, AppendThenRead) {
  testing::TempDir dir;
  RecordStore store(dir.path() + "/nested/optout");
  auto a = store.Append(Change("research"));
  auto b = store.Append(Change("ads_age"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->seq, 1);
  EXPECT_EQ(b->seq, 2);
  EXPECT_EQ(a->recorded_at.size(), 24u);  // 2026-11-29T10:00:00.123Z
  EXPECT_EQ(a->recorded_at.back(), 'Z');

  auto contents = store.Read();
  ASSERT_TRUE(contents.ok());
  ASSERT_EQ(contents->entries.size(), 2u);
  EXPECT_TRUE(contents->damaged_lines.empty());
  EXPECT_EQ(contents->entries[1]["setting"], "ads_age");
  EXPECT_EQ(contents->entries[1]["seq"], 2);
  EXPECT_EQ(contents->entries[0]["recorded_at"], a->recorded_at);
  // (The modes of the file and the directories made for it: record_store_posix_test.cc.)
}

TEST(RecordStore, LineFormatIsCrcSpaceJson) {
  testing::TempDir dir;
  RecordStore store(dir.path());
  ASSERT_TRUE(store.Append(Change("research")).ok());
  std::string text = testing::ReadFile(store.path());
  ASSERT_EQ(text.back(), '\n');
  ASSERT_EQ(text[8], ' ');
  std::string json = text.substr(9, text.size() - 10);
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", Crc32(json));
  EXPECT_EQ(text.substr(0, 8), hex);
  EXPECT_EQ(ordered_json::parse(json)["seq"], 1);
}

TEST(RecordStore, MissingFileIsEmpty) {
  testing::TempDir dir;
  auto contents = RecordStore(dir.path() + "/never-created").Read();
  ASSERT_TRUE(contents.ok());
  EXPECT_TRUE(contents->entries.empty());
}

TEST(RecordStore, TornLastLineIsKeptCountedAndAppendsStayReadable) {
  testing::TempDir dir;
  RecordStore store(dir.path());
  ASSERT_TRUE(store.Append(Change("research")).ok());
  // A crash in the middle of a write leaves a fragment without a newline.
  std::string torn = testing::ReadFile(store.path()) + "1234abcd {\"seq\":2,\"recorded_at\":\"2026-";
  testing::WriteFile(store.path(), torn);

  auto before = store.Read();
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->entries.size(), 1u);
  EXPECT_EQ(before->damaged_lines, std::vector<long>{2});

  long long size_before = FileSize(store.path());
  auto appended = store.Append(Change("ads_age"));
  ASSERT_TRUE(appended.ok());
  EXPECT_EQ(appended->seq, 2) << "seq follows the last good line";
  EXPECT_GT(FileSize(store.path()), size_before);

  std::string text = testing::ReadFile(store.path());
  EXPECT_EQ(text.substr(0, torn.size()), torn) << "existing bytes are never rewritten";
  auto after = store.Read();
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->entries.size(), 2u);
  EXPECT_EQ(after->entries[1]["setting"], "ads_age");
  EXPECT_EQ(after->damaged_lines, std::vector<long>{2}) << "the fragment stays its own, damaged, line";
}

TEST(RecordStore, BadCrcAndBadJsonLinesAreCountedNotRemoved) {
  testing::TempDir dir;
  RecordStore store(dir.path());
  ASSERT_TRUE(store.Append(Change("one")).ok());
  std::string good = testing::ReadFile(store.path());
  std::string tampered = good;
  tampered[tampered.find("one")] = 'X';  // content changed, checksum not
  std::string bad_json = FormatRecordLine("{not json");
  testing::WriteFile(store.path(), good + tampered + bad_json + "garbage\n");
  long long size = FileSize(store.path());

  auto contents = store.Read();
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(contents->entries.size(), 1u);
  EXPECT_EQ(contents->damaged_lines, (std::vector<long>{2, 3, 4}));
  EXPECT_EQ(FileSize(store.path()), size) << "reading never changes the file";

  ASSERT_TRUE(store.Append(Change("two")).ok());
  EXPECT_GT(FileSize(store.path()), size);
  EXPECT_EQ(store.Read()->entries.size(), 2u);
}

// OPTOUT_DATA_DIR wins when it is an absolute path for this system (record_store_posix_test.cc:
// the XDG fallbacks; os_locations_test.cc: every system's table).
TEST(RecordStore, DefaultDirIsOptOutDataDirWhenAbsolute) {
  testing::TempDir dir;
  testing::SetEnv("OPTOUT_DATA_DIR", dir.path());
  absl::StatusOr<std::string> chosen = RecordStore::DefaultDir();
  testing::UnsetEnv("OPTOUT_DATA_DIR");
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(*chosen, dir.path());
}

}  // namespace
}  // namespace optout
