#include "rule_pack.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "embedded_rules.h"
#include "host_limits.h"
#include "json_guard.h"
#include "nlohmann/json.hpp"
#include "os.h"
#include "platform.h"
#include "re2/re2.h"

namespace optout {
namespace {

using nlohmann::json;

const std::set<std::string>& Categories() {
  static const std::set<std::string> k = {"generative_ai", "research", "advertising", "partners",
                                          "visibility",    "cookies",  "not_data_use"};
  return k;
}

bool IsKnown(const std::string& key, std::initializer_list<const char*> keys) {
  return std::any_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; });
}

// Helper that prefixes every error with "<source>: <where>: ".
class Checker {
 public:
  explicit Checker(std::string source, PatternCheck patterns = PatternCheck::kCompileEach)
      : source_(std::move(source)), patterns_(patterns) {}

  absl::Status Error(const std::string& where, const std::string& what) const {
    return absl::InvalidArgumentError(absl::StrCat(source_, ": ", where, ": ", what));
  }

  absl::Status RequireString(const json& obj, const char* key, const std::string& where, std::string* out) const {
    auto it = obj.find(key);
    if (it == obj.end()) return Error(where, absl::StrCat("missing \"", key, "\""));
    if (!it->is_string()) return Error(absl::StrCat(where, key), "expected string");
    *out = it->get<std::string>();
    if (out->empty()) return Error(absl::StrCat(where, key), "must not be empty");
    return absl::OkStatus();
  }

  // Compiles the pattern alone so a bad one is reported with its exact place and RE2's reason.
  absl::Status CheckPattern(const std::string& where, const json& value, std::vector<std::string>* out) const {
    if (!value.is_string()) return Error(where, "expected string pattern");
    std::string pattern = value.get<std::string>();
    if (pattern.empty()) return Error(where, "empty pattern would match everything");
    if (pattern.size() > kMaxPatternBytes) {
      return Error(where, absl::StrCat("pattern longer than ", kMaxPatternBytes, " bytes"));
    }
    if (patterns_ == PatternCheck::kCompileEach) {
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_log_errors(false);
      options.set_max_mem(kMaxPatternMem);
      RE2 re(pattern, options);
      if (!re.ok()) {
        return Error(where, absl::StrCat("bad pattern \"", pattern, "\": ", re.error()));
      }
    }
    out->push_back(std::move(pattern));
    return absl::OkStatus();
  }

