// Setting titles and explanations in the page's language (issue 9): the one function that picks
// the pack language, the pack format ("titles" / "explains"), the shipped texts, and `local` in the
// classify and settings replies.
#include "local_text.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "absl/strings/ascii.h"
#include "classifier.h"
#include "gtest/gtest.h"
#include "host_limits.h"
#include "nlohmann/json.hpp"
#include "protocol.h"
#include "request_handler.h"
#include "rule_pack.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

const std::vector<std::string> kPackLangs = {"de", "es", "fr", "it", "ja", "nl", "pl", "pt-BR", "sv", "zh-Hans"};

TEST(PickTextLanguage, Table) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // exact keys, any case ('_' as '-')
      {"de", "de"},
      {"DE", "de"},
      {"pt-BR", "pt-BR"},
      {"pt-br", "pt-BR"},
      {"PT_BR", "pt-BR"},
      {"zh-Hans", "zh-Hans"},
      {"zh-hans", "zh-Hans"},
      {"sv", "sv"},
      // Portuguese: every variant is pt-BR
      {"pt", "pt-BR"},
      {"pt-PT", "pt-BR"},
      {"pt-AO", "pt-BR"},
      // Chinese: Simplified only
      {"zh", "zh-Hans"},
      {"zh-CN", "zh-Hans"},
      {"zh-cn", "zh-Hans"},
      {"zh_CN", "zh-Hans"},
      {"zh-SG", "zh-Hans"},
      {"zh-Hans-CN", "zh-Hans"},
      {"zh-TW", ""},
      {"zh-HK", ""},
      {"zh-MO", ""},
      {"zh-Hant", ""},
      {"zh-Hant-TW", ""},
      // the primary subtag
      {"de-AT", "de"},
      {"de-CH", "de"},
      {"fr-CA", "fr"},
      {"es-419", "es"},
      {"nl-BE", "nl"},
      {"ja-JP", "ja"},
      {"sv-FI", "sv"},
      // English is the setting's own title and explain
      {"en", ""},
      {"EN", ""},
      {"en-US", ""},
      {"en-GB", ""},
      // no such language, or not a language tag at all
      {"", ""},
      {"tr", ""},
      {"ko-KR", ""},
      {"x", ""},
      {"german", ""},
      {"de-", ""},
      {"-de", ""},
      {"de DE", ""},
      {"12", ""},
      {"de\n", ""},
      {"*", ""},
      {"de-AT-verylongsubtag", ""},
  };
  for (const auto& [requested, expected] : cases) {
    EXPECT_EQ(PickTextLanguage(requested, kPackLangs), expected) << "requested \"" << requested << "\"";
  }
  // Only languages the setting has: pt-PT finds nothing without pt-BR, de-AT nothing without de.
  EXPECT_EQ(PickTextLanguage("pt-PT", {"de"}), "");
  EXPECT_EQ(PickTextLanguage("de-AT", {"pt-BR"}), "");
  EXPECT_EQ(PickTextLanguage("de", {}), "");
  // A region key of the pack's own wins over the primary subtag.
  EXPECT_EQ(PickTextLanguage("de-CH", {"de", "de-CH"}), "de-CH");
}

// ---- the pack format ----

json PackWithTexts() {
  return json::parse(R"json({"schema":1,"pack":"test","version":"1","settings":[
    {"id":"alpha","title":"Alpha","category":"research","shares_when":"on","explain":"Lets alpha.",
     "titles":{"de":"Alpha (de)","zh-Hans":"阿尔法"},
     "explains":{"de":"Erlaubt Alpha.","zh-Hans":"允许阿尔法。"},
     "labels":{"en":["alpha label"]}}]})json");
}

std::string Error(const json& pack) {
  absl::StatusOr<RulePack> r = ParseRulePack("test.json", pack.dump());
  return r.ok() ? "" : std::string(r.status().message());
}

