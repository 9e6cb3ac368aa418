#include "classifier.h"

#include <filesystem>

#include "gtest/gtest.h"
#include "protocol.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

class ClassifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<RulePack> pack = LoadRulePackFile(testing::SourcePath("native-host/rules/linkedin.json"));
    ASSERT_TRUE(pack.ok()) << pack.status();
    packs_.push_back(*std::move(pack));
    absl::StatusOr<std::unique_ptr<Classifier>> c = Classifier::Build(packs_);
    ASSERT_TRUE(c.ok()) << c.status();
    classifier_ = *std::move(c);
  }

  std::vector<Verdict> Run(const PageSnapshot& page) {
    absl::StatusOr<std::vector<Verdict>> v = classifier_->Classify(page);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : std::vector<Verdict>{};
  }

  std::vector<Verdict> RunSnapshot(const std::string& name) {
    ParseResult parsed = ParseRequest(testing::ReadFile(testing::SourcePath("tests/fixtures/snapshots/" + name)));
    EXPECT_TRUE(parsed.ok) << name << ": " << parsed.error.message;
    return Run(parsed.request.page);
  }

  std::vector<RulePack> packs_;
  std::unique_ptr<Classifier> classifier_;
};

std::string Setting(const Verdict& v) { return v.rule ? v.rule->id : "null"; }

struct Expected {
  const char* file;
  const char* ref;
  const char* setting;
  const char* confidence;
  const char* action;
  const char* lang;  // "" = null
  std::vector<std::string> fields;
};

// Every snapshot in tests/fixtures/snapshots must be listed here, so none goes unchecked.
const std::vector<Expected>& SnapshotExpectations() {
  static const std::vector<Expected> k = {
      {"genai-en-switch.json", "c1", "generative_ai_training", "high", "flip", "en", {"url_path", "label", "context"}},
      {"genai-de-switch.json", "c1", "generative_ai_training", "high", "flip", "de", {"url_path", "label", "context"}},
      {"genai-en-artdeco.json", "c1", "generative_ai_training", "high", "flip", "en", {"url_path", "label", "context"}},
      {"genai-de-artdeco-off.json", "c1", "generative_ai_training", "high", "none", "de", {"url_path", "label", "context"}},
      {"notifications-decoy.json", "c1", "null", "none", "none", "", {}},
      {"notifications-decoy.json", "c2", "notifications_email", "high", "none", "en", {"url_path", "label"}},
      // Turkish is not in the pack: the label says nothing, url_path + attribute make it low.
      {"ads-by-age-tr.json", "c1", "ads_age", "low", "highlight", "", {"url_path", "attr"}},
  };
  return k;
}

TEST_F(ClassifierTest, EverySnapshotHasExpectations) {
  for (const auto& entry : std::filesystem::directory_iterator(testing::SourcePath("tests/fixtures/snapshots"))) {
    std::string name = entry.path().filename().string();
    bool listed = false;
    for (const Expected& e : SnapshotExpectations()) listed = listed || name == e.file;
    EXPECT_TRUE(listed) << name << " has no expected verdicts";
  }
}

TEST_F(ClassifierTest, Snapshots) {
  for (const Expected& e : SnapshotExpectations()) {
    SCOPED_TRACE(std::string(e.file) + " " + e.ref);
    std::vector<Verdict> verdicts = RunSnapshot(e.file);
    auto it = std::find_if(verdicts.begin(), verdicts.end(), [&](const Verdict& v) { return v.ref == e.ref; });
    ASSERT_NE(it, verdicts.end());
    EXPECT_EQ(Setting(*it), e.setting);
    EXPECT_EQ(it->confidence, e.confidence);
    EXPECT_EQ(it->action, e.action);
    EXPECT_EQ(it->matched_lang, e.lang);
    EXPECT_EQ(it->matched_fields, e.fields);
  }
}

TEST_F(ClassifierTest, VerdictJsonForKnownNeverAndUnknown) {
  std::vector<Verdict> v = RunSnapshot("notifications-decoy.json");
  ASSERT_EQ(v.size(), 2u);
  json unknown = json::parse(VerdictJson(v[0]).dump());
  EXPECT_TRUE(unknown["setting"].is_null());
  EXPECT_EQ(unknown["category"], "unknown");
  EXPECT_EQ(unknown["action"], "none");
  EXPECT_TRUE(unknown["matched"]["rule"].is_null());
  json never = json::parse(VerdictJson(v[1]).dump());
  EXPECT_EQ(never["category"], "not_data_use");
  EXPECT_EQ(never["shares_when"], "never");
  EXPECT_EQ(never["shares_data"], false);
  EXPECT_EQ(never["state"], "on");
}

