#include "protocol.h"

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "host_limits.h"
#include "json_guard.h"
#include "local_text.h"
#include "text_normalize.h"
#include "version.h"

namespace optout {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Thrown only inside this file to unwind out of nested field checks; never escapes ParseRequest.
struct Reject {
  ErrorCode code;
  std::string message;
};

[[noreturn]] void Fail(ErrorCode code, const std::string& path, const std::string& what) {
  throw Reject{code, absl::StrCat(path, ": ", what)};
}

std::string Join(const std::string& parent, const char* key) {
  return parent.empty() ? std::string(key) : absl::StrCat(parent, ".", key);
}

const json* Find(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

const json& Require(const json& obj, const std::string& parent, const char* key) {
  const json* v = Find(obj, key);
  if (v == nullptr) Fail(ErrorCode::kMissingField, Join(parent, key), "required field missing");
  return *v;
}

std::string AsString(const json& v, const std::string& path, std::size_t max_bytes, std::size_t min_bytes = 0) {
  if (!v.is_string()) Fail(ErrorCode::kBadField, path, "expected string");
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() > max_bytes) Fail(ErrorCode::kBadField, path, absl::StrCat("longer than ", max_bytes, " bytes"));
  if (s.size() < min_bytes) Fail(ErrorCode::kBadField, path, absl::StrCat("shorter than ", min_bytes, " bytes"));
  return s;
}

std::optional<std::string> OptionalString(const json& obj, const std::string& parent, const char* key,
                                          std::size_t max_bytes) {
  const json* v = Find(obj, key);
  if (v == nullptr) return std::nullopt;
  return AsString(*v, Join(parent, key), max_bytes);
}

// Page text (title, label, context) is whatever LinkedIn renders: an over-long one is cut at a
// code point boundary, never a reason to refuse looking at the page.
std::string PageText(const json& obj, const std::string& parent, const char* key, std::size_t max_bytes) {
  const json* v = Find(obj, key);
  if (v == nullptr) return "";
  if (!v->is_string()) Fail(ErrorCode::kBadField, Join(parent, key), "expected string");
  return TruncateUtf8(v->get<std::string>(), max_bytes);
}

std::string OneOf(const json& v, const std::string& path, std::initializer_list<const char*> allowed) {
  std::string s = AsString(v, path, 64);
  std::string list;
  for (const char* a : allowed) {
    if (s == a) return s;
    absl::StrAppend(&list, list.empty() ? "" : " | ", a);
  }
  Fail(ErrorCode::kBadField, path, absl::StrCat("expected one of ", list));
}

const json& RequireObject(const json& obj, const std::string& parent, const char* key) {
  const json& v = Require(obj, parent, key);
  if (!v.is_object()) Fail(ErrorCode::kBadField, Join(parent, key), "expected object");
  return v;
}

void ParseClassify(const json& root, PageSnapshot* page) {
  const json& p = RequireObject(root, "", "page");
  page->url_path = AsString(Require(p, "page", "url_path"), "page.url_path", kMaxUrlPathBytes);
  page->lang = OptionalString(p, "page", "lang", kMaxLangBytes).value_or("");
  page->title = PageText(p, "page", "title", kMaxTitleBytes);

  const json& controls = Require(root, "", "controls");
  if (!controls.is_array()) Fail(ErrorCode::kBadField, "controls", "expected array");
  if (controls.size() > kMaxControls) {
    Fail(ErrorCode::kTooManyControls, "controls",
         absl::StrCat(controls.size(), " entries, at most ", kMaxControls, " allowed"));
  }
  absl::flat_hash_map<std::string, std::size_t> refs;
  page->controls.reserve(controls.size());
  for (std::size_t i = 0; i < controls.size(); ++i) {
    const std::string path = absl::StrCat("controls[", i, "]");
    const json& c = controls[i];
    if (!c.is_object()) Fail(ErrorCode::kBadField, path, "expected object");
    Control control;
    control.ref = AsString(Require(c, path, "ref"), path + ".ref", kMaxRefBytes, 1);
    auto [it, fresh] = refs.emplace(control.ref, i);
    if (!fresh) Fail(ErrorCode::kBadField, path + ".ref", absl::StrCat("duplicate of controls[", it->second, "].ref"));
    control.kind = OneOf(Require(c, path, "kind"), path + ".kind", {"switch", "checkbox", "radio"});
    const json& checked = Require(c, path, "checked");
    if (!checked.is_boolean()) Fail(ErrorCode::kBadField, path + ".checked", "expected boolean");
    control.checked = checked.get<bool>();
    if (const json* attrs = Find(c, "attrs")) {
      if (!attrs->is_object()) Fail(ErrorCode::kBadField, path + ".attrs", "expected object");
      if (attrs->size() > kMaxAttrs) {
        Fail(ErrorCode::kBadField, path + ".attrs", absl::StrCat("more than ", kMaxAttrs, " entries"));
      }
      for (auto& [name, value] : attrs->items()) {
        const std::string attr_path = absl::StrCat(path, ".attrs.", name);
        if (name.size() > kMaxAttrNameBytes) Fail(ErrorCode::kBadField, attr_path, "attribute name too long");
        control.attrs.emplace_back(name, AsString(value, attr_path, kMaxAttrValueBytes));
      }
    }
    control.label = PageText(c, path, "label", kMaxLabelBytes);
    control.context = PageText(c, path, "context", kMaxContextBytes);
    page->controls.push_back(std::move(control));
  }
}

std::optional<std::string> OnOff(const json& obj, const char* key) {
  const json* v = Find(obj, key);
  if (v == nullptr) return std::nullopt;
  return OneOf(*v, Join("change", key), {"on", "off"});
}

void ParseRecord(const json& root, ChangeRecord* change) {
  const json& c = RequireObject(root, "", "change");
  const json& setting = Require(c, "change", "setting");
  if (!setting.is_null()) change->setting = AsString(setting, "change.setting", kMaxRecordStringBytes);
  change->url_path = AsString(Require(c, "change", "url_path"), "change.url_path", kMaxRecordStringBytes);
  change->before = OnOff(c, "before");
  change->after = OnOff(c, "after");
  const json& verified = Require(c, "change", "verified");
  if (!verified.is_boolean()) Fail(ErrorCode::kBadField, "change.verified", "expected boolean");
  change->verified = verified.get<bool>();
  change->outcome = OneOf(Require(c, "change", "outcome"), "change.outcome",
                          {"changed", "failed", "already_off", "seen", "restored", "objection_form_opened"});
  change->label = OptionalString(c, "change", "label", kMaxRecordStringBytes);
  change->browser_time = OptionalString(c, "change", "browser_time", kMaxRecordStringBytes);
  if (const json* confirmed = Find(c, "confirmed_by_user")) {
    if (!confirmed->is_boolean()) Fail(ErrorCode::kBadField, "change.confirmed_by_user", "expected boolean");
    change->confirmed_by_user = confirmed->get<bool>();
  }
}

void ParseLearn(const json& root, LearnRequest* learn) {
  const json& l = RequireObject(root, "", "learn");
  learn->setting = AsString(Require(l, "learn", "setting"), "learn.setting", 128, 1);
  learn->label = PageText(l, "learn", "label", kMaxLabelBytes);
  learn->lang = OptionalString(l, "learn", "lang", kMaxLangBytes).value_or("");
  learn->url_path = AsString(Require(l, "learn", "url_path"), "learn.url_path", kMaxUrlPathBytes);
}

int ParseHistoryLimit(const json& root) {
  const json* v = Find(root, "limit");
  if (v == nullptr) return kDefaultHistoryLimit;
  if (!v->is_number_integer()) Fail(ErrorCode::kBadField, "limit", "expected integer");
  long long limit = v->get<long long>();
  if (v->is_number_unsigned() && v->get<unsigned long long>() > static_cast<unsigned long long>(kMaxHistoryLimit)) {
    limit = kMaxHistoryLimit + 1;  // huge unsigned values would wrap in get<long long>
  }
  if (limit < kMinHistoryLimit || limit > kMaxHistoryLimit) {
    Fail(ErrorCode::kBadField, "limit", absl::StrCat("must be ", kMinHistoryLimit, "..", kMaxHistoryLimit));
  }
  return static_cast<int>(limit);
}

// Reads and checks `id` (integer 0..2^53 or string <= 64 bytes).
json ParseId(const json& root) {
  const json& id = Require(root, "", "id");
  if (id.is_number_unsigned()) {
    if (id.get<unsigned long long>() > kMaxIdInteger) Fail(ErrorCode::kBadField, "id", "integer above 2^53");
    return id;
  }
  if (id.is_number_integer()) Fail(ErrorCode::kBadField, "id", "must not be negative");
  if (id.is_string()) {
    AsString(id, "id", kMaxIdStringBytes);
    return id;
  }
  Fail(ErrorCode::kBadField, "id", "expected integer or string");
}

ordered_json Envelope(const json& id, const char* type, bool ok) {
  ordered_json reply;
  reply["v"] = kProtocolVersion;
  reply["id"] = id;
  reply["type"] = type;
  reply["ok"] = ok;
  return reply;
}

// Invalid UTF-8 never reaches here (requests are checked), so dump() cannot throw on strings;
// `replace` is belt and braces for text that came from disk.
std::string Dump(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

}  // namespace

ParseResult ParseRequest(const std::string& body) {
  ParseResult result;
  GuardFailure guard;
  if (!GuardJsonText(body, kMaxJsonDepth, &guard)) {
    result.error = {guard.code, guard.message};
    return result;
  }
  // Counted before parsing, so a million controls are refused without being built.
  if (long n = TopLevelArrayLength(body, "controls"); n > static_cast<long>(kMaxControls)) {
    result.error = {ErrorCode::kTooManyControls,
                    absl::StrCat("controls: ", n, " entries, at most ", kMaxControls, " allowed")};
    return result;
  }
  json root = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    result.error = {ErrorCode::kInvalidJson, "body is not JSON"};
    return result;
  }
  if (!root.is_object()) {
    result.error = {ErrorCode::kNotAnObject, "top level is not an object"};
    return result;
  }
  try {
    result.id = ParseId(root);
    Request& req = result.request;
    req.id = result.id;
    const json& v = Require(root, "", "v");
    if (!v.is_number_integer()) Fail(ErrorCode::kBadField, "v", "expected integer");
    if (!v.is_number_unsigned() || v.get<unsigned long long>() != static_cast<unsigned long long>(kProtocolVersion)) {
      Fail(ErrorCode::kUnsupportedVersion, "v",
           absl::StrCat("protocol version ", v.dump(), " is not supported (this host speaks ", kProtocolVersion, ")"));
    }
    const json& type = Require(root, "", "type");
    if (!type.is_string()) Fail(ErrorCode::kBadField, "type", "expected string");
    const std::string& t = type.get_ref<const std::string&>();
    if (t == "hello") {
      req.type = RequestType::kHello;
    } else if (t == "classify") {
      req.type = RequestType::kClassify;
      ParseClassify(root, &req.page);
    } else if (t == "record") {
      req.type = RequestType::kRecord;
      ParseRecord(root, &req.change);
    } else if (t == "learn") {
      req.type = RequestType::kLearn;
      ParseLearn(root, &req.learn);
    } else if (t == "settings") {
      req.type = RequestType::kSettings;
      req.lang = OptionalString(root, "", "lang", kMaxLangBytes).value_or("");
    } else if (t == "history") {
      req.type = RequestType::kHistory;
      req.limit = ParseHistoryLimit(root);
      if (const json* before = Find(root, "before_seq")) {
        if (!before->is_number_unsigned() || before->get<unsigned long long>() < 1 ||
            before->get<unsigned long long>() > kMaxIdInteger) {
          Fail(ErrorCode::kBadField, "before_seq", "expected an integer 1..2^53");
        }
        req.before_seq = static_cast<long long>(before->get<unsigned long long>());
      }
    } else {
      std::string shown = t.size() > 64 ? t.substr(0, 64) + "..." : t;
      Fail(ErrorCode::kUnknownType, "type", absl::StrCat("unknown request type \"", shown, "\""));
    }
    result.ok = true;
  } catch (const Reject& reject) {
    result.error = {reject.code, reject.message};
  }
  return result;
}

