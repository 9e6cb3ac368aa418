#include "rule_pack.h"

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

json MinimalPack() {
  return json::parse(R"({"schema":1,"pack":"test","version":"1","settings":[
    {"id":"alpha","title":"Alpha","category":"research","shares_when":"on","explain":"e",
     "url_paths":["^/alpha$"],"attrs":["^alphaKey$"],
     "labels":{"en":["alpha label"],"pt-BR":["rotulo alfa"],"zh-Hans":["alpha zh"]},
     "context":{"de":["alpha kontext"]}}]})");
}

std::string Error(const json& pack) {
  absl::StatusOr<RulePack> r = ParseRulePack("test.json", pack.dump());
  return r.ok() ? "" : std::string(r.status().message());
}

TEST(RulePack, LoadsShippedPack) {
  absl::StatusOr<RulePack> pack = LoadRulePackFile(testing::SourcePath("native-host/rules/linkedin.json"));
  ASSERT_TRUE(pack.ok()) << pack.status();
  EXPECT_EQ(pack->name, "linkedin");
  EXPECT_EQ(pack->rules.size(), 27u);
  EXPECT_EQ(pack->languages,
            (std::vector<std::string>{"de", "en", "es", "fr", "it", "ja", "nl", "pl", "pt-BR", "sv", "zh-Hans"}));
  int radios = 0;
  int checkboxes = 0;
  for (const Rule& rule : pack->rules) {
    SCOPED_TRACE(rule.id);
    if (rule.kind == "radio") {
      ++radios;
      EXPECT_FALSE(rule.private_option.empty());
    } else {
      if (rule.kind == "checkbox")
        ++checkboxes;
      else
        EXPECT_EQ(rule.kind, "switch");  // the default when "kind" is absent
      EXPECT_TRUE(rule.private_option.empty());
    }
  }
  EXPECT_EQ(radios, 2) << "discover_by_email, discover_by_phone";
  EXPECT_EQ(checkboxes, 2) << "the pre-2024 per-item ad checkboxes";
}

json RadioPack() {
  return json::parse(R"({"schema":1,"pack":"test","version":"1","settings":[
    {"id":"who","title":"Who","category":"visibility","kind":"radio","shares_when":"on","explain":"e",
     "url_paths":["^/who$"],"labels":{"en":["who can find you"]},"context":{"en":["find you"]},
     "private_option":{"en":["^nobody$"],"ja":["^なし$"]}}]})");
}

TEST(RulePack, KindDefaultsToSwitchAndAcceptsCheckboxAndRadio) {
  absl::StatusOr<RulePack> plain = ParseRulePack("t", MinimalPack().dump());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->rules[0].kind, "switch");
  json p = MinimalPack();
  p["settings"][0]["kind"] = "checkbox";
  absl::StatusOr<RulePack> checkbox = ParseRulePack("t", p.dump());
  ASSERT_TRUE(checkbox.ok()) << checkbox.status();
  EXPECT_EQ(checkbox->rules[0].kind, "checkbox");
  absl::StatusOr<RulePack> radio = ParseRulePack("t", RadioPack().dump());
  ASSERT_TRUE(radio.ok()) << radio.status();
  EXPECT_EQ(radio->rules[0].kind, "radio");
  ASSERT_EQ(radio->rules[0].private_option.size(), 2u);
  EXPECT_EQ(radio->rules[0].private_option[1].first, "ja");
  EXPECT_EQ(radio->rules[0].private_option[1].second, std::vector<std::string>{"^なし$"});
  EXPECT_EQ(radio->languages, (std::vector<std::string>{"en", "ja"}));
  EXPECT_EQ(radio->pattern_count, 5u);  // url_path, label, context and two private_option patterns
}

