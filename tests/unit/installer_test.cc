#include "installer.h"

#include <sys/stat.h>

#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "allowed_callers.h"
#include "cli.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "os.h"
#include "os_locations.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

// A fixed environment instead of the process's.
EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}

InstallOptions Chromium(const std::string& user_data_dir) {
  InstallOptions o;
  o.browser = "chromium";
  o.user_data_dir = user_data_dir;
  o.host_path = "/opt/optout/bin/optout-host";
  o.os = Os::kLinux;
  o.env = Env({{"HOME", "/home/nobody"}});
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
  o.system = true;  // staged: no home directory needed
  o.root = dir.path() + "/stage";
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

// ---- other systems: the same code with the Os and environment given ----

// Records what a Windows install does to the registry, and checks at each call that the manifest
// is where it must be at that moment.
struct FakeRegistry {
  std::map<std::pair<platform::RegistryHive, std::string>, std::string> values;
  std::vector<std::string> calls;
  std::string manifest;  // the file on this machine
  bool fail = false;

  RegistryOps Ops() {
    RegistryOps ops;
    ops.set_default = [this](platform::RegistryHive hive, const std::string& key, const std::string& value) {
      calls.push_back(std::string("set ") + HiveName(hive) + " " + key + " = " + value);
      EXPECT_TRUE(Exists(manifest)) << "the key is set after the manifest is written";
      if (fail) return absl::PermissionDeniedError("access denied");
      values[{hive, key}] = value;
      return absl::OkStatus();
    };
    ops.delete_key = [this](platform::RegistryHive hive, const std::string& key) -> absl::StatusOr<bool> {
      calls.push_back(std::string("delete ") + HiveName(hive) + " " + key);
      EXPECT_TRUE(!values.count({hive, key}) || Exists(manifest)) << "the key is deleted before the manifest";
      if (fail) return absl::PermissionDeniedError("access denied");
      return values.erase({hive, key}) > 0;
    };
    return ops;
  }
};

// Linux and macOS never touch a registry.
RegistryOps NoRegistry() {
  RegistryOps ops;
  ops.set_default = [](platform::RegistryHive, const std::string& key, const std::string&) {
    ADD_FAILURE() << "registry written: " << key;
    return absl::InternalError("no registry here");
  };
  ops.delete_key = [](platform::RegistryHive, const std::string& key) -> absl::StatusOr<bool> {
    ADD_FAILURE() << "registry key deleted: " << key;
    return absl::InternalError("no registry here");
  };
  return ops;
}

// A directory of this machine as a Windows-absolute path. On Linux "//tmp/optout-test-X/dir" is
// absolute for Windows (a share) and names /tmp/optout-test-X/dir, so a Windows install run here
// writes into the test's directory; its ".../dir\OptOut" is then one directory name.
std::string WindowsAbsolute(const std::string& local_dir, const std::string& name) {
  if (ThisOs() == Os::kWindows) return JoinPath(local_dir, name);
  return "/" + local_dir + "/" + name;
}

struct WindowsInstall {
  testing::TempDir tmp;
  std::string local_app_data = WindowsAbsolute(tmp.path(), "AppData");
  std::string windows_dir = local_app_data + "\\OptOut";  // as Windows names it
  FakeRegistry registry;
  InstallOptions o;

  explicit WindowsInstall(const std::string& browser) {
    o.os = Os::kWindows;
    o.env = Env({{"LOCALAPPDATA", local_app_data}, {"HOME", "/home/nobody"}});
    o.browser = browser;
    o.host_path = "C:\\Users\\ann\\AppData\\Local\\OptOut\\optout-host.exe";
    o.store = {};
    o.callers_dir = tmp.path() + "/data";
    registry.manifest = JoinPath(ThisOs(), windows_dir, "com.optout.host." + browser + ".json");
    o.registry = registry.Ops();
  }
};

TEST(WindowsInstaller, WritesTheManifestThenTheKeyAndUninstallDeletesTheKeyThenTheManifest) {
  WindowsInstall w("chrome");
  const std::string key = "Software\\Google\\Chrome\\NativeMessagingHosts\\com.optout.host";
  const std::string windows_path = w.windows_dir + "\\com.optout.host.chrome.json";
  auto r = InstallManifest(w.o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->manifest_path, w.registry.manifest);
  EXPECT_FALSE(r->staged);
  ASSERT_TRUE(r->registry_key.has_value());
  EXPECT_EQ(r->registry_key->key, key);
  EXPECT_EQ(r->registry_value, windows_path);
  EXPECT_EQ(w.registry.calls, std::vector<std::string>({"set HKCU " + key + " = " + windows_path}));
  json m = json::parse(testing::ReadFile(w.registry.manifest));
  EXPECT_EQ(m["path"], w.o.host_path);
  EXPECT_EQ(m["allowed_origins"], json::array({kDevOrigin}));
  auto callers = ReadAllowedCallers(w.o.callers_dir, false);
  ASSERT_TRUE(callers.ok()) << callers.status();
  ASSERT_EQ(callers->size(), 1u);
  EXPECT_EQ((*callers)[0].manifest, windows_path) << "the path the browser reads, as the key names it";
  EXPECT_EQ((*callers)[0].browser, "chrome");

  w.registry.calls.clear();
  auto u = UninstallManifest(w.o);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(w.registry.calls, std::vector<std::string>({"delete HKCU " + key}));
  ASSERT_TRUE(u->registry_key.has_value());
  EXPECT_EQ(u->registry_key->hive, platform::RegistryHive::kCurrentUser);
  EXPECT_EQ(u->registry_key->key, key);
  EXPECT_TRUE(u->registry_removed);
  EXPECT_TRUE(u->removed);
  EXPECT_EQ(u->manifest_path, w.registry.manifest);
  EXPECT_FALSE(Exists(w.registry.manifest));
  EXPECT_TRUE(w.registry.values.empty());
  EXPECT_TRUE(ReadAllowedCallers(w.o.callers_dir, false)->empty());

  auto again = UninstallManifest(w.o);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->registry_removed);
  EXPECT_FALSE(again->removed);
}

