// LinkedIn wording as public sources quote it (tests/fixtures/real_wording.json): an evaluation
// set kept apart from the fixture catalog the patterns were written against. Every title and
// label must make its switch certain on the setting's own page (as the label with no heading, or
// as the heading beside a label we do not know), and must never flip a switch on another page.
#include <iostream>
#include <map>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "request_handler.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

class RealWordingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::vector<RulePack>> packs = LoadEmbeddedRulePacks();
    ASSERT_TRUE(packs.ok()) << packs.status();
    absl::StatusOr<std::unique_ptr<Classifier>> classifier = Classifier::Build(*packs);
    ASSERT_TRUE(classifier.ok()) << classifier.status();
    handler_ = std::make_unique<RequestHandler>(*std::move(packs), *std::move(classifier), "", "no record in tests");
    json settings = json::parse(handler_->Handle(R"({"v":1,"id":1,"type":"settings"})"));
    for (const json& s : settings["settings"]) {
      if (s["page"].is_string()) page_[s["id"].get<std::string>()] = s["page"].get<std::string>();
    }
  }

  json Verdict(const std::string& path, const std::string& lang, const std::string& label, const std::string& context) {
    json request = {
        {"v", 1},
        {"id", 2},
        {"type", "classify"},
        {"page", {{"url_path", path}, {"lang", lang}}},
        {"controls", {{{"ref", "c1"}, {"kind", "switch"}, {"checked", true}, {"label", label}, {"context", context}}}}};
    json reply = json::parse(handler_->Handle(request.dump()));
    EXPECT_EQ(reply["ok"], true) << reply.dump();
    return reply["verdicts"][0];
  }

  std::unique_ptr<RequestHandler> handler_;
  std::map<std::string, std::string> page_;
};

TEST_F(RealWordingTest, EveryQuotedTextIsCertainOnItsPageAndNeverFlipsElsewhere) {
  json corpus = json::parse(testing::ReadFile(testing::SourcePath("tests/fixtures/real_wording.json")));
  ASSERT_GE(corpus["entries"].size(), 40u);
  std::map<std::string, std::pair<int, int>> by_kind;  // kind -> (certain, tried)
  for (const json& e : corpus["entries"]) {
    const std::string setting = e["setting"], lang = e["lang"], kind = e["kind"], text = e["text"];
    SCOPED_TRACE(setting + " [" + lang + "] " + kind + ": " + text);
    ASSERT_TRUE(page_.count(setting)) << "the pack names no page for " << setting;
    const std::string& page = page_[setting];
    std::vector<json> on_page;
    // A title or a label may be the switch's own name; a title or a question may be its heading.
    if (kind != "question") on_page.push_back(Verdict(page, lang, text, ""));
    if (kind != "label") on_page.push_back(Verdict(page, lang, "", text));
    for (const json& v : on_page) {
      const bool certain = v["setting"] == setting && v["confidence"] == "high" && v["action"] == "flip";
      EXPECT_TRUE(certain) << v.dump();
      by_kind[kind].first += certain;
      ++by_kind[kind].second;
    }
    // The same text on a page that is not the setting's is at most a maybe.
    json elsewhere = Verdict("/mypreferences/d/settings/some-other-setting", lang, text, text);
    EXPECT_NE(elsewhere["action"], "flip") << elsewhere.dump();
  }
  for (const auto& [kind, counts] : by_kind) {
    std::cout << "real wording, " << kind << ": " << counts.first << " of " << counts.second
              << " certain on their page\n";
  }
}

}  // namespace
}  // namespace optout
