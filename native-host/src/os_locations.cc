#include "os_locations.h"

#include "absl/strings/str_cat.h"

namespace optout {
namespace {

// Per OS: the per-user directory, the system-wide one, the registry key (Windows). Linux and macOS
// directories hold com.optout.host.json; on Windows every browser's manifest is a file next to the
// host in the OptOut directory (com.optout.host.<browser>.json) and the browser finds it through
// the registry key's default value.
constexpr BrowserRow kBrowsers[] = {
    {"chrome",
     true,
     {"$HOME/.config/google-chrome/NativeMessagingHosts", "/etc/opt/chrome/native-messaging-hosts", nullptr},
     {"%LOCALAPPDATA%\\OptOut", "%ProgramFiles%\\OptOut", "Software\\Google\\Chrome\\NativeMessagingHosts"},
     {"$HOME/Library/Application Support/Google/Chrome/NativeMessagingHosts",
      "/Library/Google/Chrome/NativeMessagingHosts", nullptr}},
    {"chromium",
     true,
     {"$HOME/.config/chromium/NativeMessagingHosts", "/etc/chromium/native-messaging-hosts", nullptr},
     {"%LOCALAPPDATA%\\OptOut", "%ProgramFiles%\\OptOut", "Software\\Chromium\\NativeMessagingHosts"},
     {"$HOME/Library/Application Support/Chromium/NativeMessagingHosts",
      "/Library/Application Support/Chromium/NativeMessagingHosts", nullptr}},
    {"edge",
     true,
     {"$HOME/.config/microsoft-edge/NativeMessagingHosts", "/etc/opt/edge/native-messaging-hosts", nullptr},
     {"%LOCALAPPDATA%\\OptOut", "%ProgramFiles%\\OptOut", "Software\\Microsoft\\Edge\\NativeMessagingHosts"},
     {"$HOME/Library/Application Support/Microsoft Edge/NativeMessagingHosts",
      "/Library/Microsoft/Edge/NativeMessagingHosts", nullptr}},
    {"brave",
     true,
     {"$HOME/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts", nullptr, nullptr},
     {"%LOCALAPPDATA%\\OptOut", "%ProgramFiles%\\OptOut",
      "Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts"},
     {"$HOME/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts", nullptr, nullptr}},
    {"vivaldi",
     true,
     {"$HOME/.config/vivaldi/NativeMessagingHosts", nullptr, nullptr},
     {"%LOCALAPPDATA%\\OptOut", "%ProgramFiles%\\OptOut", "Software\\Vivaldi\\NativeMessagingHosts"},
     {"$HOME/Library/Application Support/Vivaldi/NativeMessagingHosts", nullptr, nullptr}},
    {"firefox",
     false,
     {"$HOME/.mozilla/native-messaging-hosts", "/usr/lib/mozilla/native-messaging-hosts", nullptr},
     {"%LOCALAPPDATA%\\OptOut", "%ProgramFiles%\\OptOut", "Software\\Mozilla\\NativeMessagingHosts"},
     {"$HOME/Library/Application Support/Mozilla/NativeMessagingHosts",
      "/Library/Application Support/Mozilla/NativeMessagingHosts", nullptr}},
};

// An environment variable that must hold an absolute path for `os`; nullopt otherwise.
std::optional<std::string> AbsoluteEnv(Os os, const EnvLookup& env, const char* name) {
  std::optional<std::string> value = env(name);
  if (!value.has_value() || !IsAbsolutePath(os, *value)) return std::nullopt;
  return value;
}

// A table entry with its leading $VAR/ or %VAR%\ replaced by the variable's value.
absl::StatusOr<std::string> Expand(Os os, const std::string& place, const EnvLookup& env) {
  const bool posix_var = !place.empty() && place[0] == '$';
  const bool windows_var = !place.empty() && place[0] == '%';
  if (!posix_var && !windows_var) return place;
  const std::size_t end = posix_var ? place.find('/') : place.find('%', 1);
  const std::string name = place.substr(1, end == std::string::npos ? std::string::npos : end - 1);
  std::optional<std::string> value = AbsoluteEnv(os, env, name.c_str());
  if (!value.has_value()) return absl::FailedPreconditionError(absl::StrCat(name, " is not set to an absolute path"));
  if (end == std::string::npos) return *value;
  // $HOME/x as Linux always did it (StrCat); %VAR%\x without doubling a trailing backslash.
  if (posix_var) return absl::StrCat(*value, place.substr(end));
  return JoinPath(os, *value, place.substr(end + 2));
}

}  // namespace

std::optional<Os> OsFromName(std::string_view name) {
  for (Os os : {Os::kLinux, Os::kWindows, Os::kMacOs}) {
    if (name == OsName(os)) return os;
  }
  return std::nullopt;
}

absl::StatusOr<std::string> DataDirFor(Os os, const EnvLookup& env) {
  if (std::optional<std::string> d = env("OPTOUT_DATA_DIR"); d.has_value()) {
    // Relative to whatever directory the browser started the host in: never what was meant.
    if (!IsAbsolutePath(os, *d)) {
      return absl::InvalidArgumentError(absl::StrCat("OPTOUT_DATA_DIR must be an absolute path, not \"", *d, "\""));
    }
    return *d;
  }
  switch (os) {
    case Os::kWindows:
      if (std::optional<std::string> d = AbsoluteEnv(os, env, "LOCALAPPDATA")) return JoinPath(os, *d, "OptOut");
      return absl::FailedPreconditionError(
          "no data directory: set OPTOUT_DATA_DIR or LOCALAPPDATA (to an absolute path)");
    case Os::kMacOs:
      if (std::optional<std::string> h = AbsoluteEnv(os, env, "HOME")) {
        return JoinPath(os, *h, "Library/Application Support/OptOut");
      }
      return absl::FailedPreconditionError("no data directory: set OPTOUT_DATA_DIR or HOME (to an absolute path)");
    case Os::kLinux: break;
  }
  // XDG says relative values are invalid and must be ignored.
  if (std::optional<std::string> d = AbsoluteEnv(os, env, "XDG_DATA_HOME")) return absl::StrCat(*d, "/optout");
  if (std::optional<std::string> h = env("HOME")) return absl::StrCat(*h, "/.local/share/optout");
  return absl::FailedPreconditionError("no data directory: set OPTOUT_DATA_DIR, XDG_DATA_HOME or HOME");
}

absl::StatusOr<std::string> SystemConfigDirFor(Os os, const EnvLookup& env) {
  switch (os) {
    case Os::kWindows:
      if (std::optional<std::string> d = AbsoluteEnv(os, env, "ProgramFiles")) return JoinPath(os, *d, "OptOut");
      return absl::FailedPreconditionError("no system configuration directory: ProgramFiles is not an absolute path");
    case Os::kMacOs: return std::string("/Library/Application Support/OptOut");
    case Os::kLinux: break;
  }
  return std::string("/etc/optout");
}

const ManifestPlaces& BrowserRow::On(Os os) const {
  switch (os) {
    case Os::kWindows: return windows_places;
    case Os::kMacOs: return macos_places;
    case Os::kLinux: break;
  }
  return linux_places;
}

absl::Span<const BrowserRow> Browsers() { return kBrowsers; }

absl::StatusOr<const BrowserRow*> FindBrowser(const std::string& name) {
  for (const BrowserRow& b : kBrowsers) {
    if (name == b.name) return &b;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown browser \"", name, "\" (chrome, chromium, edge, brave, vivaldi, firefox)"));
}

