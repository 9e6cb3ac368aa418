// The record is the user's proof and the learned pack changes what OptOut flips: the host must
// write only files that are really its own, in a directory no one else can write to. Each case
// here is something another account (or a careless setup) could do to the data directory.
// POSIX only (symlinks, FIFOs, mode bits, owners); private_files_test.cc has the portable cases.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "gtest/gtest.h"
#include "installer.h"
#include "record_store.h"
#include "test_util.h"
#include "user_packs.h"

namespace optout {
namespace {

nlohmann::ordered_json Change() {
  nlohmann::ordered_json c;
  c["setting"] = "research";
  c["url_path"] = "/p";
  c["verified"] = true;
  c["outcome"] = "changed";
  return c;
}

mode_t Mode(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

TEST(PrivateFiles, ASymlinkedRecordIsRefusedAndItsTargetIsUntouched) {
  testing::TempDir dir;
  const std::string victim = dir.path() + "/elsewhere.txt";
  testing::WriteFile(victim, "someone else's file\n");
  ASSERT_EQ(::symlink(victim.c_str(), (dir.path() + "/record.log").c_str()), 0);
  RecordStore store(dir.path());
  absl::StatusOr<AppendResult> appended = store.Append(Change());
  ASSERT_FALSE(appended.ok());
  EXPECT_NE(appended.status().message().find("is a symbolic link"), std::string::npos) << appended.status();
  EXPECT_EQ(testing::ReadFile(victim), "someone else's file\n");
  absl::StatusOr<RecordContents> read = store.Read();  // history does not follow it either
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("is a symbolic link"), std::string::npos) << read.status();
}

TEST(PrivateFiles, AFifoInPlaceOfTheRecordIsRefusedWithoutHanging) {
  testing::TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path() + "/record.log").c_str(), 0600), 0);
  RecordStore store(dir.path());
  absl::StatusOr<RecordContents> read = store.Read();  // a blocking open() would never return
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("not a regular file"), std::string::npos) << read.status();
  EXPECT_FALSE(store.Append(Change()).ok());
}

TEST(PrivateFiles, AnExistingRecordReadableByOthersIsMadePrivate) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/record.log";
  testing::WriteFile(path, "");
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  ASSERT_TRUE(RecordStore(dir.path()).Append(Change()).ok());
  EXPECT_EQ(Mode(path), 0600u);
}

TEST(PrivateFiles, ADataDirectoryOthersCanWriteIsRefused) {
  testing::TempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0777), 0);
  absl::StatusOr<AppendResult> appended = RecordStore(dir.path()).Append(Change());
  ASSERT_FALSE(appended.ok());
  EXPECT_NE(appended.status().message().find("writable by group or others (mode 0777)"), std::string::npos)
      << appended.status();
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/record.log"));

  // The learned pack is held to the same rule.
  const std::string rules = dir.path() + "/rules";
  ASSERT_EQ(::mkdir(rules.c_str(), 0770), 0);
  ASSERT_EQ(::chmod(rules.c_str(), 0770), 0);
  absl::StatusOr<std::vector<RulePack>> packs = LoadEmbeddedRulePacks();
  ASSERT_TRUE(packs.ok());
  absl::StatusOr<std::unique_ptr<Classifier>> classifier = Classifier::Build(*packs);
  ASSERT_TRUE(classifier.ok());
  absl::StatusOr<LearnResult> learned = LearnLabel(
      rules, *packs, **classifier, {"ads_location", "Konumumu kullan", "tr", "/mypreferences/d/settings/ads-location"});
  ASSERT_FALSE(learned.ok());
  EXPECT_NE(learned.status().message().find("writable by group or others"), std::string::npos) << learned.status();
  EXPECT_FALSE(std::filesystem::exists(rules + "/learned.json"));
}

TEST(PrivateFiles, ARecordOfAnotherUserIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file to another user";
  testing::TempDir dir;
  const std::string path = dir.path() + "/record.log";
  testing::WriteFile(path, "");
  ASSERT_EQ(::chown(path.c_str(), 65534, 65534), 0);
  absl::StatusOr<AppendResult> appended = RecordStore(dir.path()).Append(Change());
  ASSERT_FALSE(appended.ok());
  EXPECT_NE(appended.status().message().find("belongs to another user (uid 65534)"), std::string::npos)
      << appended.status();
}

TEST(PrivateFiles, AProfileDirectoryTheInstallerCreatesIsTheUsersAlone) {
  testing::TempDir dir;
  InstallOptions o;
  o.browser = "chromium";
  o.user_data_dir = dir.path() + "/new-profile";
  o.host_path = "/usr/bin/optout-host";
  ASSERT_TRUE(InstallManifest(o).ok());
  EXPECT_EQ(Mode(o.user_data_dir), 0700u);
  EXPECT_EQ(Mode(o.user_data_dir + "/NativeMessagingHosts"), 0755u);
}

// A manifest path that is a symlink (to a file of someone else's) is replaced, not written through.
TEST(PrivateFiles, AManifestSymlinkIsReplacedAndItsTargetIsUntouched) {
  testing::TempDir dir;
  InstallOptions o;
  o.browser = "chromium";
  o.user_data_dir = dir.path() + "/profile";
  o.host_path = "/usr/bin/optout-host";
  const std::string hosts = o.user_data_dir + "/NativeMessagingHosts";
  std::filesystem::create_directories(hosts);
  const std::string victim = dir.path() + "/victim.txt";
  testing::WriteFile(victim, "not yours\n");
  std::filesystem::create_symlink(victim, hosts + "/com.optout.host.json");
  ASSERT_TRUE(InstallManifest(o).ok());
  EXPECT_EQ(testing::ReadFile(victim), "not yours\n");
  EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::symlink_status(hosts + "/com.optout.host.json")));
  EXPECT_EQ(Mode(hosts + "/com.optout.host.json"), 0644u);
}

}  // namespace
}  // namespace optout
