#include "user_packs.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "classifier.h"
#include "host_limits.h"
#include "nlohmann/json.hpp"
#include "os.h"
#include "platform.h"
#include "re2/re2.h"
#include "record_store.h"
#include "text_normalize.h"

namespace optout {
namespace {

using nlohmann::ordered_json;

bool IsUserPack(const RulePack& pack) { return pack.origin == "data-dir"; }

ordered_json LangMapJson(const std::vector<LangPatterns>& map) {
  ordered_json out = ordered_json::object();
  for (const auto& [lang, patterns] : map) out[lang] = patterns;
  return out;
}

// The learned pack holds only rules that extend others; this writes them back as pack JSON.
std::string LearnedPackText(const RulePack& pack) {
  ordered_json doc;
  doc["schema"] = 1;
  doc["pack"] = pack.name;
  doc["version"] = pack.version;
  ordered_json settings = ordered_json::array();
  for (const Rule& rule : pack.rules) {
    ordered_json r;
    r["id"] = rule.id;
    r["extends"] = rule.extends;
    if (!rule.url_paths.empty()) r["url_paths"] = rule.url_paths;
    if (!rule.attrs.empty()) r["attrs"] = rule.attrs;
    if (!rule.labels.empty()) r["labels"] = LangMapJson(rule.labels);
    if (!rule.context.empty()) r["context"] = LangMapJson(rule.context);
    ordered_json provenance = ordered_json::object();
    if (!rule.url_provenance.empty()) provenance["url_paths"] = rule.url_provenance;
    if (!rule.attr_provenance.empty()) provenance["attrs"] = rule.attr_provenance;
    if (!provenance.empty()) r["provenance"] = provenance;
    settings.push_back(std::move(r));
  }
  doc["settings"] = std::move(settings);
  return doc.dump(2) + "\n";
}

// A pack language key from <html lang>: "en", "pt-BR", "zh-Hans" as they are; otherwise the
// primary subtag ("zh-Hans-CN" -> "zh"), or "und" when there is none.
std::string LangKey(const std::string& lang) {
  static const RE2 kKey("^[a-z]{2,3}(-[A-Za-z]{2,4})?$");
  static const RE2 kPrimary("^([A-Za-z]{2,3})(?:-.*)?$");
  if (RE2::FullMatch(lang, kKey)) return lang;
  std::string primary;
  if (RE2::FullMatch(lang, kPrimary, &primary)) {
    std::transform(primary.begin(), primary.end(), primary.begin(), [](unsigned char c) { return std::tolower(c); });
    return primary;
  }
  return "und";
}

std::string NextVersion(const std::string& version) {
  std::size_t dot = version.rfind('.');
  unsigned long long n = 0;
  if (dot == std::string::npos || !absl::SimpleAtoi(version.substr(dot + 1), &n)) return "1.1";
  return absl::StrCat(version.substr(0, dot), ".", n + 1);
}

bool AnyPatternMatches(const std::vector<std::string>& patterns, const std::string& text) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return RE2::PartialMatch(text, RE2(p, options)); });
}

// Whether `classifier` finds this label certain for `rule` on that page.
absl::StatusOr<bool> CertainOnPage(const Classifier& classifier, const Rule& rule, const LearnInput& in) {
  PageSnapshot page;
  page.url_path = in.url_path;
  page.lang = in.lang;
  Control control;
  control.ref = "learn";
  control.kind = rule.kind;
  control.checked = rule.shares_when == "on";  // the sharing state: what a flip would act on
  control.label = in.label;
  page.controls.push_back(control);
  absl::StatusOr<std::vector<Verdict>> verdicts = classifier.Classify(page);
  if (!verdicts.ok()) return verdicts.status();
  const Verdict& v = verdicts->front();
  return v.rule != nullptr && v.rule->id == rule.id && v.confidence == "high";
}

}  // namespace

std::string UserRulesDir(const std::string& data_dir) { return JoinPath(data_dir, "rules"); }

