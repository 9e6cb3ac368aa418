// The fixture site's catalog (tests/fixtures/site/catalog.json, owned by the extension side) lists
// every known setting's texts in every UI language. For each, this builds the classify request the
// content script sends for that fixture page and checks the host's verdicts, so a pack change that
// loses a language, or a catalog text the pack does not cover, fails here.
#include <set>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "request_handler.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

const json& Catalog() {
  static const json k = json::parse(testing::ReadFile(OPTOUT_CATALOG_JSON));
  return k;
}

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Catalog().contains("settings")) << OPTOUT_CATALOG_JSON;
    absl::StatusOr<std::vector<RulePack>> packs = LoadEmbeddedRulePacks();  // what ships
    ASSERT_TRUE(packs.ok()) << packs.status();
    absl::StatusOr<std::unique_ptr<Classifier>> classifier = Classifier::Build(*packs);
    ASSERT_TRUE(classifier.ok()) << classifier.status();
    handler_ = std::make_unique<RequestHandler>(*std::move(packs), *std::move(classifier), "", "no record in tests");
  }

  // Sends the request through the same path as the serve loop and returns its verdicts.
  json Classify(const std::string& url_path, const std::string& lang, const json& controls) {
    json request = {{"v", 1},
                    {"id", ++id_},
                    {"type", "classify"},
                    {"page", {{"url_path", url_path}, {"lang", lang}}},
                    {"controls", controls}};
    json reply = json::parse(handler_->Handle(request.dump()));
    EXPECT_EQ(reply["ok"], true) << reply.dump();
    EXPECT_EQ(reply["verdicts"].size(), controls.size());
    return reply["verdicts"];
  }

  // The controls the content script reports for one setting's fixture page in one language.
  static json Controls(const json& setting, const json& texts) {
    json controls = json::array();
    if (setting["kind"] == "radio") {
      const json& options = texts["options"];
      for (std::size_t i = 0; i < options.size(); ++i) {
        controls.push_back({{"ref", "o" + std::to_string(i)},
                            {"kind", "radio"},
                            {"checked", i == 0},
                            {"label", options[i]["label"]},
                            {"context", texts["title"].get<std::string>() + "\n" + texts["label"].get<std::string>()}});
      }
      return controls;
    }
    json control = {{"ref", "c1"},
                    {"kind", "switch"},
                    {"checked", true},
                    {"label", texts["label"]},
                    {"context", texts["title"].get<std::string>() + "\n" + texts["description"].get<std::string>()}};
    json attrs = json::object();
    if (setting.contains("attr_key")) attrs["aria-labelledby"] = setting["attr_key"];
    if (setting.contains("input_id")) attrs["id"] = setting["input_id"];
    if (!attrs.empty()) control["attrs"] = attrs;
    controls.push_back(control);
    return controls;
  }

  std::unique_ptr<RequestHandler> handler_;
  int id_ = 0;
};

TEST_F(CatalogTest, CatalogIsWhatThisTestExpects) {
  const json& settings = Catalog()["settings"];
  EXPECT_GE(settings.size(), 20u);
  for (const auto& [id, s] : settings.items()) {
    SCOPED_TRACE(id);
    EXPECT_TRUE(s.contains("url_path") && s["url_path"].is_string());
    EXPECT_TRUE(s["kind"] == "switch" || s["kind"] == "radio");
    for (const auto& [lang, t] : s["langs"].items()) {
      EXPECT_TRUE(t.contains("title") && t.contains("label")) << lang;
      if (s["kind"] == "radio") {
        ASSERT_TRUE(t.contains("options")) << lang;
        int private_options = 0;
        for (const json& o : t["options"]) private_options += o["private"].get<bool>();
        EXPECT_EQ(private_options, 1) << lang;
        EXPECT_FALSE(t["options"][0]["private"].get<bool>()) << lang << ": the first option is checked here";
      } else {
        EXPECT_TRUE(t.contains("description")) << lang;
      }
    }
  }
}

TEST_F(CatalogTest, EverySettingInEveryLanguageIsRecognisedWithHighConfidence) {
  int pages = 0;
  for (const auto& [id, setting] : Catalog()["settings"].items()) {
    for (const auto& [lang, texts] : setting["langs"].items()) {
      SCOPED_TRACE(id + " [" + lang + "]");
      ++pages;
      json controls = Controls(setting, texts);
      json verdicts = Classify(setting["url_path"], lang, controls);
      for (std::size_t i = 0; i < verdicts.size(); ++i) {
        const json& v = verdicts[i];
        SCOPED_TRACE(controls[i]["label"].get<std::string>());
        EXPECT_EQ(v["setting"], id) << v.dump();
        EXPECT_EQ(v["category"], setting["category"]);
        EXPECT_EQ(v["confidence"], "high") << v.dump();
        if (setting["kind"] == "radio") {
          bool is_private = texts["options"][i]["private"].get<bool>();
          bool checked = controls[i]["checked"].get<bool>();
          EXPECT_EQ(v["shares_when"], is_private ? "off" : "on") << v.dump();
          EXPECT_EQ(v["action"], is_private && !checked ? "flip" : "none") << v.dump();
          EXPECT_EQ(v["shares_data"], is_private ? !checked : checked);
        } else {
          EXPECT_EQ(v["shares_when"], "on");
          EXPECT_EQ(v["shares_data"], true);
          EXPECT_EQ(v["action"], "flip") << v.dump();
          EXPECT_EQ(v["matched"]["lang"], lang) << "the page's language is preferred";
        }
      }
    }
  }
  EXPECT_GE(pages, 22 * 11);
}

