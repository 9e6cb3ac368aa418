#include "installer.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "allowed_callers.h"
#include "extension_ids.h"
#include "file_util.h"
#include "manifest_templates.h"
#include "nlohmann/json.hpp"

namespace optout {
namespace {

struct BrowserPaths {
  const char* name;
  bool chrome_family;
  const char* user_dir;    // relative to $HOME
  const char* system_dir;  // nullptr: no documented system location
};

constexpr BrowserPaths kBrowsers[] = {
    {"chrome", true, ".config/google-chrome/NativeMessagingHosts", "/etc/opt/chrome/native-messaging-hosts"},
    {"chromium", true, ".config/chromium/NativeMessagingHosts", "/etc/chromium/native-messaging-hosts"},
    {"edge", true, ".config/microsoft-edge/NativeMessagingHosts", "/etc/opt/edge/native-messaging-hosts"},
    {"brave", true, ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts", nullptr},
    {"vivaldi", true, ".config/vivaldi/NativeMessagingHosts", nullptr},
    {"firefox", false, ".mozilla/native-messaging-hosts", "/usr/lib/mozilla/native-messaging-hosts"},
};

absl::StatusOr<const BrowserPaths*> FindBrowser(const std::string& name) {
  for (const BrowserPaths& b : kBrowsers) {
    if (name == b.name) return &b;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown browser \"", name, "\" (chrome, chromium, edge, brave, vivaldi, firefox)"));
}

bool IsExtensionId(const std::string& id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (c < 'a' || c > 'p') return false;  // Chrome ids use the letters a..p only
  }
  return true;
}

absl::StatusOr<std::string> ManifestDir(const InstallOptions& o) {
  absl::StatusOr<const BrowserPaths*> browser = FindBrowser(o.browser);
  if (!browser.ok()) return browser.status();
  const BrowserPaths& b = **browser;
  if (o.system && !o.user_data_dir.empty()) {
    return absl::InvalidArgumentError("--system and --user-data-dir cannot be combined");
  }
  if (!o.user_data_dir.empty()) {
    if (!b.chrome_family) {
      return absl::InvalidArgumentError(
          "--user-data-dir applies to Chrome-family browsers; Firefox does not read manifests from a profile");
    }
    // Chromium reads <user-data-dir>/NativeMessagingHosts/ (and then not the home one).
    std::string dir = o.user_data_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    return absl::StrCat(dir, "/NativeMessagingHosts");
  }
  if (o.system) {
    if (b.system_dir == nullptr) {
      return absl::UnimplementedError(
          absl::StrCat("no known system-wide manifest location for ", b.name, "; install per user"));
    }
    return absl::StrCat(o.root, b.system_dir);
  }
  if (!o.root.empty()) return absl::InvalidArgumentError("--root stages a --system install");
  if (o.home.empty() || o.home[0] != '/') return absl::FailedPreconditionError("HOME is not set to an absolute path");
  return absl::StrCat(o.home, "/", b.user_dir);
}

}  // namespace

absl::StatusOr<std::string> ManifestPath(const InstallOptions& options) {
  absl::StatusOr<std::string> dir = ManifestDir(options);
  if (!dir.ok()) return dir.status();
  return absl::StrCat(*dir, "/", kManifestName, ".json");
}

StoreIds BuildStoreIds() { return {kChromeStoreId, kEdgeStoreId}; }

absl::StatusOr<AllowedIds> AllowedIdsFor(const InstallOptions& o) {
  absl::StatusOr<const BrowserPaths*> browser = FindBrowser(o.browser);
  if (!browser.ok()) return browser.status();
  AllowedIds out;
  if (!(*browser)->chrome_family) {
    if (!o.extension_ids.empty() || o.dev) {
      return absl::InvalidArgumentError(
          "--extension-id and --dev apply to Chrome-family browsers; Firefox uses the add-on id");
    }
    out.ids.emplace_back(kFirefoxAddonId);
    return out;
  }
  auto add = [&out](const std::string& id) {
    if (std::find(out.ids.begin(), out.ids.end(), id) == out.ids.end()) out.ids.push_back(id);
  };
  for (const std::string& id : o.extension_ids) {
    if (!IsExtensionId(id)) {
      return absl::InvalidArgumentError(absl::StrCat("extension id \"", id, "\" is not 32 letters a-p"));
    }
    add(id);
  }
  if (o.dev) add(kDevExtensionId);
  if (out.ids.empty()) {
    // Edge installs from its own store and from the Chrome Web Store.
    if (std::string((*browser)->name) == "edge" && !o.store.edge.empty()) add(o.store.edge);
    if (!o.store.chrome.empty()) add(o.store.chrome);
  }
  if (out.ids.empty()) {
    add(kDevExtensionId);
    out.note = absl::StrCat(
        "this is a development build with no store ids, so the helper is registered for the development id ",
        kDevExtensionId, ", which any unpacked copy of the extension can take (docs/security.md)");
  }
  return out;
}