std::vector<RulePack> ActivePacks(const std::vector<RulePack>& base, const std::string& rules_dir,
                                  std::vector<DataDirPack>* report, std::unique_ptr<Classifier>* built) {
  std::vector<DataDirPack> entries;
  std::vector<RulePack> packs = OverlayDataDirPacks(base, rules_dir, &entries);
  if (std::any_of(packs.begin(), packs.end(), IsUserPack)) {
    absl::StatusOr<std::unique_ptr<Classifier>> classifier = Classifier::Build(packs);
    if (!classifier.ok()) {
      for (DataDirPack& e : entries) {
        if (e.status == "active") e.status = "refused", e.reason = std::string(classifier.status().message());
      }
      packs = base;
    } else if (built != nullptr) {
      *built = *std::move(classifier);
    }
  }
  if (report != nullptr) *report = std::move(entries);
  return packs;
}

absl::StatusOr<RulePack> InstallPackFile(const std::string& rules_dir, const std::vector<RulePack>& active,
                                         const std::string& file) {
  absl::StatusOr<RulePack> pack = LoadRulePackFile(file);
  if (!pack.ok()) return pack.status();
  auto same = std::find_if(active.begin(), active.end(), [&](const RulePack& p) { return p.name == pack->name; });
  if (same != active.end() && CompareVersions(pack->version, same->version) <= 0) {
    return absl::FailedPreconditionError(absl::StrCat(file, ": version ", pack->version,
                                                      " is not newer than the active ", same->name, "@", same->version,
                                                      " (", same->origin, "); raise \"version\" to replace it"));
  }
  std::vector<RulePack> candidate = active;
  pack->origin = "data-dir";
  PutPack(&candidate, *pack);
  if (absl::Status s = CheckPacksTogether(candidate); !s.ok()) return s;
  absl::StatusOr<std::unique_ptr<Classifier>> built = Classifier::Build(candidate);
  if (!built.ok()) return absl::InvalidArgumentError(absl::StrCat(file, ": ", built.status().message()));

  if (absl::Status s = platform::MakeDirs(rules_dir, /*private_dir=*/true); !s.ok()) return s;
  if (absl::Status s = platform::CheckPrivateDir(rules_dir); !s.ok()) return s;
  // The file as the user gave it (it just passed validation), not a re-serialization.
  absl::StatusOr<std::string> text = platform::ReadFile(file, kMaxRulePackFileBytes);
  if (!text.ok()) return text.status();
  const std::string name = absl::StrCat(pack->name, ".json");
  if (absl::Status s = platform::WriteFileAtomically(rules_dir, name, *text, /*world_readable=*/false); !s.ok())
    return s;
  pack->source = JoinPath(rules_dir, name);
  return *pack;
}

absl::Status RemovePack(const std::string& rules_dir, const std::string& name) {
  static const RE2 kPackName("^[a-z][a-z0-9_-]{0,63}$");
  if (!RE2::FullMatch(name, kPackName))
    return absl::InvalidArgumentError(absl::StrCat("\"", name, "\" is not a pack name"));
  const std::string path = JoinPath(rules_dir, absl::StrCat(name, ".json"));
  absl::StatusOr<bool> removed = platform::RemoveFile(path);
  if (!removed.ok()) return removed.status();
  if (!*removed) return absl::NotFoundError(absl::StrCat("no pack \"", name, "\" in ", rules_dir));
  return absl::OkStatus();
}

