#include "os.h"

#include "gtest/gtest.h"

namespace optout {
namespace {

TEST(Os, Names) {
  EXPECT_STREQ(OsName(Os::kLinux), "linux");
  EXPECT_STREQ(OsName(Os::kWindows), "windows");
  EXPECT_STREQ(OsName(Os::kMacOs), "macos");
}

TEST(Os, PosixAbsolutePathsStartWithASlash) {
  for (Os os : {Os::kLinux, Os::kMacOs}) {
    EXPECT_TRUE(IsAbsolutePath(os, "/")) << OsName(os);
    EXPECT_TRUE(IsAbsolutePath(os, "/usr/bin/optout-host")) << OsName(os);
    EXPECT_TRUE(IsAbsolutePath(os, "//server/share")) << OsName(os);
    EXPECT_FALSE(IsAbsolutePath(os, "")) << OsName(os);
    EXPECT_FALSE(IsAbsolutePath(os, "optout-host")) << OsName(os);
    EXPECT_FALSE(IsAbsolutePath(os, "./optout-host")) << OsName(os);
    EXPECT_FALSE(IsAbsolutePath(os, "C:\\OptOut")) << OsName(os) << ": a drive means nothing here";
    EXPECT_FALSE(IsAbsolutePath(os, "C:/OptOut")) << OsName(os);
    EXPECT_FALSE(IsAbsolutePath(os, "\\OptOut")) << OsName(os);
    EXPECT_FALSE(IsAbsolutePath(os, "\\\\server\\share")) << OsName(os);
  }
}

TEST(Os, WindowsAbsolutePathsNameADriveOrAShare) {
  // A drive letter and a separator, either slash.
  EXPECT_TRUE(IsAbsolutePath(Os::kWindows, "C:\\Users\\a\\AppData\\Local"));
  EXPECT_TRUE(IsAbsolutePath(Os::kWindows, "c:/Users/a"));
  EXPECT_TRUE(IsAbsolutePath(Os::kWindows, "Z:\\"));
  // UNC shares, with either slash.
  EXPECT_TRUE(IsAbsolutePath(Os::kWindows, "\\\\server\\share\\OptOut"));
  EXPECT_TRUE(IsAbsolutePath(Os::kWindows, "//server/share"));
  EXPECT_TRUE(IsAbsolutePath(Os::kWindows, "\\/server\\share"));
  // Relative to the current drive, to a drive's current directory, or to the current directory.
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "\\Users\\a"));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "\\x"));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "/x"));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "/usr/bin/optout-host"));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "C:x"));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "C:Users\\a"));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "C:"));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "optout-host.exe"));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, ".\\optout-host.exe"));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, ""));
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "\\\\\\x")) << "three separators name no server";
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "\\\\")) << "no server at all";
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "1:\\x")) << "not a drive letter";
  EXPECT_FALSE(IsAbsolutePath(Os::kWindows, "CC:\\x"));
}

TEST(Os, JoinPathUsesTheSystemsSeparatorOnce) {
  EXPECT_EQ(JoinPath(Os::kLinux, "/etc", "optout"), "/etc/optout");
  EXPECT_EQ(JoinPath(Os::kLinux, "/etc/", "optout"), "/etc/optout");
  EXPECT_EQ(JoinPath(Os::kLinux, "/", "etc"), "/etc");
  EXPECT_EQ(JoinPath(Os::kMacOs, "/Library", "Application Support"), "/Library/Application Support");
  EXPECT_EQ(JoinPath(Os::kLinux, "", "optout"), "optout");
  EXPECT_EQ(JoinPath(Os::kLinux, "a\\", "b"), "a\\/b") << "a backslash is a file name character on Linux";
  EXPECT_EQ(JoinPath(Os::kWindows, "C:\\Users\\a", "OptOut"), "C:\\Users\\a\\OptOut");
  EXPECT_EQ(JoinPath(Os::kWindows, "C:\\", "OptOut"), "C:\\OptOut");
  EXPECT_EQ(JoinPath(Os::kWindows, "C:/Users/", "OptOut"), "C:/Users/OptOut") << "a slash is a separator too";
  EXPECT_EQ(JoinPath(Os::kWindows, "\\\\server\\share", "x.json"), "\\\\server\\share\\x.json");
  EXPECT_EQ(JoinPath(Os::kWindows, "", "x.json"), "x.json");
}

TEST(Os, ThisOsIsTheBuildTarget) {
#if defined(_WIN32)
  EXPECT_EQ(ThisOs(), Os::kWindows);
#elif defined(__APPLE__)
  EXPECT_EQ(ThisOs(), Os::kMacOs);
#else
  EXPECT_EQ(ThisOs(), Os::kLinux);
#endif
  EXPECT_EQ(IsAbsolutePath("C:\\x"), IsAbsolutePath(ThisOs(), "C:\\x"));
  EXPECT_EQ(JoinPath("a", "b"), JoinPath(ThisOs(), "a", "b"));
}

}  // namespace
}  // namespace optout
