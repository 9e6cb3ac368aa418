#include "history_format.h"

#include "gtest/gtest.h"

namespace optout {
namespace {

RecordContents Sample() {
  RecordContents c;
  nlohmann::ordered_json e;
  e["seq"] = 1;
  e["recorded_at"] = "2026-11-29T10:00:00.123Z";
  e["setting"] = "generative_ai_training";
  e["url_path"] = "/p";
  e["before"] = "on";
  e["after"] = "off";
  e["verified"] = true;
  e["outcome"] = "changed";
  e["label"] = "=HYPERLINK(\"x\"), \"quoted\"";
  c.entries.push_back(e);
  c.damaged_lines = {4};
  return c;
}

TEST(HistoryFormat, Text) {
  std::string t = *FormatHistory(Sample(), "text");
  EXPECT_NE(t.find("generative_ai_training"), std::string::npos);
  EXPECT_NE(t.find("on->off"), std::string::npos);
  EXPECT_EQ(*FormatHistory(RecordContents{}, "text"), "no recorded changes\n");
}

TEST(HistoryFormat, CsvQuotesAndDefusesFormulas) {
  std::string csv = *FormatHistory(Sample(), "csv");
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "seq,recorded_at,setting,url_path,before,after,verified,outcome,label,browser_time");
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\","), std::string::npos) << csv;
  EXPECT_EQ(CsvCell("plain"), "plain");
  EXPECT_EQ(CsvCell("-1"), "'-1");
}

TEST(HistoryFormat, JsonIncludesDamage) {
  auto j = nlohmann::json::parse(*FormatHistory(Sample(), "json"));
  EXPECT_EQ(j["entries"].size(), 1u);
  EXPECT_EQ(j["damaged_lines"], 1);
  EXPECT_EQ(j["damaged_line_numbers"][0], 4);
}

nlohmann::ordered_json Entry(int seq, const char* setting, const char* outcome, bool verified,
                             const char* before = nullptr, const char* after = nullptr) {
  nlohmann::ordered_json e;
  e["seq"] = seq;
  e["recorded_at"] = "2026-11-29T10:00:0" + std::to_string(seq) + ".000Z";
  e["setting"] = setting ? nlohmann::ordered_json(setting) : nlohmann::ordered_json(nullptr);
  e["url_path"] = "/p";
  if (before) e["before"] = before;
  if (after) e["after"] = after;
  e["verified"] = verified;
  e["outcome"] = outcome;
  return e;
}

// A tour: the AI switch seen, switched off (verified), restored, switched off again; research
// failed once then changed unverified; an unknown control; the objection form.
RecordContents Tour() {
  RecordContents c;
  c.entries = {Entry(1, "generative_ai_training", "seen", false, "on"),
               Entry(2, "research", "failed", false, "on", "on"),
               Entry(3, "generative_ai_training", "changed", true, "on", "off"),
               Entry(4, nullptr, "seen", false, "on"),
               Entry(5, "research", "changed", false, "on", "off"),
               Entry(6, "generative_ai_training", "restored", true, "off", "on"),
               Entry(7, "generative_ai_training", "changed", true, "on", "off"),
               Entry(8, "data_processing_objection", "objection_form_opened", false)};
  return c;
}

TEST(HistorySummary, OnePerSettingSortedWithFirstAndLatestVerifiedChange) {
  nlohmann::json s = HistorySummary(Tour().entries);
  ASSERT_EQ(s.size(), 3u) << "the entry with setting null is left out";
  EXPECT_EQ(s[0]["setting"], "data_processing_objection");
  EXPECT_EQ(s[1]["setting"], "generative_ai_training");
  EXPECT_EQ(s[2]["setting"], "research");

  const nlohmann::json& ai = s[1];
  EXPECT_EQ(ai["first_seen"], "2026-11-29T10:00:01.000Z");
  EXPECT_EQ(ai["state_before"], "on");
  EXPECT_EQ(ai["switched_off_at"], "2026-11-29T10:00:07.000Z") << "the latest verified change";
  EXPECT_EQ(ai["verified_after"], "off");
  EXPECT_EQ(ai["last_outcome"], "changed");

  const nlohmann::json& research = s[2];
  EXPECT_EQ(research["first_seen"], "2026-11-29T10:00:02.000Z");
  EXPECT_TRUE(research["switched_off_at"].is_null()) << "its only change was not verified";
  EXPECT_TRUE(research["verified_after"].is_null());
  EXPECT_EQ(research["last_outcome"], "changed");

  const nlohmann::json& form = s[0];
  EXPECT_TRUE(form["state_before"].is_null()) << "no before in its first entry";
  EXPECT_EQ(form["last_outcome"], "objection_form_opened");

  // Field order is part of the contract.
  std::vector<std::string> keys;
  nlohmann::ordered_json first = HistorySummary(Tour().entries)[0];
  for (auto& item : first.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"setting", "first_seen", "state_before", "switched_off_at",
                                            "verified_after", "last_outcome"}));
  EXPECT_TRUE(HistorySummary({}).is_array());
  EXPECT_TRUE(HistorySummary({}).empty());
}

