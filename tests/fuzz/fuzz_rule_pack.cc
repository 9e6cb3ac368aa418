// libFuzzer target: bytes -> ParseRulePack; when the pack loads, build a Classifier with a small
// memory budget (1 MiB per field set) and classify a fixed snapshot. A pack either loads and
// works, or is refused with a message naming its source; it never crashes or hangs the host.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "classifier.h"
#include "rule_pack.h"

namespace {

const optout::PageSnapshot& Snapshot() {
  static const optout::PageSnapshot page = [] {
    optout::PageSnapshot p;
    p.url_path = "/mypreferences/d/settings/data-for-ai-improvement";
    p.lang = "en";
    p.controls.push_back({"c1",
                          "switch",
                          true,
                          {{"id", "ember412"}, {"aria-labelledby", "toggleLabel other"}},
                          "Use my data for training content creation AI models",
                          "Data for Generative AI Improvement\nCan LinkedIn use your data?"});
    p.controls.push_back({"c2", "checkbox", false, {{"name", "x"}}, "Daten zum Schulen von KI-Modellen", ""});
    p.controls.push_back({"c3", "radio", true, {}, "Nobody \xe2\x80\x99 s", "Who can see \xc2\xa0 this"});
    return p;
  }();
  return page;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  absl::StatusOr<optout::RulePack> pack =
      optout::ParseRulePack("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  if (!pack.ok()) {
    if (pack.status().message().rfind("fuzz.json: ", 0) != 0) std::abort();  // errors name the source
    return 0;
  }
  std::vector<optout::RulePack> packs{*std::move(pack)};
  if (!optout::CheckPacksTogether(packs).ok()) std::abort();  // one pack is always consistent
  absl::StatusOr<std::unique_ptr<optout::Classifier>> classifier = optout::Classifier::Build(packs, 1 << 20);
  if (!classifier.ok()) return 0;  // out of budget: a clear error, tested in tests/hostile
  absl::StatusOr<std::vector<optout::Verdict>> verdicts = (*classifier)->Classify(Snapshot());
  if (!verdicts.ok()) return 0;
  if (verdicts->size() != Snapshot().controls.size()) std::abort();
  for (const optout::Verdict& v : *verdicts) {
    if (v.action == "flip" && (v.confidence != "high" || !v.shares_data)) std::abort();  // never flip blindly
    if ((v.rule == nullptr) != (v.confidence == "none")) std::abort();
  }
  return 0;
}
