#include "os_locations.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace optout {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}

const EnvLookup kLinuxEnv = Env({{"HOME", "/home/ann"}});
const EnvLookup kMacEnv = Env({{"HOME", "/Users/ann"}});
const EnvLookup kWindowsEnv =
    Env({{"LOCALAPPDATA", "C:\\Users\\ann\\AppData\\Local"}, {"ProgramFiles", "C:\\Program Files"}});

std::string Message(const absl::Status& s) { return std::string(s.message()); }

// ---- data and config directories ----

TEST(DataDir, OptOutDataDirWinsAndMustBeAbsoluteForThatSystem) {
  EXPECT_EQ(*DataDirFor(Os::kLinux, Env({{"OPTOUT_DATA_DIR", "/srv/optout"}, {"HOME", "/home/ann"}})), "/srv/optout");
  EXPECT_EQ(*DataDirFor(Os::kMacOs, Env({{"OPTOUT_DATA_DIR", "/srv/optout"}})), "/srv/optout");
  EXPECT_EQ(*DataDirFor(Os::kWindows, Env({{"OPTOUT_DATA_DIR", "D:\\optout"}, {"LOCALAPPDATA", "C:\\x"}})),
            "D:\\optout");
  struct Case {
    Os os;
    const char* value;
  };
  for (const Case& c : std::vector<Case>{{Os::kLinux, "relative/optout"},
                                         {Os::kLinux, "C:\\optout"},
                                         {Os::kMacOs, "optout"},
                                         {Os::kWindows, "/srv/optout"},
                                         {Os::kWindows, "\\optout"},
                                         {Os::kWindows, "D:optout"}}) {
    absl::StatusOr<std::string> dir = DataDirFor(c.os, Env({{"OPTOUT_DATA_DIR", c.value}, {"HOME", "/home/ann"}}));
    ASSERT_FALSE(dir.ok()) << OsName(c.os) << " " << c.value << " -> " << *dir;
    EXPECT_TRUE(absl::IsInvalidArgument(dir.status())) << dir.status();
    EXPECT_EQ(Message(dir.status()), std::string("OPTOUT_DATA_DIR must be an absolute path, not \"") + c.value + "\"");
  }
}

TEST(DataDir, LinuxAsRecordStoreAlwaysDidIt) {
  EXPECT_EQ(*DataDirFor(Os::kLinux, Env({{"XDG_DATA_HOME", "/data"}, {"HOME", "/home/ann"}})), "/data/optout");
  EXPECT_EQ(*DataDirFor(Os::kLinux, Env({{"XDG_DATA_HOME", "rel"}, {"HOME", "/home/ann"}})),
            "/home/ann/.local/share/optout")
      << "XDG says a relative XDG_DATA_HOME is ignored";
  EXPECT_EQ(*DataDirFor(Os::kLinux, kLinuxEnv), "/home/ann/.local/share/optout");
  EXPECT_EQ(*DataDirFor(Os::kLinux, Env({{"XDG_DATA_HOME", "/data/"}})), "/data//optout") << "unchanged, byte for byte";
  absl::StatusOr<std::string> none = DataDirFor(Os::kLinux, Env({{"XDG_DATA_HOME", "rel"}}));
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(none.status()));
  EXPECT_EQ(Message(none.status()), "no data directory: set OPTOUT_DATA_DIR, XDG_DATA_HOME or HOME");
}

TEST(DataDir, WindowsIsLocalAppDataOptOut) {
  EXPECT_EQ(*DataDirFor(Os::kWindows, kWindowsEnv), "C:\\Users\\ann\\AppData\\Local\\OptOut");
  EXPECT_EQ(*DataDirFor(Os::kWindows, Env({{"LOCALAPPDATA", "C:\\Local\\"}})), "C:\\Local\\OptOut");
  EXPECT_EQ(*DataDirFor(Os::kWindows, Env({{"LOCALAPPDATA", "\\\\srv\\home\\ann"}})), "\\\\srv\\home\\ann\\OptOut");
  for (const char* bad : {"", "AppData\\Local", "\\Users\\ann", "C:Local"}) {
    absl::StatusOr<std::string> dir = DataDirFor(Os::kWindows, Env({{"LOCALAPPDATA", bad}, {"HOME", "/home/ann"}}));
    ASSERT_FALSE(dir.ok()) << bad << " -> " << *dir;
    EXPECT_TRUE(absl::IsFailedPrecondition(dir.status()));
    EXPECT_NE(Message(dir.status()).find("OPTOUT_DATA_DIR or LOCALAPPDATA"), std::string::npos) << dir.status();
  }
}

