// Classification throughput of the shipped rule pack, three ways, with the same decision logic:
//   set:       the real Classifier (one RE2::Set per field, every pattern matched in one pass)
//   re2_loop:  one RE2 per pattern, matched one after another
//   std_regex: one std::wregex (ECMAScript, icase) per pattern, matched one after another
// plus the floors: JSON parse + schema check alone (ParseRequest), and the whole per-frame work
// of the host (parse, classify, serialize the reply). Before anything is timed, the two loop
// classifiers must return exactly the real Classifier's verdicts on every snapshot and fixture.
#include <benchmark/benchmark.h>
#include <dirent.h>

#include <bitset>
#include <cctype>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <locale>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "classifier.h"
#include "protocol.h"
#include "re2/re2.h"
#include "rule_pack.h"
#include "snapshots.h"
#include "text_normalize.h"

namespace optout::bench {
namespace {

// ---------------------------------------------------------------------------------------------
// The Classifier's decision logic (native-host/src/classifier.cc), with the matching made
// pluggable. Kept in step by the agreement check in main(): if the real one changes, this fails.
constexpr int kUrl = 0, kAttr = 1, kLabel = 2, kContext = 3, kPrivate = 4, kSets = 5;
constexpr const char* kFieldNames[4] = {"url_path", "attr", "label", "context"};

bool IsStableAttr(const std::string& n) {
  return n == "id" || n == "name" || n == "aria-labelledby" || n == "aria-describedby" || n == "for";
}
bool IsIdList(const std::string& n) { return n == "aria-labelledby" || n == "aria-describedby"; }
std::vector<std::string> SplitSpaces(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

struct Owner {
  int rule;
  std::string lang;
};

// Matches one text against every pattern of one field; returns the indices that matched.
class Matcher {
 public:
  virtual ~Matcher() = default;
  virtual void Add(int field, const std::string& pattern) = 0;
  virtual void MatchAll(int field, const std::string& text, std::vector<int>* out) const = 0;
};

class Re2LoopMatcher : public Matcher {
 public:
  void Add(int field, const std::string& pattern) override {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    res_[field].push_back(std::make_unique<RE2>(pattern, o));
    if (!res_[field].back()->ok()) std::abort();
  }
  void MatchAll(int field, const std::string& text, std::vector<int>* out) const override {
    const auto& list = res_[field];
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (RE2::PartialMatch(text, *list[i])) out->push_back(static_cast<int>(i));
    }
  }

 private:
  std::vector<std::unique_ptr<RE2>> res_[kSets];
};

// UTF-8 -> UTF-32 (input is valid UTF-8: requests are checked, pack files too).
std::wstring Widen(const std::string& s) {
  std::wstring out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    out.push_back(static_cast<wchar_t>(cp));
    i += static_cast<std::size_t>(len);
  }
  return out;
}

// std::wregex over UTF-32 text: bytewise std::regex would split "[eè]" into bytes.
class StdRegexLoopMatcher : public Matcher {
 public:
  explicit StdRegexLoopMatcher(std::locale locale) : locale_(std::move(locale)) {}
  void Add(int field, const std::string& pattern) override {
    std::wregex re;
    re.imbue(locale_);  // Unicode case folding for icase
    re.assign(Widen(pattern), std::regex::ECMAScript | std::regex::icase);
    res_[field].push_back(std::move(re));
  }
  void MatchAll(int field, const std::string& text, std::vector<int>* out) const override {
    const std::wstring wide = Widen(text);
    const auto& list = res_[field];
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (std::regex_search(wide, list[i])) out->push_back(static_cast<int>(i));
    }
  }

 private:
  std::locale locale_;
  std::vector<std::wregex> res_[kSets];
};

struct Evidence {
  std::bitset<4> fields;
  std::set<std::string> label_langs;
};

class LoopClassifier {
 public:
  using Hits = std::vector<std::pair<int, std::vector<std::string>>>;

