// Registers the host with a browser by writing its native messaging manifest (Linux paths).
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace optout {

inline constexpr const char kManifestName[] = "com.optout.host";
// The extension's fixed development id (from the key in its manifest).
inline constexpr const char kDefaultExtensionId[] = "ckjgoakhngifaebchaaffcpfmbkojdni";
inline constexpr const char kFirefoxAddonId[] = "optout@optout.dev";

struct InstallOptions {
  std::string browser;        // chrome | chromium | edge | brave | vivaldi | firefox
  std::string user_data_dir;  // Chrome family: the profile root passed as --user-data-dir
  std::string extension_id;   // Chrome family; empty = kDefaultExtensionId
  bool system = false;        // system-wide location instead of the user's
  std::string host_path;      // absolute path written into the manifest
  std::string home;           // $HOME, for user-level locations
};

struct InstallResult {
  std::string manifest_path;
  std::string manifest_text;
};

// Where the manifest goes, e.g. ~/.config/chromium/NativeMessagingHosts/com.optout.host.json.
absl::StatusOr<std::string> ManifestPath(const InstallOptions& options);

absl::StatusOr<std::string> ManifestText(const InstallOptions& options);

// Writes the manifest atomically (temp file + rename).
absl::StatusOr<InstallResult> InstallManifest(const InstallOptions& options);

struct UninstallResult {
  std::string manifest_path;
  bool removed = false;  // false: nothing was there
};
absl::StatusOr<UninstallResult> UninstallManifest(const InstallOptions& options);

// Absolute path of the running binary (/proc/self/exe).
absl::StatusOr<std::string> CurrentExecutablePath();

}  // namespace optout
