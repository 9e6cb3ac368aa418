// Compaction keeps record.log small without losing what it proves: the archive is the old file
// byte for byte, the per-setting summary (the receipt) is the same after as before, seq numbers
// go on, and appenders racing a compaction lose nothing.
#include "record_compaction.h"

#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "gtest/gtest.h"
#include "history_format.h"
#include "record_race_check.h"
#include "record_store.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::ordered_json;

ordered_json Change(const std::string& setting, const std::string& outcome, bool verified,
                    const std::string& label = "") {
  ordered_json c;
  c["setting"] = setting.empty() ? ordered_json(nullptr) : ordered_json(setting);
  c["url_path"] = "/mypreferences/d/settings/x";
  c["before"] = "on";
  c["after"] = outcome == "changed" ? "off" : "on";
  c["verified"] = verified;
  c["outcome"] = outcome;
  c["label"] = label;
  return c;
}

// A random record: several settings, every outcome, unrecognised controls, damaged lines.
std::string RandomRecord(std::mt19937& rng, int entries) {
  const char* settings[] = {"generative_ai_training", "research", "ads_age", "ads_gender", ""};
  const char* outcomes[] = {"seen", "changed", "failed", "already_off", "restored"};
  std::string text;
  for (int seq = 1; seq <= entries; ++seq) {
    ordered_json e = Change(settings[rng() % 5], outcomes[rng() % 5], rng() % 3 != 0);
    e["seq"] = seq;
    e["recorded_at"] = "2026-11-29T10:00:" + std::to_string(10 + seq % 50) + ".000Z";
    text += FormatRecordLine(e.dump());
    if (rng() % 17 == 0) text += "deadbeef {\"damaged\":true}\n";
  }
  return text;
}

TEST(RecordCompaction, TheSummaryIsTheSameAfterAsBefore) {
  std::mt19937 rng(20261129);
  for (int round = 0; round < 50; ++round) {
    std::string text = RandomRecord(rng, 1 + static_cast<int>(rng() % 400));
    CompactionPlan plan = PlanCompaction(text, 20, 1 << 20);
    RecordContents before = ParseRecordText(text), after = ParseRecordText(plan.kept_text);
    EXPECT_EQ(HistorySummary(after.entries), HistorySummary(before.entries)) << "round " << round;
    EXPECT_TRUE(after.damaged_lines.empty());
    EXPECT_LE(plan.kept_lines, 3 * 4 + 20);  // 4 settings x (first, latest change, latest) + newest 20
    // Kept lines are the old lines, unchanged and in order: their checksums still hold.
    std::size_t at = 0;
    for (std::size_t start = 0; start < plan.kept_text.size();) {
      std::size_t nl = plan.kept_text.find('\n', start);
      std::string line = plan.kept_text.substr(start, nl - start + 1);
      at = text.find(line, at);
      ASSERT_NE(at, std::string::npos) << line;
      start = nl + 1;
    }
    // The newest entries are all there.
    ASSERT_GE(after.entries.size(), std::min<std::size_t>(20, before.entries.size()));
    EXPECT_EQ(after.entries.back(), before.entries.back());
  }
}

TEST(RecordCompaction, TheNewestEntriesKeptStayWithinTheirBudget) {
  std::mt19937 rng(7);
  std::string text = RandomRecord(rng, 2000);
  CompactionPlan plan = PlanCompaction(text, 500, 4096);
  EXPECT_LT(plan.kept_text.size(), 4096u + 12 * 400u);  // the budget, plus at most 12 summary lines
  EXPECT_EQ(HistorySummary(ParseRecordText(plan.kept_text).entries), HistorySummary(ParseRecordText(text).entries));
}

TEST(RecordCompaction, AppendArchivesTheOldFileWholeAndSeqGoesOn) {
  testing::TempDir dir;
  RecordStore store(dir.path(), /*compact_at=*/8 * 1024);
  long long last = 0;
  std::string old_text;
  while (true) {
    std::string current = testing::ReadFile(dir.path() + "/record.log");
    absl::StatusOr<AppendResult> r = store.Append(Change("research", "changed", true, std::string(200, 'x')));
    ASSERT_TRUE(r.ok()) << r.status();
    if (r->seq != last + 1) {  // a compaction marker took one seq
      EXPECT_EQ(r->seq, last + 2);
      old_text = current;
      break;
    }
    last = r->seq;
    ASSERT_LT(last, 1000) << "never compacted";
  }
  std::string archive;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    if (e.path().filename().string().rfind("record-", 0) == 0) archive = e.path().string();
  }
  ASSERT_FALSE(archive.empty());
  EXPECT_EQ(testing::ReadFile(archive), old_text) << "the archive is the old record, byte for byte";
  // (The archive is user-only: record_compaction_posix_test.cc.)

  absl::StatusOr<RecordContents> now = store.Read();
  ASSERT_TRUE(now.ok());
  EXPECT_TRUE(now->damaged_lines.empty());
  const ordered_json& marker = now->entries[now->entries.size() - 2];
  EXPECT_EQ(marker["outcome"], "compacted");
  EXPECT_EQ(marker["seq"], last + 1);
  EXPECT_EQ(marker["archive"], std::filesystem::path(archive).filename().string());
  EXPECT_EQ(now->entries.back()["seq"], last + 2);
  EXPECT_LT(testing::ReadFile(dir.path() + "/record.log").size(), old_text.size());
  EXPECT_EQ(HistorySummary(now->entries),
            HistorySummary(ParseRecordText(old_text + FormatRecordLine(now->entries.back().dump())).entries));
}

// Appenders in threads of one process, each with its own RecordStore (its own handle on the file,
// so the file lock and the replace of record.log work between them as between processes; the
// forked version: record_compaction_posix_test.cc).
TEST(RecordCompaction, ThreadedAppendersRacingCompactionsLoseNothingAndNeverReuseASeq) {
  testing::TempDir dir;
  constexpr int kAppenders = 4, kEach = 120;
  std::vector<std::thread> appenders;
  std::vector<int> failures(kAppenders, 0);
  for (int c = 0; c < kAppenders; ++c) {
    appenders.emplace_back([&, c] {
      RecordStore store(dir.path(), /*compact_at=*/16 * 1024);
      for (int i = 0; i < kEach; ++i) {
        std::string id = std::to_string(c) + "_" + std::to_string(i);
        if (!store.Append(testing::RaceChange(c, id)).ok()) ++failures[c];
      }
    });
  }
  for (std::thread& t : appenders) t.join();
  for (int c = 0; c < kAppenders; ++c) EXPECT_EQ(failures[c], 0) << "appender " << c;
  testing::CheckRacedRecord(dir.path(), kAppenders, kEach);
}

}  // namespace
}  // namespace optout
