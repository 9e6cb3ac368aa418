// optout-host: native messaging host of the OptOut extension, and its command-line tool.
#include <signal.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "allowed_callers.h"
#include "cli.h"
#include "host_session.h"
#include "launch_args.h"
#include "log.h"
#include "record_store.h"
#include "request_handler.h"
#include "version.h"

int main(int argc, char** argv) {
  // A closed port must surface as a failed write(), not kill us before we can log it.
  ::signal(SIGPIPE, SIG_IGN);

  std::vector<std::string> args(argv, argv + argc);
  // Browser launch arguments are recognised first: no flag parser may see --parent-window.
  optout::LaunchArgs launch = optout::ParseLaunchArgs(args, ::isatty(STDIN_FILENO) == 1);
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
  std::vector<std::pair<std::string, bool>> caller_dirs = {{optout::kSystemConfigDir, true}};
  if (absl::StatusOr<std::string> data_dir = optout::RecordStore::DefaultDir(); data_dir.ok()) {
    caller_dirs.emplace_back(*data_dir, false);
  }
  optout::CallerDecision caller = optout::CheckCaller(launch.origin, caller_dirs);
  if (!caller.allowed) {
    optout::Log(absl::StrCat("refusing every request: ", caller.reason));
    (*handler)->RefuseAll(optout::ErrorCode::kCallerNotAllowed, caller.reason);
  }
  optout::HostSession session(handler->get(), STDIN_FILENO, STDOUT_FILENO);
  return session.Run();
}
