// Registers the host with a browser by writing its native messaging manifest (Linux paths), and
// records which extensions it was registered for (allowed_callers.h).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace optout {

inline constexpr const char kManifestName[] = "com.optout.host";

// The store ids a build was made for (extension_ids.h); empty: not assigned.
struct StoreIds {
  std::string chrome;  // Chrome Web Store
  std::string edge;    // Microsoft Edge Add-ons
};
StoreIds BuildStoreIds();

struct InstallOptions {
  std::string browser;        // chrome | chromium | edge | brave | vivaldi | firefox
  std::string user_data_dir;  // Chrome family: the profile root passed as --user-data-dir
  // Chrome family. Empty: this build's store ids for the browser (extension_ids.h), or, in a
  // build that has none, the development id.
  std::vector<std::string> extension_ids;
  bool dev = false;  // also allow the development id (an unpacked extension/ from the source)
  StoreIds store = BuildStoreIds();
  bool system = false;      // system-wide location instead of the user's
  std::string host_path;    // absolute path written into the manifest
  std::string home;         // $HOME, for user-level locations
  std::string callers_dir;  // where to record the allowed callers; empty: record nothing
  // With `system`: stage under this directory (for a package); the paths written into the files
  // stay the ones they will have on the target.
  std::string root;
};

struct InstallResult {
  std::string manifest_path;
  std::string manifest_text;
  std::vector<std::string> allowed_origins;  // as the host checks them ("chrome-extension://ID/")
  std::string note;                          // something the user should know, or empty
};

// Where the manifest goes, e.g. ~/.config/chromium/NativeMessagingHosts/com.optout.host.json.
absl::StatusOr<std::string> ManifestPath(const InstallOptions& options);

absl::StatusOr<std::string> ManifestText(const InstallOptions& options);

// The extension ids the manifest will allow, and a note when that is the development id.
struct AllowedIds {
  std::vector<std::string> ids;  // Chrome ids, or the one Firefox add-on id
  std::string note;
};
absl::StatusOr<AllowedIds> AllowedIdsFor(const InstallOptions& options);

// Records the allowed callers in options.callers_dir, then writes the manifest atomically (temp
// file + rename): a browser can never start the host for a caller the host would refuse.
absl::StatusOr<InstallResult> InstallManifest(const InstallOptions& options);

struct UninstallResult {
  std::string manifest_path;
  bool removed = false;  // false: nothing was there
};
// Removes the manifest and forgets the callers recorded for it.
absl::StatusOr<UninstallResult> UninstallManifest(const InstallOptions& options);

// Absolute path of the running binary (/proc/self/exe).
absl::StatusOr<std::string> CurrentExecutablePath();

}  // namespace optout