TEST(RulePackTexts, ParsesTitlesAndExplainsByLanguage) {
  absl::StatusOr<RulePack> pack = ParseRulePack("test.json", PackWithTexts().dump());
  ASSERT_TRUE(pack.ok()) << pack.status();
  const Rule& rule = pack->rules[0];
  ASSERT_EQ(rule.texts.size(), 2u);
  EXPECT_EQ(rule.texts[0].lang, "de");
  EXPECT_EQ(rule.texts[0].title, "Alpha (de)");
  EXPECT_EQ(rule.texts[0].explain, "Erlaubt Alpha.");
  EXPECT_EQ(rule.texts[1].lang, "zh-Hans");
  EXPECT_EQ(rule.texts[1].explain, "允许阿尔法。");
  // English stays where it was.
  EXPECT_EQ(rule.title, "Alpha");
  EXPECT_EQ(rule.explain, "Lets alpha.");
  // Optional: a pack without them loads, with no texts.
  json plain = PackWithTexts();
  plain["settings"][0].erase("titles");
  plain["settings"][0].erase("explains");
  absl::StatusOr<RulePack> without = ParseRulePack("test.json", plain.dump());
  ASSERT_TRUE(without.ok()) << without.status();
  EXPECT_TRUE(without->rules[0].texts.empty());
  // Languages of titles do not count as pattern languages.
  EXPECT_EQ(pack->languages, std::vector<std::string>{"en"});
}

TEST(RulePackTexts, RefusesBadTitlesAndExplainsNamingFileSettingAndField) {
  auto with = [](const char* key, const json& value) {
    json p = PackWithTexts();
    p["settings"][0][key] = value;
    return Error(p);
  };
  const std::string at = "test.json: rule \"alpha\": ";
  // wrong types
  EXPECT_EQ(with("titles", json::array({"Alpha"})), at + "titles: expected object of language -> text");
  EXPECT_EQ(with("explains", "Erlaubt Alpha."), at + "explains: expected object of language -> text");
  EXPECT_EQ(with("titles", {{"de", 7}, {"zh-Hans", "x"}}), at + "titles.de: expected string");
  EXPECT_EQ(with("explains", {{"de", nullptr}, {"zh-Hans", "x"}}), at + "explains.de: expected string");
  // empty
  EXPECT_EQ(with("titles", {{"de", ""}, {"zh-Hans", "x"}}), at + "titles.de: must not be empty");
  EXPECT_EQ(with("explains", {{"de", "x"}, {"zh-Hans", ""}}), at + "explains.zh-Hans: must not be empty");
  // over-long (bytes, not characters: 86 CJK characters are 258 bytes)
  EXPECT_EQ(with("titles", {{"de", std::string(kMaxLocalTitleBytes + 1, 'a')}, {"zh-Hans", "x"}}),
            at + "titles.de: longer than 256 bytes");
  EXPECT_EQ(with("titles", {{"de", "x"},
                            {"zh-Hans",
                             [] {
                               std::string s;
                               for (int i = 0; i < 86; ++i) s += "阿";
                               return s;
                             }()}}),
            at + "titles.zh-Hans: longer than 256 bytes");
  EXPECT_EQ(with("explains", {{"de", std::string(kMaxLocalExplainBytes + 1, 'a')}, {"zh-Hans", "x"}}),
            at + "explains.de: longer than 1024 bytes");
  EXPECT_EQ(with("titles", {{"de", std::string(kMaxLocalTitleBytes, 'a')}, {"zh-Hans", "x"}}), "");  // at the cap
  // bad keys
  EXPECT_EQ(with("titles", {{"german", "x"}, {"de", "x"}, {"zh-Hans", "x"}}),
            at + "titles.german: language key must look like de, pt-BR or zh-Hans");
  EXPECT_EQ(with("explains", {{"DE", "x"}, {"de", "x"}, {"zh-Hans", "x"}}),
            at + "explains.DE: language key must look like de, pt-BR or zh-Hans");
  EXPECT_EQ(with("titles", {{"pt_BR", "x"}, {"de", "x"}, {"zh-Hans", "x"}}),
            at + "titles.pt_BR: language key must look like de, pt-BR or zh-Hans");
  EXPECT_EQ(with("titles", {{"en", "Alpha"}, {"de", "x"}, {"zh-Hans", "x"}}),
            at + "titles.en: English is the setting's \"title\"");
  EXPECT_EQ(with("explains", {{"en-GB", "x"}, {"de", "x"}, {"zh-Hans", "x"}}),
            at + "explains.en-GB: English is the setting's \"explain\"");
  // control characters (a newline would break a one-line banner)
  EXPECT_EQ(with("explains", {{"de", "Erlaubt\nAlpha."}, {"zh-Hans", "x"}}),
            at + "explains.de: control characters (newline, tab ...) are not allowed");
  EXPECT_EQ(with("titles", {{"de", "A\tB"}, {"zh-Hans", "x"}}),
            at + "titles.de: control characters (newline, tab ...) are not allowed");
  // a title without its explanation, and the reverse
  EXPECT_EQ(with("titles", {{"de", "x"}, {"zh-Hans", "x"}, {"fr", "x"}}),
            at + "explains.fr: missing: \"titles\" has this language");
  EXPECT_EQ(with("explains", {{"de", "x"}}), at + "explains.zh-Hans: missing: \"titles\" has this language");
  EXPECT_EQ(with("explains", {{"de", "x"}, {"zh-Hans", "x"}, {"fr", "x"}}),
            at + "titles.fr: missing: \"explains\" has this language");
  // too many languages
  json many = json::object();
  for (char a = 'a'; a <= 'z'; ++a) {
    for (char b = 'a'; b <= 'c'; ++b) many[std::string{a, b}] = "x";
  }
  EXPECT_EQ(with("titles", many), at + "titles: more than 64 languages");
  // unknown junk next to them is still refused
  EXPECT_EQ(with("title_de", "x"), "test.json: rule \"alpha\": unknown key \"title_de\"");
  // an extension only adds patterns
  json ext = json::parse(R"({"schema":1,"pack":"user","version":"1","settings":[
    {"id":"more_alpha","extends":"alpha","labels":{"en":["more"]},"titles":{"de":"x"}}]})");
  EXPECT_EQ(Error(ext),
            "test.json: rule \"more_alpha\": \"titles\" comes from the extended rule \"alpha\"; a rule with "
            "\"extends\" only adds patterns");
}

