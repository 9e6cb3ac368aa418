// Which extensions may talk to this host. The browser already refuses to start the host for an
// extension its manifest does not list; the host checks again, against what `install` recorded,
// so a manifest written by someone else (or by hand) cannot hand it to any extension.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace optout {

inline constexpr const char kCallersFileName[] = "callers.json";

// A caller as the host sees it: "chrome-extension://<id>/" (Chrome family, as the browser passes
// it) or "firefox:<add-on id>".
std::string ChromeOrigin(const std::string& extension_id);
std::string FirefoxOrigin(const std::string& addon_id);

struct AllowedCaller {
  std::string origin;
  std::string browser;   // the `install --browser` name
  std::string manifest;  // the manifest that install wrote for it
};

// Reads dir/callers.json; a missing file is an empty list. `system`: the file may belong to root
// (else it must be the user's own); either way nobody else may be able to write it.
absl::StatusOr<std::vector<AllowedCaller>> ReadAllowedCallers(const std::string& dir, bool system);

// Replaces what dir/callers.json says for `manifest` with `callers` (atomic write; 0600, or 0644
// for the system directory). An empty `callers` forgets the manifest.
absl::Status RecordAllowedCallers(const std::string& dir, bool system, const std::string& manifest,
                                  const std::vector<AllowedCaller>& callers);

// The origins of the stores this build was made for (empty ids left out).
std::vector<std::string> BuiltInOrigins();

struct CallerDecision {
  bool allowed = false;
  std::string reason;  // why not, with the command that would allow it
};

// `origin` empty: started by the user (serve command, a pipe), always allowed. Otherwise the
// origin must be a store origin of this build or recorded in one of `dirs` ({dir, system}).
CallerDecision CheckCaller(const std::string& origin, const std::vector<std::pair<std::string, bool>>& dirs);

}  // namespace optout
