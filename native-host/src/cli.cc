#include "cli.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "allowed_callers.h"
#include "classifier.h"
#include "coverage.h"
#include "history_format.h"
#include "host_limits.h"
#include "installer.h"
#include "os.h"
#include "os_locations.h"
#include "platform.h"
#include "protocol.h"
#include "record_store.h"
#include "request_handler.h"
#include "rule_pack.h"
#include "user_packs.h"
#include "version.h"

namespace optout {
namespace {

int Fail(const std::string& message, int status = kCliFailed) {
  std::cerr << "optout-host: " << message << "\n";
  return status;
}

int Usage(const std::string& message) { return Fail(message + " (see optout-host --help)", kCliUsage); }

// Pulls "--name VALUE" out of args; returns false when the value is missing.
bool TakeOption(std::vector<std::string>* args, const std::string& name, std::string* value, std::string* error) {
  for (std::size_t i = 0; i < args->size(); ++i) {
    if ((*args)[i] != name) continue;
    if (i + 1 >= args->size()) {
      *error = absl::StrCat(name, " needs a value");
      return false;
    }
    *value = (*args)[i + 1];
    args->erase(args->begin() + static_cast<long>(i), args->begin() + static_cast<long>(i) + 2);
    return true;
  }
  return true;
}

bool TakeFlag(std::vector<std::string>* args, const std::string& name) {
  for (std::size_t i = 0; i < args->size(); ++i) {
    if ((*args)[i] == name) {
      args->erase(args->begin() + static_cast<long>(i));
      return true;
    }
  }
  return false;
}

int Version(const std::string& rules_dir) {
  std::cout << kHostName << " " << kHostVersion << "\n";
  absl::StatusOr<std::vector<RulePack>> packs = LoadActiveRulePacks(rules_dir, nullptr);
  if (!packs.ok()) return Fail(std::string(packs.status().message()));
  for (const RulePack& p : *packs) std::cout << "rule pack " << p.name << "@" << p.version << "\n";
  return kCliOk;
}

int Classify(const std::vector<std::string>& args, const std::string& rules_dir) {
  if (args.size() != 1) return Usage("classify takes exactly one SNAPSHOT.json");
  absl::StatusOr<std::string> text = platform::ReadFile(args[0], kMaxRequestBytes);
  if (absl::IsResourceExhausted(text.status())) return Fail(absl::StrCat(args[0], ": larger than the request limit"));
  if (!text.ok()) return Fail(std::string(text.status().message()));
  absl::StatusOr<std::unique_ptr<RequestHandler>> handler = MakeRequestHandler(rules_dir);
  if (!handler.ok()) return Fail(std::string(handler.status().message()));

  ParseResult parsed = ParseRequest(*text);
  if (parsed.ok && parsed.request.type != RequestType::kClassify) {
    return Fail(absl::StrCat(args[0], ": not a classify request"));
  }
  std::string reply = (*handler)->Handle(parsed);
  auto json = nlohmann::ordered_json::parse(reply);
  if (!json.value("ok", false)) {
    return Fail(absl::StrCat(args[0], ": ", json["error"]["name"].get<std::string>(), ": ",
                             json["error"]["message"].get<std::string>()));
  }
  std::cout << json.dump(2) << "\n";
  return kCliOk;
}

void PrintPackSummary(const RulePack& pack, const Classifier& classifier) {
  std::cout << pack.source << ": " << pack.name << "@" << pack.version << ": " << pack.rules.size()
            << " settings, languages " << absl::StrJoin(pack.languages, ",") << ", " << pack.pattern_count
            << " patterns\n";
  // Titles and explanations in the pack's languages: a missing one is shown in English, so it is
  // reported here, not refused.
  std::set<std::string> text_langs;
  std::vector<std::string> missing;
  std::size_t own_rules = 0;
  for (const Rule& rule : pack.rules) {
    if (!rule.extends.empty()) continue;
    ++own_rules;
    std::vector<std::string> lacks;
    for (const std::string& lang : pack.languages) {
      if (lang == "en") continue;
      auto has = [&](const RuleText& t) { return t.lang == lang; };
      if (std::none_of(rule.texts.begin(), rule.texts.end(), has)) lacks.push_back(lang);
    }
    for (const RuleText& t : rule.texts) text_langs.insert(t.lang);
    if (!lacks.empty()) missing.push_back(absl::StrCat(rule.id, " (", absl::StrJoin(lacks, ","), ")"));
  }
  if (own_rules > 0) {
    std::cout << "  titles and explains: "
              << (text_langs.empty() ? std::string("English only") : absl::StrJoin(text_langs, ","));
    if (missing.empty())
      std::cout << ", every setting in every pack language\n";
    else
      std::cout << "; English only for " << absl::StrJoin(missing, ", ") << "\n";
  }
  (void)classifier;
}

int RulesCoverage(const std::vector<std::string>& args, const std::string& rules_dir) {
  if (args.size() != 1) return Usage("usage: rules coverage (prints docs/coverage.md for the active packs)");
  absl::StatusOr<std::vector<RulePack>> packs = LoadActiveRulePacks(rules_dir, nullptr);
  if (!packs.ok()) return Fail(std::string(packs.status().message()));
  std::cout << CoverageMarkdown(*packs);
  return kCliOk;
}

// The built-in (or --rules) packs, the data directory's packs on top, and that directory.
struct PackState {
  std::vector<RulePack> active;
  std::vector<DataDirPack> report;
  std::string user_dir;
};

absl::StatusOr<PackState> LoadPackState(const std::string& rules_dir) {
  absl::StatusOr<std::vector<RulePack>> base = LoadActiveRulePacks(rules_dir, nullptr);
  if (!base.ok()) return base.status();
  absl::StatusOr<std::string> data_dir = RecordStore::DefaultDir();
  if (!data_dir.ok()) return data_dir.status();
  PackState state;
  state.user_dir = UserRulesDir(*data_dir);
  state.active = ActivePacks(*base, state.user_dir, &state.report);
  return state;
}

int RulesList(const std::vector<std::string>& args, const std::string& rules_dir) {
  if (args.size() != 1) return Usage("usage: rules list");
  absl::StatusOr<PackState> state = LoadPackState(rules_dir);
  if (!state.ok()) return Fail(std::string(state.status().message()));
  std::cout << "active rule packs:\n";
  for (const RulePack& p : state->active) {
    std::cout << "  " << p.name << "@" << p.version << "  " << p.origin
              << (p.origin == "data-dir" ? absl::StrCat(" ", p.source) : "") << "  " << p.rules.size()
              << " rules, languages " << absl::StrJoin(p.languages, ",") << "\n";
  }
  std::cout << "user rule pack directory: " << state->user_dir << "\n";
  for (const DataDirPack& d : state->report) {
    if (d.status == "active") continue;
    std::cout << "  " << d.status << ": " << d.path << ": " << d.reason << "\n";
  }
  return kCliOk;
}

int RulesInstall(const std::vector<std::string>& args, const std::string& rules_dir) {
  if (args.size() != 2) return Usage("usage: rules install FILE");
  absl::StatusOr<PackState> state = LoadPackState(rules_dir);
  if (!state.ok()) return Fail(std::string(state.status().message()));
  absl::StatusOr<RulePack> pack = InstallPackFile(state->user_dir, state->active, args[1]);
  if (!pack.ok()) return Fail(absl::StrCat("refused: ", pack.status().message()));
  std::cout << "installed " << pack->name << "@" << pack->version << " as " << pack->source
            << "\nthe host uses it from its next start (reload the LinkedIn tab)\n";
  return kCliOk;
}

int RulesRemove(const std::vector<std::string>& args, const std::string& rules_dir) {
  if (args.size() != 2) return Usage("usage: rules remove NAME");
  absl::StatusOr<PackState> state = LoadPackState(rules_dir);
  if (!state.ok()) return Fail(std::string(state.status().message()));
  if (absl::Status s = RemovePack(state->user_dir, args[1]); !s.ok()) return Fail(std::string(s.message()));
  std::cout << "removed " << args[1] << " from " << state->user_dir << "\n";
  return kCliOk;
}

int Rules(const std::vector<std::string>& args, const std::string& rules_dir) {
  if (!args.empty() && args[0] == "coverage") return RulesCoverage(args, rules_dir);
  if (!args.empty() && args[0] == "list") return RulesList(args, rules_dir);
  if (!args.empty() && args[0] == "install") return RulesInstall(args, rules_dir);
  if (!args.empty() && args[0] == "remove") return RulesRemove(args, rules_dir);
  if (args.empty() || args[0] != "check") {
    return Usage("usage: rules check [FILE...] | rules coverage | rules list | rules install FILE | rules remove NAME");
  }
  std::vector<RulePack> packs;
  if (args.size() == 1) {
    std::string origin;
    absl::StatusOr<std::vector<RulePack>> active = LoadActiveRulePacks(rules_dir, &origin);
    if (!active.ok()) return Fail(std::string(active.status().message()));
    std::cout << "active rule packs: " << origin << "\n";
    packs = *std::move(active);
  } else {
    for (std::size_t i = 1; i < args.size(); ++i) {
      absl::StatusOr<RulePack> pack = LoadRulePackFile(args[i]);
      if (!pack.ok()) return Fail(std::string(pack.status().message()));
      packs.push_back(*std::move(pack));
    }
    if (absl::Status s = CheckPacksTogether(packs); !s.ok()) return Fail(std::string(s.message()));
  }
  // Building the classifier is part of the check: it compiles the RE2 sets the host will use.
  absl::StatusOr<std::unique_ptr<Classifier>> classifier = Classifier::Build(packs);
  if (!classifier.ok()) return Fail(std::string(classifier.status().message()));
  for (const RulePack& pack : packs) PrintPackSummary(pack, **classifier);
  std::cout << "patterns per field: url_path " << (*classifier)->pattern_count(Field::kUrlPath) << ", attr "
            << (*classifier)->pattern_count(Field::kAttr) << ", label " << (*classifier)->pattern_count(Field::kLabel)
            << ", context " << (*classifier)->pattern_count(Field::kContext) << "\nok\n";
  return kCliOk;
}

int History(std::vector<std::string> args) {
  std::string format = "text", limit_text, error;
  if (!TakeOption(&args, "--format", &format, &error) || !TakeOption(&args, "--limit", &limit_text, &error)) {
    return Usage(error);
  }
  HistoryOptions options;
  options.summary = TakeFlag(&args, "--summary");
  if (!args.empty()) return Usage(absl::StrCat("history: unexpected argument \"", args[0], "\""));
  if (!limit_text.empty() && (!absl::SimpleAtoi(limit_text, &options.limit) || options.limit < 1)) {
    return Usage("--limit needs a positive integer");
  }
  absl::StatusOr<std::string> dir = RecordStore::DefaultDir();
  if (!dir.ok()) return Fail(std::string(dir.status().message()));
  RecordStore store(*dir);
  absl::StatusOr<RecordContents> contents = store.Read();
  if (!contents.ok()) return Fail(std::string(contents.status().message()));
  // --limit shortens the list of entries; the per-setting summary always covers the whole record.
  absl::StatusOr<std::string> text = FormatHistory(*contents, format, options);
  if (!text.ok()) return Usage(std::string(text.status().message()));
  std::cout << *text;
  if (!contents->damaged_lines.empty()) {
    std::vector<long> shown(
        contents->damaged_lines.begin(),
        contents->damaged_lines.begin() + static_cast<long>(std::min<std::size_t>(20, contents->damaged_lines.size())));
    std::cerr << "optout-host: " << store.path() << ": " << contents->damaged_lines.size()
              << " damaged line(s), kept as they are: line " << absl::StrJoin(shown, ", ")
              << (contents->damaged_lines.size() > shown.size() ? ", ..." : "") << "\n";
  }
  return kCliOk;
}

void PrintRegistryLine(const RegistryKey& key, const std::string& value) {
  std::cout << "registry " << HiveName(key.hive) << " " << key.key << " " << value << "\n";
}

int InstallOrUninstall(bool install, std::vector<std::string> args) {
  InstallOptions o;
  std::string error;
  std::string host_path;
  std::string target_os = OsName(ThisOs());
  if (!TakeOption(&args, "--browser", &o.browser, &error) ||
      !TakeOption(&args, "--user-data-dir", &o.user_data_dir, &error) ||
      !TakeOption(&args, "--root", &o.root, &error) || !TakeOption(&args, "--target-os", &target_os, &error) ||
      (install && !TakeOption(&args, "--host-path", &host_path, &error))) {
    return Usage(error);
  }
  while (install) {  // --extension-id may be given once per id
    std::string id;
    const std::size_t before = args.size();
    if (!TakeOption(&args, "--extension-id", &id, &error)) return Usage(error);
    if (args.size() == before) break;
    o.extension_ids.push_back(id);
  }
  o.dev = install && TakeFlag(&args, "--dev");
  o.system = TakeFlag(&args, "--system");
  if (!args.empty()) return Usage(absl::StrCat("unexpected argument \"", args[0], "\""));
  if (o.browser.empty()) return Usage("--browser NAME is required (chrome, chromium, edge, brave, vivaldi, firefox)");
  std::optional<Os> os = OsFromName(target_os);
  if (!os.has_value()) return Usage(absl::StrCat("--target-os \"", target_os, "\" is not linux, windows or macos"));
  o.os = *os;
  // --root is a directory on this machine; a Windows package stages a per-user (or --system) install.
  if (!o.root.empty() && (!IsAbsolutePath(o.root) || (!o.system && o.os != Os::kWindows))) {
    return Usage(
        "--root DIR needs an absolute DIR, and --system unless --target-os windows (it stages files for a package)");
  }
  if (o.os != ThisOs() && o.root.empty()) {
    return Usage(absl::StrCat("--target-os ", target_os, " only stages files for a package: add --root DIR"));
  }
  if (install && o.os != ThisOs() && host_path.empty()) {
    return Usage(absl::StrCat("--target-os ", target_os, " needs --host-path (where the host will be on the target)"));
  }
  while (o.root.size() > 1 && (o.root.back() == '/' || (ThisOs() == Os::kWindows && o.root.back() == '\\'))) {
    o.root.pop_back();
  }
  // The host checks its caller against what is recorded here (allowed_callers.h).
  absl::StatusOr<std::string> callers_dir = CallersDirFor(o.os, {o.browser, o.system, o.user_data_dir, o.root}, o.env);
  if (!callers_dir.ok()) return Fail(std::string(callers_dir.status().message()));
  o.callers_dir = *callers_dir;

  if (!install) {
    absl::StatusOr<UninstallResult> r = UninstallManifest(o);
    if (!r.ok()) return Fail(std::string(r.status().message()));
    if (r->registry_key.has_value()) {
      std::cout << (r->registry_removed ? "removed registry key " : "nothing to remove: no registry key ")
                << HiveName(r->registry_key->hive) << "\\" << r->registry_key->key << "\n";
    }
    std::cout << (r->removed ? "removed " : "nothing to remove: no manifest at ") << r->manifest_path << "\n";
    return kCliOk;
  }
  if (host_path.empty()) {
    absl::StatusOr<std::string> self = platform::ExecutablePath();
    if (!self.ok()) return Fail(std::string(self.status().message()));
    host_path = *self;
  }
  o.host_path = host_path;
  absl::StatusOr<InstallResult> r = InstallManifest(o);
  if (!r.ok()) return Fail(std::string(r.status().message()));
  if (r->staged && r->registry_key.has_value()) {
    // Machine-readable for the package build: only the registry lines go to stdout.
    PrintRegistryLine(*r->registry_key, r->registry_value);
    if (!r->note.empty()) std::cerr << "optout-host: note: " << r->note << "\n";
    return kCliOk;
  }
  std::cout << "wrote " << r->manifest_path << ":\n" << r->manifest_text;
  if (r->registry_key.has_value()) {
    std::cout << "set registry key " << HiveName(r->registry_key->hive) << "\\" << r->registry_key->key << " to "
              << r->registry_value << "\n";
  }
  std::cout << "the helper answers only " << absl::StrJoin(r->allowed_origins, ", ") << " (recorded in "
            << JoinPath(o.callers_dir, kCallersFileName) << ")\n";
  if (!r->note.empty()) std::cout << "note: " << r->note << "\n";
  return kCliOk;
}

}  // namespace

std::string UsageText() {
  return absl::StrCat(
      "usage: optout-host [--rules DIR] COMMAND\n"
      "\n"
      "Native messaging host of the OptOut extension. Started by the browser it speaks\n"
      "length-prefixed JSON on stdin/stdout (see docs/protocol.md).\n"
      "\n"
      "commands:\n"
      "  serve                         serve native messaging on stdin/stdout\n"
      "  classify SNAPSHOT.json        classify a saved classify request; prints the reply\n"
      "  rules check [FILE...]         validate rule packs (default: the active packs)\n"
      "  rules coverage                Markdown table of the active packs' settings\n"
      "                                (docs/coverage.md is this output)\n"
      "  rules list                    active packs (built-in and the data directory's),\n"
      "                                and any pack there that was refused, with why\n"
      "  rules install FILE            validate FILE and add it to the data directory; a\n"
      "                                newer version replaces the built-in pack of its name\n"
      "  rules remove NAME             remove that pack from the data directory\n"
      "  history [--format text|json|csv] [--limit N] [--summary]\n"
      "                                show the record of changes: text = per-setting summary,\n"
      "                                then entries; json = {entries, summary, damaged_lines,\n"
      "                                damaged_line_numbers}; csv --summary = the summary rows\n"
      "  install --browser NAME [--user-data-dir DIR] [--extension-id ID]... [--dev] [--system]\n"
      "                                register the helper for this build's store ids (or the\n"
      "                                given ids; --dev adds the development id) and record\n"
      "                                them: the helper answers no other extension. On Windows\n"
      "                                also sets the registry key naming the manifest (HKCU;\n"
      "                                --system: HKLM); --user-data-dir is not for Windows\n"
      "  install --system --root DIR --host-path PATH --browser NAME [--target-os linux|macos]\n"
      "                                stage a system install under DIR (for packages): the\n"
      "                                files name PATH and the paths they will have\n"
      "  install --target-os windows --root DIR --host-path PATH --browser NAME [--system]\n"
      "                                stage for a Windows package: DIR/com.optout.host.NAME.json\n"
      "                                (PATH may be relative to it, e.g. optout-host.exe) and\n"
      "                                DIR/callers.json; no registry access: stdout is one line\n"
      "                                \"registry HIVE KEY VALUE\" (HIVE HKCU, or HKLM with\n"
      "                                --system; KEY has no spaces; VALUE, the rest of the line,\n"
      "                                is the manifest's file name) for the package to write\n"
      "  uninstall --browser NAME [--user-data-dir DIR] [--system] [--target-os OS --root DIR]\n"
      "                                remove the registry key (Windows), then the manifest,\n"
      "                                then its callers; browsers: chrome chromium edge brave\n"
      "                                vivaldi firefox\n"
      "  --version                     host and rule pack versions\n"
      "  --help                        this text\n"
      "\n"
      "environment:\n"
      "  OPTOUT_RULES_DIR   use the *.json packs in this directory instead of the built-in ones\n"
      "  OPTOUT_DATA_DIR    where record.log, rules/ (your packs) and callers.json live (default\n"
      "                     Linux: $XDG_DATA_HOME/optout or ~/.local/share/optout; Windows:\n"
      "                     %LOCALAPPDATA%\\OptOut; macOS: ~/Library/Application Support/OptOut)\n");
}

int RunCli(const std::vector<std::string>& all) {
  std::vector<std::string> args(all.begin() + (all.empty() ? 0 : 1), all.end());
  std::string rules_dir, error;
  if (!TakeOption(&args, "--rules", &rules_dir, &error)) return Usage(error);
  if (args.empty()) {
    std::cerr << UsageText();
    return kCliUsage;
  }
  const std::string command = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << UsageText();
    return kCliOk;
  }
  if (command == "--version" || command == "version") return Version(rules_dir);
  if (command == "classify") return Classify(rest, rules_dir);
  if (command == "rules") return Rules(rest, rules_dir);
  if (command == "history") return History(rest);
  if (command == "install") return InstallOrUninstall(true, rest);
  if (command == "uninstall") return InstallOrUninstall(false, rest);
  return Usage(absl::StrCat("unknown command \"", command, "\""));
}

}  // namespace optout
