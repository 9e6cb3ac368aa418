// Rule packs in the user's data directory (<data dir>/rules/*.json): packs a user installed
// (a rules-only update, or their own additions) and the "learned" pack, which keeps the labels
// of switches the user confirmed by hand so that OptOut flips them next time without asking.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "classifier.h"
#include "rule_pack.h"

namespace optout {

inline constexpr const char* kLearnedPackName = "learned";

// <data_dir>/rules
std::string UserRulesDir(const std::string& data_dir);

// The packs the host serves with: `base` (built-in, --rules or $OPTOUT_RULES_DIR) with the data
// directory's packs on top (see OverlayDataDirPacks). If the combination does not build, the
// data directory's packs are all refused and `base` is used: a bad user pack never stops OptOut.
// When user packs were active, `built` (optional) receives the classifier that proved it.
std::vector<RulePack> ActivePacks(const std::vector<RulePack>& base, const std::string& rules_dir,
                                  std::vector<DataDirPack>* report, std::unique_ptr<Classifier>* built = nullptr);

// Validates FILE (schema, patterns, fit with `active`, RE2 sets build), refuses a version that is
// not newer than an active pack of the same name, then copies it into rules_dir as <name>.json.
// Returns the installed pack.
absl::StatusOr<RulePack> InstallPackFile(const std::string& rules_dir, const std::vector<RulePack>& active,
                                         const std::string& file);

// Removes rules_dir/<name>.json (the built-in pack of that name, if any, then serves again).
absl::Status RemovePack(const std::string& rules_dir, const std::string& name);

struct LearnInput {
  std::string setting;   // an active rule id (switch or checkbox)
  std::string label;     // the control's label as the page showed it
  std::string lang;      // the page's language
  std::string url_path;  // the settings page it was confirmed on
};

struct LearnResult {
  bool added = false;  // false: that label was already certain on that page
  RulePack pack;       // the learned pack as written (or as it was)
  // When added: the active packs with the learned one in place, and the classifier built from
  // them that proved the label certain (serve with it; no need to build it again).
  std::vector<RulePack> packs;
  std::unique_ptr<Classifier> classifier;
};

// Adds the label (escaped, whole-label match, in `lang`) and, when no rule pattern names it
// yet, the page's path to the learned pack's extension of `setting`. Refuses, writing nothing,
// when the result would still not make that label on that page certain (a veto, a
// contradiction): learning must never make a confirmation mean something else. `current` is
// the classifier of `active`.
absl::StatusOr<LearnResult> LearnLabel(const std::string& rules_dir, const std::vector<RulePack>& active,
                                       const Classifier& current, const LearnInput& input);

}  // namespace optout
