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

// A setting's title and explanation in one language other than English, e.g. {"de", "...", "..."}.
struct RuleText {
  std::string lang;  // a pack language key: de, pt-BR, zh-Hans
  std::string title;
  std::string explain;
};

struct Rule {
  std::string id;
  // Set on a rule that adds patterns to another pack's rule (user and learned packs): it has no
  // title, category, shares_when or explain of its own, and classifies as the rule it extends.
  std::string extends;
  std::string title;
  std::string category;     // generative_ai | research | advertising | partners | visibility | cookies | not_data_use
  std::string shares_when;  // on | off | never
  std::string kind = "switch";  // switch | checkbox | radio: the control the setting is
  std::string explain;
  // "titles" and "explains" of the pack, joined by language (both have the same languages);
  // sorted by language. English is `title` / `explain`, never here.
  std::vector<RuleText> texts;
  std::vector<std::string> url_paths;
  std::vector<std::string> attrs;
  std::vector<LangPatterns> labels;   // sorted by language
  std::vector<LangPatterns> context;  // sorted by language
  // Radio rules only (required there): the label of the most private option, e.g. "^nobody$".
  std::vector<LangPatterns> private_option;  // sorted by language
  // Where each url_paths / attrs entry comes from, parallel to them: "seen: <source>" or
  // "guess: <why>". Optional in a pack; the shipped pack has one for every entry.
  std::vector<std::string> url_provenance;
  std::vector<std::string> attr_provenance;
};

struct RulePack {
  std::string source;               // file name or path, used in error messages
  std::string origin = "built-in";  // built-in | data-dir
  std::string name;
  std::string version;
  std::vector<Rule> rules;
  // A label matching one of these (any language) is about something else (block, mute, notify,
  // a negation): it supports no rule and the control is never certain. See docs/rules.md.
  std::vector<LangPatterns> label_vetoes;  // sorted by language
  std::vector<std::string> languages;      // sorted union of label, context and private_option languages
  std::size_t pattern_count = 0;
};

// How much of a pattern parsing checks. Compiling every pattern alone costs ~8 ms for the
// shipped pack, so the packs compiled into the host (checked by `optout-host rules check` at
// build time) skip it at start; the RE2 sets still compile every pattern and name a bad one.
enum class PatternCheck { kCompileEach, kTrustBuildCheck };

// Parses and validates one pack; errors start with `source`.
absl::StatusOr<RulePack> ParseRulePack(const std::string& source, const std::string& text,
                                       PatternCheck patterns = PatternCheck::kCompileEach);

absl::StatusOr<RulePack> LoadRulePackFile(const std::string& path);

// Every *.json in dir, in name order. An empty directory is an error: a host without rules
// would answer "unknown" for everything.
absl::StatusOr<std::vector<RulePack>> LoadRulePackDir(const std::string& dir);

absl::StatusOr<std::vector<RulePack>> LoadEmbeddedRulePacks();

// Override order: `cli_dir` (from --rules), then $OPTOUT_RULES_DIR, then the embedded packs.
// `origin` (optional) receives a description of where the packs came from.
absl::StatusOr<std::vector<RulePack>> LoadActiveRulePacks(const std::string& cli_dir, std::string* origin);

// Puts `pack` in place of the pack of the same name, or adds it at the end.
void PutPack(std::vector<RulePack>* packs, RulePack pack);

// The rule with that id in any pack, or null.
const Rule* FindRule(const std::vector<RulePack>& packs, const std::string& id);

// Packs loaded together must have distinct names and distinct rule ids, and every "extends"
// must name a rule (not itself an extension) of one of them.
absl::Status CheckPacksTogether(const std::vector<RulePack>& packs);

// Packs read from the user's data directory (rules/*.json): a pack there replaces the active pack
// of the same name when its version is newer, and adds to them when its name is new. A pack that
// does not load is refused, with its reason, and the others keep working.
struct DataDirPack {
  std::string path;
  std::string name;  // empty when the file could not be parsed
  std::string version;
  std::string status;  // "active" | "ignored" | "refused"
  std::string reason;  // why it was ignored or refused
};

// Applies the data directory's packs (in name order) on top of `packs`. `report` (optional)
// receives one entry per file. Never fails: a bad file is refused, not fatal.
std::vector<RulePack> OverlayDataDirPacks(std::vector<RulePack> packs, const std::string& rules_dir,
                                          std::vector<DataDirPack>* report);

// Dotted numeric versions, e.g. "2026.11.29.2" > "2026.11.29"; non-numeric parts compare as text.
int CompareVersions(const std::string& a, const std::string& b);

// "linkedin@2026.11.29", comma-joined for several packs.
std::string PackLabel(const std::vector<RulePack>& packs);

}  // namespace optout
