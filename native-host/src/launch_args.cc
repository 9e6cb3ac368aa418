#include "launch_args.h"

#include "allowed_callers.h"

namespace optout {
namespace {

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

LaunchArgs ParseLaunchArgs(const std::vector<std::string>& args, bool stdin_is_terminal, Os os) {
  LaunchArgs out;
  // args[0] is the program name.
  if (args.size() <= 1) {
    if (!stdin_is_terminal) {
      out.mode = LaunchMode::kServe;
      out.caller = "no arguments (xdg portal or manual pipe)";
    }
    return out;  // on a terminal: the CLI shows help
  }
  const std::string& first = args[1];
  if (StartsWith(first, "chrome-extension://")) {
    // Chrome, Chromium, Edge, Brave, Vivaldi. Anything after (--parent-window=N) is ignored.
    out.mode = LaunchMode::kServe;
    out.caller = first;
    out.origin = first;
    return out;
  }
  if (IsAbsolutePath(os, first) && EndsWith(first, ".json") && args.size() >= 3) {
    out.mode = LaunchMode::kServe;
    out.caller = "firefox add-on " + args[2] + " (manifest " + first + ")";
    out.origin = FirefoxOrigin(args[2]);
    return out;
  }
  // `serve [--rules DIR]`, also written `--rules DIR serve` like the other commands.
  std::size_t serve_at = first == "serve" ? 1 : 0;
  if (first == "--rules" && args.size() >= 4 && args[3] == "serve") {
    out.rules_dir = args[2];
    serve_at = 3;
  }
  if (serve_at != 0) {
    out.mode = LaunchMode::kServe;
    out.caller = "serve command";
    for (std::size_t i = serve_at + 1; i < args.size(); ++i) {
      if (args[i] == "--rules" && i + 1 < args.size()) {
        out.rules_dir = args[++i];
      } else {
        out.error = "serve: unexpected argument \"" + args[i] + "\" (only --rules DIR)";
        return out;
      }
    }
    return out;
  }
  return out;  // kCli
}

}  // namespace optout
