#include "installer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "allowed_callers.h"
#include "extension_ids.h"
#include "manifest_templates.h"
#include "nlohmann/json.hpp"

namespace optout {
namespace {

bool IsExtensionId(const std::string& id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (c < 'a' || c > 'p') return false;  // Chrome ids use the letters a..p only
  }
  return true;
}

ManifestRequest RequestOf(const InstallOptions& o) { return {o.browser, o.system, o.user_data_dir, o.root}; }

// The file as this machine names it. A Linux or macOS target joins with '/', which Windows reads too;
// a Windows target with this machine's separator (staging on Linux: '/'). The path a browser reads
// (target_path) always follows the target system.
std::string LocalPath(Os os, const ManifestTarget& t) {
  return JoinPath(os == Os::kWindows && ThisOs() == Os::kWindows ? Os::kWindows : Os::kLinux, t.dir, t.file_name);
}

absl::Status CheckHostPath(const InstallOptions& o) {
  // Chrome and Firefox on Windows resolve a relative path against the manifest's directory: the
  // .msi puts the host next to its manifests. Anywhere else browsers refuse a relative path
  // ("Specified native messaging host not found.").
  if (o.os == Os::kWindows && !o.root.empty() && !o.host_path.empty()) return absl::OkStatus();
  if (!IsAbsolutePath(o.os, o.host_path)) {
    return absl::InvalidArgumentError(absl::StrCat("host path \"", o.host_path, "\" is not absolute"));
  }
  return absl::OkStatus();
}

absl::StatusOr<AllowedIds> AllowedIdsForBrowser(const InstallOptions& o, const BrowserRow& browser) {
  AllowedIds out;
  if (!browser.chrome_family) {
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
    if (std::string(browser.name) == "edge" && !o.store.edge.empty()) add(o.store.edge);
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

absl::StatusOr<std::string> ManifestTextFor(const BrowserRow& browser, const AllowedIds& allowed,
                                            const std::string& host_path) {
  nlohmann::json allowed_json = nlohmann::json::array();
  for (const std::string& id : allowed.ids) allowed_json.push_back(browser.chrome_family ? ChromeOrigin(id) : id);
  // The template decides the layout; the values go in as JSON, so no path can break out of its string.
  std::string text = browser.chrome_family ? kChromiumManifestTemplate : kFirefoxManifestTemplate;
  absl::StrReplaceAll({{"{{host_path}}", nlohmann::json(host_path).dump()}, {"{{allowed}}", allowed_json.dump()}},
                      &text);
  nlohmann::ordered_json m = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!m.is_object() || m.value("name", "") != kManifestName || m.value("path", "") != host_path) {
    return absl::InternalError("the manifest template did not give a manifest (manifests/*.json.in)");
  }
  return m.dump(2) + "\n";
}

}  // namespace

StoreIds BuildStoreIds() { return {kChromeStoreId, kEdgeStoreId}; }

absl::StatusOr<std::string> ManifestPath(const InstallOptions& options) {
  absl::StatusOr<ManifestTarget> target = ManifestTargetFor(options.os, RequestOf(options), options.env);
  if (!target.ok()) return target.status();
  return LocalPath(options.os, *target);
}

absl::StatusOr<AllowedIds> AllowedIdsFor(const InstallOptions& options) {
  absl::StatusOr<const BrowserRow*> browser = FindBrowser(options.browser);
  if (!browser.ok()) return browser.status();
  return AllowedIdsForBrowser(options, **browser);
}

absl::StatusOr<std::string> ManifestText(const InstallOptions& options) {
  absl::StatusOr<const BrowserRow*> browser = FindBrowser(options.browser);
  if (!browser.ok()) return browser.status();
  if (absl::Status s = CheckHostPath(options); !s.ok()) return s;
  absl::StatusOr<AllowedIds> allowed = AllowedIdsForBrowser(options, **browser);
  if (!allowed.ok()) return allowed.status();
  return ManifestTextFor(**browser, *allowed, options.host_path);
}

absl::StatusOr<InstallResult> InstallManifest(const InstallOptions& options) {
  absl::StatusOr<const BrowserRow*> browser = FindBrowser(options.browser);
  if (!browser.ok()) return browser.status();
  const BrowserRow& b = **browser;
  if (absl::Status s = CheckHostPath(options); !s.ok()) return s;
  absl::StatusOr<AllowedIds> allowed = AllowedIdsForBrowser(options, b);
  if (!allowed.ok()) return allowed.status();
  absl::StatusOr<std::string> text = ManifestTextFor(b, *allowed, options.host_path);
  if (!text.ok()) return text.status();
  absl::StatusOr<ManifestTarget> target = ManifestTargetFor(options.os, RequestOf(options), options.env);
  if (!target.ok()) return target.status();

  InstallResult result;
  result.manifest_path = LocalPath(options.os, *target);
  result.manifest_text = *text;
  result.note = allowed->note;
  result.registry_key = target->registry;
  result.registry_value = target->target_path;
  result.staged = target->staging;
  std::vector<AllowedCaller> callers;
  for (const std::string& id : allowed->ids) {
    result.allowed_origins.push_back(b.chrome_family ? ChromeOrigin(id) : FirefoxOrigin(id));
    callers.push_back({result.allowed_origins.back(), options.browser, target->target_path});
  }
  if (!options.callers_dir.empty()) {
    if (absl::Status s = RecordAllowedCallers(options.callers_dir, options.system, target->target_path, callers);
        !s.ok()) {
      return s;
    }
  }
  // A browser profile holds cookies and history: one this creates is the user's alone.
  if (!options.user_data_dir.empty()) {
    if (absl::Status s = platform::MakeDirs(options.user_data_dir, /*private_dir=*/true); !s.ok()) return s;
  }
  if (absl::Status s = platform::MakeDirs(target->dir, /*private_dir=*/false); !s.ok()) return s;
  // A browser never reads a half-written manifest.
  if (absl::Status s = platform::WriteFileAtomically(target->dir, target->file_name, *text, /*world_readable=*/true);
      !s.ok()) {
    return s;
  }
  // Windows finds the manifest through the key, so the key comes last: it never names a missing file.
  if (target->registry.has_value() && !target->staging) {
    if (absl::Status s =
            options.registry.set_default(target->registry->hive, target->registry->key, target->target_path);
        !s.ok()) {
      return s;
    }
  }
  return result;
}

absl::StatusOr<UninstallResult> UninstallManifest(const InstallOptions& options) {
  absl::StatusOr<ManifestTarget> target = ManifestTargetFor(options.os, RequestOf(options), options.env);
  if (!target.ok()) return target.status();
  UninstallResult result;
  result.manifest_path = LocalPath(options.os, *target);
  // The key first: a browser never follows it to a manifest that is gone.
  if (target->registry.has_value() && !target->staging) {
    absl::StatusOr<bool> deleted = options.registry.delete_key(target->registry->hive, target->registry->key);
    if (!deleted.ok()) return deleted.status();
    result.registry_key = target->registry;
    result.registry_removed = *deleted;
  }
  absl::StatusOr<bool> removed = platform::RemoveFile(result.manifest_path);
  if (!removed.ok()) return removed.status();
  result.removed = *removed;
  if (!options.callers_dir.empty()) {
    if (absl::Status s = RecordAllowedCallers(options.callers_dir, options.system, target->target_path, {}); !s.ok()) {
      return s;
    }
  }
  return result;
}

}  // namespace optout
