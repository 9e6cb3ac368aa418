// Packs in the user's data directory and learning from a confirmed switch, through the same
// request path as the browser (MakeRequestHandler reads $OPTOUT_DATA_DIR like the served host).
#include "user_packs.h"

#include <filesystem>

#include "child_process.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "request_handler.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

// A Turkish page of a setting that has no stable key: the URL alone makes it a maybe.
constexpr const char* kPath = "/mypreferences/d/settings/ads-location";
constexpr const char* kLabel = "Reklamlar i\xc3\xa7in profil konumunuzu kullan\xc4\xb1n";

class UserPacksTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::SetEnv("OPTOUT_DATA_DIR", dir_.path()); }
  void TearDown() override { testing::UnsetEnv("OPTOUT_DATA_DIR"); }

  std::unique_ptr<RequestHandler> Handler() {
    absl::StatusOr<std::unique_ptr<RequestHandler>> h = MakeRequestHandler("");
    EXPECT_TRUE(h.ok()) << h.status();
    return *std::move(h);
  }

  static json Send(RequestHandler& h, json request) {
    request["v"] = 1;
    request["id"] = 7;
    return json::parse(h.Handle(request.dump()));
  }

  static json Classify(RequestHandler& h, const std::string& path, const std::string& label,
                       const std::string& lang = "tr") {
    json reply = Send(h, {{"type", "classify"},
                          {"page", {{"url_path", path}, {"lang", lang}}},
                          {"controls", {{{"ref", "c1"}, {"kind", "switch"}, {"checked", true}, {"label", label}}}}});
    EXPECT_EQ(reply["ok"], true) << reply.dump();
    return reply["verdicts"][0];
  }

  static json Learn(RequestHandler& h, const std::string& setting, const std::string& label,
                    const std::string& path = kPath, const std::string& lang = "tr") {
    return Send(h, {{"type", "learn"},
                    {"learn", {{"setting", setting}, {"label", label}, {"lang", lang}, {"url_path", path}}}});
  }

  std::string RulesDir() const { return dir_.path() + "/rules"; }

  testing::TempDir dir_;
};

TEST_F(UserPacksTest, AConfirmedLabelIsLearnedAndFlipsNextTime) {
  auto h = Handler();
  json before = Classify(*h, kPath, kLabel);
  EXPECT_EQ(before["setting"], "ads_location");
  EXPECT_EQ(before["confidence"], "low");
  EXPECT_EQ(before["action"], "highlight");

  json learned = Learn(*h, "ads_location", kLabel);
  ASSERT_EQ(learned["ok"], true) << learned.dump();
  EXPECT_EQ(learned["added"], true);
  json packs = learned["rule_packs"];
  ASSERT_EQ(packs.size(), 2u) << packs.dump();
  EXPECT_EQ(packs[0]["origin"], "built-in");
  EXPECT_EQ(packs[1]["name"], "learned");
  EXPECT_EQ(packs[1]["origin"], "data-dir");
  EXPECT_TRUE(testing::SamePath(packs[1]["path"].get<std::string>(), RulesDir() + "/learned.json")) << packs[1]["path"];

  // At once in this host, and in a host started later from what is on disk.
  EXPECT_EQ(Classify(*h, kPath, kLabel)["action"], "flip");
  auto fresh = Handler();
  json after = Classify(*fresh, kPath, std::string("  ") + kLabel + " ");  // layout whitespace is normalized
  EXPECT_EQ(after["setting"], "ads_location");
  EXPECT_EQ(after["confidence"], "high");
  EXPECT_EQ(after["action"], "flip");
  EXPECT_EQ(after["matched"]["lang"], "tr");
  // Learned labels are whole-label matches on that page: elsewhere they are still only a maybe.
  EXPECT_EQ(Classify(*fresh, "/mypreferences/d/settings/somewhere-else", kLabel)["confidence"], "low");
  EXPECT_EQ(Classify(*fresh, kPath, std::string(kLabel) + " ve daha fazlas\xc4\xb1")["action"], "highlight");

  // (Its mode and its directory's: user_packs_posix_test.cc.) The file is an ordinary pack: the same validator loads
  // it.
  EXPECT_TRUE(LoadRulePackFile(RulesDir() + "/learned.json").ok());

  json again = Learn(*fresh, "ads_location", kLabel);
  ASSERT_EQ(again["ok"], true);
  EXPECT_EQ(again["added"], false);
}

