// Rule packs (schema 1): which page controls are which LinkedIn setting, in which languages.
// Loading validates everything up front, so a typo is a load error instead of a silently dead rule.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace optout {

// Patterns of one language, e.g. {"de", {"ihre daten ..."}}.
using LangPatterns = std::pair<std::string, std::vector<std::string>>;

struct Rule {
  std::string id;
  std::string title;
  std::string category;     // generative_ai | research | advertising | partners | visibility | cookies | not_data_use
  std::string shares_when;  // on | off | never
  std::string kind = "switch";  // switch | checkbox | radio: the control the setting is
  std::string explain;
  std::vector<std::string> url_paths;
  std::vector<std::string> attrs;
  std::vector<LangPatterns> labels;   // sorted by language
  std::vector<LangPatterns> context;  // sorted by language
  // Radio rules only (required there): the label of the most private option, e.g. "^nobody$".
  std::vector<LangPatterns> private_option;  // sorted by language
};

struct RulePack {
  std::string source;  // file name or path, used in error messages
  std::string name;
  std::string version;
  std::vector<Rule> rules;
  std::vector<std::string> languages;  // sorted union of label, context and private_option languages
  std::size_t pattern_count = 0;
};

// Parses and validates one pack; errors start with `source`.
absl::StatusOr<RulePack> ParseRulePack(const std::string& source, const std::string& text);

absl::StatusOr<RulePack> LoadRulePackFile(const std::string& path);

// Every *.json in dir, in name order. An empty directory is an error: a host without rules
// would answer "unknown" for everything.
absl::StatusOr<std::vector<RulePack>> LoadRulePackDir(const std::string& dir);

absl::StatusOr<std::vector<RulePack>> LoadEmbeddedRulePacks();

// Override order: `cli_dir` (from --rules), then $OPTOUT_RULES_DIR, then the embedded packs.
// `origin` (optional) receives a description of where the packs came from.
absl::StatusOr<std::vector<RulePack>> LoadActiveRulePacks(const std::string& cli_dir,
                                                          std::string* origin);

// Packs loaded together must have distinct names and distinct rule ids.
absl::Status CheckPacksTogether(const std::vector<RulePack>& packs);

// "linkedin@2026.11.29", comma-joined for several packs.
std::string PackLabel(const std::vector<RulePack>& packs);

}  // namespace optout
