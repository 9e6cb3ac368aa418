// What one `history` reply carries. Labels come from web pages and the record can be long, so a
// reply takes the newest entries that fit a byte budget, cuts long strings, caps the summary,
// and says how to ask for older entries; it never grows past the browser's 1 MiB reply limit.
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

#include "nlohmann/json.hpp"

namespace optout {

inline constexpr std::size_t kHistoryEntriesBudget = std::size_t{640} * 1024;
inline constexpr std::size_t kHistorySummaryBudget = std::size_t{256} * 1024;
inline constexpr std::size_t kHistoryStringBytes = 512;  // per string value in a reply

struct HistoryPage {
  std::vector<nlohmann::ordered_json> entries;  // oldest first
  bool more = false;                            // older entries exist that this page left out
  std::optional<long long> before_seq;          // pass as before_seq for the next older page
  nlohmann::ordered_json summary = nlohmann::ordered_json::array();
  bool summary_truncated = false;
};

// `all`: the record's good entries, oldest first; `summary`: HistorySummary(all).
HistoryPage SelectHistoryPage(const std::vector<nlohmann::ordered_json>& all, const nlohmann::ordered_json& summary,
                              int limit, std::optional<long long> before_seq);

}  // namespace optout