TEST(DataDir, MacOsIsApplicationSupportOptOut) {
  EXPECT_EQ(*DataDirFor(Os::kMacOs, kMacEnv), "/Users/ann/Library/Application Support/OptOut");
  EXPECT_EQ(*DataDirFor(Os::kMacOs, Env({{"HOME", "/Users/ann"}, {"XDG_DATA_HOME", "/data"}})),
            "/Users/ann/Library/Application Support/OptOut")
      << "XDG is a Linux convention";
  for (const char* bad : {"", "Users/ann"}) {
    absl::StatusOr<std::string> dir = DataDirFor(Os::kMacOs, Env({{"HOME", bad}}));
    ASSERT_FALSE(dir.ok()) << bad;
    EXPECT_TRUE(absl::IsFailedPrecondition(dir.status()));
    EXPECT_NE(Message(dir.status()).find("OPTOUT_DATA_DIR or HOME"), std::string::npos) << dir.status();
  }
}

TEST(SystemConfigDir, PerSystem) {
  EXPECT_EQ(*SystemConfigDirFor(Os::kLinux, Env({})), "/etc/optout");
  EXPECT_EQ(*SystemConfigDirFor(Os::kMacOs, Env({})), "/Library/Application Support/OptOut");
  EXPECT_EQ(*SystemConfigDirFor(Os::kWindows, kWindowsEnv), "C:\\Program Files\\OptOut");
  for (const char* bad : {"", "Program Files", "\\Program Files"}) {
    absl::StatusOr<std::string> dir = SystemConfigDirFor(Os::kWindows, Env({{"ProgramFiles", bad}}));
    ASSERT_FALSE(dir.ok()) << bad;
    EXPECT_TRUE(absl::IsFailedPrecondition(dir.status()));
    EXPECT_NE(Message(dir.status()).find("ProgramFiles"), std::string::npos) << dir.status();
  }
}

TEST(OsLocations, OsFromName) {
  EXPECT_EQ(OsFromName("linux"), Os::kLinux);
  EXPECT_EQ(OsFromName("windows"), Os::kWindows);
  EXPECT_EQ(OsFromName("macos"), Os::kMacOs);
  EXPECT_EQ(OsFromName("Windows"), std::nullopt);
  EXPECT_EQ(OsFromName("darwin"), std::nullopt);
  EXPECT_EQ(OsFromName(""), std::nullopt);
}

// ---- the browser table ----

TEST(BrowserTable, TheSixBrowsersInOrder) {
  std::vector<std::string> names;
  for (const BrowserRow& b : Browsers()) names.emplace_back(b.name);
  EXPECT_EQ(names, std::vector<std::string>({"chrome", "chromium", "edge", "brave", "vivaldi", "firefox"}));
  EXPECT_FALSE((*FindBrowser("firefox"))->chrome_family);
  EXPECT_TRUE((*FindBrowser("brave"))->chrome_family);
  absl::StatusOr<const BrowserRow*> unknown = FindBrowser("netscape");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(Message(unknown.status()).find("chrome, chromium, edge, brave, vivaldi, firefox"), std::string::npos);
}

struct Row {
  const char* browser;
  const char* user;    // the manifest's full path per user
  const char* system;  // system-wide; nullptr: refused
};

void ExpectRows(Os os, const EnvLookup& env, const std::vector<Row>& rows) {
  ASSERT_EQ(rows.size(), Browsers().size());
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(OsName(os)) + " " + row.browser);
    ManifestRequest r;
    r.browser = row.browser;
    absl::StatusOr<ManifestTarget> user = ManifestTargetFor(os, r, env);
    ASSERT_TRUE(user.ok()) << user.status();
    EXPECT_EQ(user->target_path, row.user);
    EXPECT_EQ(JoinPath(os, user->dir, user->file_name), row.user);
    EXPECT_FALSE(user->staging);
    EXPECT_EQ(user->registry.has_value(), os == Os::kWindows);
    r.system = true;
    absl::StatusOr<ManifestTarget> system = ManifestTargetFor(os, r, env);
    if (row.system == nullptr) {
      ASSERT_FALSE(system.ok()) << system->target_path;
      EXPECT_TRUE(absl::IsUnimplemented(system.status()));
      EXPECT_NE(Message(system.status()).find("install per user"), std::string::npos) << system.status();
      continue;
    }
    ASSERT_TRUE(system.ok()) << system.status();
    EXPECT_EQ(system->target_path, row.system);
    EXPECT_EQ(JoinPath(os, system->dir, system->file_name), row.system);
  }
}

