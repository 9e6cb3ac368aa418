// Helpers for the hostile-input tests: drive the built optout-host binary over pipes (as a
// browser does), or an in-process HostSession, and read its reply frames with a deadline so a
// hang fails the test instead of stalling CTest.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "nlohmann/json.hpp"
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

inline bool WriteAll(int fd, const char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads exactly n bytes before `deadline`; false on EOF, error or timeout.
inline bool ReadExactlyBefore(int fd, char* out, std::size_t n, Clock::time_point deadline) {
  std::size_t done = 0;
  while (done < n) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(left));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) return false;
    ssize_t got = ::read(fd, out + done, n - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

struct ExitInfo {
  bool exited = false;  // false: still running at the deadline (it was killed)
  int status = -1;      // exit status when exited normally, 128+signal when killed by a signal
  long max_rss_kb = 0;  // peak RSS of the child, from wait4()
};

// The optout-host binary in serve mode, with its own data directory and optional rules dir.
class HostProcess {
 public:
  // `args` follow the program name, e.g. {"serve"} or {"--rules", dir, "serve"}.
  explicit HostProcess(const std::string& data_dir, std::vector<std::string> args = {"serve"},
                       const std::string& rules_dir_env = "") {
    int to_host[2], from_host[2], errs[2];
    if (::pipe2(to_host, O_CLOEXEC) != 0 || ::pipe2(from_host, O_CLOEXEC) != 0 || ::pipe2(errs, O_CLOEXEC) != 0) {
      return;
    }
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(to_host[0], 0);
      ::dup2(from_host[1], 1);
      ::dup2(errs[1], 2);
      ::setenv("OPTOUT_DATA_DIR", data_dir.c_str(), 1);
      if (rules_dir_env.empty())
        ::unsetenv("OPTOUT_RULES_DIR");
      else
        ::setenv("OPTOUT_RULES_DIR", rules_dir_env.c_str(), 1);
      std::vector<char*> argv;
      std::string host = OPTOUT_HOST_BIN;
      argv.push_back(host.data());
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(host.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(to_host[0]);
    ::close(from_host[1]);
    ::close(errs[1]);
    in_ = to_host[1];
    out_ = from_host[0];
    err_ = errs[0];
    ::fcntl(err_, F_SETFL, O_NONBLOCK);
  }

  ~HostProcess() {
    CloseInput();
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) ::close(out_);
    if (err_ >= 0) ::close(err_);
  }
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  bool Send(const std::string& bytes) { return in_ >= 0 && WriteAll(in_, bytes.data(), bytes.size()); }

  void CloseInput() {
    if (in_ >= 0) ::close(in_);
    in_ = -1;
  }

  // The next reply frame as JSON, or nullopt on EOF / timeout / unparsable frame.
  std::optional<json> Reply(double timeout_s = 20) {
    auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
    char prefix[4];
    if (!ReadExactlyBefore(out_, prefix, 4, deadline)) return std::nullopt;
    std::uint32_t n;
    std::memcpy(&n, prefix, 4);
    last_reply_bytes_ = n;
    std::string body(n, '\0');
    if (!ReadExactlyBefore(out_, body.data(), n, deadline)) return std::nullopt;
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
  }
  std::uint32_t last_reply_bytes() const { return last_reply_bytes_; }

  // True when stdout reaches EOF before the deadline with no further bytes on it.
  bool OutputEnds(double timeout_s = 20) {
    auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd p{out_, POLLIN, 0};
      int rc = ::poll(&p, 1, static_cast<int>(left));
      if (rc < 0 && errno == EINTR) continue;
      if (rc <= 0) return false;
      char c;
      ssize_t got = ::read(out_, &c, 1);
      if (got < 0 && errno == EINTR) continue;
      return got == 0;
    }
  }

  // Waits for the process to end; kills it at the deadline (a hang).
  ExitInfo Wait(double timeout_s = 20) {
    ExitInfo info;
    auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
    for (;;) {
      int status = 0;
      rusage usage{};
      pid_t r = ::wait4(pid_, &status, WNOHANG, &usage);
      if (r == pid_) {
        reaped_ = true;
        info.exited = true;
        info.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        info.max_rss_kb = usage.ru_maxrss;
        return info;
      }
      if (Clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        reaped_ = true;
        return info;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  // Everything the host wrote to stderr so far.
  std::string Stderr() {
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(err_, buffer, sizeof buffer)) > 0) stderr_.append(buffer, static_cast<std::size_t>(n));
    return stderr_;
  }

  // Peak RSS of the running process (VmHWM), in KiB; 0 when unknown.
  long PeakRssKb() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return 0;
  }

 private:
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
  bool reaped_ = false;
  std::uint32_t last_reply_bytes_ = 0;
  std::string stderr_;
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
  json req = {{"v", 1},
              {"id", id},
              {"type", "record"},
              {"change",
               {{"setting", setting},
                {"url_path", "/mypreferences/d/settings/x"},
                {"before", "on"},
                {"after", "off"},
                {"verified", true},
                {"outcome", "changed"},
                {"label", label}}}};
  return req.dump();
}

}  // namespace optout::hostile
