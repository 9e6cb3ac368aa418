// Where OptOut's files go on each operating system: the data directory, the system-wide config
// directory and, per browser, where its native messaging host manifest goes (a directory, and on
// Windows the registry key whose default value names the manifest). Pure functions of the Os and
// the environment (passed in), so Linux CI tests the Windows and macOS answers too; the facts are
// in ../shared/notes/cross-platform.md and manifests/README.md.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "os.h"
#include "platform.h"

namespace optout {

inline constexpr const char kManifestName[] = "com.optout.host";

// An environment variable's value; nullopt when unset or empty (platform::GetEnv, or a fake).
using EnvLookup = std::function<std::optional<std::string>(const char*)>;

// "linux" | "windows" | "macos" (OsName's names); nullopt for anything else.
std::optional<Os> OsFromName(std::string_view name);

// Where the record, the user's rule packs and the per-user callers.json live:
// $OPTOUT_DATA_DIR (absolute for that OS, else InvalidArgument), else
//   Linux:   $XDG_DATA_HOME/optout when absolute, else $HOME/.local/share/optout;
//   Windows: %LOCALAPPDATA%\OptOut;
//   macOS:   $HOME/Library/Application Support/OptOut.
// FailedPrecondition naming the variables when none is usable.
absl::StatusOr<std::string> DataDirFor(Os os, const EnvLookup& env);

// Where `install --system` records the callers every user's host accepts: /etc/optout,
// /Library/Application Support/OptOut, %ProgramFiles%\OptOut (only administrators can write there).
absl::StatusOr<std::string> SystemConfigDirFor(Os os, const EnvLookup& env);

// Where one browser reads host manifests on one OS. A leading $VAR/ or %VAR%\ is the value of
// that environment variable (it must be an absolute path for that OS).
struct ManifestPlaces {
  const char* user_dir;      // per user
  const char* system_dir;    // system-wide (--system); nullptr: none documented
  const char* registry_key;  // Windows: the key (under HKCU or HKLM) holding NativeMessagingHosts
};

struct BrowserRow {
  const char* name;  // the `install --browser` name
  bool chrome_family;
  ManifestPlaces linux_places;
  ManifestPlaces windows_places;
  ManifestPlaces macos_places;

  const ManifestPlaces& On(Os os) const;
};

// The browsers OptOut registers with, in `--browser` order: chrome, chromium, edge, brave,
// vivaldi, firefox.
absl::Span<const BrowserRow> Browsers();
// InvalidArgument naming the known browsers when `name` is none of them.
absl::StatusOr<const BrowserRow*> FindBrowser(const std::string& name);

// com.optout.host.json; on Windows com.optout.host.<browser>.json (the manifests of all browsers
// share one directory there, and their contents differ).
std::string ManifestFileName(Os os, const std::string& browser);

// What `install` / `uninstall` are asked for.
struct ManifestRequest {
  std::string browser;
  bool system = false;        // the system-wide location (HKLM on Windows)
  std::string user_data_dir;  // Chrome family on Linux/macOS: the browser's --user-data-dir
  // Staging for a package (a directory on this machine): Linux/macOS with `system`, the system
  // paths under root; Windows (the .msi), the manifest directly in root and no registry access.
  std::string root;
};

struct RegistryKey {
  platform::RegistryHive hive = platform::RegistryHive::kCurrentUser;
  std::string key;  // e.g. Software\Google\Chrome\NativeMessagingHosts\com.optout.host
};
const char* HiveName(platform::RegistryHive hive);  // "HKCU", "HKLM"

struct ManifestTarget {
  std::string dir;        // the directory the manifest is written to (under root when staging)
  std::string file_name;  // ManifestFileName
  // The manifest as the browser will find it: the path without the staging root, or, staging for
  // Windows, the file name (the .msi places it; the registry value is resolved at install time).
  std::string target_path;
  // Windows: the key whose default value is target_path.
  std::optional<RegistryKey> registry;
  bool staging = false;  // root given: files only, no registry access
};

// Where the manifest for request.browser goes on `os`. Refuses --user-data-dir on Windows
// (Chromium finds hosts there only through the registry), --user-data-dir with --system or for
// Firefox, a system install of a browser with no documented system location, and --root without
// --system except for Windows.
absl::StatusOr<ManifestTarget> ManifestTargetFor(Os os, const ManifestRequest& request, const EnvLookup& env);

// Where install records the callers for that manifest: the staging root itself for Windows, else
// root + SystemConfigDirFor with --system, else DataDirFor.
absl::StatusOr<std::string> CallersDirFor(Os os, const ManifestRequest& request, const EnvLookup& env);

}  // namespace optout
