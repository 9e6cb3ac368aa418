// Recognises how the host was started, before any flag parsing: browsers pass arguments of
// their own (Chrome: the caller origin and on Windows --parent-window=N; Firefox: the manifest
// path and the add-on id) that a flag library would reject.
#pragma once

#include <string>
#include <vector>

#include "os.h"

namespace optout {

enum class LaunchMode {
  kServe,  // speak native messaging on stdin/stdout
  kCli,    // a command-line subcommand; see cli.h
};

struct LaunchArgs {
  LaunchMode mode = LaunchMode::kCli;
  std::string caller;     // for the log, e.g. "chrome-extension://ID/", "firefox add-on optout@optout.dev"
  std::string origin;     // who to check (allowed_callers.h); empty when the user started it
  std::string rules_dir;  // `serve --rules DIR`
  std::string error;      // non-empty: bad `serve` arguments
};

// `stdin_is_terminal` decides the no-argument case: a portal-started host has a pipe on stdin.
// `os` decides what an absolute manifest path looks like (Firefox on Windows: C:\...\x.json).
LaunchArgs ParseLaunchArgs(const std::vector<std::string>& args, bool stdin_is_terminal, Os os = ThisOs());

}  // namespace optout
