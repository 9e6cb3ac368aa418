// Compaction on POSIX systems: the archive is user-only (mode bits), and forked appenders racing
// compactions lose nothing (fork). Portable cases, and the same race between threads:
// record_compaction_test.cc.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "gtest/gtest.h"
#include "record_race_check.h"
#include "record_store.h"
#include "test_util.h"

namespace optout {
namespace {

TEST(RecordCompaction, TheArchiveIsUserOnly) {
  testing::TempDir dir;
  RecordStore store(dir.path(), /*compact_at=*/8 * 1024);
  std::string archive;
  for (int i = 0; i < 1000 && archive.empty(); ++i) {
    ASSERT_TRUE(store.Append(testing::RaceChange(0, std::string(200, 'x'))).ok());
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
      if (e.path().filename().string().rfind("record-", 0) == 0) archive = e.path().string();
    }
  }
  ASSERT_FALSE(archive.empty()) << "never compacted";
  struct stat st {};
  ASSERT_EQ(::stat(archive.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(RecordCompaction, AppendersRacingCompactionsLoseNothingAndNeverReuseASeq) {
  testing::TempDir dir;
  constexpr int kChildren = 4, kEach = 120;
  std::vector<pid_t> children;
  for (int c = 0; c < kChildren; ++c) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      RecordStore store(dir.path(), /*compact_at=*/16 * 1024);
      for (int i = 0; i < kEach; ++i) {
        std::string id = std::to_string(c) + "_" + std::to_string(i);
        if (!store.Append(testing::RaceChange(c, id)).ok()) ::_exit(1);
      }
      ::_exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  testing::CheckRacedRecord(dir.path(), kChildren, kEach);
}

}  // namespace
}  // namespace optout
