// Rule packs with catastrophic patterns. RE2 matches in linear time, so the classic
// backtracking bombs load and match quickly; what RE2 cannot build (huge counted repetitions,
// a program over the per-pattern budget, a set over the per-field budget) must be a clear load
// error that names the place, never a hang and never a silently dead rule.
#include "classifier.h"
#include "gtest/gtest.h"
#include "host_limits.h"
#include "hostile_util.h"
#include "os.h"
#include "rule_pack.h"

namespace optout::hostile {
namespace {

json PackWithLabels(const std::vector<std::string>& labels, const std::vector<std::string>& context = {}) {
  json rule = {{"id", "hostile_rule"},
               {"title", "Hostile"},
               {"category", "research"},
               {"shares_when", "on"},
               {"explain", "A rule written to hurt."},
               {"labels", {{"en", labels}}}};
  if (!context.empty()) rule["context"] = {{"en", context}};
  return {{"schema", 1}, {"pack", "hostile"}, {"version", "1"}, {"settings", json::array({rule})}};
}

// Writes the pack as DIR/hostile.json and returns DIR.
std::string WritePackDir(const TempDir& dir, const json& pack) {
  WriteFile(dir.path() + "/hostile.json", pack.dump());
  return dir.path();
}

PageSnapshot HostileSnapshot(int controls) {
  PageSnapshot page;
  page.url_path = "/" + std::string(kMaxUrlPathBytes - 1, 'a');
  page.lang = "en";
  for (int i = 0; i < controls; ++i) {
    Control c;
    c.ref = "c" + std::to_string(i);
    c.kind = "switch";
    c.checked = true;
    c.label = std::string(kMaxLabelBytes, i % 2 ? 'a' : 'x');
    c.context = std::string(kMaxContextBytes, i % 2 ? 'x' : 'a');
    c.attrs = {{"id", std::string(kMaxAttrValueBytes, 'a')}};
    page.controls.push_back(std::move(c));
  }
  return page;
}

const std::vector<std::string> kBombs = {"(a*)*b",
                                         "(x+x+)+y",
                                         "(a|a)*b",
                                         "(a|aa)*c",
                                         "((a{10}){10}){10}b",
                                         "(.*a){20}z",
                                         "(x+)+(y+)+z",
                                         "^(([a-z])+.)+[0-9]([a-z])+$"};

TEST(RulesHostile, BacktrackingBombsLoadAndMatchInLinearTime) {
  auto pack = ParseRulePack("hostile.json", PackWithLabels(kBombs, kBombs).dump());
  ASSERT_TRUE(pack.ok()) << pack.status();
  auto classifier = Classifier::Build({*pack});
  ASSERT_TRUE(classifier.ok()) << classifier.status();
  auto start = Clock::now();
  auto verdicts = (*classifier)->Classify(HostileSnapshot(200));
  double seconds = SecondsSince(start);
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  ASSERT_EQ(verdicts->size(), 200u);
  for (const Verdict& v : *verdicts) EXPECT_EQ(v.rule, nullptr) << v.ref;  // none of the bombs can match
  std::printf("200 controls x 12 KiB of adversarial text against %zu bombs: %.3f s\n", kBombs.size(), seconds);
  EXPECT_LT(seconds, 10.0);
}

TEST(RulesHostile, BacktrackingBombsThroughTheServingHost) {
  TempDir rules, data;
  HostProcess host(data.path(), {"--rules", WritePackDir(rules, PackWithLabels(kBombs, kBombs)), "serve"});
  ASSERT_TRUE(host.started());
  ASSERT_TRUE(host.Send(Hello(1)));
  std::optional<json> hello = host.Reply();
  ASSERT_TRUE(hello) << host.Stderr();
  EXPECT_EQ((*hello)["rule_packs"][0]["name"], "hostile");

  json req = {{"v", 1}, {"id", 2}, {"type", "classify"}, {"page", {{"url_path", "/x"}, {"lang", "en"}}}};
  req["controls"] = json::array();
  for (int i = 0; i < 100; ++i) {
    req["controls"].push_back({{"ref", "c" + std::to_string(i)},
                               {"kind", "switch"},
                               {"checked", true},
                               {"label", std::string(kMaxLabelBytes, 'a')},
                               {"context", std::string(kMaxContextBytes, 'x')}});
  }
  auto start = Clock::now();
  ASSERT_TRUE(host.Send(Frame(req.dump())));
  std::optional<json> reply = host.Reply(30);
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["ok"], true) << reply->dump().substr(0, 300);
  EXPECT_EQ((*reply)["verdicts"].size(), 100u);
  EXPECT_LT(SecondsSince(start), 10.0);
  // A label that does match one bomb is recognised: the rule is alive, not silently dead.
  req["controls"] = json::array({{{"ref", "m"}, {"kind", "switch"}, {"checked", true}, {"label", "aaaab"}}});
  ASSERT_TRUE(host.Send(Frame(req.dump())));
  reply = host.Reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["verdicts"][0]["setting"], "hostile_rule");
  EXPECT_TRUE(StillServes(host, 3));
}

struct BadPattern {
  std::string pattern;
  std::string reason;  // RE2's (or the loader's) words, expected in the error
};

