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
      {"genai-de-artdeco-off.json",
       "c1",
       "generative_ai_training",
       "high",
       "none",
       "de",
       {"url_path", "label", "context"}},
      {"notifications-decoy.json", "c1", "null", "none", "none", "", {}},
      {"notifications-decoy.json", "c2", "notifications_email", "high", "none", "en", {"url_path", "label"}},
      // Turkish is not in the pack: the label says nothing, but url_path + LinkedIn's stable key
      // (the same in every UI language) are an anchor and a second signal: high.
      {"ads-by-age-tr.json", "c1", "ads_age", "high", "flip", "", {"url_path", "attr"}},
      // A radio group: only the private option ("Nobody") is ever selected by the extension.
      {"discover-email-radio-en.json", "r1", "discover_by_email", "high", "none", "", {"url_path", "context"}},
      {"discover-email-radio-en.json", "r2", "discover_by_email", "high", "none", "", {"url_path", "context"}},
      {"discover-email-radio-en.json", "r3", "discover_by_email", "high", "none", "", {"url_path", "context"}},
      {"discover-email-radio-en.json",
       "r4",
       "discover_by_email",
       "high",
       "flip",
       "en",
       {"url_path", "label", "context"}},
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
  ParseResult parsed =
      ParseRequest(testing::ReadFile(testing::SourcePath("tests/fixtures/snapshots/notifications-decoy.json")));
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
  page.controls = {
      Switch("a", true, "コンテンツ作成AIモデルのトレーニングにデータを使用する", "生成AIの改善のためのデータ")};
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

Control Radio(const std::string& ref, bool checked, const std::string& label, const std::string& context) {
  Control c = Switch(ref, checked, label, context);
  c.kind = "radio";
  return c;
}

// The radio group of a discover-me page, in the order LinkedIn shows it.
PageSnapshot DiscoverPage(const std::string& url_path, const std::string& lang, const std::string& question,
                          const std::vector<std::string>& options, std::size_t checked) {
  PageSnapshot page;
  page.url_path = url_path;
  page.lang = lang;
  for (std::size_t i = 0; i < options.size(); ++i) {
    page.controls.push_back(Radio("o" + std::to_string(i), i == checked, options[i], question));
  }
  return page;
}

constexpr const char* kEmailPage = "/mypreferences/d/settings/discover-me-by-email-address";
constexpr const char* kEmailQuestion =
    "Profile discovery using email address\nWho can discover your profile from your email address?";
const std::vector<std::string> kEnOptions = {"Everyone", "2nd-degree connections", "1st-degree connections", "Nobody"};

TEST_F(ClassifierTest, RadioPrivateOptionIsFlippedOthersNeverClicked) {
  std::vector<Verdict> v = Run(DiscoverPage(kEmailPage, "en", kEmailQuestion, kEnOptions, 0));
  ASSERT_EQ(v.size(), 4u);
  for (const Verdict& o : v) {
    SCOPED_TRACE(o.ref);
    EXPECT_EQ(Setting(o), "discover_by_email");
    EXPECT_EQ(o.confidence, "high");
  }
  // "Everyone" is selected: it shares, but it is never clicked.
  EXPECT_EQ(v[0].shares_when, "on");
  EXPECT_TRUE(v[0].shares_data);
  EXPECT_EQ(v[0].action, "none");
  EXPECT_FALSE(v[0].private_option);
  // Unselected other options: not sharing, not clicked.
  EXPECT_EQ(v[1].shares_when, "on");
  EXPECT_FALSE(v[1].shares_data);
  EXPECT_EQ(v[1].action, "none");
  // "Nobody" is the private option: data is shared while it is not selected, so select it.
  EXPECT_TRUE(v[3].private_option);
  EXPECT_EQ(v[3].shares_when, "off");
  EXPECT_EQ(v[3].state, "off");
  EXPECT_TRUE(v[3].shares_data);
  EXPECT_EQ(v[3].action, "flip");

  json j = json::parse(VerdictJson(v[3]).dump());
  EXPECT_EQ(j["shares_when"], "off");
  EXPECT_EQ(j["category"], "visibility");
  EXPECT_EQ(j["matched"]["lang"], "en");
  EXPECT_EQ(json::parse(VerdictJson(v[0]).dump())["shares_when"], "on");
}

TEST_F(ClassifierTest, RadioAlreadyPrivateNeedsNothing) {
  std::vector<Verdict> v = Run(DiscoverPage(kEmailPage, "en", kEmailQuestion, kEnOptions, 3));
  for (const Verdict& o : v) {
    SCOPED_TRACE(o.ref);
    EXPECT_EQ(o.confidence, "high");
    EXPECT_FALSE(o.shares_data);
    EXPECT_EQ(o.action, "none");
  }
}

TEST_F(ClassifierTest, RadioInCjkAndWithPageLanguagePreferred) {
  std::vector<Verdict> v =
      Run(DiscoverPage("/mypreferences/d/settings/discover-me-by-phone-number", "ja",
                       "電話番号によるプロフィールの検出\n電話番号からあなたのプロフィールを見つけられるユーザー",
                       {"全員", "2次のつながり", "1次のつながり", "なし"}, 1));
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(Setting(v[3]), "discover_by_phone");
  EXPECT_EQ(v[3].confidence, "high");
  EXPECT_EQ(v[3].action, "flip");
  EXPECT_EQ(v[3].matched_lang, "ja");
  EXPECT_EQ(v[1].action, "none");
  EXPECT_TRUE(v[1].shares_data);

  // "niemand" is the private option in both German and Dutch: the page's language wins.
  std::vector<Verdict> nl =
      Run(DiscoverPage(kEmailPage, "nl", "Wie kan uw profiel vinden via uw e-mailadres?", {"Iedereen", "Niemand"}, 0));
  EXPECT_EQ(nl[1].confidence, "high");
  EXPECT_EQ(nl[1].action, "flip");
  EXPECT_EQ(nl[1].matched_lang, "nl");
}

