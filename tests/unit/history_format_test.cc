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
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")), "seq,recorded_at,setting,url_path,before,after,verified,outcome,label,browser_time");
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

TEST(HistoryFormat, UnknownFormat) { EXPECT_FALSE(FormatHistory(Sample(), "xml").ok()); }

}  // namespace
}  // namespace optout