TEST(WindowsInstaller, SystemInstallWritesHklmAndProgramFiles) {
  WindowsInstall w("firefox");
  w.o.system = true;
  const std::string windows_dir = WindowsAbsolute(w.tmp.path(), "Program Files") + "\\OptOut";
  w.o.env = Env({{"ProgramFiles", WindowsAbsolute(w.tmp.path(), "Program Files")}});
  w.o.callers_dir.clear();
  w.o.host_path = "C:\\Program Files\\OptOut\\optout-host.exe";
  w.registry.manifest = JoinPath(ThisOs(), windows_dir, "com.optout.host.firefox.json");
  auto r = InstallManifest(w.o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(w.registry.calls,
            std::vector<std::string>({"set HKLM Software\\Mozilla\\NativeMessagingHosts\\com.optout.host = " +
                                      windows_dir + "\\com.optout.host.firefox.json"}));
  EXPECT_EQ(json::parse(testing::ReadFile(w.registry.manifest))["allowed_extensions"],
            json::array({"optout@optout.dev"}));
}

TEST(WindowsInstaller, AFailedRegistryCallIsAnErrorAndAFailedDeleteKeepsTheManifest) {
  WindowsInstall w("edge");
  w.registry.fail = true;
  auto r = InstallManifest(w.o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "access denied");
  w.registry.fail = false;
  ASSERT_TRUE(InstallManifest(w.o).ok());
  w.registry.fail = true;
  auto u = UninstallManifest(w.o);
  ASSERT_FALSE(u.ok());
  EXPECT_TRUE(Exists(w.registry.manifest)) << "the key still names it, so it stays";
  EXPECT_EQ(ReadAllowedCallers(w.o.callers_dir, false)->size(), 1u);
}

TEST(WindowsInstaller, RefusesUserDataDirAndPosixHostPaths) {
  WindowsInstall w("chromium");
  w.o.user_data_dir = w.tmp.path() + "/profile";
  auto r = InstallManifest(w.o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--user-data-dir does not apply on Windows"), std::string::npos) << r.status();
  EXPECT_FALSE(UninstallManifest(w.o).ok());
  EXPECT_FALSE(Exists(w.o.user_data_dir)) << "nothing created";
  w.o.user_data_dir.clear();
  for (const char* bad : {"/usr/bin/optout-host", "optout-host.exe", "\\OptOut\\optout-host.exe"}) {
    w.o.host_path = bad;
    EXPECT_FALSE(InstallManifest(w.o).ok()) << bad;
  }
  EXPECT_TRUE(w.registry.calls.empty());
}

TEST(MacOsInstaller, WritesUnderLibraryApplicationSupportWithoutARegistry) {
  if (ThisOs() == Os::kWindows) GTEST_SKIP() << "a macOS HOME is a POSIX path";
  testing::TempDir tmp;
  InstallOptions o = Chromium("");
  o.os = Os::kMacOs;
  o.browser = "edge";
  o.env = Env({{"HOME", tmp.path()}});
  o.registry = NoRegistry();
  auto r = InstallManifest(o);
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string path =
      tmp.path() + "/Library/Application Support/Microsoft Edge/NativeMessagingHosts/com.optout.host.json";
  EXPECT_EQ(r->manifest_path, path);
  EXPECT_FALSE(r->registry_key.has_value());
  EXPECT_EQ(json::parse(testing::ReadFile(path))["path"], "/opt/optout/bin/optout-host");
  auto u = UninstallManifest(o);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_TRUE(u->removed);
  EXPECT_FALSE(u->registry_key.has_value());
  EXPECT_FALSE(Exists(path));
}

TEST(Installer, LinuxNeverTouchesARegistry) {
  testing::TempDir dir;
  InstallOptions o = Chromium(dir.path() + "/profile");
  o.registry = NoRegistry();
  auto r = InstallManifest(o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->registry_key.has_value());
  ASSERT_TRUE(UninstallManifest(o).ok());
}

// ---- staging the Windows package (.msi) ----

TEST(WindowsStaging, WritesTheManifestAndCallersInTheRootAndNoRegistry) {
  testing::TempDir dir;
  InstallOptions o = Chromium("");
  o.os = Os::kWindows;
  o.env = Env({});
  o.root = dir.path() + "/stage";
  o.host_path = "optout-host.exe";
  o.callers_dir = *CallersDirFor(o.os, {o.browser, o.system, o.user_data_dir, o.root}, o.env);
  o.registry = NoRegistry();
  EXPECT_EQ(o.callers_dir, o.root);
  auto r = InstallManifest(o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->staged);
  EXPECT_EQ(r->manifest_path, JoinPath(o.root, "com.optout.host.chromium.json"));
  ASSERT_TRUE(r->registry_key.has_value());
  EXPECT_EQ(r->registry_key->key, "Software\\Chromium\\NativeMessagingHosts\\com.optout.host");
  EXPECT_EQ(r->registry_value, "com.optout.host.chromium.json");
  EXPECT_EQ(json::parse(testing::ReadFile(r->manifest_path))["path"], "optout-host.exe")
      << "relative: Windows browsers resolve it against the manifest's directory";
  auto callers = ReadAllowedCallers(o.root, false);
  ASSERT_TRUE(callers.ok()) << callers.status();
  ASSERT_EQ(callers->size(), 1u);
  EXPECT_EQ((*callers)[0].manifest, "com.optout.host.chromium.json");

  // Only this staging takes a relative host path.
  o.host_path = "";
  EXPECT_FALSE(InstallManifest(o).ok()) << "empty";
  InstallOptions linux_stage = Chromium("");
  linux_stage.system = true;
  linux_stage.root = dir.path() + "/deb";
  linux_stage.host_path = "optout-host";
  EXPECT_FALSE(InstallManifest(linux_stage).ok());
  InstallOptions windows_user = o;
  windows_user.root.clear();
  windows_user.env = Env({{"LOCALAPPDATA", "C:\\x"}});
  windows_user.host_path = "optout-host.exe";
  EXPECT_FALSE(InstallManifest(windows_user).ok()) << "relative outside staging";

  auto u = UninstallManifest(o);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_TRUE(u->removed);
  EXPECT_FALSE(u->registry_key.has_value()) << "staging never touches the registry";
  EXPECT_TRUE(ReadAllowedCallers(o.root, false)->empty());
}

// Runs the CLI in this process; stdout and stderr captured.
struct CliRun {
  int status;
  std::string out;
  std::string err;
};
CliRun RunCliCaptured(std::vector<std::string> args) {
  args.insert(args.begin(), "optout-host");
  std::ostringstream out, err;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  const int status = RunCli(args);
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {status, out.str(), err.str()};
}

TEST(WindowsStaging, TheCliStagesAllSixBrowsersIntoOneDirectory) {
  testing::TempDir dir;
  const std::string stage = dir.path() + "/msi";
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"chrome",
       "registry HKCU Software\\Google\\Chrome\\NativeMessagingHosts\\com.optout.host com.optout.host.chrome.json\n"},
      {"chromium",
       "registry HKCU Software\\Chromium\\NativeMessagingHosts\\com.optout.host com.optout.host.chromium.json\n"},
      {"edge",
       "registry HKCU Software\\Microsoft\\Edge\\NativeMessagingHosts\\com.optout.host com.optout.host.edge.json\n"},
      {"brave",
       "registry HKCU Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\com.optout.host "
       "com.optout.host.brave.json\n"},
      {"vivaldi",
       "registry HKCU Software\\Vivaldi\\NativeMessagingHosts\\com.optout.host com.optout.host.vivaldi.json\n"},
      {"firefox",
       "registry HKCU Software\\Mozilla\\NativeMessagingHosts\\com.optout.host com.optout.host.firefox.json\n"},
  };
  for (const auto& [browser, line] : expected) {
    CliRun run = RunCliCaptured({"install", "--browser", browser, "--target-os", "windows", "--root", stage + "/",
                                 "--host-path", "optout-host.exe"});
    ASSERT_EQ(run.status, kCliOk) << browser << ": " << run.err;
    EXPECT_EQ(run.out, line) << "stdout is the one registry line";
  }
  std::set<std::string> files;
  for (auto& e : std::filesystem::directory_iterator(stage)) files.insert(e.path().filename().string());
  EXPECT_EQ(files, std::set<std::string>({"callers.json", "com.optout.host.brave.json", "com.optout.host.chrome.json",
                                          "com.optout.host.chromium.json", "com.optout.host.edge.json",
                                          "com.optout.host.firefox.json", "com.optout.host.vivaldi.json"}));
  for (const auto& [browser, line] : expected) {
    json m = json::parse(testing::ReadFile(stage + "/com.optout.host." + browser + ".json"));
    EXPECT_EQ(m["path"], "optout-host.exe") << browser;
    EXPECT_EQ(m.contains("allowed_extensions"), browser == "firefox") << browser;
  }
  auto callers = ReadAllowedCallers(stage, false);
  ASSERT_TRUE(callers.ok()) << callers.status();
  std::set<std::string> browsers;
  for (const AllowedCaller& c : *callers) {
    browsers.insert(c.browser);
    EXPECT_EQ(c.manifest, "com.optout.host." + c.browser + ".json");
  }
  EXPECT_EQ(browsers.size(), 6u);

  CliRun removed = RunCliCaptured({"uninstall", "--browser", "vivaldi", "--target-os", "windows", "--root", stage});
  ASSERT_EQ(removed.status, kCliOk) << removed.err;
  EXPECT_EQ(removed.out, "removed " + JoinPath(stage, "com.optout.host.vivaldi.json") + "\n");
  EXPECT_FALSE(Exists(stage + "/com.optout.host.vivaldi.json"));
  EXPECT_EQ(ReadAllowedCallers(stage, false)->size(), callers->size() - 1);
}

