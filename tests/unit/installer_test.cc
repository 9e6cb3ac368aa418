#include "installer.h"

#include <sys/stat.h>

#include "allowed_callers.h"
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
  o.store = {};  // a development build; tests that need store ids set them
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
  o.extension_ids = {"abcdefghijklmnopabcdefghijklmnop"};
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
  o.extension_ids = {"ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP"};
  EXPECT_FALSE(ManifestText(o).ok());
  o.extension_ids = {"abcdefghijklmnopq"};  // wrong length, and q is not a-p
  EXPECT_FALSE(ManifestText(o).ok());
  o.extension_ids = {"abcdefghijklmnopabcdefghijklmnop", "chrome-extension://abcdefghijklmnopabcdefghijklmnop/"};
  EXPECT_FALSE(ManifestText(o).ok()) << "every id is checked, not only the first";
  o = Chromium("");
  o.browser = "firefox";
  o.extension_ids = {"abcdefghijklmnopabcdefghijklmnop"};
  EXPECT_FALSE(ManifestText(o).ok()) << "Firefox has one add-on id";
  o.extension_ids.clear();
  o.dev = true;
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

constexpr char kDevOrigin[] = "chrome-extension://ckjgoakhngifaebchaaffcpfmbkojdni/";
constexpr char kStoreId[] = "aaaabbbbccccddddeeeeffffgggghhhh";
constexpr char kEdgeId[] = "ppppoooonnnnmmmmllllkkkkjjjjiiii";

json AllowedOrigins(const InstallOptions& o) { return json::parse(*ManifestText(o))["allowed_origins"]; }

// Finding 6 of issue 8: anyone can copy the public key that gives an unpacked extension/ its id,
// so a build with store ids registers those, and the development id only when asked.
TEST(Installer, StoreBuildRegistersStoreIdsNotTheDevelopmentId) {
  InstallOptions o = Chromium("");
  o.store = {kStoreId, kEdgeId};
  auto allowed = AllowedIdsFor(o);
  ASSERT_TRUE(allowed.ok());
  EXPECT_EQ(allowed->ids, std::vector<std::string>({kStoreId}));
  EXPECT_TRUE(allowed->note.empty());
  EXPECT_EQ(AllowedOrigins(o), json::array({std::string("chrome-extension://") + kStoreId + "/"}));
  o.browser = "edge";  // Edge installs from its own store and from the Chrome Web Store
  EXPECT_EQ(AllowedIdsFor(o)->ids, std::vector<std::string>({kEdgeId, kStoreId}));
  o.dev = true;  // a developer's own build next to the store one
  EXPECT_EQ(AllowedIdsFor(o)->ids, std::vector<std::string>({"ckjgoakhngifaebchaaffcpfmbkojdni"}));
  o.extension_ids = {kStoreId, kStoreId};
  EXPECT_EQ(AllowedIdsFor(o)->ids, std::vector<std::string>({kStoreId, "ckjgoakhngifaebchaaffcpfmbkojdni"}))
      << "given ids, then the development id, each once";
}

TEST(Installer, DevelopmentBuildRegistersTheDevelopmentIdAndSaysSo) {
  InstallOptions o = Chromium("");
  auto allowed = AllowedIdsFor(o);
  ASSERT_TRUE(allowed.ok());
  EXPECT_EQ(allowed->ids, std::vector<std::string>({"ckjgoakhngifaebchaaffcpfmbkojdni"}));
  EXPECT_NE(allowed->note.find("any unpacked copy"), std::string::npos) << allowed->note;
  o.extension_ids = {kStoreId};
  allowed = AllowedIdsFor(o);
  EXPECT_EQ(allowed->ids, std::vector<std::string>({kStoreId}));
  EXPECT_TRUE(allowed->note.empty()) << "given ids replace the development id";
}

TEST(Installer, RecordsCallersAndUninstallForgetsThem) {
  testing::TempDir dir;
  InstallOptions a = Chromium(dir.path() + "/profile-a");
  a.callers_dir = dir.path() + "/data";
  InstallOptions b = Chromium(dir.path() + "/profile-b");
  b.callers_dir = a.callers_dir;
  b.extension_ids = {kStoreId};
  auto ra = InstallManifest(a);
  ASSERT_TRUE(ra.ok()) << ra.status();
  EXPECT_EQ(ra->allowed_origins, std::vector<std::string>({kDevOrigin}));
  ASSERT_TRUE(InstallManifest(b).ok());
  ASSERT_TRUE(InstallManifest(b).ok()) << "a reinstall replaces its own entry";
  auto callers = ReadAllowedCallers(a.callers_dir, false);
  ASSERT_TRUE(callers.ok()) << callers.status();
  ASSERT_EQ(callers->size(), 2u);
  EXPECT_EQ((*callers)[0].origin, kDevOrigin);
  EXPECT_EQ((*callers)[0].manifest, ra->manifest_path);
  EXPECT_EQ((*callers)[1].origin, std::string("chrome-extension://") + kStoreId + "/");
  EXPECT_TRUE(CheckCaller(kDevOrigin, {{a.callers_dir, false}}).allowed);

  ASSERT_TRUE(UninstallManifest(a).ok());
  callers = ReadAllowedCallers(a.callers_dir, false);
  ASSERT_EQ(callers->size(), 1u) << "only profile a's entry is forgotten";
  EXPECT_FALSE(CheckCaller(kDevOrigin, {{a.callers_dir, false}}).allowed);
  EXPECT_TRUE(CheckCaller(std::string("chrome-extension://") + kStoreId + "/", {{a.callers_dir, false}}).allowed);
}

TEST(Installer, FirefoxRecordsItsAddonOrigin) {
  testing::TempDir dir;
  InstallOptions o = Chromium("");
  o.browser = "firefox";
  o.home = dir.path();
  o.callers_dir = dir.path() + "/data";
  auto r = InstallManifest(o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->allowed_origins, std::vector<std::string>({"firefox:optout@optout.dev"}));
}

// A package stages the system install under a root; what the files say is where they will be.
TEST(Installer, StagedSystemInstallNamesTheTargetPaths) {
  testing::TempDir dir;
  InstallOptions o = Chromium("");
  o.system = true;
  o.root = dir.path() + "/stage";
  o.host_path = "/usr/bin/optout-host";
  o.callers_dir = o.root + "/etc/optout";
  auto r = InstallManifest(o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->manifest_path, o.root + "/etc/chromium/native-messaging-hosts/com.optout.host.json");
  EXPECT_EQ(json::parse(testing::ReadFile(r->manifest_path))["path"], "/usr/bin/optout-host");
  auto callers = ReadAllowedCallers(o.callers_dir, true);
  ASSERT_TRUE(callers.ok()) << callers.status();
  ASSERT_EQ(callers->size(), 1u);
  EXPECT_EQ((*callers)[0].manifest, "/etc/chromium/native-messaging-hosts/com.optout.host.json");
  o.system = false;
  EXPECT_FALSE(ManifestPath(o).ok()) << "--root stages only a system install";
}

// The manifest comes from manifests/*.json.in; values are JSON-encoded into it, so a path with
// quotes or backslashes stays one string.
TEST(Installer, TemplateKeepsAnOddPathInsideItsString) {
  InstallOptions o = Chromium("");
  o.host_path = "/opt/we\"ird\\/optout-host";
  auto text = ManifestText(o);
  ASSERT_TRUE(text.ok()) << text.status();
  json m = json::parse(*text);
  EXPECT_EQ(m["path"], o.host_path);
  EXPECT_EQ(m.size(), 5u) << *text;
}

}  // namespace
}  // namespace optout