  absl::Status PatternList(const json& rule, const char* key, const std::string& where,
                           std::vector<std::string>* out) const {
    auto it = rule.find(key);
    if (it == rule.end()) return absl::OkStatus();
    if (!it->is_array()) return Error(absl::StrCat(where, key), "expected array of patterns");
    for (std::size_t i = 0; i < it->size(); ++i) {
      absl::Status s = CheckPattern(absl::StrCat(where, key, "[", i, "]"), (*it)[i], out);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::Status LangMap(const json& rule, const char* key, const std::string& where,
                       std::vector<LangPatterns>* out) const {
    auto it = rule.find(key);
    if (it == rule.end()) return absl::OkStatus();
    if (!it->is_object()) return Error(absl::StrCat(where, key), "expected object of language -> patterns");
    static const RE2 kLang("^[a-z]{2,3}(-[A-Za-z]{2,4})?$");
    for (auto& [lang, list] : it->items()) {  // nlohmann::json objects iterate in key order
      std::string field = absl::StrCat(key, ".", lang);
      if (!RE2::FullMatch(lang, kLang)) {
        return Error(absl::StrCat(where, field), "language key must look like en, de, pt-BR or zh-Hans");
      }
      if (!list.is_array()) return Error(absl::StrCat(where, field), "expected array of patterns");
      LangPatterns entry{lang, {}};
      for (std::size_t i = 0; i < list.size(); ++i) {
        absl::Status s = CheckPattern(absl::StrCat(where, field, "[", i, "]"), list[i], &entry.second);
        if (!s.ok()) return s;
      }
      out->push_back(std::move(entry));
    }
    return absl::OkStatus();
  }

  // "titles" / "explains": {"<lang>": "<text>"}, the setting's title or explanation in languages
  // other than English. Plain text of at most `max_bytes`, no control characters.
  absl::Status TextMap(const json& rule, const char* key, const std::string& where, std::size_t max_bytes,
                       std::map<std::string, std::string>* out) const {
    auto it = rule.find(key);
    if (it == rule.end()) return absl::OkStatus();
    if (!it->is_object()) return Error(absl::StrCat(where, key), "expected object of language -> text");
    if (it->size() > kMaxLocalLanguages) {
      return Error(absl::StrCat(where, key), absl::StrCat("more than ", kMaxLocalLanguages, " languages"));
    }
    static const RE2 kLang("^[a-z]{2,3}(-[A-Za-z]{2,4})?$");
    static const RE2 kEnglish("^en(-.*)?$");
    const char* english = std::string(key) == "titles" ? "\"title\"" : "\"explain\"";
    for (auto& [lang, text] : it->items()) {
      const std::string field = absl::StrCat(where, key, ".", lang);
      if (!RE2::FullMatch(lang, kLang)) return Error(field, "language key must look like de, pt-BR or zh-Hans");
      if (RE2::FullMatch(lang, kEnglish)) return Error(field, absl::StrCat("English is the setting's ", english));
      if (!text.is_string()) return Error(field, "expected string");
      const std::string& value = text.get_ref<const std::string&>();
      if (value.empty()) return Error(field, "must not be empty");
      if (value.size() > max_bytes) return Error(field, absl::StrCat("longer than ", max_bytes, " bytes"));
      if (std::any_of(value.begin(), value.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        return Error(field, "control characters (newline, tab ...) are not allowed");
      }
      (*out)[lang] = value;
    }
    return absl::OkStatus();
  }

  // "provenance": {"url_paths": [...], "attrs": [...]}: one "seen: <source>" or "guess: <why>"
  // per pattern of that list, in the same order.
  absl::Status Provenance(const json& rule, const std::string& where, const char* list, std::size_t count,
                          std::vector<std::string>* out) const {
    auto it = rule.find("provenance");
    if (it == rule.end()) return absl::OkStatus();
    if (!it->is_object()) return Error(where + "provenance", "expected object");
    for (auto& item : it->items()) {
      if (item.key() != "url_paths" && item.key() != "attrs") {
        return Error(where + "provenance", absl::StrCat("unknown key \"", item.key(), "\" (url_paths or attrs)"));
      }
    }
    auto entry = it->find(list);
    if (entry == it->end()) return absl::OkStatus();
    const std::string field = absl::StrCat(where, "provenance.", list);
    if (!entry->is_array() || entry->size() != count) {
      return Error(field, absl::StrCat("expected an array of ", count, " strings, one per ", list, " entry"));
    }
    static const RE2 kProvenance("^(seen: .+|guess(: .+)?)$");
    for (std::size_t i = 0; i < entry->size(); ++i) {
      const json& v = (*entry)[i];
      if (!v.is_string() || !RE2::FullMatch(v.get<std::string>(), kProvenance)) {
        return Error(absl::StrCat(field, "[", i, "]"), "expected \"seen: <source>\" or \"guess: <why>\"");
      }
      out->push_back(v.get<std::string>());
    }
    return absl::OkStatus();
  }

 private:
  std::string source_;
  PatternCheck patterns_;
};

absl::Status ParseRule(const Checker& check, const json& obj, std::size_t index, Rule* rule) {
  std::string where = absl::StrCat("settings[", index, "]");
  if (!obj.is_object()) return check.Error(where, "expected object");
  // The id first, so every later error can name the rule.
  auto id = obj.find("id");
  if (id == obj.end()) return check.Error(where, "missing \"id\"");
  if (!id->is_string()) return check.Error(where + ".id", "expected string");
  rule->id = id->get<std::string>();
  static const RE2 kId("^[a-z][a-z0-9_]*$");
  if (!RE2::FullMatch(rule->id, kId)) {
    return check.Error(where + ".id", absl::StrCat("\"", rule->id, "\" must match ^[a-z][a-z0-9_]*$"));
  }
  where = absl::StrCat("rule \"", rule->id, "\"");
  const std::string field_prefix = where + ": ";

  for (auto& item : obj.items()) {
    if (!IsKnown(item.key(), {"id", "extends", "title", "category", "kind", "shares_when", "explain", "url_paths",
                              "attrs", "labels", "context", "private_option", "provenance", "titles", "explains"})) {
      return check.Error(where, absl::StrCat("unknown key \"", item.key(), "\""));
    }
  }
  absl::Status s;
  if (obj.contains("extends")) {
    // Adds patterns to another pack's rule: everything else comes from that rule.
    if (!(s = check.RequireString(obj, "extends", field_prefix, &rule->extends)).ok()) return s;
    for (const char* own :
         {"title", "category", "kind", "shares_when", "explain", "titles", "explains", "private_option"}) {
      if (obj.contains(own)) {
        return check.Error(where, absl::StrCat("\"", own, "\" comes from the extended rule \"", rule->extends,
                                               "\"; a rule with \"extends\" only adds patterns"));
      }
    }
  } else {
    if (!(s = check.RequireString(obj, "title", field_prefix, &rule->title)).ok()) return s;
    if (!(s = check.RequireString(obj, "category", field_prefix, &rule->category)).ok()) return s;
    if (!Categories().count(rule->category)) {
      return check.Error(where + ": category",
                         absl::StrCat("\"", rule->category, "\" is not one of ", absl::StrJoin(Categories(), "|")));
    }
    if (obj.contains("kind")) {
      if (!(s = check.RequireString(obj, "kind", field_prefix, &rule->kind)).ok()) return s;
      if (rule->kind != "switch" && rule->kind != "checkbox" && rule->kind != "radio") {
        return check.Error(where + ": kind", absl::StrCat("\"", rule->kind, "\" is not switch|checkbox|radio"));
      }
    }
    if (!(s = check.RequireString(obj, "shares_when", field_prefix, &rule->shares_when)).ok()) return s;
    if (rule->shares_when != "on" && rule->shares_when != "off" && rule->shares_when != "never") {
      return check.Error(where + ": shares_when", absl::StrCat("\"", rule->shares_when, "\" is not on|off|never"));
    }
    if (!(s = check.RequireString(obj, "explain", field_prefix, &rule->explain)).ok()) return s;
    std::map<std::string, std::string> titles, explains;
    if (!(s = check.TextMap(obj, "titles", field_prefix, kMaxLocalTitleBytes, &titles)).ok()) return s;
    if (!(s = check.TextMap(obj, "explains", field_prefix, kMaxLocalExplainBytes, &explains)).ok()) return s;
    // A title without its explanation (or the reverse) would show half a setting in a language.
    for (const auto& [lang, title] : titles) {
      if (!explains.count(lang)) {
        return check.Error(absl::StrCat(field_prefix, "explains.", lang), "missing: \"titles\" has this language");
      }
      rule->texts.push_back(RuleText{lang, title, explains[lang]});
    }
    for (const auto& [lang, explain] : explains) {
      if (!titles.count(lang)) {
        return check.Error(absl::StrCat(field_prefix, "titles.", lang), "missing: \"explains\" has this language");
      }
    }
  }
  if (!(s = check.PatternList(obj, "url_paths", field_prefix, &rule->url_paths)).ok()) return s;
  if (!(s = check.PatternList(obj, "attrs", field_prefix, &rule->attrs)).ok()) return s;
  if (!(s = check.LangMap(obj, "labels", field_prefix, &rule->labels)).ok()) return s;
  if (!(s = check.LangMap(obj, "context", field_prefix, &rule->context)).ok()) return s;
  if (!(s = check.LangMap(obj, "private_option", field_prefix, &rule->private_option)).ok()) return s;

  if (!(s = check.Provenance(obj, field_prefix, "url_paths", rule->url_paths.size(), &rule->url_provenance)).ok())
    return s;
  if (!(s = check.Provenance(obj, field_prefix, "attrs", rule->attrs.size(), &rule->attr_provenance)).ok()) return s;

  auto any_pattern = [](const std::vector<LangPatterns>& map) {
    return std::any_of(map.begin(), map.end(), [](const LangPatterns& l) { return !l.second.empty(); });
  };
  if (rule->kind == "radio") {
    // The option to select is named by private_option; url_path and context together make a
    // radio verdict certain, so a radio rule without either could never be acted on.
    if (!any_pattern(rule->private_option)) {
      return check.Error(where, "kind radio needs \"private_option\" patterns (the label of the most private option)");
    }
    if (rule->url_paths.empty() || !any_pattern(rule->context)) {
      return check.Error(where, "kind radio needs url_paths and context patterns");
    }
    if (rule->shares_when != "on") {
      return check.Error(where + ": shares_when",
                         "must be \"on\" for kind radio (an option other than the private one shares)");
    }
  } else if (obj.contains("private_option")) {
    return check.Error(where, absl::StrCat("\"private_option\" is only for kind radio, not ", rule->kind));
  }

  if (!rule->extends.empty()) {
    if (!any_pattern(rule->labels) && rule->attrs.empty() && rule->url_paths.empty() && !any_pattern(rule->context)) {
      return check.Error(where, "a rule with \"extends\" needs at least one pattern to add");
    }
    return absl::OkStatus();
  }
  if (!any_pattern(rule->labels) && rule->attrs.empty()) {
    return check.Error(where, "needs at least one label or attr pattern");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  absl::StatusOr<std::string> text = platform::ReadFile(path, kMaxRulePackFileBytes);
  // Worded as ParseRulePack words it for text it is given.
  if (absl::IsResourceExhausted(text.status()))
    return absl::InvalidArgumentError(absl::StrCat(path, ": file: larger than 8 MiB"));
  return text;
}

// The *.json files of a rules directory (not hidden ones: editors' temporary files), sorted:
// the order packs load in must not depend on the file system.
absl::StatusOr<std::vector<std::string>> PackFileNames(const std::string& dir) {
  absl::StatusOr<std::vector<std::string>> files = platform::ListFiles(dir);
  if (!files.ok()) return files.status();
  std::vector<std::string> names;
  for (std::string& name : *files) {
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0 && name[0] != '.') names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

absl::StatusOr<RulePack> ParseRulePack(const std::string& source, const std::string& text, PatternCheck patterns) {
  Checker check(source, patterns);
  if (text.size() > kMaxRulePackFileBytes) return check.Error("file", "larger than 8 MiB");
  GuardFailure guard;
  if (!GuardJsonText(text, kMaxJsonDepth, &guard)) return check.Error("file", guard.message);
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return check.Error("file", "not valid JSON");
  if (!doc.is_object()) return check.Error("file", "top level must be an object");

  for (auto& item : doc.items()) {
    if (!IsKnown(item.key(), {"schema", "pack", "version", "label_vetoes", "settings"})) {
      return check.Error("top level", absl::StrCat("unknown key \"", item.key(), "\""));
    }
  }
  auto schema = doc.find("schema");
  if (schema == doc.end()) return check.Error("top level", "missing \"schema\"");
  if (!schema->is_number_integer() || schema->get<long long>() != kRulePackSchema) {
    return check.Error("schema", absl::StrCat("must be ", kRulePackSchema));
  }
  RulePack pack;
  pack.source = source;
  absl::Status s;
  if (!(s = check.RequireString(doc, "pack", "", &pack.name)).ok()) return s;
  if (!(s = check.RequireString(doc, "version", "", &pack.version)).ok()) return s;

  static const RE2 kPackName("^[a-z][a-z0-9_-]{0,63}$");
  if (!RE2::FullMatch(pack.name, kPackName)) return check.Error("pack", "must match ^[a-z][a-z0-9_-]{0,63}$");
  static const RE2 kVersion("^[0-9]+(\\.[0-9]+){0,5}$");
  if (!RE2::FullMatch(pack.version, kVersion))
    return check.Error("version", "must be dotted numbers, e.g. 2026.11.29.2");
  if (!(s = check.LangMap(doc, "label_vetoes", "", &pack.label_vetoes)).ok()) return s;
  for (const auto& [lang, patterns] : pack.label_vetoes) pack.pattern_count += patterns.size();

  auto settings = doc.find("settings");
  if (settings == doc.end()) return check.Error("top level", "missing \"settings\"");
  if (!settings->is_array()) return check.Error("settings", "expected array");
  if (settings->size() > kMaxRulesPerPack) {
    return check.Error("settings", absl::StrCat("more than ", kMaxRulesPerPack, " rules"));
  }
  absl::flat_hash_set<std::string> ids;
  std::set<std::string> languages;
  for (std::size_t i = 0; i < settings->size(); ++i) {
    Rule rule;
    if (!(s = ParseRule(check, (*settings)[i], i, &rule)).ok()) return s;
    if (!ids.insert(rule.id).second) {
      return check.Error(absl::StrCat("settings[", i, "].id"), absl::StrCat("duplicate rule id \"", rule.id, "\""));
    }
    pack.pattern_count += rule.url_paths.size() + rule.attrs.size();
    for (const auto* map : {&rule.labels, &rule.context, &rule.private_option}) {
      for (const auto& [lang, patterns] : *map) {
        languages.insert(lang);
        pack.pattern_count += patterns.size();
      }
    }
    pack.rules.push_back(std::move(rule));
  }
  pack.languages.assign(languages.begin(), languages.end());
  return pack;
}

absl::StatusOr<RulePack> LoadRulePackFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ParseRulePack(path, *text);
}

absl::StatusOr<std::vector<RulePack>> LoadRulePackDir(const std::string& dir) {
  absl::StatusOr<std::vector<std::string>> listed = PackFileNames(dir);
  if (!listed.ok()) return absl::NotFoundError(absl::StrCat(dir, ": cannot open rules directory"));
  const std::vector<std::string>& names = *listed;
  if (names.empty()) return absl::NotFoundError(absl::StrCat(dir, ": no *.json rule packs"));
  std::vector<RulePack> packs;
  for (const std::string& name : names) {
    absl::StatusOr<RulePack> pack = LoadRulePackFile(JoinPath(dir, name));
    if (!pack.ok()) return pack.status();
    packs.push_back(*std::move(pack));
  }
  absl::Status together = CheckPacksTogether(packs);
  if (!together.ok()) return together;
  return packs;
}

absl::StatusOr<std::vector<RulePack>> LoadEmbeddedRulePacks() {
  std::vector<RulePack> packs;
  for (const EmbeddedFile& file : EmbeddedRulePacks()) {
    absl::StatusOr<RulePack> pack = ParseRulePack(absl::StrCat("embedded:", file.name),
                                                  std::string(file.data, file.size), PatternCheck::kTrustBuildCheck);
    if (!pack.ok()) return pack.status();
    packs.push_back(*std::move(pack));
  }
  if (packs.empty()) return absl::InternalError("no rule packs were embedded at build time");
  absl::Status together = CheckPacksTogether(packs);
  if (!together.ok()) return together;
  return packs;
}

absl::StatusOr<std::vector<RulePack>> LoadActiveRulePacks(const std::string& cli_dir, std::string* origin) {
  std::string dir = cli_dir;
  std::string from = "--rules";
  if (dir.empty()) {
    if (std::optional<std::string> env = platform::GetEnv("OPTOUT_RULES_DIR")) dir = *env, from = "OPTOUT_RULES_DIR";
  }
  if (origin != nullptr) *origin = dir.empty() ? "embedded" : absl::StrCat(dir, " (", from, ")");
  if (dir.empty()) return LoadEmbeddedRulePacks();
  return LoadRulePackDir(dir);
}

void PutPack(std::vector<RulePack>* packs, RulePack pack) {
  auto slot = std::find_if(packs->begin(), packs->end(), [&](const RulePack& p) { return p.name == pack.name; });
  if (slot != packs->end())
    *slot = std::move(pack);
  else
    packs->push_back(std::move(pack));
}

const Rule* FindRule(const std::vector<RulePack>& packs, const std::string& id) {
  for (const RulePack& pack : packs) {
    for (const Rule& rule : pack.rules) {
      if (rule.id == id) return &rule;
    }
  }
  return nullptr;
}

absl::Status CheckPacksTogether(const std::vector<RulePack>& packs) {
  absl::flat_hash_set<std::string> names, ids;
  for (const RulePack& pack : packs) {
    if (!names.insert(pack.name).second) {
      return absl::InvalidArgumentError(absl::StrCat(pack.source, ": pack name \"", pack.name, "\" is loaded twice"));
    }
    for (const Rule& rule : pack.rules) {
      if (!ids.insert(rule.id).second) {
        return absl::InvalidArgumentError(
            absl::StrCat(pack.source, ": rule \"", rule.id, "\" is also defined by another pack"));
      }
    }
  }
  for (const RulePack& pack : packs) {
    for (const Rule& rule : pack.rules) {
      if (rule.extends.empty()) continue;
      const Rule* base = FindRule(packs, rule.extends);
      if (base == nullptr || !base->extends.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(pack.source, ": rule \"", rule.id, "\": extends \"",
                                                       rule.extends, "\", which is not a rule of the active packs"));
      }
      if (base->kind == "radio" && !rule.labels.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            pack.source, ": rule \"", rule.id, "\": labels cannot be added to the radio rule \"", rule.extends, "\""));
      }
    }
  }
  return absl::OkStatus();
}

int CompareVersions(const std::string& a, const std::string& b) {
  std::vector<std::string> pa = absl::StrSplit(a, '.'), pb = absl::StrSplit(b, '.');
  for (std::size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
    std::string x = i < pa.size() ? pa[i] : "0", y = i < pb.size() ? pb[i] : "0";
    unsigned long long nx = 0, ny = 0;
    if (absl::SimpleAtoi(x, &nx) && absl::SimpleAtoi(y, &ny)) {
      if (nx != ny) return nx < ny ? -1 : 1;
    } else if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

std::vector<RulePack> OverlayDataDirPacks(std::vector<RulePack> packs, const std::string& rules_dir,
                                          std::vector<DataDirPack>* report) {
  std::vector<DataDirPack> seen;
  // A data directory without packs (or none yet) overlays nothing.
  std::vector<std::string> names = PackFileNames(rules_dir).value_or(std::vector<std::string>{});
  for (const std::string& name : names) {
    DataDirPack entry;
    entry.path = JoinPath(rules_dir, name);
    absl::StatusOr<RulePack> pack = LoadRulePackFile(entry.path);
    if (pack.ok()) {
      entry.name = pack->name;
      entry.version = pack->version;
      pack->origin = "data-dir";
    }
    auto same = pack.ok()
                    ? std::find_if(packs.begin(), packs.end(), [&](const RulePack& p) { return p.name == pack->name; })
                    : packs.end();
    if (!pack.ok()) {
      entry.status = "refused", entry.reason = std::string(pack.status().message());
    } else if (same != packs.end() && CompareVersions(pack->version, same->version) <= 0) {
      entry.status = "ignored";
      entry.reason = absl::StrCat("version ", pack->version, " is not newer than the active ", same->name, "@",
                                  same->version, " (", same->origin, ")");
    } else {
      // Replace or add, then check the whole set still fits together (distinct ids, known
      // extended rules, patterns that compile); otherwise keep the set as it was.
      std::vector<RulePack> candidate = packs;
      PutPack(&candidate, *pack);
      absl::Status together = CheckPacksTogether(candidate);
      if (!together.ok()) {
        entry.status = "refused", entry.reason = std::string(together.message());
      } else {
        entry.status = "active";
        packs = std::move(candidate);
      }
    }
    seen.push_back(std::move(entry));
  }
  if (report != nullptr) *report = std::move(seen);
  return packs;
}

std::string PackLabel(const std::vector<RulePack>& packs) {
  return absl::StrJoin(packs, ",",
                       [](std::string* out, const RulePack& p) { absl::StrAppend(out, p.name, "@", p.version); });
}

}  // namespace optout