absl::StatusOr<LearnResult> LearnLabel(const std::string& rules_dir, const std::vector<RulePack>& active,
                                       const Classifier& current, const LearnInput& input) {
  LearnInput in = input;
  in.lang = LangKey(input.lang);
  const Rule* rule = FindRule(active, in.setting);
  if (rule == nullptr || !rule->extends.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("learn.setting: \"", in.setting, "\" is not a known setting"));
  }
  if (rule->kind == "radio" || rule->shares_when == "never") {
    return absl::InvalidArgumentError(
        absl::StrCat("learn.setting: \"", in.setting, "\" is a choice or not a data use; only switches are learned"));
  }
  const std::string label = NormalizeText(in.label);
  if (label.empty()) return absl::InvalidArgumentError("learn.label: empty");
  if (label.size() > 400) return absl::InvalidArgumentError("learn.label: longer than 400 bytes; too long to learn");
  static const RE2 kSettingsPath("^/(?:mypreferences|psettings)(?:/[A-Za-z0-9._~%-]*)*$");
  std::string path = in.url_path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.size() > 512 || !RE2::FullMatch(path, kSettingsPath)) {
    return absl::InvalidArgumentError("learn.url_path: not a LinkedIn settings page path");
  }

  LearnResult result;
  absl::StatusOr<bool> already = CertainOnPage(current, *rule, in);
  if (!already.ok()) return already.status();
  auto learned =
      std::find_if(active.begin(), active.end(), [](const RulePack& p) { return p.name == kLearnedPackName; });
  if (learned != active.end()) result.pack = *learned;
  if (*already) return result;

  RulePack& pack = result.pack;
  if (pack.name.empty()) pack.name = kLearnedPackName, pack.version = "1";
  pack.version = NextVersion(pack.version);
  pack.origin = "data-dir";
  const std::string id = absl::StrCat("learned_", in.setting);
  auto ext = std::find_if(pack.rules.begin(), pack.rules.end(), [&](const Rule& r) { return r.id == id; });
  if (ext == pack.rules.end()) {
    Rule fresh;
    fresh.id = id;
    fresh.extends = in.setting;
    pack.rules.push_back(fresh);
    ext = pack.rules.end() - 1;
  }
  const std::string label_pattern = absl::StrCat("^", RE2::QuoteMeta(label), "$");
  auto lang =
      std::find_if(ext->labels.begin(), ext->labels.end(), [&](const LangPatterns& l) { return l.first == in.lang; });
  if (lang == ext->labels.end()) {
    ext->labels.push_back({in.lang, {}});
    std::sort(ext->labels.begin(), ext->labels.end());
    lang =
        std::find_if(ext->labels.begin(), ext->labels.end(), [&](const LangPatterns& l) { return l.first == in.lang; });
  }
  if (std::find(lang->second.begin(), lang->second.end(), label_pattern) == lang->second.end()) {
    lang->second.push_back(label_pattern);
  }
  if (!AnyPatternMatches(rule->url_paths, path) && !AnyPatternMatches(ext->url_paths, path)) {
    ext->url_paths.push_back(absl::StrCat("^", RE2::QuoteMeta(path), "/?$"));
    // Provenance lists are all-or-nothing per rule: keep them parallel to url_paths.
    ext->url_provenance.resize(ext->url_paths.size() - 1, "seen: confirmed by the user");
    ext->url_provenance.push_back(absl::StrCat("seen: confirmed by the user on ", UtcTimestampMs().substr(0, 10)));
  }

  // Re-read what would be written with the same validator as any pack, then prove it works.
  const std::string text = LearnedPackText(pack);
  absl::StatusOr<RulePack> parsed = ParseRulePack(JoinPath(rules_dir, absl::StrCat(kLearnedPackName, ".json")), text);
  if (!parsed.ok()) return parsed.status();
  parsed->origin = "data-dir";
  std::vector<RulePack> candidate = active;
  PutPack(&candidate, *parsed);
  absl::StatusOr<std::unique_ptr<Classifier>> proving = Classifier::Build(candidate);
  if (!proving.ok()) return proving.status();
  absl::StatusOr<bool> certain = CertainOnPage(**proving, *rule, in);
  if (!certain.ok()) return certain.status();
  if (!*certain) {
    return absl::FailedPreconditionError(
        absl::StrCat("learn.label: even learned, this label on ", path, " would not be certain for \"", in.setting,
                     "\" (it is about something else or names another setting); nothing was learned"));
  }
  if (absl::Status s = platform::MakeDirs(rules_dir, /*private_dir=*/true); !s.ok()) return s;
  if (absl::Status s = platform::CheckPrivateDir(rules_dir); !s.ok()) return s;
  if (absl::Status s = platform::WriteFileAtomically(rules_dir, absl::StrCat(kLearnedPackName, ".json"), text,
                                                     /*world_readable=*/false);
      !s.ok())
    return s;
  result.added = true;
  result.pack = *parsed;
  result.packs = std::move(candidate);
  result.classifier = *std::move(proving);
  return result;
}

}  // namespace optout