TEST_F(CatalogTest, EveryTitleAsTheLabelOnItsOwnPageIsRecognisedWithHighConfidence) {
  // Pages often label a switch with nothing but the setting's title ("Interests and traits").
  // On the setting's own page, with no heading or description to help, that must be certain.
  int titles = 0;
  const json& settings = Catalog()["settings"];
  for (const auto& [id, setting] : settings.items()) {
    if (setting["kind"] != "switch") continue;
    for (const auto& [lang, texts] : setting["langs"].items()) {
      // A title several settings share is the page's heading, not a switch's name: on
      // manage-external-data-use "Manage use of external data" heads two switches, and as a
      // label it cannot say which one it is.
      int sharing = 0;
      for (const auto& [other_id, other] : settings.items()) {
        sharing += other["langs"].contains(lang) && other["langs"][lang]["title"] == texts["title"];
      }
      if (sharing > 1) continue;
      SCOPED_TRACE(id + " [" + lang + "]: " + texts["title"].get<std::string>());
      ++titles;
      json control = {{"ref", "c1"}, {"kind", "switch"}, {"checked", true}, {"label", texts["title"]}, {"context", ""}};
      json v = Classify(setting["url_path"], lang, json::array({control}))[0];
      EXPECT_EQ(v["setting"], id) << v.dump();
      EXPECT_EQ(v["confidence"], "high") << v.dump();
      EXPECT_EQ(v["action"], "flip") << v.dump();
      EXPECT_EQ(v["matched"]["fields"], json::array({"url_path", "label"})) << v.dump();
    }
  }
  EXPECT_GE(titles, 19 * 11);  // 21 switch settings, two of them sharing their title
}

TEST_F(CatalogTest, DecoysAreNeverFlipped) {
  const std::set<std::string> kinds = {"notifications", "profile_photo", "inverted", "unknown"};
  for (const auto& [lang, decoys] : Catalog()["decoys"].items()) {
    SCOPED_TRACE(lang);
    json controls = json::array();
    for (std::size_t i = 0; i < decoys.size(); ++i) {
      EXPECT_TRUE(kinds.count(decoys[i]["kind"].get<std::string>())) << decoys[i].dump();
      controls.push_back({{"ref", "d" + std::to_string(i)},
                          {"kind", "switch"},
                          {"checked", true},
                          {"label", decoys[i]["label"]},
                          {"context", decoys[i].value("heading", "")}});
    }
    ASSERT_FALSE(controls.empty());
    json verdicts = Classify("/mypreferences/d/categories/notifications", lang, controls);
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
      const json& v = verdicts[i];
      SCOPED_TRACE(decoys[i]["label"].get<std::string>());
      EXPECT_NE(v["action"], "flip") << v.dump();
      if (decoys[i]["kind"] == "inverted") {
        // "Hide my activity data from ads": on is the private state; flipping it would share.
        EXPECT_TRUE(v["setting"].is_null() || v["category"] == "not_data_use") << v.dump();
      }
    }
  }
}

TEST_F(CatalogTest, UnknownLanguageOnTheRightPageNeedsTheStableKeyToFlip) {
  // Turkish is not in the pack: the texts say nothing. The page's URL path is an anchor; with
  // LinkedIn's stable key (the same in every UI language) as the second signal it is certain,
  // without it the URL alone is only a maybe.
  for (const auto& [id, setting] : Catalog()["settings"].items()) {
    SCOPED_TRACE(id);
    json texts = {
        {"title", "Ayarlar"},
        {"description", "Bu ayarı açık tutmak istiyor musunuz?"},
        {"label", "Profilinizi kimler bulabilir?"},
        {"options", {{{"label", "Herkes"}, {"private", false}}, {{"label", "Hiç kimse"}, {"private", true}}}}};
    if (setting["kind"] != "radio") texts["label"] = "Bu ayarı etkinleştir";
    json controls = Controls(setting, texts);
    json verdicts = Classify(setting["url_path"], "tr", controls);
    const bool has_attr = setting.contains("attr_key") || setting.contains("input_id");
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
      const json& v = verdicts[i];
      EXPECT_TRUE(v["matched"]["lang"].is_null()) << v.dump();
      if (has_attr) {
        EXPECT_EQ(v["setting"], id) << v.dump();
        EXPECT_EQ(v["confidence"], "high") << v.dump();
        EXPECT_EQ(v["action"], "flip") << v.dump();
        EXPECT_TRUE(v["doubt"].is_null()) << v.dump();
        EXPECT_EQ(v["matched"]["fields"], json::array({"url_path", "attr"})) << v.dump();
        continue;
      }
      EXPECT_EQ(v["confidence"], "low") << v.dump();
      // A page that holds two settings (manage-external-data-use) names neither by its URL alone.
      int on_this_page = 0;
      for (const auto& [other_id, other] : Catalog()["settings"].items())
        on_this_page += other["url_path"] == setting["url_path"];
      EXPECT_EQ(v["doubt"], on_this_page > 1 ? "rule_tie" : "one_signal") << v.dump();
      EXPECT_NE(v["action"], "flip") << v.dump();
      if (controls[i]["checked"] == true) {
        EXPECT_EQ(v["action"], "highlight") << v.dump();
      }
      EXPECT_EQ(v["matched"]["fields"], json::array({"url_path"})) << v.dump();
    }
  }
}

}  // namespace
}  // namespace optout
