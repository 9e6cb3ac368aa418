#include "classifier.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "host_limits.h"
#include "text_normalize.h"

namespace optout {
namespace {

constexpr const char* kFieldNames[kFieldCount] = {"url_path", "attr", "label", "context"};

// Field names as they appear in a rule pack, for error messages.
constexpr const char* kPackFieldNames[kFieldCount] = {"url_paths", "attrs", "labels", "context"};

// Attributes whose values are stable enough to identify a control.
bool IsStableAttr(const std::string& name) {
  return name == "id" || name == "name" || name == "aria-labelledby" || name == "aria-describedby" || name == "for";
}

// aria-labelledby/aria-describedby hold a space-separated list of ids: match each id alone.
bool IsIdList(const std::string& name) { return name == "aria-labelledby" || name == "aria-describedby"; }

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

struct Evidence {
  std::bitset<kFieldCount> fields;
  std::set<std::string> label_langs;
};

}  // namespace

const char* FieldName(Field field) { return kFieldNames[static_cast<int>(field)]; }

const char* PatternSetName(int set) { return set == kPrivateOptionSet ? "private_option" : kFieldNames[set]; }

absl::Status ForEachPattern(
    const std::vector<Rule>& rules, int set,
    const std::function<absl::Status(const PatternOwner&, const std::string&, const std::string&)>& fn) {
  // url_paths and attrs have no language: one entry with an empty language.
  auto lists_of = [set](const Rule& rule) {
    switch (set) {
      case static_cast<int>(Field::kUrlPath): return std::vector<LangPatterns>{{"", rule.url_paths}};
      case static_cast<int>(Field::kAttr): return std::vector<LangPatterns>{{"", rule.attrs}};
      case static_cast<int>(Field::kLabel): return rule.labels;
      case static_cast<int>(Field::kContext): return rule.context;
      default: return rule.private_option;
    }
  };
  const char* pack_name = set == kPrivateOptionSet ? "private_option" : kPackFieldNames[set];
  for (int r = 0; r < static_cast<int>(rules.size()); ++r) {
    for (const auto& [lang, patterns] : lists_of(rules[r])) {
      for (std::size_t i = 0; i < patterns.size(); ++i) {
        std::string where =
            lang.empty() ? absl::StrCat(pack_name, "[", i, "]") : absl::StrCat(pack_name, ".", lang, "[", i, "]");
        absl::Status s = fn(PatternOwner{r, lang}, where, patterns[i]);
        if (!s.ok()) return s;
      }
    }
  }
  return absl::OkStatus();
}

namespace {

class Re2SetMatcher : public PatternMatcher {
 public:
  std::unique_ptr<RE2::Set> sets[kPatternSetCount];  // null: the set has no patterns

