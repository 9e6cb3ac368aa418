// The tests' operating-system layer: start a program with pipes on its stdin, stdout and stderr
// (as a browser starts the host), pipes and the environment of the test process itself.
// child_process_posix.cc (fork/execve, poll) and child_process_windows.cc (CreateProcessW,
// anonymous pipes read by threads) implement it; tests include no OS header and use no #ifdef.
// Strings are UTF-8 everywhere (converted to UTF-16 at the Windows boundary).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optout::testing {

using Clock = std::chrono::steady_clock;

// A deadline `seconds` from now.
inline Clock::time_point After(double seconds) {
  return Clock::now() + std::chrono::microseconds(static_cast<long long>(seconds * 1e6));
}

// ---- pipes as C runtime descriptors (what the host's framing reads and writes) ----

// A pipe in binary mode, not inherited by child processes: fds[0] reads, fds[1] writes.
bool MakePipe(int fds[2]);
// Up to n bytes: the count, 0 at end of stream, -1 on error.
long ReadFd(int fd, void* buffer, std::size_t n);
// All of data; false when the other end is closed.
bool WriteFd(int fd, std::string_view data);
void CloseFd(int fd);

// A write to a pipe whose reader is gone fails instead of ending the test process (POSIX:
// SIGPIPE ignored; Windows has no such signal).
void IgnoreBrokenPipes();

// ---- the test process's own environment (what the in-process host code reads) ----

void SetEnv(const std::string& name, const std::string& value);
void UnsetEnv(const std::string& name);

// ---- child processes ----

// A change to the child's environment: nullopt removes the variable.
struct EnvChange {
  std::string name;
  std::optional<std::string> value;
};

// The exit status Wait() reports for a child ended by Kill(): 128 + SIGKILL on POSIX; on Windows
// the exit code Kill() passes to TerminateProcess, the same number.
inline constexpr int kKilledStatus = 137;

struct ChildExit {
  bool exited = false;      // false: still running at the deadline (then it was killed)
  int status = -1;          // exit code; POSIX: 128 + signal when a signal ended it
  long peak_memory_kb = 0;  // peak resident memory (POSIX ru_maxrss; Windows PeakWorkingSetSize); 0 unknown
};

class ChildProcess {
 public:
  // Starts `program` (a path) with `args` after the program name; stdin, stdout and stderr are
  // pipes to this process; the environment is this process's with `env` applied.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::vector<EnvChange>& env = {});
  // Kills the child if it still runs.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const;

  // Writes all of bytes to the child's stdin (blocking); false when the child closed it or died.
  // May run on another thread than the reads.
  bool Write(std::string_view bytes);
  void CloseStdin();

  // Exactly n bytes of stdout before the deadline; false on end of stream, error or timeout.
  bool ReadExactly(char* out, std::size_t n, Clock::time_point deadline);
  // True when stdout reaches its end before the deadline with no further byte on it.
  bool StdoutEnds(Clock::time_point deadline);
  // Everything on stdout up to its end (or the deadline).
  std::string ReadAllStdout(Clock::time_point deadline);
  // What the child wrote to stderr so far (never blocks).
  std::string Stderr();

  // Ends the child at once (SIGKILL / TerminateProcess); Wait() then reports kKilledStatus.
  void Kill();
  // Waits for the child to end; kills it at the deadline (a hang: exited == false).
  ChildExit Wait(Clock::time_point deadline);
  // Peak resident memory of the running child, KiB (Linux VmHWM; Windows PeakWorkingSetSize);
  // 0 when unknown.
  long PeakMemoryKb() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace optout::testing
