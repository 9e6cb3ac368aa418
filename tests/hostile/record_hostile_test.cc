// A damaged record file (bad checksums, junk, binary bytes, a torn last line, absurd seq values,
// a file over the size cap) against the built optout-host binary: readable records are kept,
// damaged ones are counted, the file is never truncated or rewritten, and appends still work.
#include <filesystem>

#include "crc32.h"
#include "gtest/gtest.h"
#include "host_limits.h"
#include "hostile_util.h"
#include "record_store.h"

namespace optout::hostile {
namespace {

std::string Line(const json& j) { return FormatRecordLine(j.dump()); }

json Record(long long seq, const std::string& setting) {
  return {{"seq", seq},         {"recorded_at", "2026-11-29T10:00:00.000Z"},
          {"setting", setting}, {"url_path", "/p"},
          {"verified", true},   {"outcome", "changed"}};
}

class RecordHostile : public ::testing::Test {
 protected:
  std::string LogPath() const { return data_.path() + "/record.log"; }

  json Ask(HostProcess& host, const std::string& body) {
    EXPECT_TRUE(host.Send(Frame(body)));
    std::optional<json> reply = host.Reply();
    EXPECT_TRUE(reply.has_value());
    return reply.value_or(json());
  }

  TempDir data_;
};

TEST_F(RecordHostile, DamagedLinesAreCountedKeptAndNeverRewritten) {
  std::string good1 = Line(Record(1, "research"));
  std::string good2 = Line(Record(2, "ads_age"));
  std::string bad_crc = good2;
  bad_crc[0] = bad_crc[0] == '0' ? '1' : '0';
  std::string text = good1;          // line 1: good
  text += bad_crc;                   // line 2: checksum mismatch
  text += "this is not a record\n";  // line 3: junk
  static const char kBinary[] = "\x00\x01\xff\xfe\xc0\xaf binary\n";
  text += std::string(kBinary, sizeof kBinary - 1);                // line 4: NUL and invalid UTF-8
  text += FormatRecordLine("[1,2,3]");                             // line 5: crc ok, not an object
  text += FormatRecordLine(R"({"seq":"7"})");                      // line 6: crc ok, seq not an integer
  text += FormatRecordLine("{\"seq\":3,\"label\":\"\xc3\x28\"}");  // line 7: crc ok, invalid UTF-8 inside
  text += "\n";                                                    // line 8: empty
  text += std::string(1 << 20, 'L') + "\n";                        // line 9: 1 MiB junk line
  text += good2;                                                   // line 10: good
  text += good2.substr(0, good2.size() / 2);                       // line 11: torn, no newline
  WriteFile(LogPath(), text);

  HostProcess host(data_.path());
  ASSERT_TRUE(host.started());
  json history = Ask(host, R"({"v":1,"id":1,"type":"history","limit":500})");
  ASSERT_EQ(history["ok"], true) << history.dump().substr(0, 300);
  ASSERT_EQ(history["entries"].size(), 2u);
  EXPECT_EQ(history["entries"][0]["seq"], 1);
  EXPECT_EQ(history["entries"][1]["seq"], 2);
  EXPECT_EQ(history["damaged_lines"], 9);
  EXPECT_EQ(history["damaged_line_numbers"], json({2, 3, 4, 5, 6, 7, 8, 9, 11}));
  EXPECT_EQ(ReadFile(LogPath()), text) << "reading must not touch the file";

  json rec = Ask(host, RecordBody(2, "research"));
  ASSERT_EQ(rec["ok"], true) << rec.dump();
  EXPECT_EQ(rec["seq"], 3);
  std::string after = ReadFile(LogPath());
  ASSERT_GT(after.size(), text.size());
  EXPECT_EQ(after.compare(0, text.size(), text), 0) << "the old bytes must stay exactly as they were";
  EXPECT_EQ(after[text.size()], '\n') << "the torn fragment is ended before the new line";

  history = Ask(host, R"({"v":1,"id":3,"type":"history"})");
  ASSERT_EQ(history["entries"].size(), 3u);
  EXPECT_EQ(history["entries"][2]["seq"], 3);
  EXPECT_EQ(history["entries"][2]["setting"], "research");
  EXPECT_EQ(history["damaged_lines"], 9) << "the torn line is still one damaged line";
  EXPECT_TRUE(StillServes(host, 4));
}

TEST_F(RecordHostile, OnlyGarbageStillAcceptsAppends) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "garbage line " + std::to_string(i) + "\n";
  text += "torn";
  WriteFile(LogPath(), text);
  HostProcess host(data_.path());
  ASSERT_TRUE(host.started());
  json history = Ask(host, R"({"v":1,"id":1,"type":"history"})");
  EXPECT_EQ(history["entries"].size(), 0u);
  EXPECT_EQ(history["damaged_lines"], 1001);
  EXPECT_EQ(history["damaged_line_numbers"].size(), 100u) << "the list is capped";
  json rec = Ask(host, RecordBody(2, "research"));
  EXPECT_EQ(rec["seq"], 1);
  EXPECT_EQ(ReadFile(LogPath()).compare(0, text.size(), text), 0);
}

TEST_F(RecordHostile, AbsurdSeqValuesNeitherOverflowNorGoBackwards) {
  // Lines with a valid checksum but a seq no append could have written: a hand-edited or
  // crafted file. The next seq must still be larger than every seq a reader accepts.
  std::string text = Line(Record(5, "research"));
  text += FormatRecordLine(R"({"seq":9223372036854775807,"setting":"x"})");
  text += FormatRecordLine(R"({"seq":18446744073709551615,"setting":"y"})");
  WriteFile(LogPath(), text);
  HostProcess host(data_.path());
  ASSERT_TRUE(host.started());
  json rec = Ask(host, RecordBody(1, "research"));
  // Seq numbers are JSON integers the extension reads as JS numbers: above 2^53 no append could
  // have written them, so such lines are damaged and the next seq follows the last real one.
  EXPECT_EQ(rec["seq"], 6) << rec.dump();
  json history = Ask(host, R"({"v":1,"id":2,"type":"history","limit":500})");
  ASSERT_EQ(history["ok"], true);
  EXPECT_EQ(history["damaged_line_numbers"], json({2, 3})) << history.dump();
  long long last = -1;
  for (const json& e : history["entries"]) {
    ASSERT_TRUE(e["seq"].is_number_unsigned()) << e.dump();
    EXPECT_GT(e["seq"].get<long long>(), last) << history.dump();
    last = e["seq"].get<long long>();
  }
  EXPECT_EQ(ReadFile(LogPath()).compare(0, text.size(), text), 0);
  EXPECT_TRUE(StillServes(host, 3));
}

// A record over the read cap (a crafted or very old file) must not stop OptOut from recording:
// the next write archives it whole - same file, same size, nothing truncated - and record.log
// starts again with a line that names the archive.
TEST_F(RecordHostile, FileOverTheSizeCapIsArchivedWholeAndWritingGoesOn) {
  {
    std::string start = Line(Record(1, "research"));
    WriteFile(LogPath(), start);
  }
  // Sparse on Linux (truncate) and under wine; SetEndOfFile on Windows: no real disk use either way.
  namespace fs = std::filesystem;
  fs::resize_file(fs::u8path(LogPath()), kMaxRecordFileBytes + 4096);
  const std::uintmax_t size_before = fs::file_size(fs::u8path(LogPath()));
  // A second name for the file: after the compaction it must still name the archive, the very
  // same file (no copy).
  const std::string witness = data_.path() + "/witness";
  fs::create_hard_link(fs::u8path(LogPath()), fs::u8path(witness));
  HostProcess host(data_.path());
  ASSERT_TRUE(host.started());
  json history = Ask(host, R"({"v":1,"id":1,"type":"history"})");
  EXPECT_EQ(Code(history), 1302) << history.dump();  // too large to read back: said, not truncated
  json rec = Ask(host, RecordBody(2, "research"));
  ASSERT_EQ(rec["ok"], true) << rec.dump();
  EXPECT_EQ(rec["seq"], 3) << "seq continues after the archived line 1 and the compaction marker";
  EXPECT_TRUE(StillServes(host, 3));

  std::string archive;
  for (const auto& e : std::filesystem::directory_iterator(data_.path())) {
    if (e.path().filename().string().rfind("record-", 0) == 0) archive = e.path().string();
  }
  ASSERT_FALSE(archive.empty()) << "no archive next to record.log";
  EXPECT_EQ(fs::file_size(fs::u8path(archive)), size_before) << "the archive is the old record, whole";
  EXPECT_TRUE(fs::equivalent(fs::u8path(archive), fs::u8path(witness))) << "the very same file, never rewritten";

  history = Ask(host, R"({"v":1,"id":4,"type":"history"})");
  ASSERT_EQ(history["ok"], true) << history.dump();
  ASSERT_EQ(history["entries"].size(), 2u) << history.dump();
  EXPECT_EQ(history["entries"][0]["outcome"], "compacted");
  EXPECT_EQ(history["entries"][0]["archive"], std::filesystem::path(archive).filename().string());
  EXPECT_EQ(history["entries"][1]["seq"], 3);
}

// Nobody can read a directory as a file (record_hostile_posix_test.cc also takes the read
// permission away from a real file).
TEST_F(RecordHostile, UnreadableFileIs1302AndHostKeepsServing) {
  ASSERT_TRUE(std::filesystem::create_directory(std::filesystem::u8path(LogPath())));
  HostProcess host(data_.path());
  ASSERT_TRUE(host.started());
  EXPECT_EQ(Code(Ask(host, R"({"v":1,"id":1,"type":"history"})")), 1302);
  EXPECT_EQ(Code(Ask(host, RecordBody(2, "research"))), 1301);
  EXPECT_TRUE(StillServes(host, 3));
}

}  // namespace
}  // namespace optout::hostile
