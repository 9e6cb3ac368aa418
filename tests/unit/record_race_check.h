// What must hold after appenders raced compactions of one record (record_compaction_test.cc,
// record_compaction_posix_test.cc): every entry is somewhere (the archives and record.log), one seq
// always names one entry, and seqs have no gaps.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "record_store.h"
#include "test_util.h"

namespace optout::testing {

// The change appender `c` writes, its label `id`.
inline nlohmann::ordered_json RaceChange(int c, const std::string& id) {
  nlohmann::ordered_json change;
  change["setting"] = "child_" + std::to_string(c);
  change["url_path"] = "/mypreferences/d/settings/x";
  change["before"] = "on";
  change["after"] = "on";
  change["verified"] = true;
  change["outcome"] = "seen";
  change["label"] = id;
  return change;
}

// `dir` after `appenders` appenders wrote `each` entries each.
inline void CheckRacedRecord(const std::string& dir, int appenders, int each) {
  using nlohmann::ordered_json;
  const int kChildren = appenders, kEach = each;
  // Every entry is somewhere (the archives and record.log), and one seq always names one entry.
  std::map<long long, std::string> by_seq;
  int archives = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::u8path(dir))) {
    archives += e.path().filename().string().rfind("record-", 0) == 0;
    RecordContents contents = ParseRecordText(ReadFile(e.path().u8string()));
    EXPECT_TRUE(contents.damaged_lines.empty()) << e.path();
    for (const ordered_json& entry : contents.entries) {
      std::string what = entry["setting"].is_null() ? "compacted:" + entry["archive"].get<std::string>()
                                                    : entry["label"].get<std::string>();
      auto [it, fresh] = by_seq.emplace(entry["seq"].get<long long>(), what);
      EXPECT_EQ(it->second, what) << "seq " << entry["seq"] << " names two entries";
    }
  }
  EXPECT_GE(archives, 2) << "the test should race several compactions";
  std::set<std::string> appended;
  for (const auto& [seq, what] : by_seq) appended.insert(what);
  for (int c = 0; c < kChildren; ++c) {
    for (int i = 0; i < kEach; ++i)
      EXPECT_TRUE(appended.count(std::to_string(c) + "_" + std::to_string(i))) << c << "_" << i;
  }
  // Seqs have no gaps: every number up to the last was given to exactly one entry or marker.
  EXPECT_EQ(static_cast<long long>(by_seq.size()), by_seq.rbegin()->first);
}

}  // namespace optout::testing
