// What must hold of record.log after every kill -9 (record_kill_test.cc, record_kill_posix_test.cc):
// it never shrinks, keeps every earlier byte as it was, holds only valid lines except a torn last
// line (or one torn on purpose), and its seq numbers strictly increase.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "hostile_util.h"
#include "record_store.h"

namespace optout::hostile {

// Everything checked after a kill; `torn` holds the 1-based numbers of lines we tore on purpose.
struct LogCheck {
  std::string previous;
  std::set<long> torn;
  long long last_seq = 0;
  std::size_t entries = 0;

  void After(const std::string& path, int round) {
    std::string now = ReadFile(path);
    SCOPED_TRACE("round " + std::to_string(round));
    ASSERT_GE(now.size(), previous.size()) << "the record shrank";
    ASSERT_EQ(now.compare(0, previous.size(), previous), 0) << "earlier bytes were rewritten";
    RecordContents contents = ParseRecordText(now);
    const long lines =
        static_cast<long>(std::count(now.begin(), now.end(), '\n')) + (now.empty() || now.back() == '\n' ? 0 : 1);
    for (long damaged : contents.damaged_lines) {
      bool torn_last = damaged == lines && !now.empty() && now.back() != '\n';
      ASSERT_TRUE(torn.count(damaged) || torn_last) << "line " << damaged << " is damaged";
      if (torn_last) torn.insert(damaged);  // it stays a damaged line once the next append ends it
    }
    long long last = 0;
    for (const auto& entry : contents.entries) {
      long long seq = entry["seq"].get<long long>();
      ASSERT_GT(seq, last) << "seq went backwards";
      last = seq;
    }
    ASSERT_GE(contents.entries.size(), entries) << "a record disappeared";
    entries = contents.entries.size();
    last_seq = last;
    previous = std::move(now);
  }

  // Appends a random proper prefix of a valid line, as a crash in the middle of write() would.
  void Tear(const std::string& path, std::mt19937& rng) {
    nlohmann::ordered_json entry;
    entry["seq"] = last_seq + 1;
    entry["recorded_at"] = "2026-11-29T10:00:00.000Z";
    entry["setting"] = "torn";
    std::string line = FormatRecordLine(entry.dump());
    std::size_t keep = std::uniform_int_distribution<std::size_t>(1, line.size() - 2)(rng);
    std::string prefix = previous.empty() || previous.back() == '\n' ? "" : "\n";
    std::string bytes = prefix + line.substr(0, keep);
    {
      std::ofstream out(std::filesystem::u8path(path), std::ios::binary | std::ios::app);
      ASSERT_TRUE(out.good());
      out << bytes;
    }
    std::string now = ReadFile(path);
    torn.insert(static_cast<long>(std::count(now.begin(), now.end(), '\n')) + 1);
    previous = std::move(now);
  }
};

}  // namespace optout::hostile