std::string ErrorReply(const json& id, ErrorCode code, const std::string& message) {
  ordered_json reply = Envelope(id, "error", false);
  reply["error"] = {{"code", static_cast<int>(code)}, {"name", ErrorName(code)}, {"message", message}};
  return Dump(reply);
}

std::string HelloReply(const json& id, const std::vector<RulePack>& packs) {
  ordered_json reply = Envelope(id, "hello", true);
  reply["host"] = {{"name", kHostName}, {"version", kHostVersion}};
  reply["protocol"] = kProtocolVersion;
  ordered_json list = ordered_json::array();
  for (const RulePack& pack : packs) list.push_back(PackInfoJson(pack));
  reply["rule_packs"] = std::move(list);
  ordered_json limits;
  limits["max_request_bytes"] = kMaxRequestBytes;
  limits["max_reply_bytes"] = kMaxReplyBytes;
  limits["max_controls"] = kMaxControls;
  reply["limits"] = std::move(limits);
  return Dump(reply);
}

ordered_json PackInfoJson(const RulePack& pack) {
  ordered_json p;
  p["name"] = pack.name;
  p["version"] = pack.version;
  p["settings"] = pack.rules.size();
  p["languages"] = pack.languages;
  p["origin"] = pack.origin;
  if (pack.origin == "data-dir") p["path"] = pack.source;
  return p;
}