TEST_F(UserPacksTest, ASettingLearnedOnAPageItDoesNotLiveOnGetsThatPageToo) {
  auto h = Handler();
  const std::string moved = "/mypreferences/d/settings/ai-data-new";
  EXPECT_EQ(Classify(*h, moved, "Yapay zeka i\xc3\xa7in verilerimi kullan")["confidence"], "none");
  json learned = Learn(*h, "generative_ai_training", "Yapay zeka i\xc3\xa7in verilerimi kullan", moved);
  ASSERT_EQ(learned["ok"], true) << learned.dump();
  json v = Classify(*h, moved + "/", "Yapay zeka i\xc3\xa7in verilerimi kullan");
  EXPECT_EQ(v["setting"], "generative_ai_training");
  EXPECT_EQ(v["action"], "flip");
}

TEST_F(UserPacksTest, ALabelThatCannotBeCertainIsNotLearned) {
  // A pack with a veto: "Block ..." is about something else, and learning it would make a
  // confirmation mean another thing. Nothing is written.
  testing::TempDir rules;
  testing::WriteFile(rules.path() + "/t.json", R"json({"schema":1,"pack":"t","version":"1",
    "label_vetoes":{"en":["(?:^|\\PL)block(?:\\PL|$)"]},
    "settings":[{"id":"alpha","title":"Alpha","category":"research","shares_when":"on","explain":"a",
                 "url_paths":["^/mypreferences/d/settings/alpha/?$"],"labels":{"en":["alpha setting"]}}]})json");
  testing::SetEnv("OPTOUT_RULES_DIR", rules.path());
  auto h = Handler();
  testing::UnsetEnv("OPTOUT_RULES_DIR");
  json reply = Learn(*h, "alpha", "Block Alpha Ltd", "/mypreferences/d/settings/alpha", "en");
  EXPECT_EQ(reply["ok"], false) << reply.dump();
  EXPECT_EQ(reply["error"]["code"], 1207);
  EXPECT_EQ(reply["error"]["name"], "cannot_learn");
  EXPECT_FALSE(std::filesystem::exists(RulesDir() + "/learned.json"));
  // The same page with a plain label learns fine.
  EXPECT_EQ(Learn(*h, "alpha", "Mein Alpha", "/mypreferences/d/settings/alpha", "de")["added"], true);
}

TEST_F(UserPacksTest, BadLearnRequestsSayWhichField) {
  auto h = Handler();
  struct Bad {
    std::string setting, label, path, message;
  } cases[] = {
      {"no_such_setting", kLabel, kPath, "learn.setting: \"no_such_setting\" is not a known setting"},
      {"discover_by_email", "Nobody", "/mypreferences/d/settings/discover-me-by-email-address",
       "only switches are learned"},
      {"notifications_email", "x", "/mypreferences/d/categories/notifications", "only switches are learned"},
      {"ads_location", kLabel, "/feed/", "learn.url_path: not a LinkedIn settings page path"},
      {"ads_location", " \t ", kPath, "learn.label: empty"},
      {"ads_location", std::string(500, 'a'), kPath, "too long to learn"},
  };
  for (const Bad& b : cases) {
    SCOPED_TRACE(b.message);
    json reply = Learn(*h, b.setting, b.label, b.path);
    EXPECT_EQ(reply["error"]["code"], 1203) << reply.dump();
    EXPECT_NE(reply["error"]["message"].get<std::string>().find(b.message), std::string::npos) << reply.dump();
  }
  json missing = Send(*h, {{"type", "learn"}, {"learn", {{"label", "x"}, {"url_path", kPath}}}});
  EXPECT_EQ(missing["error"]["code"], 1202);
  EXPECT_FALSE(std::filesystem::exists(RulesDir()));
}