TEST(WindowsStaging, TheCliRefusesOtherSystemsWithoutARootAndRelativePaths) {
  if (ThisOs() != Os::kLinux) GTEST_SKIP() << "the cases stage for Windows from Linux";
  testing::TempDir dir;
  struct Case {
    std::vector<std::string> args;
    int status;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {{"install", "--browser", "chrome", "--target-os", "windows", "--host-path", "x"},
            kCliUsage,
            "--target-os windows only stages files for a package: add --root DIR"},
           {{"uninstall", "--browser", "chrome", "--target-os", "macos"}, kCliUsage, "add --root DIR"},
           {{"install", "--browser", "chrome", "--target-os", "windows", "--root", dir.path()},
            kCliUsage,
            "--target-os windows needs --host-path"},
           {{"install", "--browser", "chrome", "--target-os", "beos"},
            kCliUsage,
            "--target-os \"beos\" is not linux, windows or macos"},
           {{"install", "--browser", "chrome", "--target-os", "linux", "--root", dir.path(), "--host-path", "/x"},
            kCliUsage,
            "--root DIR needs an absolute DIR, and --system unless --target-os windows"},
           {{"install", "--browser", "chrome", "--target-os", "windows", "--root", "stage", "--host-path", "x.exe"},
            kCliUsage,
            "--root DIR needs an absolute DIR"},
           {{"install", "--browser", "chrome", "--system", "--root", dir.path(), "--host-path", "optout-host"},
            kCliFailed,
            "host path \"optout-host\" is not absolute"},
           {{"install", "--browser", "chrome", "--target-os", "windows", "--root", dir.path(), "--host-path", "x.exe",
             "--user-data-dir", "/p"},
            kCliFailed,
            "--user-data-dir does not apply on Windows"},
       }) {
    CliRun run = RunCliCaptured(c.args);
    EXPECT_EQ(run.status, c.status) << c.message << ": " << run.err;
    EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
  }
}

}  // namespace
}  // namespace optout