std::string LearnReply(const json& id, bool added, const std::vector<RulePack>& packs) {
  ordered_json reply = Envelope(id, "learn", true);
  reply["added"] = added;
  ordered_json list = ordered_json::array();
  for (const RulePack& pack : packs) list.push_back(PackInfoJson(pack));
  reply["rule_packs"] = std::move(list);
  return Dump(reply);
}

ordered_json LocalJson(const Rule* rule, const std::string& lang) {
  const RuleText* text = rule == nullptr ? nullptr : LocalText(*rule, lang);
  if (text == nullptr) return nullptr;
  ordered_json local;
  local["lang"] = text->lang;
  local["title"] = text->title;
  local["explain"] = text->explain;
  return local;
}

ordered_json VerdictJson(const Verdict& v, ordered_json local) {
  ordered_json out;
  out["ref"] = v.ref;
  const Rule* rule = v.rule;
  out["setting"] = rule ? ordered_json(rule->id) : ordered_json(nullptr);
  out["title"] = rule ? ordered_json(rule->title) : ordered_json(nullptr);
  if (rule == nullptr)
    out["category"] = "unknown";
  else
    out["category"] = rule->shares_when == "never" ? "not_data_use" : rule->category;
  out["shares_when"] =
      rule ? ordered_json(v.shares_when.empty() ? rule->shares_when : v.shares_when) : ordered_json(nullptr);
  out["state"] = v.state;
  out["shares_data"] = v.shares_data;
  out["confidence"] = v.confidence;
  out["doubt"] = v.doubt.empty() ? ordered_json(nullptr) : ordered_json(v.doubt);
  out["action"] = v.action;
  ordered_json matched;
  matched["rule"] = rule ? ordered_json(rule->id) : ordered_json(nullptr);
  matched["fields"] = v.matched_fields;
  matched["lang"] = v.matched_lang.empty() ? ordered_json(nullptr) : ordered_json(v.matched_lang);
  out["matched"] = std::move(matched);
  out["explain"] = rule ? ordered_json(rule->explain) : ordered_json(nullptr);
  out["local"] = std::move(local);
  return out;
}