TEST(RulePack, KindAndPrivateOptionAreValidated) {
  json p = MinimalPack();
  p["settings"][0]["kind"] = "toggle";
  EXPECT_EQ(Error(p), "test.json: rule \"alpha\": kind: \"toggle\" is not switch|checkbox|radio");
  p = MinimalPack();
  p["settings"][0]["kind"] = 1;
  EXPECT_EQ(Error(p), "test.json: rule \"alpha\": kind: expected string");
  p = MinimalPack();
  p["settings"][0]["private_option"] = {{"en", {"^nobody$"}}};
  EXPECT_EQ(Error(p), "test.json: rule \"alpha\": \"private_option\" is only for kind radio, not switch");
  p["settings"][0]["kind"] = "checkbox";
  EXPECT_EQ(Error(p), "test.json: rule \"alpha\": \"private_option\" is only for kind radio, not checkbox");
  p = RadioPack();
  p["settings"][0].erase("private_option");
  EXPECT_EQ(
      Error(p),
      "test.json: rule \"who\": kind radio needs \"private_option\" patterns (the label of the most private option)");
  p["settings"][0]["private_option"] = {{"en", json::array()}};
  EXPECT_NE(Error(p).find("needs \"private_option\" patterns"), std::string::npos);
  p = RadioPack();
  p["settings"][0]["private_option"]["en"] = {"(nobody"};
  EXPECT_EQ(Error(p), "test.json: rule \"who\": private_option.en[0]: bad pattern \"(nobody\": missing ): (nobody");
  p = RadioPack();
  p["settings"][0]["private_option"] = {{"english", {"^nobody$"}}};
  EXPECT_NE(Error(p).find("private_option.english: language key"), std::string::npos);
  p = RadioPack();
  p["settings"][0]["private_option"] = {"^nobody$"};
  EXPECT_EQ(Error(p), "test.json: rule \"who\": private_option: expected object of language -> patterns");
  p = RadioPack();
  p["settings"][0].erase("context");
  EXPECT_EQ(Error(p), "test.json: rule \"who\": kind radio needs url_paths and context patterns");
  p = RadioPack();
  p["settings"][0]["shares_when"] = "off";
  EXPECT_NE(Error(p).find("rule \"who\": shares_when: must be \"on\" for kind radio"), std::string::npos);
}

TEST(RulePack, EmbeddedPackMatchesTheSourceFile) {
  absl::StatusOr<std::vector<RulePack>> embedded = LoadEmbeddedRulePacks();
  ASSERT_TRUE(embedded.ok()) << embedded.status();
  absl::StatusOr<RulePack> file = LoadRulePackFile(testing::SourcePath("native-host/rules/linkedin.json"));
  ASSERT_TRUE(file.ok());
  ASSERT_EQ(embedded->size(), 1u);
  EXPECT_EQ((*embedded)[0].version, file->version);
  EXPECT_EQ((*embedded)[0].rules.size(), file->rules.size());
  EXPECT_EQ((*embedded)[0].pattern_count, file->pattern_count);
}

TEST(RulePack, AcceptsMinimalPackWithLanguageVariants) {
  EXPECT_EQ(Error(MinimalPack()), "");
  absl::StatusOr<RulePack> pack = ParseRulePack("t", MinimalPack().dump());
  ASSERT_TRUE(pack.ok());
  EXPECT_EQ(pack->languages, (std::vector<std::string>{"de", "en", "pt-BR", "zh-Hans"}));
  EXPECT_EQ(pack->pattern_count, 6u);
}

TEST(RulePack, BadRegexNamesFileRuleFieldAndRe2Error) {
  json p = MinimalPack();
  p["settings"][0]["labels"]["de"] = {"ok", "(unclosed"};
  EXPECT_EQ(Error(p), "test.json: rule \"alpha\": labels.de[1]: bad pattern \"(unclosed\": missing ): (unclosed");
  p = MinimalPack();
  p["settings"][0]["attrs"] = {"(?<=x)y"};  // lookbehind: RE2 has none
  std::string e = Error(p);
  EXPECT_NE(e.find("test.json: rule \"alpha\": attrs[0]: bad pattern"), std::string::npos) << e;
  EXPECT_NE(e.find("invalid perl operator"), std::string::npos) << e;
}

