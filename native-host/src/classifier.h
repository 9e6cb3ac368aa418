// Decides which known setting each page control is, how sure we are, and whether to flip it.
// Each evidence field is matched once against one RE2::Set holding that field's patterns of
// every rule, so cost grows with text length, not with the number of rules.
#pragma once

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
  std::string confidence;  // high | low | none
  std::string action;      // flip | highlight | none
  std::vector<std::string> matched_fields;  // canonical order
  std::string matched_lang;  // empty: no label (radio: private_option) pattern matched the rule
  bool private_option = false;  // radio only: the control is the rule's most private option
};

class Classifier {
 public:
  // Compiles the four sets. Fails (never degrades to "no match") when RE2 cannot.
  // `max_mem` bounds each set (program + DFA cache); tests pass small values to force failures.
  static absl::StatusOr<std::unique_ptr<Classifier>> Build(const std::vector<RulePack>& packs,
                                                           std::int64_t max_mem = kMaxSetMem);

  // One verdict per control, in request order. Fails when RE2 reports an error while matching.
  absl::StatusOr<std::vector<Verdict>> Classify(const PageSnapshot& page) const;

  std::size_t pattern_count(Field field) const;

 private:
  struct Owner {
    int rule;          // index into rules_
    std::string lang;  // empty for url_path/attr patterns
  };
  struct FieldSet {
    std::unique_ptr<RE2::Set> set;
    std::vector<Owner> owners;  // by pattern index
  };
  // Rule index -> languages of the patterns that matched (empty set of langs for non-lang fields).
  using Hits = std::vector<std::pair<int, std::vector<std::string>>>;

  Classifier() = default;
  absl::StatusOr<Hits> Match(Field field, const std::string& text) const;
  absl::StatusOr<Hits> Match(const FieldSet& fs, const char* name, const std::string& text) const;

  std::vector<Rule> rules_;  // all packs, in pack then file order (the tie-break order)
  FieldSet fields_[kFieldCount];
  FieldSet private_options_;  // radio rules' private_option patterns, matched against option labels
};

}  // namespace optout
