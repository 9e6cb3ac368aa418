// The evidence model of docs/protocol.md, row by row, on a small pack whose patterns are
// unambiguous, so each case tests the decision and not the wording: which fields make a verdict
// certain (an anchor - URL path or stable key - plus a second signal), which only make it a
// maybe, and what vetoes, contradictions and duplicate controls do.
#include <string>
#include <vector>

#include "classifier.h"
#include "gtest/gtest.h"
#include "rule_pack.h"

namespace optout {
namespace {

constexpr const char* kPack = R"json({"schema":1,"pack":"t","version":"1",
  "label_vetoes":{"en":["(?:^|\\PL)block(?:\\PL|$)","(?:^|\\PL)notify(?:\\PL|$)"]},
  "settings":[
  {"id":"alpha","title":"Alpha","category":"research","shares_when":"on","explain":"a",
   "url_paths":["^/s/alpha/?$"],"attrs":["^allowAlpha$"],
   "labels":{"en":["alpha setting"]},"context":{"en":["alpha heading"]}},
  {"id":"beta","title":"Beta","category":"advertising","shares_when":"on","explain":"b",
   "url_paths":["^/s/beta/?$"],"attrs":["^allowBeta$"],
   "labels":{"en":["beta setting"]},"context":{"en":["beta heading"]}},
  {"id":"gamma","title":"Gamma","category":"advertising","shares_when":"off","explain":"g",
   "url_paths":["^/s/gamma/?$"],"labels":{"en":["gamma setting"]}}
]})json";

struct Case {
  const char* name;
  const char* url;
  const char* label;
  const char* context;
  const char* key;  // aria-labelledby, or "" for none
  bool checked;
  const char* setting;  // "" = no rule
  const char* confidence;
  const char* doubt;  // "" = none
  const char* action;
};

class EvidenceTest : public ::testing::Test {
 protected:
  static std::vector<RulePack> Packs(const std::string& extra = "") {
    std::vector<RulePack> packs;
    absl::StatusOr<RulePack> base = ParseRulePack("t.json", kPack);
    EXPECT_TRUE(base.ok()) << base.status();
    packs.push_back(*base);
    if (!extra.empty()) {
      absl::StatusOr<RulePack> more = ParseRulePack("user.json", extra);
      EXPECT_TRUE(more.ok()) << more.status();
      packs.push_back(*more);
    }
    return packs;
  }

  // Verdicts point into the classifier's rules: it lives as long as the test.
  std::vector<Verdict> Run(const std::vector<RulePack>& packs, const std::string& url,
                           const std::vector<Control>& controls) {
    absl::StatusOr<std::unique_ptr<Classifier>> c = Classifier::Build(packs);
    EXPECT_TRUE(c.ok()) << c.status();
    classifiers_.push_back(*std::move(c));
    const Classifier* classifier = classifiers_.back().get();
    PageSnapshot page;
    page.url_path = url;
    page.lang = "en";
    page.controls = controls;
    absl::StatusOr<std::vector<Verdict>> v = classifier->Classify(page);
    EXPECT_TRUE(v.ok()) << v.status();
    return *v;
  }

  static Control Switch(const std::string& ref, const std::string& label, const std::string& context = "",
                        const std::string& key = "", bool checked = true) {
    Control c;
    c.ref = ref;
    c.kind = "switch";
    c.checked = checked;
    c.label = label;
    c.context = context;
    if (!key.empty()) c.attrs = {{"aria-labelledby", key}};
    return c;
  }

  std::vector<std::unique_ptr<Classifier>> classifiers_;
};

