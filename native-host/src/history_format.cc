#include "history_format.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace optout {
namespace {

using nlohmann::ordered_json;

constexpr const char* kColumns[] = {"seq",      "recorded_at", "setting", "url_path", "before",
                                    "after",    "verified",    "outcome", "label",    "browser_time"};

// A stored value as plain text: strings bare, null/missing empty, the rest as JSON.
std::string Text(const ordered_json& entry, const char* key) {
  auto it = entry.find(key);
  if (it == entry.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string FormatText(const RecordContents& c) {
  std::string out;
  if (c.entries.empty()) out = "no recorded changes\n";
  else out = absl::StrFormat("%-5s %-24s %-28s %-8s %-11s %s\n", "seq", "recorded_at", "setting", "change", "outcome", "verified");
  for (const ordered_json& e : c.entries) {
    std::string setting = Text(e, "setting");
    std::string change = absl::StrCat(Text(e, "before"), "->", Text(e, "after"));
    if (change == "->") change = "-";
    absl::StrAppendFormat(&out, "%-5s %-24s %-28s %-8s %-11s %s\n", Text(e, "seq"), Text(e, "recorded_at"),
                          setting.empty() ? "(unknown)" : setting, change, Text(e, "outcome"),
                          Text(e, "verified") == "true" ? "yes" : "no");
  }
  return out;
}

std::string FormatCsv(const RecordContents& c) {
  std::string out;
  for (const char* col : kColumns) absl::StrAppend(&out, out.empty() ? "" : ",", col);
  out += "\r\n";
  for (const ordered_json& e : c.entries) {
    bool first = true;
    for (const char* col : kColumns) {
      absl::StrAppend(&out, first ? "" : ",", CsvCell(Text(e, col)));
      first = false;
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace

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

absl::StatusOr<std::string> FormatHistory(const RecordContents& contents, const std::string& format) {
  if (format == "text") return FormatText(contents);
  if (format == "csv") return FormatCsv(contents);
  if (format == "json") {
    ordered_json out;
    out["entries"] = contents.entries;
    out["damaged_lines"] = contents.damaged_lines.size();
    out["damaged_line_numbers"] = contents.damaged_lines;
    return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown format \"", format, "\" (text, json, csv)"));
}

}  // namespace optout