const std::vector<BadPattern>& BadPatterns() {
  static const std::vector<BadPattern> k = {
      {"a{1000}{1000}", "bad repetition operator"},
      {"(a{100}){100}", "invalid repetition size"},
      {"a{1001}", "invalid repetition size"},
      {"\\pL{200}", "pattern too large"},     // over the 2 MiB per-pattern budget
      {"(a)\\1", "invalid escape sequence"},  // backreference: RE2 has none
      {"(?=a)b", "invalid perl operator"},    // lookahead: RE2 has none
      {"(unclosed", "missing )"},
      {"", "empty pattern would match everything"},
      {std::string(kMaxPatternBytes + 1, 'a'), "pattern longer than 1024 bytes"},
  };
  return k;
}

TEST(RulesHostile, PatternsRE2CannotBuildAreClearLoadErrors) {
  for (const BadPattern& bad : BadPatterns()) {
    SCOPED_TRACE(bad.pattern.substr(0, 40));
    auto start = Clock::now();
    auto pack = ParseRulePack("hostile.json", PackWithLabels({"fine", bad.pattern}).dump());
    EXPECT_LT(SecondsSince(start), 5.0);
    ASSERT_FALSE(pack.ok());
    std::string message(pack.status().message());
    EXPECT_EQ(message.rfind("hostile.json: rule \"hostile_rule\": labels.en[1]", 0), 0u) << message;
    EXPECT_NE(message.find(bad.reason), std::string::npos) << message;
  }
}

TEST(RulesHostile, HostRefusesToStartOnABadPackAndSaysWhy) {
  for (const BadPattern& bad : {BadPatterns()[0], BadPatterns()[3]}) {
    TempDir rules, data;
    std::string dir = WritePackDir(rules, PackWithLabels({bad.pattern}));
    HostProcess host(data.path(), {"--rules", dir, "serve"});
    ASSERT_TRUE(host.started());
    host.Send(Hello(1));
    EXPECT_TRUE(host.OutputEnds()) << "no frame may be sent by a host that cannot start";
    ExitInfo exit = host.Wait();
    ASSERT_TRUE(exit.exited);
    EXPECT_EQ(exit.status, 1);
    std::string err = host.Stderr();
    // The file as the host names it (JoinPath: "\\" on Windows).
    EXPECT_NE(err.find("cannot start: " + JoinPath(dir, "hostile.json") + ": rule \"hostile_rule\": labels.en[0]"),
              std::string::npos)
        << err;
    EXPECT_NE(err.find(bad.reason), std::string::npos) << err;
  }
}

// Each pattern is within the per-pattern budget; together they are over the per-field set budget.
json OverBudgetPack() {
  std::vector<std::string> labels;
  for (int i = 0; i < 200; ++i) labels.push_back("k" + std::to_string(i) + "z[a-z]{1000}");
  return PackWithLabels(labels);
}

TEST(RulesHostile, SetOverItsMemoryBudgetIsAClearError) {
  auto start = Clock::now();
  auto pack = ParseRulePack("hostile.json", OverBudgetPack().dump());
  ASSERT_TRUE(pack.ok()) << pack.status();
  auto classifier = Classifier::Build({*pack});
  ASSERT_FALSE(classifier.ok());
  EXPECT_EQ(classifier.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(
      classifier.status().message().find("RE2::Set::Compile failed for field label (200 patterns): out of memory"),
      std::string::npos)
      << classifier.status();
  EXPECT_LT(SecondsSince(start), 30.0);

  TempDir rules, data;
  std::string dir = WritePackDir(rules, OverBudgetPack());
  HostProcess host(data.path(), {"--rules", dir, "serve"});
  ASSERT_TRUE(host.started());
  host.Send(Hello(1));
  EXPECT_TRUE(host.OutputEnds(60));
  ExitInfo exit = host.Wait(60);
  ASSERT_TRUE(exit.exited);
  EXPECT_EQ(exit.status, 1);
  EXPECT_NE(host.Stderr().find("cannot start: RE2::Set::Compile failed for field label"), std::string::npos)
      << host.Stderr();
}

TEST(RulesHostile, DfaOutOfMemoryWhileMatchingIsAnErrorNotANoMatch) {
  // A pattern whose DFA needs ~2^20 states on a/b text, with a tight budget: RE2 gives up
  // mid-search. That must surface as an error, never as "no rule matched".
  auto pack = ParseRulePack("hostile.json", PackWithLabels({"a[ab]{19}b"}, {"a[ab]{19}b"}).dump());
  ASSERT_TRUE(pack.ok()) << pack.status();
  auto classifier = Classifier::Build({*pack}, 256 << 10);
  ASSERT_TRUE(classifier.ok()) << classifier.status();
  PageSnapshot page;
  page.url_path = "/";
  Control c;
  c.ref = "c";
  c.kind = "switch";
  std::uint32_t x = 12345;
  for (std::size_t i = 0; i < kMaxContextBytes; ++i) {
    x = x * 1103515245u + 12345u;
    c.context += (x >> 16) & 1 ? 'a' : 'b';
  }
  page.controls.push_back(c);
  auto start = Clock::now();
  auto verdicts = (*classifier)->Classify(page);
  EXPECT_LT(SecondsSince(start), 10.0);
  if (verdicts.ok()) {
    // RE2 managed within the budget: then the answer must be the true one (random a/b text
    // of 8 KiB holds a match).
    ASSERT_NE((*verdicts)[0].rule, nullptr);
    EXPECT_EQ((*verdicts)[0].rule->id, "hostile_rule");
  } else {
    EXPECT_EQ(verdicts.status().code(), absl::StatusCode::kResourceExhausted);
    EXPECT_NE(verdicts.status().message().find("matching context failed"), std::string::npos) << verdicts.status();
  }
}

}  // namespace
}  // namespace optout::hostile