TEST_F(UserPacksTest, ABadPackInTheDataDirectoryIsRefusedAndTheBuiltInOneKeepsWorking) {
  std::filesystem::create_directories(RulesDir());
  testing::WriteFile(RulesDir() + "/linkedin.json", R"({"schema":1,"pack":"linkedin","version":"2099.1","settings":[
    {"id":"x","title":"X","category":"research","shares_when":"on","explain":"e","labels":{"en":["(unclosed"]}}]})");
  std::vector<DataDirPack> report;
  absl::StatusOr<std::vector<RulePack>> base = LoadEmbeddedRulePacks();
  ASSERT_TRUE(base.ok());
  std::vector<RulePack> active = ActivePacks(*base, RulesDir(), &report);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].status, "refused");
  EXPECT_NE(report[0].reason.find("linkedin.json: rule \"x\": labels.en[0]: bad pattern \"(unclosed\""),
            std::string::npos)
      << report[0].reason;
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].origin, "built-in");

  auto h = Handler();
  EXPECT_EQ(Classify(*h, "/mypreferences/d/settings/data-for-ai-improvement",
                     "Use my data for training content creation AI models", "en")["action"],
            "flip");
}

TEST_F(UserPacksTest, ANewerPackReplacesTheBuiltInOneAndAnOlderOneIsIgnored) {
  absl::StatusOr<std::vector<RulePack>> base = LoadEmbeddedRulePacks();
  ASSERT_TRUE(base.ok());
  const std::string text = testing::ReadFile(testing::SourcePath("native-host/rules/linkedin.json"));
  json pack = json::parse(text);
  std::filesystem::create_directories(RulesDir());

  pack["version"] = "2000.1.1";  // older than the built-in pack
  testing::WriteFile(RulesDir() + "/old.json", pack.dump());
  std::vector<DataDirPack> report;
  std::vector<RulePack> active = ActivePacks(*base, RulesDir(), &report);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].status, "ignored");
  EXPECT_EQ(active[0].origin, "built-in");

  pack["version"] = "2999.1.1";
  pack["settings"][0]["labels"]["tr"] = {"yapay zeka"};  // a rules-only update adds a language
  testing::WriteFile(RulesDir() + "/old.json", pack.dump());
  active = ActivePacks(*base, RulesDir(), &report);
  EXPECT_EQ(report[0].status, "active");
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].version, "2999.1.1");
  EXPECT_EQ(active[0].origin, "data-dir");

  auto h = Handler();
  json hello = Send(*h, {{"type", "hello"}});
  EXPECT_EQ(hello["rule_packs"][0]["version"], "2999.1.1");
  EXPECT_EQ(hello["rule_packs"][0]["origin"], "data-dir");
  EXPECT_EQ(Classify(*h, "/mypreferences/d/settings/data-for-ai-improvement", "Yapay zeka")["action"], "flip");
}

TEST_F(UserPacksTest, InstallValidatesAndRefusesAnOlderVersion) {
  absl::StatusOr<std::vector<RulePack>> base = LoadEmbeddedRulePacks();
  ASSERT_TRUE(base.ok());
  const std::string file = dir_.path() + "/mine.json";
  testing::WriteFile(file, R"({"schema":1,"pack":"mine","version":"1","settings":[
    {"id":"mine_extra","extends":"research","labels":{"tr":["^ara\u015ft\u0131rma i\u00e7in veri$"]}}]})");
  absl::StatusOr<RulePack> installed = InstallPackFile(RulesDir(), *base, file);
  ASSERT_TRUE(installed.ok()) << installed.status();
  EXPECT_TRUE(std::filesystem::exists(RulesDir() + "/mine.json"));

  std::vector<RulePack> active = ActivePacks(*base, RulesDir(), nullptr);
  absl::StatusOr<RulePack> again = InstallPackFile(RulesDir(), active, file);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("version 1 is not newer than the active mine@1"), std::string::npos)
      << again.status();

  testing::WriteFile(file, R"({"schema":1,"pack":"mine","version":"2","settings":[
    {"id":"mine_extra","extends":"no_such_rule","labels":{"tr":["^x$"]}}]})");
  absl::StatusOr<RulePack> dangling = InstallPackFile(RulesDir(), active, file);
  ASSERT_FALSE(dangling.ok());
  EXPECT_NE(dangling.status().message().find("extends \"no_such_rule\""), std::string::npos) << dangling.status();

  EXPECT_TRUE(RemovePack(RulesDir(), "mine").ok());
  EXPECT_TRUE(absl::IsNotFound(RemovePack(RulesDir(), "mine")));
  EXPECT_TRUE(absl::IsInvalidArgument(RemovePack(RulesDir(), "../record")));
}

}  // namespace
}  // namespace optout