std::string ManifestFileName(Os os, const std::string& browser) {
  if (os == Os::kWindows) return absl::StrCat(kManifestName, ".", browser, ".json");
  return absl::StrCat(kManifestName, ".json");
}

const char* HiveName(platform::RegistryHive hive) {
  return hive == platform::RegistryHive::kLocalMachine ? "HKLM" : "HKCU";
}

absl::StatusOr<ManifestTarget> ManifestTargetFor(Os os, const ManifestRequest& r, const EnvLookup& env) {
  absl::StatusOr<const BrowserRow*> browser = FindBrowser(r.browser);
  if (!browser.ok()) return browser.status();
  const BrowserRow& b = **browser;
  const ManifestPlaces& places = b.On(os);
  ManifestTarget t;
  t.file_name = ManifestFileName(os, b.name);
  t.staging = !r.root.empty();
  if (r.system && !r.user_data_dir.empty()) {
    return absl::InvalidArgumentError("--system and --user-data-dir cannot be combined");
  }
  if (!r.user_data_dir.empty()) {
    if (os == Os::kWindows) {
      return absl::InvalidArgumentError(
          "--user-data-dir does not apply on Windows: Chrome-family browsers there find native messaging hosts "
          "only through the registry, for every profile");
    }
    if (!b.chrome_family) {
      return absl::InvalidArgumentError(
          "--user-data-dir applies to Chrome-family browsers; Firefox does not read manifests from a profile");
    }
    if (t.staging) return absl::InvalidArgumentError("--root stages a --system install");
    // Chromium reads <user-data-dir>/NativeMessagingHosts/ (and then not the home one).
    std::string dir = r.user_data_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    t.dir = absl::StrCat(dir, "/NativeMessagingHosts");
    t.target_path = absl::StrCat(t.dir, "/", t.file_name);
    return t;
  }
  const char* place = r.system ? places.system_dir : places.user_dir;
  if (place == nullptr) {
    return absl::UnimplementedError(
        absl::StrCat("no known system-wide manifest location for ", b.name, " on ", OsName(os), "; install per user"));
  }
  if (os == Os::kWindows) {
    t.registry = RegistryKey{r.system ? platform::RegistryHive::kLocalMachine : platform::RegistryHive::kCurrentUser,
                             absl::StrCat(places.registry_key, "\\", kManifestName)};
    if (t.staging) {
      // The package puts the manifest next to the host; the registry value is resolved when it installs.
      t.dir = r.root;
      t.target_path = t.file_name;
      return t;
    }
    absl::StatusOr<std::string> dir = Expand(os, place, env);
    if (!dir.ok()) return dir.status();
    t.dir = *dir;
    t.target_path = JoinPath(os, t.dir, t.file_name);
    return t;
  }
  if (r.system) {
    t.dir = absl::StrCat(r.root, place);
    t.target_path = absl::StrCat(place, "/", t.file_name);
    return t;
  }
  if (t.staging) return absl::InvalidArgumentError("--root stages a --system install");
  absl::StatusOr<std::string> dir = Expand(os, place, env);
  if (!dir.ok()) return dir.status();
  t.dir = *dir;
  t.target_path = absl::StrCat(t.dir, "/", t.file_name);
  return t;
}

absl::StatusOr<std::string> CallersDirFor(Os os, const ManifestRequest& r, const EnvLookup& env) {
  // The .msi installs callers.json next to the manifests and the host.
  if (os == Os::kWindows && !r.root.empty()) return r.root;
  if (r.system) {
    absl::StatusOr<std::string> dir = SystemConfigDirFor(os, env);
    if (!dir.ok()) return dir.status();
    return absl::StrCat(r.root, *dir);
  }
  return DataDirFor(os, env);
}

}  // namespace optout
