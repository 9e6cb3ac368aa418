#include "history_format.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace optout {
namespace {

using nlohmann::ordered_json;

constexpr const char* kColumns[] = {"seq",   "recorded_at", "setting", "url_path", "before",
                                    "after", "verified",    "outcome", "label",    "browser_time"};
constexpr const char* kSummaryColumns[] = {"setting",         "first_seen",     "state_before",
                                           "switched_off_at", "verified_after", "last_outcome"};

// A stored value as plain text: strings bare, null/missing empty, the rest as JSON.
std::string Text(const ordered_json& entry, const char* key) {
  auto it = entry.find(key);
  if (it == entry.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// The value of `key`, or null when the entry has none.
ordered_json ValueOrNull(const ordered_json& entry, const char* key) {
  auto it = entry.find(key);
  return it == entry.end() ? ordered_json(nullptr) : *it;
}

std::string Dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string FormatSummaryText(const ordered_json& summary) {
  std::string out = absl::StrFormat("%-28s %-24s %-6s %-24s %-6s %s\n", "setting", "first_seen", "before",
                                    "switched_off_at", "after", "last_outcome");
  for (const ordered_json& s : summary) {
    absl::StrAppendFormat(&out, "%-28s %-24s %-6s %-24s %-6s %s\n", Text(s, "setting"), Dash(Text(s, "first_seen")),
                          Dash(Text(s, "state_before")), Dash(Text(s, "switched_off_at")),
                          Dash(Text(s, "verified_after")), Dash(Text(s, "last_outcome")));
  }
  return out;
}

std::string FormatText(const std::vector<ordered_json>& entries, const ordered_json& summary) {
  if (entries.empty() && summary.empty()) return "no recorded changes\n";
  std::string out;
  if (!summary.empty()) out = FormatSummaryText(summary) + "\n";
  if (entries.empty()) return out;
  absl::StrAppendFormat(&out, "%-5s %-24s %-28s %-8s %-21s %s\n", "seq", "recorded_at", "setting", "change", "outcome",
                        "verified");
  for (const ordered_json& e : entries) {
    std::string setting = Text(e, "setting");
    std::string change = absl::StrCat(Text(e, "before"), "->", Text(e, "after"));
    if (change == "->") change = "-";
    absl::StrAppendFormat(&out, "%-5s %-24s %-28s %-8s %-21s %s\n", Text(e, "seq"), Text(e, "recorded_at"),
                          setting.empty() ? "(unknown)" : setting, change, Text(e, "outcome"),
                          Text(e, "verified") == "true" ? "yes" : "no");
  }
  return out;
}

template <std::size_t N, typename Rows>
std::string FormatCsv(const char* const (&columns)[N], const Rows& rows) {
  std::string out;
  for (const char* col : columns) absl::StrAppend(&out, out.empty() ? "" : ",", col);
  out += "\r\n";
  for (const ordered_json& e : rows) {
    bool first = true;
    for (const char* col : columns) {
      absl::StrAppend(&out, first ? "" : ",", CsvCell(Text(e, col)));
      first = false;
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace

ordered_json HistorySummary(const std::vector<ordered_json>& entries) {
  std::map<std::string, ordered_json> by_setting;  // ordered: the summary is sorted by setting id
  for (const ordered_json& e : entries) {
    auto setting = e.find("setting");
    if (setting == e.end() || !setting->is_string()) continue;  // unrecognised control
    auto [it, first] = by_setting.try_emplace(setting->get<std::string>());
    ordered_json& s = it->second;
    if (first) {
      s["setting"] = *setting;
      s["first_seen"] = ValueOrNull(e, "recorded_at");
      s["state_before"] = ValueOrNull(e, "before");
      s["switched_off_at"] = nullptr;
      s["verified_after"] = nullptr;
    }
    auto verified = e.find("verified");
    if (Text(e, "outcome") == "changed" && verified != e.end() && verified->is_boolean() && verified->get<bool>()) {
      s["switched_off_at"] = ValueOrNull(e, "recorded_at");
      s["verified_after"] = ValueOrNull(e, "after");
    }
    s["last_outcome"] = ValueOrNull(e, "outcome");
  }
  ordered_json out = ordered_json::array();
  for (auto& [id, s] : by_setting) out.push_back(std::move(s));
  return out;
}

std::string CsvCell(const std::string& raw) {
  std::string value = raw;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char ch : value) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + "\"";
}

absl::StatusOr<std::string> FormatHistory(const RecordContents& contents, const std::string& format,
                                          const HistoryOptions& options) {
  if (format != "text" && format != "json" && format != "csv") {
    return absl::InvalidArgumentError(absl::StrCat("unknown format \"", format, "\" (text, json, csv)"));
  }
  if (options.summary && format != "csv") {
    return absl::InvalidArgumentError(
        "--summary is for --format csv (text shows the summary anyway, json has \"summary\")");
  }
  const ordered_json summary = HistorySummary(contents.entries);
  std::vector<ordered_json> entries = contents.entries;
  if (options.limit >= 0 && entries.size() > static_cast<std::size_t>(options.limit)) {
    entries.erase(entries.begin(), entries.end() - options.limit);
  }
  if (format == "text") return FormatText(entries, summary);
  if (format == "csv") return options.summary ? FormatCsv(kSummaryColumns, summary) : FormatCsv(kColumns, entries);
  ordered_json out;
  out["entries"] = entries;
  out["summary"] = summary;
  out["damaged_lines"] = contents.damaged_lines.size();
  out["damaged_line_numbers"] = contents.damaged_lines;
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace optout