std::string ClassifyReply(const json& id, const std::string& pack_label, const std::vector<Verdict>& verdicts,
                          const std::string& lang) {
  // The texts of each setting once; a page may repeat a setting's switch.
  absl::flat_hash_map<const Rule*, ordered_json> locals;
  bool any_local = false;
  for (const Verdict& v : verdicts) {
    if (v.rule != nullptr && !locals.contains(v.rule)) {
      ordered_json& local = locals[v.rule] = LocalJson(v.rule, lang);
      any_local = any_local || !local.is_null();
    }
  }
  // `local` repeats the same texts for every control of a setting: on a hostile page (2000 copies of
  // one switch) that alone could pass the reply limit. Then each setting's texts go on its first
  // verdict only, and if even that does not fit, nowhere (the reply is then as it was before
  // `local` existed, and `settings` with `lang` has the texts).
  std::string reply_text;
  for (const char* omitted : {"", "repeats", "all"}) {
    ordered_json reply = Envelope(id, "classify", true);
    reply["rule_pack"] = pack_label;
    const std::string mode = omitted;
    reply["local_omitted"] = mode.empty() ? ordered_json(nullptr) : ordered_json(mode);
    absl::flat_hash_set<const Rule*> given;
    ordered_json list = ordered_json::array();
    for (const Verdict& v : verdicts) {
      ordered_json local = nullptr;
      if (v.rule != nullptr && mode != "all" && (mode.empty() || given.insert(v.rule).second)) local = locals[v.rule];
      list.push_back(VerdictJson(v, std::move(local)));
    }
    reply["verdicts"] = std::move(list);
    reply_text = Dump(reply);
    if (reply_text.size() <= kMaxReplyBytes || !any_local) break;
  }
  return reply_text;
}