TEST_F(EvidenceTest, TheTable) {
  const Case cases[] = {
      // An anchor (URL path or key) plus a second field: certain, in any wording or language.
      {"url+label", "/s/alpha", "Alpha setting", "", "", true, "alpha", "high", "", "flip"},
      {"url+heading", "/s/alpha", "Irgendwas", "Alpha heading", "", true, "alpha", "high", "", "flip"},
      {"url+key, unknown language", "/s/alpha", "Bu ayarı etkinleştir", "Ayarlar", "allowAlpha", true, "alpha", "high",
       "", "flip"},
      {"key+label, another page", "/s/other", "Alpha setting", "", "allowAlpha", true, "alpha", "high", "", "flip"},
      {"key+heading, another page", "/s/other", "?", "Alpha heading", "x allowAlpha", true, "alpha", "high", "",
       "flip"},
      // No anchor: text alone is a maybe, however well it matches.
      {"label+heading, another page", "/s/other", "Alpha setting", "Alpha heading", "", true, "alpha", "low",
       "no_anchor", "highlight"},
      {"label alone", "/s/other", "Alpha setting", "", "", true, "alpha", "low", "no_anchor", "highlight"},
      // One signal only.
      {"url alone, one switch", "/s/alpha", "Bu ayarı etkinleştir", "", "", true, "alpha", "low", "one_signal",
       "highlight"},
      {"key alone", "/s/other", "?", "", "allowAlpha", true, "alpha", "low", "one_signal", "highlight"},
      // Contradictions: the control's own label or key names another setting than the page.
      {"alpha page, beta label", "/s/alpha", "Beta setting", "Alpha heading", "", true, "alpha", "low", "rule_tie",
       "highlight"},
      {"alpha page, beta key", "/s/alpha", "?", "Alpha heading", "allowBeta", true, "alpha", "low", "rule_tie",
       "highlight"},
      // A label about something else supports nothing and is never certain.
      {"block look-alike on the page", "/s/alpha", "Block Alpha Setting Inc.", "Alpha heading", "", true, "alpha",
       "low", "label_about_something_else", "highlight"},
      {"notify look-alike elsewhere", "/s/other", "Notify me about alpha setting", "", "", true, "", "none", "",
       "none"},
      {"veto is a word, not a substring", "/s/alpha", "Alpha setting (blocked-list free)", "", "", true, "alpha",
       "high", "", "flip"},
      // Never toward sharing.
      {"already private", "/s/alpha", "Alpha setting", "", "", false, "alpha", "high", "", "none"},
      {"shares when off, is on", "/s/gamma", "Gamma setting", "", "", true, "gamma", "high", "", "none"},
      {"nothing", "/s/other", "Autoplay videos", "", "", true, "", "none", "", "none"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<Verdict> v = Run(Packs(), c.url, {Switch("c1", c.label, c.context, c.key, c.checked)});
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].rule ? v[0].rule->id : "", c.setting);
    EXPECT_EQ(v[0].confidence, c.confidence);
    EXPECT_EQ(v[0].doubt, c.doubt);
    EXPECT_EQ(v[0].action, c.action);
  }
}

TEST_F(EvidenceTest, TheUrlAloneNamesNothingOnAPageOfSeveralSwitches) {
  std::vector<Verdict> v = Run(Packs(), "/s/alpha", {Switch("c1", "Eins"), Switch("c2", "Zwei")});
  EXPECT_EQ(v[0].confidence, "none");
  EXPECT_EQ(v[1].confidence, "none");
}

TEST_F(EvidenceTest, TwoControlsForOneSettingAreNeitherFlipped) {
  std::vector<Verdict> v = Run(Packs(), "/s/alpha",
                               {Switch("c1", "Alpha setting"), Switch("c2", "Alpha setting, again"),
                                Switch("c3", "Beta setting", "", "allowBeta")});
  ASSERT_EQ(v.size(), 3u);
  for (int i : {0, 1}) {
    EXPECT_EQ(v[i].rule->id, "alpha");
    EXPECT_EQ(v[i].confidence, "low");
    EXPECT_EQ(v[i].doubt, "two_controls");
    EXPECT_EQ(v[i].action, "highlight");
  }
  // The other setting on the page is unaffected: its own key and label agree.
  EXPECT_EQ(v[2].rule->id, "beta");
  EXPECT_EQ(v[2].confidence, "high");
  EXPECT_EQ(v[2].action, "flip");
}

TEST_F(EvidenceTest, AnExtendingRuleAddsPatternsToItsBaseRule) {
  const std::string user = R"({"schema":1,"pack":"user","version":"1","settings":[
    {"id":"learned_1","extends":"alpha","labels":{"tr":["^bu ayarı etkinleştir$"]},"url_paths":["^/s/moved/?$"]}]})";
  std::vector<Verdict> v = Run(Packs(user), "/s/moved", {Switch("c1", "Bu Ayarı Etkinleştir")});
  ASSERT_NE(v[0].rule, nullptr);
  EXPECT_EQ(v[0].rule->id, "alpha");  // classified as the base rule, not as learned_1
  EXPECT_EQ(v[0].confidence, "high");
  EXPECT_EQ(v[0].matched_lang, "tr");
  EXPECT_EQ(v[0].action, "flip");
  // The learned label alone, off the page it was learned on, is still only a maybe.
  v = Run(Packs(user), "/s/other", {Switch("c1", "Bu ayarı etkinleştir")});
  EXPECT_EQ(v[0].confidence, "low");
  EXPECT_EQ(v[0].doubt, "no_anchor");
}

TEST_F(EvidenceTest, ExtendingAnUnknownRuleIsABuildError) {
  const std::string user = R"({"schema":1,"pack":"user","version":"1","settings":[
    {"id":"learned_1","extends":"nope","labels":{"en":["^x$"]}}]})";
  absl::StatusOr<std::unique_ptr<Classifier>> c = Classifier::Build(Packs(user));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("extends \"nope\""), std::string::npos) << c.status();
}

TEST_F(EvidenceTest, AnExtendingRuleCannotRedefineTheSetting) {
  absl::StatusOr<RulePack> p = ParseRulePack("user.json", R"({"schema":1,"pack":"user","version":"1","settings":[
    {"id":"learned_1","extends":"alpha","shares_when":"off","labels":{"en":["^x$"]}}]})");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("user.json: rule \"learned_1\": \"shares_when\" comes from the extended rule"),
            std::string::npos)
      << p.status();
}

}  // namespace
}  // namespace optout
