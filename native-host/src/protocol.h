// Requests and replies of protocol.md, version 1. Parsing turns untrusted JSON into plain structs
// and reports the first problem with its exact field path, e.g. "controls[3].checked: expected boolean".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "classifier.h"
#include "error_codes.h"
#include "history_page.h"
#include "nlohmann/json.hpp"
#include "rule_pack.h"

namespace optout {

enum class RequestType { kHello, kClassify, kRecord, kHistory, kSettings, kLearn };

// A change the extension made (or tried to make) and reports for the record.
struct ChangeRecord {
  std::optional<std::string> setting;  // null when the control was not recognised
  std::string url_path;
  std::optional<std::string> before;  // on | off
  std::optional<std::string> after;   // on | off
  bool verified = false;
  std::string outcome;  // changed | failed | already_off | seen | restored | objection_form_opened
  std::optional<std::string> label;
  std::optional<std::string> browser_time;
  bool confirmed_by_user = false;  // the user confirmed a switch OptOut was not sure of
};

// A switch the user confirmed by hand: OptOut learns its label for that setting and page.
struct LearnRequest {
  std::string setting;
  std::string label;
  std::string lang;
  std::string url_path;
};

struct Request {
  nlohmann::json id;  // integer or string, as sent
  RequestType type = RequestType::kHello;
  PageSnapshot page;                    // classify
  ChangeRecord change;                  // record
  int limit = 0;                        // history
  std::optional<long long> before_seq;  // history: only entries older than this seq
  LearnRequest learn;                   // learn
  std::string lang;                     // settings: the language for `local` (BCP 47), may be empty
};

struct ProtocolError {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

struct ParseResult {
  bool ok = false;
  Request request;      // when ok
  ProtocolError error;  // when !ok
  nlohmann::json id;    // echoed in the error reply; null if the id could not be read
};

// Parses one frame body: UTF-8 and depth checks, JSON, then the schema.
ParseResult ParseRequest(const std::string& body);

// ---- replies (serialized compactly, fields in protocol.md order) ----
std::string ErrorReply(const nlohmann::json& id, ErrorCode code, const std::string& message);
std::string HelloReply(const nlohmann::json& id, const std::vector<RulePack>& packs);
// `lang` is the page's language: each verdict's `local` holds its setting's title and explain in it.
// A reply that would pass kMaxReplyBytes with every `local` keeps them only on the first verdict of
// each setting, or else on none, and says so in `local_omitted` (docs/protocol.md).
std::string ClassifyReply(const nlohmann::json& id, const std::string& pack_label, const std::vector<Verdict>& verdicts,
                          const std::string& lang = "");
std::string RecordReply(const nlohmann::json& id, long long seq, const std::string& recorded_at);
std::string LearnReply(const nlohmann::json& id, bool added, const std::vector<RulePack>& packs);

// One entry of hello's (and learn's) rule_packs list.
nlohmann::ordered_json PackInfoJson(const RulePack& pack);
// The known settings of the active packs, with the page to visit for each (see SettingPage).
std::string SettingsReply(const nlohmann::json& id, const std::string& pack_label, const std::vector<RulePack>& packs,
                          const std::string& lang = "");

// `local` of a verdict or setting: {"lang","title","explain"} of `rule` in `lang`, or null.
nlohmann::ordered_json LocalJson(const Rule* rule, const std::string& lang);

// The settings page of a rule: its first url_paths pattern when that is a plain path such as
// "^/mypreferences/d/settings/ads-by-age/?$" -> "/mypreferences/d/settings/ads-by-age";
// empty when the pattern is a real regex and no single page can be named.
std::string SettingPage(const Rule& rule);

// The page a url_paths pattern names when it is a plain anchored path ("^/path/?$" or "^/path$"),
// else empty.
std::string PlainPath(const std::string& pattern);

// `summary` is HistorySummary() of the whole record (history_format.h).
std::string HistoryReply(const nlohmann::json& id, const HistoryPage& page,
                         const std::vector<long>& damaged_line_numbers);

// The verdict object of a classify reply, with `local` (see LocalJson) as given.
nlohmann::ordered_json VerdictJson(const Verdict& verdict, nlohmann::ordered_json local = nullptr);

// The fields of a change as stored in the record and returned by history.
void AppendChangeFields(const ChangeRecord& change, nlohmann::ordered_json* out);

}  // namespace optout