// ---- the shipped texts ----

class ShippedTexts : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<RulePack> pack = LoadRulePackFile(testing::SourcePath("native-host/rules/linkedin.json"));
    ASSERT_TRUE(pack.ok()) << pack.status();
    pack_ = *std::move(pack);
  }
  RulePack pack_;
};

// Terms that are the same in English and that language by nature (LinkedIn's own name for it).
const std::set<std::pair<std::string, std::string>> kSameAsEnglish = {
    {"sponsored_messages", "de"},  // LinkedIn's German UI says "Sponsored Messages"
};

const char* const kSeparators[] = {". ", "; ", " ; ", "。", "；"};

TEST_F(ShippedTexts, EverySettingHasATitleAndExplainInEveryPackLanguage) {
  std::vector<std::string> langs;
  for (const std::string& lang : pack_.languages) {
    if (lang != "en") langs.push_back(lang);
  }
  EXPECT_EQ(langs, kPackLangs);
  for (const Rule& rule : pack_.rules) {
    SCOPED_TRACE(rule.id);
    std::vector<std::string> have;
    for (const RuleText& text : rule.texts) have.push_back(text.lang);
    // A new setting (or a new pack language) without translations fails here.
    EXPECT_EQ(have, langs);
    std::set<std::string> explains;
    for (const RuleText& text : rule.texts) {
      SCOPED_TRACE(text.lang);
      EXPECT_FALSE(text.title.empty());
      EXPECT_FALSE(text.explain.empty());
      // Untranslated copies of the English text.
      EXPECT_NE(text.explain, rule.explain);
      if (!kSameAsEnglish.count({rule.id, text.lang})) {
        EXPECT_NE(absl::AsciiStrToLower(text.title), absl::AsciiStrToLower(rule.title));
      }
      EXPECT_TRUE(explains.insert(text.explain).second) << "the same explanation as another language";
      // The English caveat ("Turning it off stops future use only.", "; it does not share your
      // data") is a second sentence or clause: the translation must have one too.
      const bool caveat = rule.explain.find("future use only") != std::string::npos ||
                          rule.explain.find("does not share") != std::string::npos;
      if (caveat) {
        const std::string body = text.explain.substr(0, text.explain.size() - 3);
        const bool two_parts = std::any_of(std::begin(kSeparators), std::end(kSeparators),
                                           [&](const char* sep) { return body.find(sep) != std::string::npos; });
        EXPECT_TRUE(two_parts) << "the caveat seems to be missing: " << text.explain;
      }
    }
  }
}

