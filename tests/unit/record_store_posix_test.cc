// The record store on POSIX systems: the file and the directories made for it are the user's
// alone (mode bits), and the default directory follows XDG. Portable cases: record_store_test.cc.
#include <stdlib.h>
#include <sys/stat.h>

#include "gtest/gtest.h"
#include "record_store.h"
#include "test_util.h"

namespace optout {
namespace {

TEST(RecordStore, TheRecordAndTheDirectoriesMadeForItAreUserOnly) {
  testing::TempDir dir;
  RecordStore store(dir.path() + "/nested/optout");
  nlohmann::ordered_json c;
  c["setting"] = "research";
  c["url_path"] = "/p";
  c["verified"] = true;
  c["outcome"] = "changed";
  ASSERT_TRUE(store.Append(c).ok());
  struct stat st;
  ASSERT_EQ(::stat(store.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir.path() + "/nested/optout").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(RecordStore, DefaultDirFollowsEnvironment) {
  ::setenv("OPTOUT_DATA_DIR", "/tmp/a", 1);
  EXPECT_EQ(*RecordStore::DefaultDir(), "/tmp/a");
  ::unsetenv("OPTOUT_DATA_DIR");
  ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(*RecordStore::DefaultDir(), "/tmp/xdg/optout");
  ::setenv("XDG_DATA_HOME", "relative", 1);  // invalid per XDG: ignored
  ::setenv("HOME", "/home/u", 1);
  EXPECT_EQ(*RecordStore::DefaultDir(), "/home/u/.local/share/optout");
  ::unsetenv("XDG_DATA_HOME");
}

}  // namespace
}  // namespace optout