TEST(BrowserTable, LinuxRows) {
  ExpectRows(
      Os::kLinux, kLinuxEnv,
      {{"chrome", "/home/ann/.config/google-chrome/NativeMessagingHosts/com.optout.host.json",
        "/etc/opt/chrome/native-messaging-hosts/com.optout.host.json"},
       {"chromium", "/home/ann/.config/chromium/NativeMessagingHosts/com.optout.host.json",
        "/etc/chromium/native-messaging-hosts/com.optout.host.json"},
       {"edge", "/home/ann/.config/microsoft-edge/NativeMessagingHosts/com.optout.host.json",
        "/etc/opt/edge/native-messaging-hosts/com.optout.host.json"},
       {"brave", "/home/ann/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts/com.optout.host.json", nullptr},
       {"vivaldi", "/home/ann/.config/vivaldi/NativeMessagingHosts/com.optout.host.json", nullptr},
       {"firefox", "/home/ann/.mozilla/native-messaging-hosts/com.optout.host.json",
        "/usr/lib/mozilla/native-messaging-hosts/com.optout.host.json"}});
}

TEST(BrowserTable, MacOsRows) {
  ExpectRows(
      Os::kMacOs, kMacEnv,
      {{"chrome", "/Users/ann/Library/Application Support/Google/Chrome/NativeMessagingHosts/com.optout.host.json",
        "/Library/Google/Chrome/NativeMessagingHosts/com.optout.host.json"},
       {"chromium", "/Users/ann/Library/Application Support/Chromium/NativeMessagingHosts/com.optout.host.json",
        "/Library/Application Support/Chromium/NativeMessagingHosts/com.optout.host.json"},
       {"edge", "/Users/ann/Library/Application Support/Microsoft Edge/NativeMessagingHosts/com.optout.host.json",
        "/Library/Microsoft/Edge/NativeMessagingHosts/com.optout.host.json"},
       {"brave",
        "/Users/ann/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts/"
        "com.optout.host.json",
        nullptr},
       {"vivaldi", "/Users/ann/Library/Application Support/Vivaldi/NativeMessagingHosts/com.optout.host.json", nullptr},
       {"firefox", "/Users/ann/Library/Application Support/Mozilla/NativeMessagingHosts/com.optout.host.json",
        "/Library/Application Support/Mozilla/NativeMessagingHosts/com.optout.host.json"}});
}

TEST(BrowserTable, WindowsRowsAreFilesInTheOptOutDirectory) {
  ExpectRows(Os::kWindows, kWindowsEnv,
             {{"chrome", "C:\\Users\\ann\\AppData\\Local\\OptOut\\com.optout.host.chrome.json",
               "C:\\Program Files\\OptOut\\com.optout.host.chrome.json"},
              {"chromium", "C:\\Users\\ann\\AppData\\Local\\OptOut\\com.optout.host.chromium.json",
               "C:\\Program Files\\OptOut\\com.optout.host.chromium.json"},
              {"edge", "C:\\Users\\ann\\AppData\\Local\\OptOut\\com.optout.host.edge.json",
               "C:\\Program Files\\OptOut\\com.optout.host.edge.json"},
              {"brave", "C:\\Users\\ann\\AppData\\Local\\OptOut\\com.optout.host.brave.json",
               "C:\\Program Files\\OptOut\\com.optout.host.brave.json"},
              {"vivaldi", "C:\\Users\\ann\\AppData\\Local\\OptOut\\com.optout.host.vivaldi.json",
               "C:\\Program Files\\OptOut\\com.optout.host.vivaldi.json"},
              {"firefox", "C:\\Users\\ann\\AppData\\Local\\OptOut\\com.optout.host.firefox.json",
               "C:\\Program Files\\OptOut\\com.optout.host.firefox.json"}});
}