TEST_F(ShippedTexts, TitlesUseLinkedInsWordingFromTheCatalog) {
  json catalog = json::parse(testing::ReadFile(OPTOUT_CATALOG_JSON))["settings"];
  int compared = 0;
  for (const Rule& rule : pack_.rules) {
    if (!catalog.contains(rule.id)) continue;
    const json& langs = catalog[rule.id]["langs"];
    // The catalog's title is the page's; where two switches share a page the pack's English
    // title is the switch's label, and so are its translations.
    const char* field = langs["en"]["title"] == rule.title ? "title" : "label";
    ASSERT_EQ(langs["en"][field], rule.title) << rule.id;
    for (const RuleText& text : rule.texts) {
      EXPECT_EQ(langs[text.lang][field], text.title) << rule.id << " " << text.lang;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 23 * 10);
}

// ---- `local` in replies ----

class LocalReplies : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::vector<RulePack>> packs = LoadEmbeddedRulePacks();
    ASSERT_TRUE(packs.ok()) << packs.status();
    auto classifier = Classifier::Build(*packs);
    ASSERT_TRUE(classifier.ok()) << classifier.status();
    handler_ = std::make_unique<RequestHandler>(*std::move(packs), *std::move(classifier), "", "no record in tests");
  }
  json Ask(const json& request) { return json::parse(handler_->Handle(request.dump())); }

  static json GenAi(const std::string& lang) {
    json req = json::parse(testing::ReadFile(testing::SourcePath("tests/fixtures/snapshots/genai-de-switch.json")));
    if (lang.empty())
      req["page"].erase("lang");
    else
      req["page"]["lang"] = lang;
    req["controls"].push_back({{"ref", "other"}, {"kind", "switch"}, {"checked", true}, {"label", "Dark mode"}});
    return req;
  }

  std::unique_ptr<RequestHandler> handler_;
};

TEST_F(LocalReplies, ClassifyOfAGermanPageGivesGermanLocal) {
  json reply = Ask(GenAi("de"));
  ASSERT_EQ(reply["ok"], true) << reply.dump();
  EXPECT_TRUE(reply["local_omitted"].is_null());
  const json& v = reply["verdicts"][0];
  ASSERT_EQ(v["setting"], "generative_ai_training");
  ASSERT_TRUE(v["local"].is_object()) << v.dump();
  EXPECT_EQ(v["local"]["lang"], "de");
  EXPECT_EQ(v["local"]["title"], "Daten zur Verbesserung generativer KI");
  EXPECT_EQ(v["local"]["explain"],
            "Erlaubt LinkedIn und seinen verbundenen Unternehmen, KI-Modelle, die Inhalte erstellen, mit Ihren Daten "
            "und Beiträgen zu trainieren. Das Ausschalten verhindert nur die künftige Nutzung.");
  EXPECT_EQ(v["local"].size(), 3u);
  // The English fields are unchanged.
  EXPECT_EQ(v["title"], "Data for Generative AI Improvement");
  EXPECT_EQ(v["explain"],
            "Lets LinkedIn and its affiliates train content-creating AI models on your data and your posts. Turning it "
            "off stops future use only.");
  // An unrecognised control has none.
  EXPECT_TRUE(reply["verdicts"][1]["setting"].is_null());
  EXPECT_TRUE(reply["verdicts"][1].contains("local"));
  EXPECT_TRUE(reply["verdicts"][1]["local"].is_null());
  // Austrian German is German.
  EXPECT_EQ(Ask(GenAi("de-AT"))["verdicts"][0]["local"]["lang"], "de");
}

