#include "allowed_callers.h"

#include <algorithm>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "extension_ids.h"
#include "nlohmann/json.hpp"
#include "os.h"
#include "platform.h"

namespace optout {
namespace {

constexpr char kFormat[] = "optout-allowed-callers/1";
// A few entries per browser and profile; anything near this size is not ours.
constexpr std::size_t kMaxCallersFileBytes = std::size_t{64} * 1024;

std::string CallersPath(const std::string& dir) { return JoinPath(dir, kCallersFileName); }

// Not followed through a link; a regular file of this user (or of the administrator, for the
// system file) that nobody else can write.
absl::StatusOr<std::string> ReadTrustedFile(const std::string& path, bool system, bool* missing) {
  *missing = false;
  platform::OpenOptions options;
  options.allow_admin_owner = system;
  options.refuse_shared_write = true;
  options.max_bytes = kMaxCallersFileBytes;
  absl::StatusOr<platform::File> file = platform::OpenPrivateFile(path, options);
  if (!file.ok()) {
    *missing = absl::IsNotFound(file.status());
    if (*missing) return std::string();
    return file.status();
  }
  absl::StatusOr<std::string> text = file->ReadAll(kMaxCallersFileBytes);
  if (!text.ok()) return absl::PermissionDeniedError(text.status().message());
  return text;
}

absl::StatusOr<std::vector<AllowedCaller>> ParseCallers(const std::string& path, const std::string& text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](const std::string& why) { return absl::DataLossError(absl::StrCat(path, ": ", why)); };
  if (!doc.is_object() || doc.value("format", "") != kFormat) return bad(absl::StrCat("not a ", kFormat, " file"));
  const nlohmann::json& list = doc["callers"];
  if (!list.is_array()) return bad("\"callers\" is not a list");
  std::vector<AllowedCaller> out;
  for (const nlohmann::json& c : list) {
    if (!c.is_object() || !c["origin"].is_string() || !c["browser"].is_string() || !c["manifest"].is_string()) {
      return bad("a caller needs string origin, browser and manifest");
    }
    out.push_back({c["origin"].get<std::string>(), c["browser"].get<std::string>(), c["manifest"].get<std::string>()});
  }
  return out;
}

}  // namespace

std::string ChromeOrigin(const std::string& extension_id) {
  return absl::StrCat("chrome-extension://", extension_id, "/");
}

std::string FirefoxOrigin(const std::string& addon_id) { return absl::StrCat("firefox:", addon_id); }

absl::StatusOr<std::vector<AllowedCaller>> ReadAllowedCallers(const std::string& dir, bool system) {
  const std::string path = CallersPath(dir);
  bool missing = false;
  absl::StatusOr<std::string> text = ReadTrustedFile(path, system, &missing);
  if (!text.ok()) return text.status();
  if (missing) return std::vector<AllowedCaller>{};
  return ParseCallers(path, *text);
}

absl::Status RecordAllowedCallers(const std::string& dir, bool system, const std::string& manifest,
                                  const std::vector<AllowedCaller>& callers) {
  // A damaged file is replaced rather than kept: it only ever holds what install wrote.
  absl::StatusOr<std::vector<AllowedCaller>> kept = ReadAllowedCallers(dir, system);
  if (!kept.ok() && !absl::IsDataLoss(kept.status())) return kept.status();
  std::vector<AllowedCaller> all;
  if (kept.ok()) {
    std::copy_if(kept->begin(), kept->end(), std::back_inserter(all),
                 [&](const AllowedCaller& c) { return c.manifest != manifest; });
    if (callers.empty() && all.size() == kept->size()) return absl::OkStatus();  // nothing to forget
  }
  all.insert(all.end(), callers.begin(), callers.end());
  if (absl::Status s = platform::MakeDirs(dir, /*private_dir=*/!system); !s.ok()) return s;
  if (absl::Status s = platform::CheckPrivateDir(dir); !s.ok()) return s;
  nlohmann::ordered_json doc;
  doc["format"] = kFormat;
  doc["callers"] = nlohmann::ordered_json::array();
  for (const AllowedCaller& c : all) {
    doc["callers"].push_back({{"origin", c.origin}, {"browser", c.browser}, {"manifest", c.manifest}});
  }
  return platform::WriteFileAtomically(dir, kCallersFileName, doc.dump(2) + "\n", /*world_readable=*/system);
}

std::vector<std::string> BuiltInOrigins() {
  std::vector<std::string> out;
  for (const char* id : {kChromeStoreId, kEdgeStoreId}) {
    if (*id != '\0') out.push_back(ChromeOrigin(id));
  }
  if (*kFirefoxAddonId != '\0') out.push_back(FirefoxOrigin(kFirefoxAddonId));
  return out;
}

CallerDecision CheckCaller(const std::string& origin, const std::vector<std::pair<std::string, bool>>& dirs) {
  if (origin.empty()) return {true, ""};
  std::vector<std::string> built_in = BuiltInOrigins();
  if (std::find(built_in.begin(), built_in.end(), origin) != built_in.end()) return {true, ""};
  std::vector<std::string> problems;
  for (const auto& [dir, system] : dirs) {
    absl::StatusOr<std::vector<AllowedCaller>> callers = ReadAllowedCallers(dir, system);
    if (!callers.ok()) {
      problems.emplace_back(callers.status().message());
      continue;
    }
    for (const AllowedCaller& c : *callers) {
      if (c.origin == origin) return {true, ""};
    }
  }
  std::string reason = absl::StrCat("this OptOut helper was not installed for ", origin, ". ");
  constexpr std::string_view kChrome = "chrome-extension://";
  if (origin.rfind(kChrome, 0) == 0) {
    std::string id = origin.substr(kChrome.size());
    if (!id.empty() && id.back() == '/') id.pop_back();
    absl::StrAppend(&reason,
                    "If that is your OptOut extension, run: optout-host install --browser NAME --extension-id ", id);
  } else {
    absl::StrAppend(&reason, "Firefox add-ons it serves: ", FirefoxOrigin(kFirefoxAddonId),
                    " and any recorded by optout-host install --browser firefox");
  }
  if (!problems.empty()) absl::StrAppend(&reason, " (", absl::StrJoin(problems, "; "), ")");
  return {false, reason};
}

}  // namespace optout
