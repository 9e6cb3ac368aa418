// Registers the host with a browser by writing its native messaging manifest where that browser
// looks on this OS (os_locations.h; on Windows also the registry key naming it), and records which
// extensions it was registered for (allowed_callers.h).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "os.h"
#include "os_locations.h"
#include "platform.h"

namespace optout {

// The store ids a build was made for (extension_ids.h); empty: not assigned.
struct StoreIds {
  std::string chrome;  // Chrome Web Store
  std::string edge;    // Microsoft Edge Add-ons
};
StoreIds BuildStoreIds();

// The registry calls a Windows install and uninstall make (platform.h); tests pass fakes.
struct RegistryOps {
  std::function<absl::Status(platform::RegistryHive, const std::string& key, const std::string& value)> set_default =
      platform::SetRegistryDefault;
  std::function<absl::StatusOr<bool>(platform::RegistryHive, const std::string& key)> delete_key =
      platform::DeleteRegistryKey;
};

struct InstallOptions {
  Os os = ThisOs();                  // the system the manifest is for (another one only when staging)
  EnvLookup env = platform::GetEnv;  // HOME, LOCALAPPDATA, ProgramFiles for the locations
  std::string browser;               // chrome | chromium | edge | brave | vivaldi | firefox
  std::string user_data_dir;         // Chrome family, Linux/macOS: the profile root passed as --user-data-dir
  // Chrome family. Empty: this build's store ids for the browser (extension_ids.h), or, in a
  // build that has none, the development id.
  std::vector<std::string> extension_ids;
  bool dev = false;  // also allow the development id (an unpacked extension/ from the source)
  StoreIds store = BuildStoreIds();
  bool system = false;      // system-wide location (Windows: HKLM) instead of the user's
  std::string host_path;    // written into the manifest; absolute, except when staging for Windows
  std::string callers_dir;  // where to record the allowed callers; empty: record nothing
  // Staging for a package (a directory on this machine); see ManifestRequest::root. The paths
  // written into the files are the ones they will have on the target.
  std::string root;
  RegistryOps registry;  // Windows only; never called when staging
};

struct InstallResult {
  std::string manifest_path;  // the file written (under root when staging)
  std::string manifest_text;
  std::vector<std::string> allowed_origins;  // as the host checks them ("chrome-extension://ID/")
  std::string note;                          // something the user should know, or empty
  // Windows: the key whose default value is registry_value (the manifest as the browser finds it).
  // Set in the registry, except when staging: then the package writes it.
  std::optional<RegistryKey> registry_key;
  std::string registry_value;
  bool staged = false;
};

// Where the manifest goes (the file written, under root when staging), e.g.
// ~/.config/chromium/NativeMessagingHosts/com.optout.host.json.
absl::StatusOr<std::string> ManifestPath(const InstallOptions& options);

// The extension ids the manifest will allow, and a note when that is the development id.
struct AllowedIds {
  std::vector<std::string> ids;  // Chrome ids, or the one Firefox add-on id
  std::string note;
};
absl::StatusOr<AllowedIds> AllowedIdsFor(const InstallOptions& options);

// The manifest for options.browser, allowing AllowedIdsFor(options).
absl::StatusOr<std::string> ManifestText(const InstallOptions& options);

// Records the allowed callers in options.callers_dir, then writes the manifest atomically (temp
// file + rename), then, on Windows, sets the registry key's default value to the manifest's path:
// a browser can never start the host for a caller the host would refuse, nor read half a manifest.
absl::StatusOr<InstallResult> InstallManifest(const InstallOptions& options);

struct UninstallResult {
  std::string manifest_path;
  bool removed = false;  // false: nothing was there
  // Windows (not staging): the key deleted first, and whether it was there.
  std::optional<RegistryKey> registry_key;
  bool registry_removed = false;
};
// Deletes the registry key (Windows), then removes the manifest, then forgets the callers
// recorded for it: the browser never finds a key naming a missing manifest.
absl::StatusOr<UninstallResult> UninstallManifest(const InstallOptions& options);

}  // namespace optout