absl::StatusOr<std::string> ManifestText(const InstallOptions& o) {
  absl::StatusOr<const BrowserPaths*> browser = FindBrowser(o.browser);
  if (!browser.ok()) return browser.status();
  if (o.host_path.empty() || o.host_path[0] != '/') {
    // Browsers refuse relative paths ("Specified native messaging host not found.").
    return absl::InvalidArgumentError(absl::StrCat("host path \"", o.host_path, "\" is not absolute"));
  }
  absl::StatusOr<AllowedIds> allowed = AllowedIdsFor(o);
  if (!allowed.ok()) return allowed.status();
  const bool chrome_family = (*browser)->chrome_family;
  nlohmann::json allowed_json = nlohmann::json::array();
  for (const std::string& id : allowed->ids) allowed_json.push_back(chrome_family ? ChromeOrigin(id) : id);
  // The template decides the layout; the values go in as JSON, so no path can break out of its string.
  std::string text = chrome_family ? kChromiumManifestTemplate : kFirefoxManifestTemplate;
  absl::StrReplaceAll({{"{{host_path}}", nlohmann::json(o.host_path).dump()}, {"{{allowed}}", allowed_json.dump()}},
                      &text);
  nlohmann::ordered_json m = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!m.is_object() || m.value("name", "") != kManifestName || m.value("path", "") != o.host_path) {
    return absl::InternalError("the manifest template did not give a manifest (manifests/*.json.in)");
  }
  return m.dump(2) + "\n";
}

absl::StatusOr<InstallResult> InstallManifest(const InstallOptions& options) {
  absl::StatusOr<std::string> text = ManifestText(options);
  if (!text.ok()) return text.status();
  absl::StatusOr<AllowedIds> allowed = AllowedIdsFor(options);
  if (!allowed.ok()) return allowed.status();
  absl::StatusOr<std::string> dir = ManifestDir(options);
  if (!dir.ok()) return dir.status();
  const bool chrome_family = (*FindBrowser(options.browser))->chrome_family;
  std::string path = absl::StrCat(*dir, "/", kManifestName, ".json");
  InstallResult result{path, *text, {}, allowed->note};
  std::vector<AllowedCaller> callers;
  const std::string target_path = path.substr(options.root.size());  // where it will be read from
  for (const std::string& id : allowed->ids) {
    result.allowed_origins.push_back(chrome_family ? ChromeOrigin(id) : FirefoxOrigin(id));
    callers.push_back({result.allowed_origins.back(), options.browser, target_path});
  }
  if (!options.callers_dir.empty()) {
    if (absl::Status s = RecordAllowedCallers(options.callers_dir, options.system, target_path, callers); !s.ok()) {
      return s;
    }
  }
  // A browser profile holds cookies and history: one this creates is the user's alone.
  if (!options.user_data_dir.empty()) {
    if (absl::Status s = MakeDirs(options.user_data_dir, 0700); !s.ok()) return s;
  }
  if (absl::Status s = MakeDirs(*dir, 0755); !s.ok()) return s;
  // A browser never reads a half-written manifest.
  if (absl::Status s = WriteFileAtomically(*dir, absl::StrCat(kManifestName, ".json"), *text, 0644); !s.ok()) return s;
  return result;
}

absl::StatusOr<UninstallResult> UninstallManifest(const InstallOptions& options) {
  absl::StatusOr<std::string> path = ManifestPath(options);
  if (!path.ok()) return path.status();
  UninstallResult result{*path, false};
  if (::unlink(path->c_str()) == 0) {
    result.removed = true;
  } else if (errno != ENOENT) {
    return absl::PermissionDeniedError(Errno(absl::StrCat("cannot remove ", *path)));
  }
  if (!options.callers_dir.empty()) {
    const std::string target_path = path->substr(options.root.size());
    if (absl::Status s = RecordAllowedCallers(options.callers_dir, options.system, target_path, {}); !s.ok()) return s;
  }
  return result;
}

absl::StatusOr<std::string> CurrentExecutablePath() {
  char buffer[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return absl::InternalError(Errno("cannot read /proc/self/exe"));
  return std::string(buffer, static_cast<std::size_t>(n));
}

}  // namespace optout