  absl::Status Match(int set, const std::string& text, std::vector<int>* indices) const override {
    if (!sets[set]) return absl::OkStatus();
    RE2::Set::ErrorInfo info;
    info.kind = RE2::Set::kNoError;
    if (!sets[set]->Match(text, indices, &info) && info.kind != RE2::Set::kNoError) {
      // "DFA out of memory" must not pass for "no rule matched".
      return absl::ResourceExhaustedError(
          absl::StrCat("matching ", PatternSetName(set), " failed: RE2::Set error kind ", static_cast<int>(info.kind)));
    }
    return absl::OkStatus();
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<PatternMatcher>> BuildRe2SetMatcher(const std::vector<Rule>& rules,
                                                                   std::int64_t max_mem) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(max_mem);  // bounded: a runaway pack must fail loudly, not eat memory
  auto matcher = std::make_unique<Re2SetMatcher>();
  for (int set = 0; set < kPatternSetCount; ++set) {
    auto re2_set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    int added = 0;
    absl::Status s = ForEachPattern(
        rules, set, [&](const PatternOwner& owner, const std::string& where, const std::string& pattern) {
          std::string error;
          if (re2_set->Add(pattern, &error) < 0) {
            return absl::InvalidArgumentError(absl::StrCat("rule \"", rules[owner.rule].id, "\": ", where,
                                                           ": bad pattern \"", pattern, "\": ", error));
          }
          ++added;
          return absl::OkStatus();
        });
    if (!s.ok()) return s;
    if (added == 0) continue;  // nothing to match; an empty set is simply skipped
    if (!re2_set->Compile()) {
      return absl::ResourceExhaustedError(absl::StrCat("RE2::Set::Compile failed for field ", PatternSetName(set), " (",
                                                       added, " patterns): out of memory"));
    }
    matcher->sets[set] = std::move(re2_set);
  }
  return std::unique_ptr<PatternMatcher>(std::move(matcher));
}

absl::StatusOr<std::unique_ptr<Classifier>> Classifier::Build(const std::vector<RulePack>& packs,
                                                              std::int64_t max_mem) {
  return BuildWith(packs, [max_mem](const std::vector<Rule>& rules) { return BuildRe2SetMatcher(rules, max_mem); });
}

namespace {

void AppendLangPatterns(const std::vector<LangPatterns>& from, std::vector<LangPatterns>* to) {
  for (const LangPatterns& entry : from) {
    const std::string& lang = entry.first;  // a structured binding cannot be captured in C++17
    auto it = std::find_if(to->begin(), to->end(), [&](const LangPatterns& l) { return l.first == lang; });
    if (it == to->end()) {
      it = to->insert(std::upper_bound(to->begin(), to->end(), LangPatterns{lang, {}},
                                       [](const LangPatterns& a, const LangPatterns& b) { return a.first < b.first; }),
                      LangPatterns{lang, {}});
    }
    it->second.insert(it->second.end(), entry.second.begin(), entry.second.end());
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<Classifier>> Classifier::BuildWith(const std::vector<RulePack>& packs,
                                                                  const MatcherFactory& make_matcher) {
  absl::Status together = CheckPacksTogether(packs);
  if (!together.ok()) return together;
  std::unique_ptr<Classifier> c(new Classifier());
  for (const RulePack& pack : packs) {
    for (const Rule& rule : pack.rules) {
      if (rule.extends.empty()) c->rules_.push_back(rule);
    }
  }
  // A rule that extends another classifies as that rule: its patterns join the base rule's.
  for (const RulePack& pack : packs) {
    for (const Rule& ext : pack.rules) {
      if (ext.extends.empty()) continue;
      auto base = std::find_if(c->rules_.begin(), c->rules_.end(), [&](const Rule& r) { return r.id == ext.extends; });
      base->url_paths.insert(base->url_paths.end(), ext.url_paths.begin(), ext.url_paths.end());
      base->attrs.insert(base->attrs.end(), ext.attrs.begin(), ext.attrs.end());
      AppendLangPatterns(ext.labels, &base->labels);
      AppendLangPatterns(ext.context, &base->context);
    }
  }
  Rule vetoes;
  vetoes.id = "label_vetoes";
  vetoes.kind = "veto";
  for (const RulePack& pack : packs) AppendLangPatterns(pack.label_vetoes, &vetoes.labels);
  if (!vetoes.labels.empty()) {
    c->veto_rule_ = static_cast<int>(c->rules_.size());
    c->rules_.push_back(std::move(vetoes));
  }
  for (int set = 0; set < kPatternSetCount; ++set) {
    absl::Status s =
        ForEachPattern(c->rules_, set, [&](const PatternOwner& owner, const std::string&, const std::string&) {
          c->owners_[set].push_back(owner);
          return absl::OkStatus();
        });
    if (!s.ok()) return s;
  }
  absl::StatusOr<std::unique_ptr<PatternMatcher>> matcher = make_matcher(c->rules_);
  if (!matcher.ok()) return matcher.status();
  c->matcher_ = *std::move(matcher);
  return c;
}

std::size_t Classifier::pattern_count(Field field) const { return owners_[static_cast<int>(field)].size(); }

absl::StatusOr<Classifier::Hits> Classifier::Match(int set, const std::string& text) const {
  Hits hits;
  if (owners_[set].empty() || text.empty()) return hits;
  std::vector<int> indices;
  absl::Status s = matcher_->Match(set, text, &indices);
  if (!s.ok()) return s;
  std::map<int, std::set<std::string>> by_rule;  // ordered: engines return indices unsorted
  for (int index : indices) {
    const PatternOwner& owner = owners_[set][index];
    auto& langs = by_rule[owner.rule];
    if (!owner.lang.empty()) langs.insert(owner.lang);
  }
  for (auto& [rule, langs] : by_rule) hits.emplace_back(rule, std::vector<std::string>(langs.begin(), langs.end()));
  return hits;
}

absl::StatusOr<std::vector<Verdict>> Classifier::Classify(const PageSnapshot& page) const {
  constexpr int kUrl = static_cast<int>(Field::kUrlPath), kAttr = static_cast<int>(Field::kAttr),
                kLabel = static_cast<int>(Field::kLabel), kContext = static_cast<int>(Field::kContext);

  absl::StatusOr<Hits> url_hits = Match(kUrl, page.url_path);  // once per page
  if (!url_hits.ok()) return url_hits.status();
  const auto switches =
      std::count_if(page.controls.begin(), page.controls.end(), [](const Control& c) { return c.kind == "switch"; });
  // Primary subtag of <html lang>, used to prefer that language when several match.
  const std::string page_lang = page.lang.substr(0, page.lang.find('-'));
  auto pick_lang = [&](const std::set<std::string>& langs) {
    if (langs.empty()) return std::string();
    if (langs.count(page.lang)) return page.lang;  // exact tag, e.g. pt-BR
    return langs.count(page_lang) ? page_lang : *langs.begin();
  };

  std::vector<Verdict> verdicts;
  verdicts.reserve(page.controls.size());
  for (const Control& control : page.controls) {
    // Radio rules describe option groups and see only radio controls; switch and checkbox
    // rules never see radios. The veto pseudo-rule is never a candidate.
    const bool radio = control.kind == "radio";
    std::map<int, Evidence> evidence;  // rule index -> what supports it (ordered = deterministic)
    bool vetoed = false;
    auto add_hits = [&](const Hits& hits, int field) {
      for (const auto& [rule, langs] : hits) {
        if (rule == veto_rule_) continue;
        if ((rules_[rule].kind == "radio") != radio) continue;
        Evidence& e = evidence[rule];
        e.fields.set(field);
        if (field == kLabel) e.label_langs.insert(langs.begin(), langs.end());
      }
    };
    add_hits(*url_hits, kUrl);

    for (const auto& [name, value] : control.attrs) {
      if (!IsStableAttr(name)) continue;
      std::vector<std::string> values = IsIdList(name) ? SplitSpaces(value) : std::vector<std::string>{value};
      for (const std::string& v : values) {
        absl::StatusOr<Hits> hits = Match(kAttr, v);
        if (!hits.ok()) return hits.status();
        add_hits(*hits, kAttr);
      }
    }
    const std::string label = NormalizeText(control.label);
    // A radio's label is the option text ("Nobody"), not the question: it is matched against
    // private_option patterns below, never against the rules' label patterns.
    if (!radio) {
      absl::StatusOr<Hits> label_hits = Match(kLabel, label);
      if (!label_hits.ok()) return label_hits.status();
      // A label about something else ("Block ...", "Notify me about ...", "Don't ...") names
      // no setting, whatever phrase of a rule it contains.
      vetoed =
          std::any_of(label_hits->begin(), label_hits->end(), [&](const auto& hit) { return hit.first == veto_rule_; });
      if (!vetoed) add_hits(*label_hits, kLabel);
    }
    absl::StatusOr<Hits> context_hits = Match(kContext, NormalizeText(control.context));
    if (!context_hits.ok()) return context_hits.status();
    add_hits(*context_hits, kContext);

    int chosen = -1;
    bool high = false;
    std::string doubt;
    if (radio) {
      // High: url_path and context (the group's question) both name exactly one radio rule.
      int both = 0;
      for (const auto& [rule, e] : evidence) {
        if (e.fields.test(kUrl) && e.fields.test(kContext) && both++ == 0) chosen = rule;
      }
      high = both == 1;
      if (both > 1) doubt = "rule_tie";
      if (both == 0) {
        // Low: the best-supported rule (any one field); ties go to the earlier rule.
        std::size_t best = 0;
        for (const auto& [rule, e] : evidence) {
          if (e.fields.count() > best) best = e.fields.count(), chosen = rule;
        }
        if (chosen >= 0) {
          const auto& f = evidence[chosen].fields;
          doubt = f.test(kUrl) || f.test(kAttr) ? "one_signal" : "no_anchor";
        }
      }
    } else {
      // Evidence model (docs/protocol.md): high needs an anchor for the setting (the page's URL
      // path or LinkedIn's stable key) plus a second, independent field; the label and the key
      // are the control's own, so another rule holding one that the chosen rule lacks is a
      // contradiction.
      const bool url_alone = switches == 1 && control.kind == "switch";
      auto anchored = [&](const Evidence& e) { return e.fields.test(kUrl) || e.fields.test(kAttr); };
      auto supported = [&](const Evidence& e) {
        std::bitset<kFieldCount> without_url = e.fields;
        without_url.reset(kUrl);
        return without_url.any() || (url_alone && e.fields.test(kUrl));
      };
      // Rank: anchored with a second field, then a label, then a key, then the number of fields.
      auto rank = [&](const Evidence& e) {
        return std::make_tuple(anchored(e) && e.fields.count() >= 2, e.fields.test(kLabel), e.fields.test(kAttr),
                               e.fields.count());
      };
      int ties = 0;
      for (const auto& [rule, e] : evidence) {
        if (!supported(e)) continue;
        if (chosen < 0 || rank(e) > rank(evidence[chosen]))
          chosen = rule, ties = 0;
        else if (rank(e) == rank(evidence[chosen]))
          ++ties;
      }
      if (chosen >= 0) {
        const Evidence& e = evidence[chosen];
        bool contradicted = false;
        for (const auto& [rule, other] : evidence) {
          if (rule == chosen) continue;
          if ((other.fields.test(kLabel) && !e.fields.test(kLabel)) ||
              (other.fields.test(kAttr) && !e.fields.test(kAttr))) {
            contradicted = true;
          }
        }
        high = anchored(e) && e.fields.count() >= 2 && ties == 0 && !contradicted && !vetoed;
        if (!high) {
          doubt = vetoed                     ? "label_about_something_else"
                  : ties > 0 || contradicted ? "rule_tie"
                  : !anchored(e)             ? "no_anchor"
                                             : "one_signal";
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
    const Rule& rule = rules_[chosen];
    Evidence& e = evidence[chosen];
    v.rule = &rule;
    v.confidence = high ? "high" : "low";
    v.doubt = doubt;
    v.shares_when = rule.shares_when;
    if (radio) {
      absl::StatusOr<Hits> private_hits = Match(kPrivateOptionSet, label);
      if (!private_hits.ok()) return private_hits.status();
      for (const auto& [r, langs] : *private_hits) {
        if (r != chosen) continue;
        v.private_option = true;
        e.fields.set(kLabel);  // the option label supports the verdict: it is R's private option
        e.label_langs.insert(langs.begin(), langs.end());
      }
      // The private option protects while selected; every other option shares while selected.
      v.shares_when = v.private_option ? "off" : "on";
    }
    for (int f = 0; f < kFieldCount; ++f) {
      if (e.fields.test(f)) v.matched_fields.push_back(kFieldNames[f]);
    }
    v.matched_lang = pick_lang(e.label_langs);
    verdicts.push_back(std::move(v));
  }

  // Two controls that are one setting: which one is the real switch is a guess, so neither is
  // certain. A radio group's options share their setting by design; only its private option counts.
  std::map<const Rule*, int> certain;
  auto counts = [](const Verdict& v) {
    return v.confidence == "high" && (v.rule->kind != "radio" || v.private_option);
  };
  for (const Verdict& v : verdicts) {
    if (v.rule != nullptr && counts(v)) ++certain[v.rule];
  }
  for (Verdict& v : verdicts) {
    if (v.rule != nullptr && counts(v) && certain[v.rule] > 1) v.confidence = "low", v.doubt = "two_controls";
    if (v.rule != nullptr && v.rule->kind == "radio" && certain[v.rule] > 1)
      v.confidence = "low", v.doubt = "two_controls";
    const bool radio = v.rule != nullptr && v.rule->kind == "radio";
    v.shares_data = v.rule != nullptr && v.shares_when != "never" && v.state == v.shares_when;
    // Never flip toward sharing: only a control currently in its sharing state is acted on.
    // A radio group is changed only by selecting its private option; other options are never clicked.
    if (!v.shares_data)
      v.action = "none";
    else if (v.confidence != "high")
      v.action = "highlight";
    else
      v.action = (!radio || v.private_option) ? "flip" : "none";
  }
  return verdicts;
}

}  // namespace optout
