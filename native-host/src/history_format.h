// Renders the record for people (text), programs (json) and spreadsheets (csv), and sums it up
// per setting.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "record_store.h"

namespace optout {

// One object per setting seen in `entries` (oldest first), sorted by setting id:
//   {setting, first_seen, state_before, switched_off_at, verified_after, last_outcome}
// first_seen/state_before: recorded_at/before of the setting's first entry; switched_off_at/
// verified_after: recorded_at/after of its latest entry with outcome "changed" and verified true
// (null when there is none); last_outcome: outcome of its latest entry. Missing values are null.
// Entries whose setting is null (unrecognised controls) are left out.
nlohmann::ordered_json HistorySummary(const std::vector<nlohmann::ordered_json>& entries);

struct HistoryOptions {
  long limit = -1;       // show only the newest `limit` entries; the summary always covers all
  bool summary = false;  // csv only: print the summary rows instead of the entries
};

// format: "text" (summary table, then entries) | "json" ({entries, summary, damaged_lines,
// damaged_line_numbers}) | "csv". Unknown formats, and `summary` with a format other than csv,
// are errors.
absl::StatusOr<std::string> FormatHistory(const RecordContents& contents, const std::string& format,
                                          const HistoryOptions& options = {});

// RFC 4180 quoting; cells that a spreadsheet would run as a formula (=, +, -, @) get a leading
// apostrophe, because labels come from a web page.
std::string CsvCell(const std::string& raw);

}  // namespace optout