TEST(HistorySummary, RestoredAfterVerifiedChangeKeepsTheChangeTime) {
  RecordContents c;
  c.entries = {Entry(1, "ads_age", "changed", true, "on", "off"), Entry(2, "ads_age", "restored", true, "off", "on")};
  nlohmann::json s = HistorySummary(c.entries);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["switched_off_at"], "2026-11-29T10:00:01.000Z");
  EXPECT_EQ(s[0]["verified_after"], "off");
  EXPECT_EQ(s[0]["last_outcome"], "restored");
}

TEST(HistoryFormat, JsonHasEntriesSummaryAndDamageInThatOrder) {
  RecordContents c = Tour();
  c.damaged_lines = {3};
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(*FormatHistory(c, "json"));
  std::vector<std::string> keys;
  for (auto& item : j.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"entries", "summary", "damaged_lines", "damaged_line_numbers"}));
  EXPECT_EQ(j["entries"].size(), 8u);
  EXPECT_EQ(j["summary"].size(), 3u);
  EXPECT_EQ(j["damaged_line_numbers"], nlohmann::ordered_json::array({3}));
}

TEST(HistoryFormat, LimitShortensEntriesNotTheSummary) {
  HistoryOptions options;
  options.limit = 1;
  nlohmann::json j = nlohmann::json::parse(*FormatHistory(Tour(), "json", options));
  ASSERT_EQ(j["entries"].size(), 1u);
  EXPECT_EQ(j["entries"][0]["seq"], 8);
  EXPECT_EQ(j["summary"].size(), 3u);
}

TEST(HistoryFormat, CsvSummaryDefusesFormulas) {
  RecordContents c = Tour();
  c.entries.push_back(Entry(9, "=cmd|' /C calc'!A0", "seen", false, "on"));
  HistoryOptions options;
  options.summary = true;
  std::string csv = *FormatHistory(c, "csv", options);
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = csv.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(csv.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 5u) << csv;
  EXPECT_EQ(lines[0], "setting,first_seen,state_before,switched_off_at,verified_after,last_outcome");
  EXPECT_EQ(lines[1], "'=cmd|' /C calc'!A0,2026-11-29T10:00:09.000Z,on,,,seen") << "sorted first, defused";
  EXPECT_EQ(lines[3], "generative_ai_training,2026-11-29T10:00:01.000Z,on,2026-11-29T10:00:07.000Z,off,changed");
  EXPECT_EQ(lines[4], "research,2026-11-29T10:00:02.000Z,on,,,changed");
}

TEST(HistoryFormat, SummaryOptionIsOnlyForCsv) {
  HistoryOptions options;
  options.summary = true;
  EXPECT_FALSE(FormatHistory(Tour(), "json", options).ok());
  EXPECT_FALSE(FormatHistory(Tour(), "text", options).ok());
}

TEST(HistoryFormat, TextShowsTheSummaryTableThenTheEntries) {
  std::string t = *FormatHistory(Tour(), "text");
  std::size_t summary = t.find("switched_off_at");
  std::size_t entries = t.find("seq ");
  ASSERT_NE(summary, std::string::npos) << t;
  ASSERT_NE(entries, std::string::npos) << t;
  EXPECT_LT(summary, entries);
  EXPECT_NE(
      t.find("generative_ai_training       2026-11-29T10:00:01.000Z on     2026-11-29T10:00:07.000Z off    changed\n"),
      std::string::npos)
      << t;
  EXPECT_NE(
      t.find("research                     2026-11-29T10:00:02.000Z on     -                        -      changed\n"),
      std::string::npos)
      << t;
  EXPECT_NE(t.find("(unknown)"), std::string::npos) << "unrecognised controls are still listed as entries";
}

TEST(HistoryFormat, UnknownFormat) { EXPECT_FALSE(FormatHistory(Sample(), "xml").ok()); }

}  // namespace
}  // namespace optout
