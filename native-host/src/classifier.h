// Decides which known setting each page control is, how sure we are, and whether to flip it.
// Each evidence field is matched once against one RE2::Set holding that field's patterns of
// every rule, so cost grows with text length, not with the number of rules. The matching
// engine is behind PatternMatcher so benchmarks can run other engines under the same decisions.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "host_limits.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "rule_pack.h"

namespace optout {

struct Control {
  std::string ref;
  std::string kind;  // switch | checkbox | radio
  bool checked = false;
  std::vector<std::pair<std::string, std::string>> attrs;  // in request order
  std::string label;
  std::string context;
};

struct PageSnapshot {
  std::string url_path;
  std::string lang;
  std::string title;
  std::vector<Control> controls;
};

// Evidence fields in their canonical (reply) order.
enum class Field { kUrlPath = 0, kAttr = 1, kLabel = 2, kContext = 3 };
inline constexpr int kFieldCount = 4;
const char* FieldName(Field field);

struct Verdict {
  std::string ref;
  const Rule* rule = nullptr;  // null: no rule recognised the control; owned by the Classifier
  std::string state;           // on | off
  // When data is shared: the rule's shares_when, except for radio options: "off" for the rule's
  // private option (sharing while it is not selected), "on" for every other option.
  std::string shares_when;
  bool shares_data = false;
  std::string confidence;                   // high | low | none
  std::string action;                       // flip | highlight | none
  std::vector<std::string> matched_fields;  // canonical order
  std::string matched_lang;                 // empty: no label (radio: private_option) pattern matched the rule
  bool private_option = false;              // radio only: the control is the rule's most private option
  // Why the verdict is not certain (confidence low), else empty: no_anchor | one_signal |
  // two_controls | rule_tie | label_about_something_else. See docs/protocol.md.
  std::string doubt;
};

// Pattern sets: the four evidence fields, then radio rules' private_option patterns (matched
// against option labels).
inline constexpr int kPrivateOptionSet = kFieldCount;
inline constexpr int kPatternSetCount = kFieldCount + 1;
const char* PatternSetName(int set);

struct PatternOwner {
  int rule;          // index into the rule list
  std::string lang;  // empty for url_path/attr patterns
};

// Calls fn(owner, where, pattern) for every pattern of set `set`, rules in order; `where` names
// it for errors, e.g. `labels.de[0]`. Stops at the first error fn returns.
absl::Status ForEachPattern(
    const std::vector<Rule>& rules, int set,
    const std::function<absl::Status(const PatternOwner&, const std::string&, const std::string&)>& fn);

// A matching engine: which patterns of a set (indices in ForEachPattern order) match a text.
class PatternMatcher {
 public:
  virtual ~PatternMatcher() = default;
  // Appends the matching indices, in any order. An engine failure is an error, never "no match".
  virtual absl::Status Match(int set, const std::string& text, std::vector<int>* indices) const = 0;
};

// The real engine: one RE2::Set per pattern set. `max_mem` bounds each set (program + DFA
// cache); tests pass small values to force failures.
absl::StatusOr<std::unique_ptr<PatternMatcher>> BuildRe2SetMatcher(const std::vector<Rule>& rules,
                                                                   std::int64_t max_mem = kMaxSetMem);

class Classifier {
 public:
  using MatcherFactory = std::function<absl::StatusOr<std::unique_ptr<PatternMatcher>>(const std::vector<Rule>& rules)>;

  // Compiles the RE2 sets. Fails (never degrades to "no match") when RE2 cannot.
  static absl::StatusOr<std::unique_ptr<Classifier>> Build(const std::vector<RulePack>& packs,
                                                           std::int64_t max_mem = kMaxSetMem);
  // The same decisions over another matching engine (benchmarks compare engines with it).
  static absl::StatusOr<std::unique_ptr<Classifier>> BuildWith(const std::vector<RulePack>& packs,
                                                               const MatcherFactory& make_matcher);

  // One verdict per control, in request order. Fails when the engine reports an error.
  absl::StatusOr<std::vector<Verdict>> Classify(const PageSnapshot& page) const;

  std::size_t pattern_count(Field field) const;

 private:
  // Rule index -> languages of the patterns that matched (empty set of langs for non-lang fields).
  using Hits = std::vector<std::pair<int, std::vector<std::string>>>;

  Classifier() = default;
  absl::StatusOr<Hits> Match(int set, const std::string& text) const;

  // All packs' rules in pack then file order (the tie-break order), each with the patterns of
  // the rules that extend it; last, when any pack has label vetoes, one pseudo-rule (kind
  // "veto") holding them as its labels, so they are matched in the same pass as the labels.
  std::vector<Rule> rules_;
  int veto_rule_ = -1;
  std::vector<PatternOwner> owners_[kPatternSetCount];  // by pattern index
  std::unique_ptr<PatternMatcher> matcher_;
};

}  // namespace optout