TEST_F(LocalReplies, ClassifyInEnglishOrAnUnknownLanguageGivesNull) {
  for (const char* lang : {"en", "en-US", "", "tr", "zh-TW", "!!"}) {
    json reply = Ask(GenAi(lang));
    ASSERT_EQ(reply["ok"], true) << lang << reply.dump();
    const json& v = reply["verdicts"][0];
    EXPECT_EQ(v["setting"], "generative_ai_training") << lang;
    ASSERT_TRUE(v.contains("local")) << lang;
    EXPECT_TRUE(v["local"].is_null()) << lang;
    EXPECT_EQ(v["title"], "Data for Generative AI Improvement");
  }
}

TEST_F(LocalReplies, ClassifyPicksPtBrAndZhHansForVariants) {
  EXPECT_EQ(Ask(GenAi("pt-PT"))["verdicts"][0]["local"]["lang"], "pt-BR");
  EXPECT_EQ(Ask(GenAi("zh-CN"))["verdicts"][0]["local"]["title"], "用于改进生成式 AI 的数据");
}

TEST_F(LocalReplies, SettingsWithLangGivesLocalForEverySetting) {
  json reply = Ask({{"v", 1}, {"id", 5}, {"type", "settings"}, {"lang", "ja"}});
  ASSERT_EQ(reply["ok"], true) << reply.dump();
  ASSERT_EQ(reply["settings"].size(), 27u);
  for (const json& s : reply["settings"]) {
    SCOPED_TRACE(s["id"].get<std::string>());
    ASSERT_TRUE(s["local"].is_object());
    EXPECT_EQ(s["local"]["lang"], "ja");
    EXPECT_FALSE(s["local"]["title"].get<std::string>().empty());
    EXPECT_NE(s["local"]["explain"], s["explain"]);
  }
  EXPECT_EQ(reply["settings"][0]["local"]["title"], "生成AIの改善のためのデータ");
  EXPECT_EQ(reply["settings"][0]["title"], "Data for Generative AI Improvement");

  // Without lang, or in English: null (the extension shows `title` / `explain`).
  for (const json& req : {json{{"v", 1}, {"id", 6}, {"type", "settings"}},
                          json{{"v", 1}, {"id", 7}, {"type", "settings"}, {"lang", "en-GB"}}}) {
    json plain = Ask(req);
    ASSERT_EQ(plain["ok"], true);
    for (const json& s : plain["settings"]) {
      ASSERT_TRUE(s.contains("local"));
      EXPECT_TRUE(s["local"].is_null());
    }
  }
}

TEST_F(LocalReplies, SettingsLangIsValidatedLikePageLang) {
  json too_long = Ask({{"v", 1}, {"id", 8}, {"type", "settings"}, {"lang", std::string(kMaxLangBytes + 1, 'd')}});
  EXPECT_EQ(too_long["error"]["name"], "bad_field");
  EXPECT_EQ(too_long["error"]["message"], "lang: longer than 16 bytes");
  json not_string = Ask({{"v", 1}, {"id", 9}, {"type", "settings"}, {"lang", 3}});
  EXPECT_EQ(not_string["error"]["name"], "bad_field");
  EXPECT_EQ(not_string["error"]["message"], "lang: expected string");
  json at_cap = Ask({{"v", 1}, {"id", 10}, {"type", "settings"}, {"lang", std::string(kMaxLangBytes, 'd')}});
  EXPECT_EQ(at_cap["ok"], true);
  EXPECT_TRUE(at_cap["settings"][0]["local"].is_null());
}

// ---- the reply limit ----

