#include "history_page.h"

#include "text_normalize.h"

namespace optout {
namespace {

using nlohmann::ordered_json;

// A copy with every string value cut to kHistoryStringBytes; `cut` says whether any was.
ordered_json Trimmed(const ordered_json& object, bool* cut) {
  ordered_json out = object;
  for (auto& [key, value] : out.items()) {
    if (value.is_string() && value.get_ref<const std::string&>().size() > kHistoryStringBytes) {
      value = TruncateUtf8(value.get<std::string>(), kHistoryStringBytes);
      *cut = true;
    }
  }
  return out;
}

std::size_t Size(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace).size();
}

}  // namespace

HistoryPage SelectHistoryPage(const std::vector<ordered_json>& all, const ordered_json& summary, int limit,
                              std::optional<long long> before_seq) {
  HistoryPage page;
  std::size_t spent = 0;
  std::size_t i = all.size();
  // Newest first, below the cursor, until the limit or the budget is reached.
  while (i > 0) {
    const ordered_json& e = all[i - 1];
    if (before_seq && e.value("seq", 0LL) >= *before_seq) {
      --i;
      continue;
    }
    if (page.entries.size() >= static_cast<std::size_t>(limit)) break;
    bool cut = false;
    ordered_json entry = Trimmed(e, &cut);
    if (cut) entry["truncated"] = true;
    std::size_t size = Size(entry) + 1;
    if (spent + size > kHistoryEntriesBudget && !page.entries.empty()) break;
    spent += size;
    page.entries.push_back(std::move(entry));
    --i;
  }
  page.more = i > 0;
  std::reverse(page.entries.begin(), page.entries.end());
  if (page.more && !page.entries.empty()) page.before_seq = page.entries.front().value("seq", 0LL);

  spent = 0;
  for (const ordered_json& s : summary) {
    bool cut = false;
    ordered_json row = Trimmed(s, &cut);
    spent += Size(row) + 1;
    if (spent > kHistorySummaryBudget) {
      page.summary_truncated = true;
      break;
    }
    page.summary.push_back(std::move(row));
  }
  return page;
}

}  // namespace optout