TEST(BrowserTable, WindowsRegistryKeysHkcuPerUserHklmSystemWide) {
  const std::map<std::string, std::string> keys = {
      {"chrome", "Software\\Google\\Chrome\\NativeMessagingHosts\\com.optout.host"},
      {"chromium", "Software\\Chromium\\NativeMessagingHosts\\com.optout.host"},
      {"edge", "Software\\Microsoft\\Edge\\NativeMessagingHosts\\com.optout.host"},
      {"brave", "Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\com.optout.host"},
      {"vivaldi", "Software\\Vivaldi\\NativeMessagingHosts\\com.optout.host"},
      {"firefox", "Software\\Mozilla\\NativeMessagingHosts\\com.optout.host"},
  };
  ASSERT_EQ(keys.size(), Browsers().size());
  for (const auto& [browser, key] : keys) {
    ManifestRequest r;
    r.browser = browser;
    absl::StatusOr<ManifestTarget> user = ManifestTargetFor(Os::kWindows, r, kWindowsEnv);
    ASSERT_TRUE(user.ok()) << user.status();
    ASSERT_TRUE(user->registry.has_value()) << browser;
    EXPECT_EQ(user->registry->hive, platform::RegistryHive::kCurrentUser) << browser;
    EXPECT_EQ(user->registry->key, key);
    r.system = true;
    absl::StatusOr<ManifestTarget> system = ManifestTargetFor(Os::kWindows, r, kWindowsEnv);
    ASSERT_TRUE(system.ok()) << system.status();
    EXPECT_EQ(system->registry->hive, platform::RegistryHive::kLocalMachine) << browser;
    EXPECT_EQ(system->registry->key, key);
  }
  EXPECT_STREQ(HiveName(platform::RegistryHive::kCurrentUser), "HKCU");
  EXPECT_STREQ(HiveName(platform::RegistryHive::kLocalMachine), "HKLM");
}

TEST(BrowserTable, ManifestFileNames) {
  EXPECT_EQ(ManifestFileName(Os::kLinux, "chrome"), "com.optout.host.json");
  EXPECT_EQ(ManifestFileName(Os::kMacOs, "firefox"), "com.optout.host.json");
  EXPECT_EQ(ManifestFileName(Os::kWindows, "firefox"), "com.optout.host.firefox.json");
}

TEST(BrowserTable, MissingOrRelativeHomeDirectories) {
  ManifestRequest r;
  r.browser = "chrome";
  for (Os os : {Os::kLinux, Os::kMacOs}) {
    for (const char* home : {"", "home/ann"}) {
      absl::StatusOr<ManifestTarget> t = ManifestTargetFor(os, r, Env({{"HOME", home}}));
      ASSERT_FALSE(t.ok()) << OsName(os) << " HOME=" << home;
      EXPECT_TRUE(absl::IsFailedPrecondition(t.status()));
      EXPECT_EQ(Message(t.status()), "HOME is not set to an absolute path");
    }
  }
  for (const char* local : {"", "AppData\\Local", "/home/ann"}) {
    absl::StatusOr<ManifestTarget> t =
        ManifestTargetFor(Os::kWindows, r, Env({{"LOCALAPPDATA", local}, {"HOME", "/home/ann"}}));
    ASSERT_FALSE(t.ok()) << "LOCALAPPDATA=" << local;
    EXPECT_EQ(Message(t.status()), "LOCALAPPDATA is not set to an absolute path");
  }
  r.system = true;
  absl::StatusOr<ManifestTarget> t = ManifestTargetFor(Os::kWindows, r, Env({{"LOCALAPPDATA", "C:\\x"}}));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(Message(t.status()), "ProgramFiles is not set to an absolute path");
  EXPECT_TRUE(ManifestTargetFor(Os::kLinux, r, Env({})).ok()) << "system paths need no environment";
}

TEST(BrowserTable, UserDataDirOnLinuxAndMacOsRefusedOnWindows) {
  ManifestRequest r;
  r.browser = "chromium";
  r.user_data_dir = "/home/ann/profile//";
  for (Os os : {Os::kLinux, Os::kMacOs}) {
    absl::StatusOr<ManifestTarget> t = ManifestTargetFor(os, r, Env({}));
    ASSERT_TRUE(t.ok()) << t.status();
    EXPECT_EQ(t->target_path, "/home/ann/profile/NativeMessagingHosts/com.optout.host.json");
    EXPECT_FALSE(t->registry.has_value());
  }
  r.user_data_dir = "C:\\Users\\ann\\profile";
  absl::StatusOr<ManifestTarget> windows = ManifestTargetFor(Os::kWindows, r, kWindowsEnv);
  ASSERT_FALSE(windows.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(windows.status()));
  EXPECT_NE(Message(windows.status()).find("only through the registry"), std::string::npos) << windows.status();
  r.browser = "firefox";
  r.user_data_dir = "/home/ann/profile";
  EXPECT_FALSE(ManifestTargetFor(Os::kLinux, r, kLinuxEnv).ok()) << "Firefox reads no profile directory";
  r.browser = "chrome";
  r.system = true;
  EXPECT_FALSE(ManifestTargetFor(Os::kLinux, r, kLinuxEnv).ok());
}