  LoopClassifier(const std::vector<RulePack>& packs, std::unique_ptr<Matcher> matcher) : matcher_(std::move(matcher)) {
    for (const RulePack& pack : packs) rules_.insert(rules_.end(), pack.rules.begin(), pack.rules.end());
    for (int r = 0; r < static_cast<int>(rules_.size()); ++r) {
      const Rule& rule = rules_[r];
      auto add = [&](int field, const std::string& lang, const std::vector<std::string>& patterns) {
        for (const std::string& p : patterns) {
          matcher_->Add(field, p);
          owners_[field].push_back({r, lang});
        }
      };
      add(kUrl, "", rule.url_paths);
      add(kAttr, "", rule.attrs);
      for (const auto& [lang, ps] : rule.labels) add(kLabel, lang, ps);
      for (const auto& [lang, ps] : rule.context) add(kContext, lang, ps);
      for (const auto& [lang, ps] : rule.private_option) add(kPrivate, lang, ps);
    }
  }

  Hits Match(int field, const std::string& text) const {
    Hits hits;
    if (text.empty()) return hits;
    std::vector<int> indices;
    matcher_->MatchAll(field, text, &indices);
    std::map<int, std::set<std::string>> by_rule;
    for (int index : indices) {
      const Owner& owner = owners_[field][static_cast<std::size_t>(index)];
      auto& langs = by_rule[owner.rule];
      if (!owner.lang.empty()) langs.insert(owner.lang);
    }
    for (auto& [rule, langs] : by_rule) hits.emplace_back(rule, std::vector<std::string>(langs.begin(), langs.end()));
    return hits;
  }

  std::vector<Verdict> Classify(const PageSnapshot& page) const {
    Hits url_hits = Match(kUrl, page.url_path);
    const auto switches = std::count_if(page.controls.begin(), page.controls.end(),
                                        [](const Control& c) { return c.kind == "switch"; });
    const std::string page_lang = page.lang.substr(0, page.lang.find('-'));
    auto pick_lang = [&](const std::set<std::string>& langs) {
      if (langs.empty()) return std::string();
      if (langs.count(page.lang)) return page.lang;
      return langs.count(page_lang) ? page_lang : *langs.begin();
    };
    std::vector<Verdict> verdicts;
    verdicts.reserve(page.controls.size());
    for (const Control& control : page.controls) {
      const bool radio = control.kind == "radio";
      std::map<int, Evidence> evidence;
      auto add_hits = [&](const Hits& hits, int field) {
        for (const auto& [rule, langs] : hits) {
          if ((rules_[static_cast<std::size_t>(rule)].kind == "radio") != radio) continue;
          Evidence& e = evidence[rule];
          e.fields.set(static_cast<std::size_t>(field));
          if (field == kLabel) e.label_langs.insert(langs.begin(), langs.end());
        }
      };
      add_hits(url_hits, kUrl);
      for (const auto& [name, value] : control.attrs) {
        if (!IsStableAttr(name)) continue;
        std::vector<std::string> values = IsIdList(name) ? SplitSpaces(value) : std::vector<std::string>{value};
        for (const std::string& v : values) add_hits(Match(kAttr, v), kAttr);
      }
      const std::string label = NormalizeText(control.label);
      if (!radio) add_hits(Match(kLabel, label), kLabel);
      add_hits(Match(kContext, NormalizeText(control.context)), kContext);

      int chosen = -1;
      bool high = false;
      if (radio) {
        int both = 0;
        for (const auto& [rule, e] : evidence) {
          if (e.fields.test(kUrl) && e.fields.test(kContext) && both++ == 0) chosen = rule;
        }
        high = both == 1;
        if (both == 0) {
          std::size_t best = 0;
          for (const auto& [rule, e] : evidence) {
            if (e.fields.count() > best) best = e.fields.count(), chosen = rule;
          }
        }
      } else {
        const bool url_alone = switches == 1 && control.kind == "switch";
        auto supported = [&](const Evidence& e) {
          std::bitset<4> without_url = e.fields;
          without_url.reset(kUrl);
          return without_url.any() || (url_alone && e.fields.test(kUrl));
        };
        int label_rules = 0, label_rule = -1;
        for (const auto& [rule, e] : evidence) {
          if (e.fields.test(kLabel)) ++label_rules, label_rule = rule;
        }
        if (label_rules == 1) {
          chosen = label_rule;
          high = evidence[label_rule].fields.count() >= 2;
        } else {
          std::size_t best = 0;
          for (const auto& [rule, e] : evidence) {
            if (!supported(e)) continue;
            if (label_rules > 1 && !e.fields.test(kLabel)) continue;
            if (e.fields.count() > best) best = e.fields.count(), chosen = rule;
          }
        }
      }
      Verdict v;
      v.ref = control.ref;
      v.state = control.checked ? "on" : "off";
      if (chosen < 0) {
        v.confidence = "none";
        v.action = "none";
        verdicts.push_back(std::move(v));
        continue;
      }
      const Rule& rule = rules_[static_cast<std::size_t>(chosen)];
      Evidence& e = evidence[chosen];
      v.rule = &rule;
      v.confidence = high ? "high" : "low";
      v.shares_when = rule.shares_when;
      if (radio) {
        for (const auto& [r, langs] : Match(kPrivate, label)) {
          if (r != chosen) continue;
          v.private_option = true;
          e.fields.set(kLabel);
          e.label_langs.insert(langs.begin(), langs.end());
        }
        v.shares_when = v.private_option ? "off" : "on";
      }
      for (int f = 0; f < 4; ++f) {
        if (e.fields.test(static_cast<std::size_t>(f))) v.matched_fields.push_back(kFieldNames[f]);
      }
      v.matched_lang = pick_lang(e.label_langs);
      v.shares_data = v.shares_when != "never" && v.state == v.shares_when;
      if (!v.shares_data) v.action = "none";
      else if (!high) v.action = "highlight";
      else v.action = (!radio || v.private_option) ? "flip" : "none";
      verdicts.push_back(std::move(v));
    }
    return verdicts;
  }