// Verdicts for `count` controls, control i recognised as rules[i % rules.size()].
std::vector<Verdict> Verdicts(const std::vector<Rule>& rules, std::size_t count, std::size_t ref_bytes) {
  std::vector<Verdict> out;
  for (std::size_t i = 0; i < count; ++i) {
    Verdict v;
    v.ref = std::to_string(i);
    v.ref += std::string(ref_bytes - v.ref.size(), 'r');
    v.rule = &rules[i % rules.size()];
    v.state = "on";
    v.shares_when = "on";
    v.confidence = "low";
    v.action = "highlight";
    v.doubt = "two_controls";
    v.matched_fields = {"url_path", "label"};
    v.matched_lang = "de";
    out.push_back(std::move(v));
  }
  return out;
}

Rule RuleWithTexts(const std::string& id, std::size_t explain_bytes) {
  Rule r;
  r.id = id;
  r.title = "Title";
  r.category = "research";
  r.shares_when = "on";
  r.explain = "Explain.";
  r.texts.push_back(RuleText{"de", std::string(kMaxLocalTitleBytes, 't'), std::string(explain_bytes, 'e')});
  return r;
}

TEST(LocalReplyLimit, RepeatedLocalsAreDroppedBeforeTheReplyWouldBeTooLarge) {
  // 2000 controls of one setting: with `local` on each the reply would pass 1 MiB.
  std::vector<Rule> rules = {RuleWithTexts("alpha", kMaxLocalExplainBytes)};
  std::vector<Verdict> verdicts = Verdicts(rules, kMaxControls, kMaxRefBytes);
  ASSERT_LE(ClassifyReply(1, "p", verdicts, "en").size(), kMaxReplyBytes);  // fits without
  std::string text = ClassifyReply(1, "p", verdicts, "de");
  EXPECT_LE(text.size(), kMaxReplyBytes);
  json reply = json::parse(text);
  EXPECT_EQ(reply["local_omitted"], "repeats");
  ASSERT_EQ(reply["verdicts"].size(), kMaxControls);
  EXPECT_EQ(reply["verdicts"][0]["local"]["lang"], "de");
  EXPECT_EQ(reply["verdicts"][0]["local"]["explain"], std::string(kMaxLocalExplainBytes, 'e'));
  for (std::size_t i = 1; i < kMaxControls; ++i) ASSERT_TRUE(reply["verdicts"][i]["local"].is_null()) << i;

  // A small page keeps every local.
  std::vector<Verdict> few = Verdicts(rules, 3, 8);
  json small = json::parse(ClassifyReply(1, "p", few, "de"));
  EXPECT_TRUE(small["local_omitted"].is_null());
  for (const json& v : small["verdicts"]) EXPECT_EQ(v["local"]["lang"], "de");
}

TEST(LocalReplyLimit, AllLocalsAreDroppedWhenOnePerSettingStillDoesNotFit) {
  // 2000 different settings (a user pack can have 2000 rules), each with maximal texts: even one
  // `local` per setting is ~2.6 MB, but the reply without them fits as it always did.
  std::vector<Rule> rules;
  for (std::size_t i = 0; i < kMaxControls; ++i) {
    rules.push_back(RuleWithTexts("r" + std::to_string(i), kMaxLocalExplainBytes));
  }
  std::vector<Verdict> verdicts = Verdicts(rules, kMaxControls, 8);
  ASSERT_LE(ClassifyReply(1, "p", verdicts, "").size(), kMaxReplyBytes);
  std::string text = ClassifyReply(1, "p", verdicts, "de");
  EXPECT_LE(text.size(), kMaxReplyBytes);
  json reply = json::parse(text);
  EXPECT_EQ(reply["local_omitted"], "all");
  for (const json& v : reply["verdicts"]) ASSERT_TRUE(v["local"].is_null());
  // Without any `local` to drop the reply is left as it is (the handler answers 1501 if too large).
  EXPECT_TRUE(json::parse(ClassifyReply(1, "p", verdicts, "tr"))["local_omitted"].is_null());
}

}  // namespace
}  // namespace optout
