// The callers file on POSIX systems: a file another account could write, or a link to somewhere
// else, is not believed, and the file and directory install writes are the user's alone (mode
// bits). Portable cases: allowed_callers_test.cc.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "allowed_callers.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace optout {
namespace {

constexpr char kOrigin[] = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

void Write(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

std::string OneCaller(const std::string& origin) {
  return std::string(R"({"format":"optout-allowed-callers/1","callers":[{"origin":")") + origin +
         R"(","browser":"chromium","manifest":"/m.json"}]})";
}

// The file decides who may drive the host: one another account could write, or a link to
// somewhere else, is not believed, and the refusal says why.
TEST(AllowedCallers, UntrustworthyFilesAreNotBelieved) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/callers.json";
  Write(path, OneCaller(kOrigin), 0620);
  CallerDecision d = CheckCaller(kOrigin, {{dir.path(), false}});
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.reason.find("written by group or others"), std::string::npos) << d.reason;

  ASSERT_EQ(::unlink(path.c_str()), 0);
  Write(dir.path() + "/elsewhere.json", OneCaller(kOrigin), 0600);
  ASSERT_EQ(::symlink((dir.path() + "/elsewhere.json").c_str(), path.c_str()), 0);
  d = CheckCaller(kOrigin, {{dir.path(), false}});
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.reason.find("is a symbolic link; refusing to follow it"), std::string::npos) << d.reason;
}

TEST(AllowedCallers, TheCallersFileAndItsDirectoryAreUserOnly) {
  testing::TempDir dir;
  const std::string data = dir.path() + "/data";
  ASSERT_TRUE(RecordAllowedCallers(data, false, "/a.json", {{kOrigin, "chromium", "/a.json"}}).ok());
  struct stat st {};
  ASSERT_EQ(::stat((data + "/callers.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(data.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(AllowedCallers, RefusesToWriteIntoADirectoryOthersCanWrite) {
  testing::TempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0777), 0);
  EXPECT_FALSE(RecordAllowedCallers(dir.path(), false, "/a.json", {{kOrigin, "chromium", "/a.json"}}).ok());
}

}  // namespace
}  // namespace optout