 private:
  std::vector<Rule> rules_;
  std::vector<Owner> owners_[kSets];
  std::unique_ptr<Matcher> matcher_;
};

// ---------------------------------------------------------------------------------------------

std::string Describe(const Verdict& v) {
  std::string s = v.ref + " " + (v.rule ? v.rule->id : "-") + " " + v.confidence + " " + v.action + " " +
                  v.shares_when + (v.shares_data ? " shares" : " keeps") + (v.private_option ? " private" : "") +
                  " lang=" + v.matched_lang + " fields=";
  for (const std::string& f : v.matched_fields) s += f + ",";
  return s;
}

// Exits when `got` differs from the real classifier's verdicts: timing disagreeing code is useless.
void RequireSame(const std::string& what, const std::vector<Verdict>& want, const std::vector<Verdict>& got) {
  if (want.size() != got.size()) {
    std::fprintf(stderr, "%s: %zu verdicts, expected %zu\n", what.c_str(), got.size(), want.size());
    std::exit(1);
  }
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (Describe(want[i]) != Describe(got[i])) {
      std::fprintf(stderr, "%s: verdict %zu differs\n  set:  %s\n  loop: %s\n", what.c_str(), i,
                   Describe(want[i]).c_str(), Describe(got[i]).c_str());
      std::exit(1);
    }
  }
}

std::vector<std::string> FixtureFiles(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0) out.push_back(dir + "/" + n);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void SetRates(benchmark::State& state, const NamedSnapshot& s) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(s.json.size()));
  state.counters["controls/s"] =
      benchmark::Counter(static_cast<double>(s.page.controls.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["controls"] = static_cast<double>(s.page.controls.size());
}

}  // namespace
}  // namespace optout::bench