Control Switch(const std::string& ref, bool checked, const std::string& label, const std::string& context = "") {
  Control c;
  c.ref = ref;
  c.kind = "switch";
  c.checked = checked;
  c.label = label;
  c.context = context;
  return c;
}

TEST_F(ClassifierTest, LabelAloneIsLowAndNeverFlipped) {
  PageSnapshot page;
  page.url_path = "/feed/";
  page.controls = {Switch("a", true, "Use my data for training content creation AI models")};
  Verdict v = Run(page)[0];
  EXPECT_EQ(Setting(v), "generative_ai_training");
  EXPECT_EQ(v.confidence, "low");
  EXPECT_EQ(v.action, "highlight");
}

TEST_F(ClassifierTest, NeverFlipsTowardSharing) {
  PageSnapshot page;
  page.url_path = "/mypreferences/d/settings/data-for-ai-improvement";
  page.controls = {Switch("a", false, "Use my data for training content creation AI models")};
  Verdict v = Run(page)[0];
  EXPECT_EQ(v.confidence, "high");
  EXPECT_FALSE(v.shares_data);
  EXPECT_EQ(v.action, "none");
}

TEST_F(ClassifierTest, UrlPathAloneOnlyOnOneSwitchPages) {
  PageSnapshot page;
  page.url_path = "/mypreferences/d/settings/ads-by-gender";
  page.controls = {Switch("a", true, "Irgendwas")};
  Verdict one = Run(page)[0];
  EXPECT_EQ(Setting(one), "ads_gender");
  EXPECT_EQ(one.confidence, "low");
  EXPECT_EQ(one.matched_fields, std::vector<std::string>{"url_path"});

  page.controls.push_back(Switch("b", true, "Something else"));
  for (const Verdict& v : Run(page)) {
    EXPECT_EQ(Setting(v), "null") << v.ref;
    EXPECT_EQ(v.confidence, "none");
  }
}

TEST_F(ClassifierTest, UrlPathCorroboratesOnManySwitchPages) {
  PageSnapshot page;
  page.url_path = "/mypreferences/d/categories/notifications";
  page.controls = {Switch("a", true, "Email notifications"), Switch("b", true, "Push notifications")};
  std::vector<Verdict> v = Run(page);
  EXPECT_EQ(v[0].confidence, "high");
  EXPECT_EQ(Setting(v[1]), "null");
}

TEST_F(ClassifierTest, AttributeIdListsAreMatchedPerId) {
  PageSnapshot page;
  page.url_path = "/somewhere";
  Control c = Switch("a", true, "");
  c.attrs = {{"aria-labelledby", "header-1  allowAdsByGender"}, {"class", "allowAdsByAge"}};
  page.controls = {c};
  Verdict v = Run(page)[0];
  EXPECT_EQ(Setting(v), "ads_gender") << "class is not a stable attribute and must be ignored";
  EXPECT_EQ(v.confidence, "low");
  EXPECT_EQ(v.action, "highlight");
}

TEST_F(ClassifierTest, LabelThatMatchesTwoRulesIsLow) {
  json pack = json::parse(R"({"schema":1,"pack":"tie","version":"1","settings":[
    {"id":"first","title":"F","category":"research","shares_when":"on","explain":"e",
     "labels":{"en":["share data"]},"context":{"en":["partners"]}},
    {"id":"second","title":"S","category":"partners","shares_when":"on","explain":"e",
     "labels":{"en":["share data with"]}}]})");
  absl::StatusOr<RulePack> p = ParseRulePack("tie.json", pack.dump());
  ASSERT_TRUE(p.ok()) << p.status();
  auto c = Classifier::Build({*p});
  ASSERT_TRUE(c.ok());
  PageSnapshot page;
  page.url_path = "/x";
  page.controls = {Switch("a", true, "Share data with partners", "partners")};
  Verdict v = (*c)->Classify(page)->at(0);
  EXPECT_EQ(v.confidence, "low");
  EXPECT_EQ(Setting(v), "first") << "the better supported of the tied rules";
  EXPECT_EQ(v.action, "highlight");
}