// ---- staging for packages ----

TEST(Staging, LinuxAndMacOsStageSystemPathsUnderTheRoot) {
  ManifestRequest r;
  r.browser = "chrome";
  r.system = true;
  r.root = "/build/stage";
  absl::StatusOr<ManifestTarget> linux_t = ManifestTargetFor(Os::kLinux, r, Env({}));
  ASSERT_TRUE(linux_t.ok()) << linux_t.status();
  EXPECT_EQ(linux_t->dir, "/build/stage/etc/opt/chrome/native-messaging-hosts");
  EXPECT_EQ(linux_t->target_path, "/etc/opt/chrome/native-messaging-hosts/com.optout.host.json");
  EXPECT_TRUE(linux_t->staging);
  absl::StatusOr<ManifestTarget> mac_t = ManifestTargetFor(Os::kMacOs, r, Env({}));
  ASSERT_TRUE(mac_t.ok()) << mac_t.status();
  EXPECT_EQ(mac_t->dir, "/build/stage/Library/Google/Chrome/NativeMessagingHosts");
  EXPECT_EQ(mac_t->target_path, "/Library/Google/Chrome/NativeMessagingHosts/com.optout.host.json");
  r.system = false;
  for (Os os : {Os::kLinux, Os::kMacOs}) {
    absl::StatusOr<ManifestTarget> t = ManifestTargetFor(os, r, kLinuxEnv);
    ASSERT_FALSE(t.ok()) << OsName(os);
    EXPECT_EQ(Message(t.status()), "--root stages a --system install");
  }
}

TEST(Staging, WindowsStagesTheManifestInTheRootAndNamesItByFileName) {
  ManifestRequest r;
  r.browser = "edge";
  r.root = "/build/msi";
  absl::StatusOr<ManifestTarget> t = ManifestTargetFor(Os::kWindows, r, Env({}));
  ASSERT_TRUE(t.ok()) << t.status() << ": staging needs no Windows environment";
  EXPECT_TRUE(t->staging);
  EXPECT_EQ(t->dir, "/build/msi");
  EXPECT_EQ(t->file_name, "com.optout.host.edge.json");
  EXPECT_EQ(t->target_path, "com.optout.host.edge.json");
  ASSERT_TRUE(t->registry.has_value());
  EXPECT_EQ(t->registry->hive, platform::RegistryHive::kCurrentUser);
  EXPECT_EQ(t->registry->key, "Software\\Microsoft\\Edge\\NativeMessagingHosts\\com.optout.host");
  r.system = true;
  t = ManifestTargetFor(Os::kWindows, r, Env({}));
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->registry->hive, platform::RegistryHive::kLocalMachine);
}

TEST(Staging, CallersDirectory) {
  ManifestRequest r;
  r.browser = "chrome";
  const EnvLookup env = Env({{"HOME", "/home/ann"},
                             {"LOCALAPPDATA", "C:\\Users\\ann\\AppData\\Local"},
                             {"ProgramFiles", "C:\\Program Files"}});
  EXPECT_EQ(*CallersDirFor(Os::kLinux, r, env), "/home/ann/.local/share/optout");
  EXPECT_EQ(*CallersDirFor(Os::kMacOs, r, env), "/home/ann/Library/Application Support/OptOut");
  EXPECT_EQ(*CallersDirFor(Os::kWindows, r, env), "C:\\Users\\ann\\AppData\\Local\\OptOut");
  r.system = true;
  EXPECT_EQ(*CallersDirFor(Os::kLinux, r, env), "/etc/optout");
  EXPECT_EQ(*CallersDirFor(Os::kMacOs, r, env), "/Library/Application Support/OptOut");
  EXPECT_EQ(*CallersDirFor(Os::kWindows, r, env), "C:\\Program Files\\OptOut");
  r.root = "/stage";
  EXPECT_EQ(*CallersDirFor(Os::kLinux, r, env), "/stage/etc/optout");
  EXPECT_EQ(*CallersDirFor(Os::kMacOs, r, env), "/stage/Library/Application Support/OptOut");
  EXPECT_EQ(*CallersDirFor(Os::kWindows, r, env), "/stage") << "next to the staged manifests";
  r.system = false;
  EXPECT_EQ(*CallersDirFor(Os::kWindows, r, Env({})), "/stage");
  EXPECT_FALSE(CallersDirFor(Os::kWindows, ManifestRequest{"chrome", false, "", ""}, Env({})).ok())
      << "no LOCALAPPDATA, no data directory";
}

}  // namespace
}  // namespace optout
