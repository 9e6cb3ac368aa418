// Renders the record for people (text), programs (json) and spreadsheets (csv).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "record_store.h"

namespace optout {

// format: "text" | "json" | "csv". Unknown formats are an error.
absl::StatusOr<std::string> FormatHistory(const RecordContents& contents, const std::string& format);

// RFC 4180 quoting; cells that a spreadsheet would run as a formula (=, +, -, @) get a leading
// apostrophe, because labels come from a web page.
std::string CsvCell(const std::string& value);

}  // namespace optout