TEST_F(ClassifierTest, OutputIsDeterministicAndInRequestOrder) {
  ParseResult parsed = ParseRequest(testing::ReadFile(testing::SourcePath("tests/fixtures/snapshots/notifications-decoy.json")));
  ASSERT_TRUE(parsed.ok);
  std::string first = ClassifyReply(1, "x", Run(parsed.request.page));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(ClassifyReply(1, "x", Run(parsed.request.page)), first);
  std::vector<Verdict> v = Run(parsed.request.page);
  EXPECT_EQ(v[0].ref, "c1");
  EXPECT_EQ(v[1].ref, "c2");
}

TEST_F(ClassifierTest, PatternsAreCaseInsensitiveUnanchoredAndSeeNormalizedText) {
  PageSnapshot page;
  page.url_path = "/MYPREFERENCES/d/settings/policy-and-academic-research/";
  page.controls = {Switch("a", true, "  USE\u00a0DATA   for research ")};
  Verdict v = Run(page)[0];
  EXPECT_EQ(Setting(v), "research");
  EXPECT_EQ(v.confidence, "high");
  EXPECT_EQ(v.action, "flip");
}

TEST_F(ClassifierTest, CjkLabelsAndContextMatchAsUtf8) {
  PageSnapshot page;
  page.url_path = "/mypreferences/d/settings/data-for-ai-improvement";
  page.lang = "ja";
  page.controls = {Switch("a", true, "コンテンツ作成AIモデルのトレーニングにデータを使用する",
                          "生成AIの改善のためのデータ")};
  Verdict ja = Run(page)[0];
  EXPECT_EQ(Setting(ja), "generative_ai_training");
  EXPECT_EQ(ja.confidence, "high");
  EXPECT_EQ(ja.action, "flip");
  EXPECT_EQ(ja.matched_lang, "ja");
  EXPECT_EQ(ja.matched_fields, (std::vector<std::string>{"url_path", "label", "context"}));

  page.url_path = "/mypreferences/d/settings/ads-by-age";
  page.lang = "zh-Hans";
  page.controls = {Switch("b", true, "将年龄段用于广告", "年龄段")};
  Verdict zh = Run(page)[0];
  EXPECT_EQ(Setting(zh), "ads_age");
  EXPECT_EQ(zh.confidence, "high");
  EXPECT_EQ(zh.matched_lang, "zh-Hans");
}

TEST_F(ClassifierTest, CaseInsensitiveBeyondAscii) {
  // "altersgruppe für anzeigen" must match upper-case text with a non-ASCII letter.
  PageSnapshot page;
  page.url_path = "/mypreferences/d/settings/ads-by-age";
  page.lang = "de";
  page.controls = {Switch("a", true, "IHRE ALTERSGRUPPE FÜR ANZEIGEN VERWENDEN", "ALTERSGRUPPE")};
  Verdict v = Run(page)[0];
  EXPECT_EQ(Setting(v), "ads_age");
  EXPECT_EQ(v.confidence, "high");
  EXPECT_EQ(v.matched_lang, "de");
}

}  // namespace
}  // namespace optout

namespace optout {
namespace {

// A pattern whose program outgrows a tiny memory budget.
// (A DFA failure during Match is also checked in Classifier::Match, but RE2 sets built for
// many-match never give up on a slow DFA, so it cannot be provoked reliably from a test.)
absl::StatusOr<RulePack> ExplosivePack() {
  return ParseRulePack("dfa.json", R"({"schema":1,"pack":"dfa","version":"1","settings":[
    {"id":"boom","title":"B","category":"research","shares_when":"on","explain":"e",
     "labels":{"en":["[ab]*a[ab]{20}c"]}}]})");
}

TEST(ClassifierLimits, SetCompileFailureIsAnError) {
  auto pack = ExplosivePack();
  ASSERT_TRUE(pack.ok()) << pack.status();
  auto c = Classifier::Build({*pack}, 1024);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("RE2::Set::Compile failed for field label"), std::string::npos) << c.status();
}

}  // namespace
}  // namespace optout
