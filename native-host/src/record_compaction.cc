#include "record_compaction.h"

#include <map>
#include <set>
#include <vector>

#include "record_store.h"

namespace optout {

CompactionPlan PlanCompaction(const std::string& text, std::size_t keep_newest, std::size_t newest_budget) {
  struct Line {
    std::size_t start, end;  // [start, end) including the newline
    nlohmann::ordered_json entry;
  };
  std::vector<Line> good;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) break;  // a torn last line is never kept
    nlohmann::ordered_json entry;
    if (ParseRecordLine(text.substr(start, nl - start), &entry)) good.push_back({start, nl + 1, std::move(entry)});
    start = nl + 1;
  }
  // What HistorySummary reads, per setting: first entry, latest verified change, latest entry.
  std::map<std::string, std::size_t> first, last, last_change;
  for (std::size_t i = 0; i < good.size(); ++i) {
    const auto& e = good[i].entry;
    auto setting = e.find("setting");
    if (setting == e.end() || !setting->is_string()) continue;
    const std::string id = setting->get<std::string>();
    first.emplace(id, i);
    last[id] = i;
    auto outcome = e.find("outcome");
    auto verified = e.find("verified");
    if (outcome != e.end() && *outcome == "changed" && verified != e.end() && *verified == true) last_change[id] = i;
  }
  std::set<std::size_t> keep;
  for (const auto* index : {&first, &last, &last_change}) {
    for (const auto& [id, i] : *index) keep.insert(i);
  }
  std::size_t spent = 0;
  for (std::size_t n = 0; n < keep_newest && n < good.size(); ++n) {
    const Line& line = good[good.size() - 1 - n];
    spent += line.end - line.start;
    if (spent > newest_budget) break;
    keep.insert(good.size() - 1 - n);
  }

  CompactionPlan plan;
  plan.good_lines = static_cast<long>(good.size());
  for (std::size_t i : keep) plan.kept_text.append(text, good[i].start, good[i].end - good[i].start);
  plan.kept_lines = static_cast<long>(keep.size());
  return plan;
}

}  // namespace optout