std::string RecordReply(const json& id, long long seq, const std::string& recorded_at) {
  ordered_json reply = Envelope(id, "record", true);
  reply["seq"] = seq;
  reply["recorded_at"] = recorded_at;
  return Dump(reply);
}

std::string SettingPage(const Rule& rule) { return rule.url_paths.empty() ? "" : PlainPath(rule.url_paths[0]); }

std::string PlainPath(const std::string& pattern) {
  std::string p = pattern;
  if (p.empty() || p[0] != '^') return "";
  p.erase(0, 1);
  for (const char* tail : {"/?$", "$"}) {
    std::string t = tail;
    if (p.size() >= t.size() && p.compare(p.size() - t.size(), t.size(), t) == 0) {
      p.erase(p.size() - t.size());
      break;
    }
  }
  // Only a literal path names a page; '.' and '-' are the only metacharacters tolerated
  // ('.' would match itself too, and '-' is literal outside brackets).
  if (p.empty() || p[0] != '/' || p.find_first_of("\\^$*+?()[]{}|") != std::string::npos) return "";
  return p;
}

std::string SettingsReply(const json& id, const std::string& pack_label, const std::vector<RulePack>& packs,
                          const std::string& lang) {
  ordered_json reply = Envelope(id, "settings", true);
  reply["rule_pack"] = pack_label;
  ordered_json list = ordered_json::array();
  for (const RulePack& pack : packs) {
    for (const Rule& rule : pack.rules) {
      ordered_json s;
      s["id"] = rule.id;
      s["title"] = rule.title;
      s["category"] = rule.shares_when == "never" ? "not_data_use" : rule.category;
      s["shares_when"] = rule.shares_when;
      s["explain"] = rule.explain;
      std::string page = SettingPage(rule);
      s["page"] = page.empty() ? ordered_json(nullptr) : ordered_json(page);
      s["local"] = LocalJson(&rule, lang);
      list.push_back(std::move(s));
    }
  }
  reply["settings"] = std::move(list);
  return Dump(reply);
}

std::string HistoryReply(const json& id, const HistoryPage& page, const std::vector<long>& damaged_line_numbers) {
  ordered_json reply = Envelope(id, "history", true);
  reply["entries"] = page.entries;
  reply["more"] = page.more;
  reply["before_seq"] = page.before_seq ? ordered_json(*page.before_seq) : ordered_json(nullptr);
  reply["summary"] = page.summary;
  if (page.summary_truncated) reply["summary_truncated"] = true;
  reply["damaged_lines"] = damaged_line_numbers.size();
  // Line numbers help a user find the damage; capped so a wrecked file cannot blow the reply.
  constexpr std::size_t kMaxListed = 100;
  std::vector<long> listed(
      damaged_line_numbers.begin(),
      damaged_line_numbers.begin() + static_cast<long>(std::min(kMaxListed, damaged_line_numbers.size())));
  reply["damaged_line_numbers"] = listed;
  return Dump(reply);
}

void AppendChangeFields(const ChangeRecord& c, ordered_json* out) {
  ordered_json& o = *out;
  o["setting"] = c.setting ? ordered_json(*c.setting) : ordered_json(nullptr);
  o["url_path"] = c.url_path;
  if (c.before) o["before"] = *c.before;
  if (c.after) o["after"] = *c.after;
  o["verified"] = c.verified;
  o["outcome"] = c.outcome;
  if (c.label) o["label"] = *c.label;
  if (c.browser_time) o["browser_time"] = *c.browser_time;
  if (c.confirmed_by_user) o["confirmed_by_user"] = true;
}

}  // namespace optout
