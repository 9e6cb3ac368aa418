#include "installer.h"

#include <sys/stat.h>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

InstallOptions Chromium(const std::string& user_data_dir) {
  InstallOptions o;
  o.browser = "chromium";
  o.user_data_dir = user_data_dir;
  o.host_path = "/opt/optout/bin/optout-host";
  o.home = "/home/nobody";
  return o;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

TEST(Installer, WritesManifestIntoUserDataDirAndUninstallRemovesIt) {
  testing::TempDir dir;
  InstallOptions o = Chromium(dir.path() + "/profile");
  auto r = InstallManifest(o);
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string expected = dir.path() + "/profile/NativeMessagingHosts/com.optout.host.json";
  EXPECT_EQ(r->manifest_path, expected);

  json m = json::parse(testing::ReadFile(expected));
  EXPECT_EQ(m["name"], "com.optout.host");
  EXPECT_EQ(m["type"], "stdio");
  EXPECT_EQ(m["path"], "/opt/optout/bin/optout-host");
  EXPECT_EQ(m["allowed_origins"], json::array({"chrome-extension://ckjgoakhngifaebchaaffcpfmbkojdni/"}));
  EXPECT_FALSE(m.contains("allowed_extensions"));

  auto u = UninstallManifest(o);
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->removed);
  EXPECT_FALSE(Exists(expected));
  auto again = UninstallManifest(o);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->removed) << "nothing left to remove";
}

TEST(Installer, ReinstallReplacesAndLeavesNoTempFiles) {
  testing::TempDir dir;
  InstallOptions o = Chromium(dir.path());
  ASSERT_TRUE(InstallManifest(o).ok());
  o.extension_id = "abcdefghijklmnopabcdefghijklmnop";
  ASSERT_TRUE(InstallManifest(o).ok());
  json m = json::parse(testing::ReadFile(dir.path() + "/NativeMessagingHosts/com.optout.host.json"));
  EXPECT_EQ(m["allowed_origins"][0], "chrome-extension://abcdefghijklmnopabcdefghijklmnop/");
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir.path() + "/NativeMessagingHosts")) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST(Installer, UserLevelPaths) {
  InstallOptions o = Chromium("");
  EXPECT_EQ(*ManifestPath(o), "/home/nobody/.config/chromium/NativeMessagingHosts/com.optout.host.json");
  o.browser = "chrome";
  EXPECT_EQ(*ManifestPath(o), "/home/nobody/.config/google-chrome/NativeMessagingHosts/com.optout.host.json");
  o.browser = "brave";
  EXPECT_EQ(*ManifestPath(o),
            "/home/nobody/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts/com.optout.host.json");
  o.browser = "firefox";
  EXPECT_EQ(*ManifestPath(o), "/home/nobody/.mozilla/native-messaging-hosts/com.optout.host.json");
  o.system = true;
  EXPECT_EQ(*ManifestPath(o), "/usr/lib/mozilla/native-messaging-hosts/com.optout.host.json");
}

TEST(Installer, FirefoxManifestUsesAddonId) {
  InstallOptions o = Chromium("");
  o.browser = "firefox";
  json m = json::parse(*ManifestText(o));
  EXPECT_EQ(m["allowed_extensions"], json::array({"optout@optout.dev"}));
  EXPECT_FALSE(m.contains("allowed_origins"));
}

TEST(Installer, RejectsBadInput) {
  InstallOptions o = Chromium("");
  o.extension_id = "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP";
  EXPECT_FALSE(ManifestText(o).ok());
  o.extension_id = "abcdefghijklmnopq";  // wrong length, and q is not a-p
  EXPECT_FALSE(ManifestText(o).ok());
  o = Chromium("");
  o.host_path = "relative/optout-host";
  EXPECT_FALSE(ManifestText(o).ok());
  o = Chromium("");
  o.browser = "netscape";
  EXPECT_FALSE(ManifestPath(o).ok());
  o = Chromium("/tmp/x");
  o.system = true;
  EXPECT_FALSE(ManifestPath(o).ok());
  o = Chromium("/tmp/x");
  o.browser = "firefox";
  EXPECT_FALSE(ManifestPath(o).ok());
}

}  // namespace
}  // namespace optout
