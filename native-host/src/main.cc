// optout-host: native messaging host of the OptOut extension, and its command-line tool.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "allowed_callers.h"
#include "cli.h"
#include "host_session.h"
#include "launch_args.h"
#include "log.h"
#include "os_locations.h"
#include "platform.h"
#include "request_handler.h"
#include "version.h"

int main(int argc, char** argv) {
  // Binary frames on stdin/stdout, and a closed port reported rather than fatal.
  optout::platform::PrepareStdio();

  std::vector<std::string> args = optout::platform::Arguments(argc, argv);
  // Browser launch arguments are recognised first: no flag parser may see --parent-window.
  optout::LaunchArgs launch = optout::ParseLaunchArgs(args, optout::platform::StdinIsTerminal());
  if (launch.mode != optout::LaunchMode::kServe) return optout::RunCli(args);

  if (!launch.error.empty()) {
    optout::Log(launch.error);
    return optout::kCliUsage;
  }
  optout::Log(absl::StrCat(optout::kHostName, " ", optout::kHostVersion, " serving ", launch.caller));
  auto handler = optout::MakeRequestHandler(launch.rules_dir);
  if (!handler.ok()) {
    optout::Log(absl::StrCat("cannot start: ", handler.status().message()));
    return 1;
  }
  // Every request of a caller this host was not installed for gets the reason, and nothing else.
  std::vector<std::pair<std::string, bool>> caller_dirs;
  const optout::Os os = optout::ThisOs();
  if (absl::StatusOr<std::string> system_dir = optout::SystemConfigDirFor(os, optout::platform::GetEnv);
      system_dir.ok()) {
    caller_dirs.emplace_back(*system_dir, true);
  }
  if (!(*handler)->data_dir().empty()) caller_dirs.emplace_back((*handler)->data_dir(), false);
  optout::CallerDecision caller = optout::CheckCaller(launch.origin, caller_dirs);
  if (!caller.allowed) {
    optout::Log(absl::StrCat("refusing every request: ", caller.reason));
    (*handler)->RefuseAll(optout::ErrorCode::kCallerNotAllowed, caller.reason);
  }
  optout::HostSession session(handler->get(), optout::platform::kStdin, optout::platform::kStdout);
  return session.Run();
}