TEST_F(ClassifierTest, RadioWithOnlyOneOfUrlAndContextIsLow) {
  // Right page, question in a language the pack does not know.
  std::vector<Verdict> v = Run(
      DiscoverPage(kEmailPage, "tr", "E-posta adresinizden profilinizi kimler bulabilir?", {"Herkes", "Hiç kimse"}, 0));
  for (const Verdict& o : v) {
    SCOPED_TRACE(o.ref);
    EXPECT_EQ(Setting(o), "discover_by_email");
    EXPECT_EQ(o.confidence, "low");
    EXPECT_EQ(o.matched_fields, std::vector<std::string>{"url_path"});
    EXPECT_NE(o.action, "flip");
  }
  EXPECT_EQ(v[0].action, "highlight") << "the selected option shares";
  EXPECT_EQ(v[1].action, "none");

  // Known question on another page: low, and even the private option is only highlighted.
  v = Run(DiscoverPage("/feed/", "en", kEmailQuestion, kEnOptions, 0));
  EXPECT_EQ(Setting(v[3]), "discover_by_email");
  EXPECT_EQ(v[3].confidence, "low");
  EXPECT_TRUE(v[3].private_option);
  EXPECT_EQ(v[3].action, "highlight");
  EXPECT_EQ(v[3].matched_fields, (std::vector<std::string>{"label", "context"}));
}

TEST_F(ClassifierTest, NobodyAloneIsNoEvidence) {
  // An option called "Nobody" on an unrelated page/question belongs to no rule.
  std::vector<Verdict> v = Run(DiscoverPage("/mypreferences/d/settings/who-can-see-your-email", "en",
                                            "Who can see your email address?", {"Everyone", "Nobody"}, 0));
  // "your email address" is discover_by_email's context pattern, so this is low at most.
  for (const Verdict& o : v) EXPECT_NE(o.action, "flip") << o.ref;
  v = Run(DiscoverPage("/feed/", "en", "Who can comment on your posts?", {"Everyone", "Nobody"}, 0));
  for (const Verdict& o : v) {
    EXPECT_EQ(Setting(o), "null") << o.ref;
    EXPECT_EQ(o.confidence, "none");
  }
}

TEST_F(ClassifierTest, SwitchRulesNeverMatchRadiosAndRadioRulesNeverMatchSwitches) {
  PageSnapshot page;
  page.url_path = "/mypreferences/d/settings/data-for-ai-improvement";
  page.controls = {
      Radio("a", true, "Use my data for training content creation AI models", "Data for Generative AI Improvement")};
  Verdict radio = Run(page)[0];
  EXPECT_EQ(Setting(radio), "null");
  EXPECT_EQ(radio.action, "none");

  page.url_path = kEmailPage;
  page.controls = {Switch("s", true, "Who can discover your profile from your email address?", kEmailQuestion)};
  Verdict sw = Run(page)[0];
  EXPECT_EQ(Setting(sw), "null");
  page.controls[0].kind = "checkbox";
  EXPECT_EQ(Setting(Run(page)[0]), "null");
}

TEST_F(ClassifierTest, SwitchRulesMatchCheckboxes) {
  // The pre-2024 ad pages had per-item checkboxes.
  PageSnapshot page;
  page.url_path = "/psettings/advertising/profile-data";
  page.controls = {Switch("a", true, "Employer", "Profile data for ads"),
                   Switch("b", false, "Job information", "Profile data for ads")};
  page.controls[0].kind = page.controls[1].kind = "checkbox";
  std::vector<Verdict> v = Run(page);
  EXPECT_EQ(Setting(v[0]), "ads_profile_employer");
  EXPECT_EQ(v[0].confidence, "high");
  EXPECT_EQ(v[0].action, "flip");
  EXPECT_EQ(Setting(v[1]), "ads_profile_job_info");
  EXPECT_EQ(v[1].action, "none");
}

TEST(ClassifierRadio, TwoRadioRulesOnOneGroupAreLow) {
  absl::StatusOr<RulePack> p = ParseRulePack("two.json", R"({"schema":1,"pack":"two","version":"1","settings":[
    {"id":"first","title":"F","category":"visibility","kind":"radio","shares_when":"on","explain":"e",
     "url_paths":["^/who$"],"labels":{"en":["q"]},"context":{"en":["who can"]},"private_option":{"en":["^nobody$"]}},
    {"id":"second","title":"S","category":"visibility","kind":"radio","shares_when":"on","explain":"e",
     "url_paths":["^/who$"],"labels":{"en":["q"]},"context":{"en":["who can"]},"private_option":{"en":["^no one$"]}}]})");
  ASSERT_TRUE(p.ok()) << p.status();
  auto c = Classifier::Build({*p});
  ASSERT_TRUE(c.ok()) << c.status();
  PageSnapshot page;
  page.url_path = "/who";
  page.controls = {Radio("a", false, "Nobody", "Who can see it?")};
  Verdict v = (*c)->Classify(page)->at(0);
  EXPECT_EQ(v.confidence, "low");
  EXPECT_EQ(Setting(v), "first") << "ties go to the earlier rule";
  EXPECT_EQ(v.action, "highlight");
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
