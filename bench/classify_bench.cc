// Classification throughput of the shipped rule pack, three ways, with the same decision logic
// (the real Classifier over three matching engines):
//   set:       the real Classifier (one RE2::Set per field, every pattern matched in one pass)
//   re2_loop:  one RE2 per pattern, matched one after another
//   std_regex: one std::wregex (ECMAScript, icase) per pattern, matched one after another
// plus the floors: JSON parse + schema check alone (ParseRequest), and the whole per-frame work
// of the host (parse, classify, serialize the reply). Before anything is timed, the two loop
// engines must lead to exactly the real Classifier's verdicts on every snapshot and fixture.
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
// The two baseline engines. The decisions are the real Classifier's (Classifier::BuildWith):
// only how each pattern set is matched differs, so the ratios measure the engines alone.

// One RE2 per pattern, matched one after another.
class Re2LoopMatcher : public PatternMatcher {
 public:
  explicit Re2LoopMatcher(const std::vector<Rule>& rules) {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    for (int set = 0; set < kPatternSetCount; ++set) {
      absl::Status s = ForEachPattern(rules, set, [&](const PatternOwner&, const std::string&, const std::string& p) {
        res_[set].push_back(std::make_unique<RE2>(p, o));
        return res_[set].back()->ok() ? absl::OkStatus() : absl::InvalidArgumentError(p);
      });
      if (!s.ok()) std::abort();  // the pack already compiled as a set: cannot happen
    }
  }
  absl::Status Match(int set, const std::string& text, std::vector<int>* out) const override {
    const auto& list = res_[set];
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (RE2::PartialMatch(text, *list[i])) out->push_back(static_cast<int>(i));
    }
    return absl::OkStatus();
  }

 private:
  std::vector<std::unique_ptr<RE2>> res_[kPatternSetCount];
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

// One std::wregex (ECMAScript, icase) per pattern over UTF-32 text: bytewise std::regex would
// split "[eè]" into bytes.
class StdRegexLoopMatcher : public PatternMatcher {
 public:
  StdRegexLoopMatcher(const std::vector<Rule>& rules, const std::locale& locale) {
    for (int set = 0; set < kPatternSetCount; ++set) {
      absl::Status s = ForEachPattern(rules, set, [&](const PatternOwner&, const std::string&, const std::string& p) {
        std::wregex re;
        re.imbue(locale);  // Unicode case folding for icase
        re.assign(Widen(p), std::regex::ECMAScript | std::regex::icase);
        res_[set].push_back(std::move(re));
        return absl::OkStatus();
      });
      if (!s.ok()) std::abort();
    }
  }
  absl::Status Match(int set, const std::string& text, std::vector<int>* out) const override {
    const std::wstring wide = Widen(text);
    const auto& list = res_[set];
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (std::regex_search(wide, list[i])) out->push_back(static_cast<int>(i));
    }
    return absl::OkStatus();
  }

 private:
  std::vector<std::wregex> res_[kPatternSetCount];
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
  auto loop_with = [&](auto make) {
    auto c = Classifier::BuildWith(*packs, [&](const std::vector<Rule>& rules) {
      return absl::StatusOr<std::unique_ptr<PatternMatcher>>(make(rules));
    });
    if (!c.ok()) std::abort();
    return *std::move(c);
  };
  static std::unique_ptr<Classifier> re2_loop =
      loop_with([](const std::vector<Rule>& r) { return std::make_unique<Re2LoopMatcher>(r); });
  static std::unique_ptr<Classifier> std_loop =
      loop_with([&](const std::vector<Rule>& r) { return std::make_unique<StdRegexLoopMatcher>(r, utf8); });

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
    if (!want.ok())
      return std::fprintf(stderr, "%s: %s\n", name.c_str(), std::string(want.status().message()).c_str()), 1;
    RequireSame(name + " (re2_loop)", *want, *re2_loop->Classify(page));
    RequireSame(name + " (std_regex)", *want, *std_loop->Classify(page));
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
      for (auto _ : state) benchmark::DoNotOptimize(re2_loop->Classify(sp->page));
      SetRates(state, *sp);
    });
    auto* std_bench =
        benchmark::RegisterBenchmark(("classify/std_regex/" + s.name).c_str(), [sp](benchmark::State& state) {
          for (auto _ : state) benchmark::DoNotOptimize(std_loop->Classify(sp->page));
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
