#include "launch_args.h"

#include "gtest/gtest.h"

namespace optout {
namespace {

TEST(LaunchArgs, ChromeOriginWithParentWindow) {
  LaunchArgs a = ParseLaunchArgs({"optout-host", "chrome-extension://abc/", "--parent-window=1234"}, true);
  EXPECT_EQ(a.mode, LaunchMode::kServe);
  EXPECT_EQ(a.caller, "chrome-extension://abc/");
  EXPECT_EQ(a.origin, "chrome-extension://abc/") << "checked against the installed callers";
  EXPECT_TRUE(a.error.empty());
}

TEST(LaunchArgs, FirefoxManifestAndAddonId) {
  LaunchArgs a = ParseLaunchArgs(
      {"optout-host", "/home/u/.mozilla/native-messaging-hosts/com.optout.host.json", "optout@optout.dev"}, true,
      Os::kLinux);
  EXPECT_EQ(a.mode, LaunchMode::kServe);
  EXPECT_NE(a.caller.find("optout@optout.dev"), std::string::npos);
  EXPECT_EQ(a.origin, "firefox:optout@optout.dev");
}

// Firefox on Windows passes the manifest's path as the registry has it.
TEST(LaunchArgs, FirefoxOnWindowsPassesADrivePath) {
  const std::string manifest = R"(C:\Users\u\AppData\Local\OptOut\com.optout.host.firefox.json)";
  LaunchArgs a = ParseLaunchArgs({"optout-host.exe", manifest, "optout@optout.dev"}, false, Os::kWindows);
  EXPECT_EQ(a.mode, LaunchMode::kServe) << "a C:\\ manifest path is Firefox starting the host, not a CLI call";
  EXPECT_EQ(a.origin, "firefox:optout@optout.dev");
  EXPECT_EQ(ParseLaunchArgs({"optout-host.exe", R"(\\srv\share\x.json)", "id"}, false, Os::kWindows).mode,
            LaunchMode::kServe);
  // Not absolute on Windows: the CLI sees it (and refuses it), never a served caller.
  EXPECT_EQ(ParseLaunchArgs({"optout-host.exe", R"(x\y.json)", "id"}, false, Os::kWindows).mode, LaunchMode::kCli);
  EXPECT_EQ(ParseLaunchArgs({"optout-host.exe", R"(C:y.json)", "id"}, false, Os::kWindows).mode, LaunchMode::kCli);
  // And a drive path means nothing on Linux.
  EXPECT_EQ(ParseLaunchArgs({"optout-host", manifest, "optout@optout.dev"}, false, Os::kLinux).mode, LaunchMode::kCli);
}

TEST(LaunchArgs, NoArgumentsDependsOnStdin) {
  EXPECT_EQ(ParseLaunchArgs({"optout-host"}, false).mode, LaunchMode::kServe);  // portal: a pipe
  EXPECT_EQ(ParseLaunchArgs({"optout-host"}, true).mode, LaunchMode::kCli);     // a person: help
}

TEST(LaunchArgs, ExplicitServe) {
  LaunchArgs a = ParseLaunchArgs({"optout-host", "serve", "--rules", "/r"}, true);
  EXPECT_EQ(a.mode, LaunchMode::kServe);
  EXPECT_EQ(a.rules_dir, "/r");
  EXPECT_FALSE(ParseLaunchArgs({"optout-host", "serve", "--bogus"}, true).error.empty());
  LaunchArgs b = ParseLaunchArgs({"optout-host", "--rules", "/r2", "serve"}, true);
  EXPECT_EQ(b.mode, LaunchMode::kServe);
  EXPECT_EQ(b.rules_dir, "/r2");
  EXPECT_TRUE(a.origin.empty() && b.origin.empty()) << "started by the user: no caller to check";
  EXPECT_TRUE(ParseLaunchArgs({"optout-host"}, false).origin.empty());
}

TEST(LaunchArgs, EverythingElseIsCli) {
  EXPECT_EQ(ParseLaunchArgs({"optout-host", "classify", "/tmp/x.json"}, false).mode, LaunchMode::kCli);
  EXPECT_EQ(ParseLaunchArgs({"optout-host", "--version"}, false).mode, LaunchMode::kCli);
  EXPECT_EQ(ParseLaunchArgs({"optout-host", "relative.json", "id"}, false).mode, LaunchMode::kCli);
  EXPECT_EQ(ParseLaunchArgs({"optout-host", "/abs/not-json", "id"}, false).mode, LaunchMode::kCli);
}

}  // namespace
}  // namespace optout
