// Helpers for the hostile-input tests: drive the built optout-host binary over pipes (as a
// browser does), or an in-process HostSession, and read its reply frames with a deadline so a
// hang fails the test instead of stalling CTest.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "child_process.h"
#include "nlohmann/json.hpp"
#include "requests.h"
#include "test_util.h"

namespace optout::hostile {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

inline double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Shared with the unit tests: TempDir, ReadFile, WriteFile, LengthPrefix, Frame, SourcePath.
using optout::testing::Frame;
using optout::testing::LengthPrefix;
using optout::testing::ReadFile;
using optout::testing::SourcePath;
using optout::testing::TempDir;
using optout::testing::WriteFile;

struct ExitInfo {
  bool exited = false;  // false: still running at the deadline (it was killed)
  int status = -1;      // exit status; POSIX: 128+signal when killed by a signal
  long max_rss_kb = 0;  // peak resident memory of the child (wait4's ru_maxrss; PeakWorkingSetSize)
};

// The status of a host ended by HostProcess::Kill (128 + SIGKILL, on Windows the same number).
inline constexpr int kKilledStatus = optout::testing::kKilledStatus;

// The optout-host binary in serve mode, with its own data directory and optional rules dir.
class HostProcess {
 public:
  // `args` follow the program name, e.g. {"serve"} or {"--rules", dir, "serve"}.
  explicit HostProcess(const std::string& data_dir, std::vector<std::string> args = {"serve"},
                       const std::string& rules_dir_env = "")
      : child_(
            OPTOUT_HOST_BIN, args,
            {{"OPTOUT_DATA_DIR", data_dir},
             {"OPTOUT_RULES_DIR", rules_dir_env.empty() ? std::nullopt : std::optional<std::string>(rules_dir_env)}}) {}

  bool started() const { return child_.started(); }

  bool Send(const std::string& bytes) { return child_.Write(bytes); }
  void CloseInput() { child_.CloseStdin(); }

  // The next reply frame as JSON, or nullopt on EOF / timeout / unparsable frame.
  std::optional<json> Reply(double timeout_s = 20) {
    auto deadline = optout::testing::After(timeout_s);
    char prefix[4];
    if (!child_.ReadExactly(prefix, 4, deadline)) return std::nullopt;
    std::uint32_t n;
    std::memcpy(&n, prefix, 4);
    last_reply_bytes_ = n;
    std::string body(n, '\0');
    if (!child_.ReadExactly(body.data(), n, deadline)) return std::nullopt;
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
  }
  std::uint32_t last_reply_bytes() const { return last_reply_bytes_; }

  // True when stdout reaches EOF before the deadline with no further bytes on it.
  bool OutputEnds(double timeout_s = 20) { return child_.StdoutEnds(optout::testing::After(timeout_s)); }

  // Ends the host at once (SIGKILL / TerminateProcess), as a crash or a power cut would.
  void Kill() { child_.Kill(); }

  // Waits for the process to end; kills it at the deadline (a hang).
  ExitInfo Wait(double timeout_s = 20) {
    optout::testing::ChildExit e = child_.Wait(optout::testing::After(timeout_s));
    return ExitInfo{e.exited, e.status, e.peak_memory_kb};
  }

  // Everything the host wrote to stderr so far.
  std::string Stderr() { return child_.Stderr(); }

  // Peak resident memory of the running process, in KiB; 0 when unknown.
  long PeakRssKb() const { return child_.PeakMemoryKb(); }

 private:
  optout::testing::ChildProcess child_;
  std::uint32_t last_reply_bytes_ = 0;
};

inline int Code(const json& reply) { return reply.contains("error") ? reply["error"]["code"].get<int>() : 0; }

inline std::string Hello(int id) { return Frame(json{{"v", 1}, {"id", id}, {"type", "hello"}}.dump()); }

// True when the host answers a hello with the given id: the "keeps serving" check.
inline bool StillServes(HostProcess& host, int id) {
  if (!host.Send(Hello(id))) return false;
  std::optional<json> reply = host.Reply();
  return reply && (*reply)["type"] == "hello" && (*reply)["id"] == id && (*reply)["ok"] == true;
}

// A record request body.
inline std::string RecordBody(int id, const std::string& setting, const std::string& label = "a label") {
  return optout::testing::RecordRequest(id, setting, label).dump();
}

}  // namespace optout::hostile
