// The receipt reads the record through `history`; a long record with long page labels once made
// that reply exceed the browser's 1 MiB limit (1501), and the receipt showed nothing. Each reply
// now fits, and `before_seq` pages back through every entry.
#include "history_page.h"

#include <set>

#include "child_process.h"
#include "gtest/gtest.h"
#include "host_limits.h"
#include "record_store.h"
#include "request_handler.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

class HistoryPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::SetEnv("OPTOUT_DATA_DIR", dir_.path());
    RecordStore store(dir_.path());
    for (int i = 1; i <= kEntries; ++i) {
      nlohmann::ordered_json c;
      c["setting"] = i % 7 == 0 ? "research" : "generative_ai_training";
      c["url_path"] = "/mypreferences/d/settings/data-for-ai-improvement";
      c["verified"] = true;
      c["outcome"] = i % 2 ? "changed" : "restored";
      c["label"] = std::string(kMaxRecordStringBytes - 10, static_cast<char>('a' + i % 26)) + "\xe5\xad\xa6";
      ASSERT_TRUE(store.Append(c).ok());
    }
    absl::StatusOr<std::unique_ptr<RequestHandler>> h = MakeRequestHandler("");
    ASSERT_TRUE(h.ok()) << h.status();
    handler_ = *std::move(h);
  }
  void TearDown() override { testing::UnsetEnv("OPTOUT_DATA_DIR"); }

  std::string Ask(const std::string& body) { return handler_->Handle(body); }

  static constexpr int kEntries = 600;  // ~2.4 MB of labels
  testing::TempDir dir_;
  std::unique_ptr<RequestHandler> handler_;
};

TEST_F(HistoryPageTest, EveryReplyFitsAndPagingVisitsEveryEntryOnce) {
  std::set<long long> seen;
  std::string cursor;
  int pages = 0;
  for (;;) {
    std::string body = R"({"v":1,"id":1,"type":"history","limit":500)" + cursor + "}";
    std::string raw = Ask(body);
    EXPECT_LE(raw.size(), kMaxReplyBytes);
    json reply = json::parse(raw);
    ASSERT_EQ(reply["ok"], true) << raw.substr(0, 300);
    ++pages;
    long long previous = 0;
    for (const json& e : reply["entries"]) {
      EXPECT_GT(e["seq"].get<long long>(), previous) << "oldest first";
      previous = e["seq"];
      EXPECT_TRUE(seen.insert(e["seq"].get<long long>()).second) << "seq " << e["seq"] << " twice";
      EXPECT_LE(e["label"].get<std::string>().size(), kHistoryStringBytes);
      EXPECT_EQ(e["truncated"], true);
    }
    // The summary always covers the whole record, whichever page this is.
    ASSERT_EQ(reply["summary"].size(), 2u);
    EXPECT_EQ(reply["summary"][0]["setting"], "generative_ai_training");
    if (!reply["more"].get<bool>()) {
      EXPECT_TRUE(reply["before_seq"].is_null());
      break;
    }
    cursor = ",\"before_seq\":" + std::to_string(reply["before_seq"].get<long long>());
    ASSERT_LT(pages, 20);
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kEntries));
  EXPECT_EQ(*seen.begin(), 1);
}

TEST_F(HistoryPageTest, TheLimitStillBoundsAPage) {
  json reply = json::parse(Ask(R"({"v":1,"id":1,"type":"history","limit":3})"));
  ASSERT_EQ(reply["entries"].size(), 3u);
  EXPECT_EQ(reply["entries"][2]["seq"], kEntries);
  EXPECT_EQ(reply["more"], true);
  EXPECT_EQ(reply["before_seq"], kEntries - 2);
}

TEST_F(HistoryPageTest, ABadCursorIsABadField) {
  for (const char* bad : {R"("x")", "0", "-4", "9007199254740993", "1.5"}) {
    json reply = json::parse(Ask(std::string(R"({"v":1,"id":1,"type":"history","before_seq":)") + bad + "}"));
    EXPECT_EQ(reply["error"]["code"], 1203) << bad << " " << reply.dump();
  }
}

TEST(HistoryPageSelect, AHugeSummaryIsCappedAndSaysSo) {
  nlohmann::ordered_json summary = nlohmann::ordered_json::array();
  for (int i = 0; i < 5000; ++i) summary.push_back({{"setting", std::string(400, 'x') + std::to_string(i)}});
  HistoryPage page = SelectHistoryPage({}, summary, 50, std::nullopt);
  EXPECT_TRUE(page.summary_truncated);
  EXPECT_LT(page.summary.dump().size(), kHistorySummaryBudget + 1024);
  EXPECT_GT(page.summary.size(), 100u);
}

}  // namespace
}  // namespace optout