TEST(RulePack, DuplicateId) {
  json p = MinimalPack();
  p["settings"].push_back(p["settings"][0]);
  EXPECT_EQ(Error(p), "test.json: settings[1].id: duplicate rule id \"alpha\"");
}

TEST(RulePack, UnknownKeysAreErrors) {
  json p = MinimalPack();
  p["settings"][0]["lables"] = json::object();
  EXPECT_EQ(Error(p), "test.json: rule \"alpha\": unknown key \"lables\"");
  p = MinimalPack();
  p["setings"] = json::array();
  EXPECT_EQ(Error(p), "test.json: top level: unknown key \"setings\"");
}

TEST(RulePack, FieldValues) {
  json p = MinimalPack();
  p["settings"][0]["category"] = "marketing";
  EXPECT_NE(Error(p).find("test.json: rule \"alpha\": category: \"marketing\" is not one of"), std::string::npos);
  p = MinimalPack();
  p["settings"][0]["shares_when"] = "sometimes";
  EXPECT_EQ(Error(p), "test.json: rule \"alpha\": shares_when: \"sometimes\" is not on|off|never");
  p = MinimalPack();
  p["settings"][0]["id"] = "Alpha-1";
  EXPECT_EQ(Error(p), "test.json: settings[0].id: \"Alpha-1\" must match ^[a-z][a-z0-9_]*$");
  p = MinimalPack();
  p["schema"] = 2;
  EXPECT_EQ(Error(p), "test.json: schema: must be 1");
  p = MinimalPack();
  p["version"] = "";
  EXPECT_EQ(Error(p), "test.json: version: must not be empty");
  p = MinimalPack();
  p["settings"][0]["labels"] = {{"english", {"x"}}};
  EXPECT_NE(Error(p).find("labels.english: language key"), std::string::npos);
  p = MinimalPack();
  p["settings"][0]["labels"]["en"] = {std::string(1025, 'a')};
  EXPECT_EQ(Error(p), "test.json: rule \"alpha\": labels.en[0]: pattern longer than 1024 bytes");
  p = MinimalPack();
  p["settings"][0]["labels"] = json::object();
  p["settings"][0]["attrs"] = json::array();
  EXPECT_EQ(Error(p), "test.json: rule \"alpha\": needs at least one label or attr pattern");
}

TEST(RulePack, TooManyRules) {
  json p = MinimalPack();
  json rule = p["settings"][0];
  p["settings"] = json::array();
  for (int i = 0; i <= 2000; ++i) {
    rule["id"] = "r" + std::to_string(i);
    p["settings"].push_back(rule);
  }
  EXPECT_EQ(Error(p), "test.json: settings: more than 2000 rules");
}

TEST(RulePack, DirectoryOverride) {
  testing::TempDir dir;
  testing::WriteFile(dir.path() + "/b.json", MinimalPack().dump());
  json other = MinimalPack();
  other["pack"] = "other";
  other["settings"][0]["id"] = "beta";
  testing::WriteFile(dir.path() + "/a.json", other.dump());
  testing::WriteFile(dir.path() + "/notes.txt", "ignored");
  std::string origin;
  absl::StatusOr<std::vector<RulePack>> packs = LoadActiveRulePacks(dir.path(), &origin);
  ASSERT_TRUE(packs.ok()) << packs.status();
  ASSERT_EQ(packs->size(), 2u);
  EXPECT_EQ((*packs)[0].name, "other");  // file name order
  EXPECT_EQ(PackLabel(*packs), "other@1,test@1");

  // Two packs defining the same rule id would make verdicts ambiguous.
  other["settings"][0]["id"] = "alpha";
  testing::WriteFile(dir.path() + "/a.json", other.dump());
  EXPECT_FALSE(LoadRulePackDir(dir.path()).ok());
}

}  // namespace
}  // namespace optout