int main(int argc, char** argv) {
  using namespace optout;
  using namespace optout::bench;
  benchmark::Initialize(&argc, argv);

  auto packs = LoadEmbeddedRulePacks();
  if (!packs.ok()) return std::fprintf(stderr, "%s\n", std::string(packs.status().message()).c_str()), 1;
  auto built = Classifier::Build(*packs);
  if (!built.ok()) return std::fprintf(stderr, "%s\n", std::string(built.status().message()).c_str()), 1;
  static std::unique_ptr<Classifier> classifier = *std::move(built);

  std::locale utf8 = std::locale::classic();
  try {
    utf8 = std::locale("C.UTF-8");
  } catch (const std::exception&) {
    std::fprintf(stderr, "note: no C.UTF-8 locale; std::regex case folding is ASCII only\n");
  }
  static LoopClassifier re2_loop(*packs, std::make_unique<Re2LoopMatcher>());
  static LoopClassifier std_loop(*packs, std::make_unique<StdRegexLoopMatcher>(utf8));

  const std::string source = OPTOUT_SOURCE_DIR;
  std::string small_json = ReadText(source + "/tests/fixtures/snapshots/genai-en-switch.json");
  ParseResult small = ParseRequest(small_json);
  if (!small.ok) return std::fprintf(stderr, "small snapshot: %s\n", small.error.message.c_str()), 1;
  static std::vector<NamedSnapshot> snapshots = Snapshots(small.request.page, small_json);

  // Agreement, once, before timing: every snapshot and every fixture, all three ways.
  std::size_t checked = 0, recognised = 0;
  std::vector<std::pair<std::string, PageSnapshot>> all;
  for (const NamedSnapshot& s : snapshots) all.emplace_back(s.name, s.page);
  for (const std::string& f : FixtureFiles(source + "/tests/fixtures/snapshots")) {
    ParseResult p = ParseRequest(ReadText(f));
    if (p.ok) all.emplace_back(f, p.request.page);
  }
  for (const auto& [name, page] : all) {
    auto want = classifier->Classify(page);
    if (!want.ok()) return std::fprintf(stderr, "%s: %s\n", name.c_str(), std::string(want.status().message()).c_str()), 1;
    RequireSame(name + " (re2_loop)", *want, re2_loop.Classify(page));
    RequireSame(name + " (std_regex)", *want, std_loop.Classify(page));
    checked += want->size();
    for (const Verdict& v : *want) recognised += v.rule != nullptr;
  }
  std::printf("agreement: %zu verdicts (%zu recognised) identical across set, re2_loop and std_regex\n", checked,
              recognised);

  for (const NamedSnapshot& s : snapshots) {
    const NamedSnapshot* sp = &s;
    benchmark::RegisterBenchmark(("classify/set/" + s.name).c_str(), [sp](benchmark::State& state) {
      for (auto _ : state) benchmark::DoNotOptimize(classifier->Classify(sp->page));
      SetRates(state, *sp);
    });
    benchmark::RegisterBenchmark(("classify/re2_loop/" + s.name).c_str(), [sp](benchmark::State& state) {
      for (auto _ : state) benchmark::DoNotOptimize(re2_loop.Classify(sp->page));
      SetRates(state, *sp);
    });
    auto* std_bench = benchmark::RegisterBenchmark(("classify/std_regex/" + s.name).c_str(), [sp](benchmark::State& state) {
      for (auto _ : state) benchmark::DoNotOptimize(std_loop.Classify(sp->page));
      SetRates(state, *sp);
    });
    if (s.name == "huge") std_bench->Iterations(2);  // seconds per pass: two passes are enough
    if (s.name != "huge") {  // over the 2,000-control cap: the host would reject it before parsing matters
      benchmark::RegisterBenchmark(("parse/" + s.name).c_str(), [sp](benchmark::State& state) {
        for (auto _ : state) benchmark::DoNotOptimize(ParseRequest(sp->json));
        SetRates(state, *sp);
      });
      // Serializing the reply alone (the verdicts are computed once, outside the loop).
      benchmark::RegisterBenchmark(("reply/" + s.name).c_str(), [sp](benchmark::State& state) {
        auto verdicts = classifier->Classify(sp->page);
        for (auto _ : state) benchmark::DoNotOptimize(ClassifyReply(1, "linkedin", *verdicts));
        SetRates(state, *sp);
      });
      // What the host does per classify frame: parse + classify + serialize the reply.
      benchmark::RegisterBenchmark(("frame/" + s.name).c_str(), [sp](benchmark::State& state) {
        for (auto _ : state) {
          ParseResult p = ParseRequest(sp->json);
          auto verdicts = classifier->Classify(p.request.page);
          benchmark::DoNotOptimize(ClassifyReply(p.request.id, "linkedin", *verdicts));
        }
        SetRates(state, *sp);
      });
    }
  }
  benchmark::RegisterBenchmark("build/classifier", [&packs](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(Classifier::Build(*packs));
  });
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
