// POSIX side of child_process.h: fork/execve with O_CLOEXEC pipes, poll() for deadlines.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "child_process.h"

extern char** environ;

namespace optout::testing {

bool MakePipe(int fds[2]) { return ::pipe2(fds, O_CLOEXEC) == 0; }

long ReadFd(int fd, void* buffer, std::size_t n) {
  for (;;) {
    ssize_t got = ::read(fd, buffer, n);
    if (got < 0 && errno == EINTR) continue;
    return static_cast<long>(got);
  }
}

bool WriteFd(int fd, std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void CloseFd(int fd) { ::close(fd); }

void IgnoreBrokenPipes() { ::signal(SIGPIPE, SIG_IGN); }

void SetEnv(const std::string& name, const std::string& value) { ::setenv(name.c_str(), value.c_str(), 1); }
void UnsetEnv(const std::string& name) { ::unsetenv(name.c_str()); }

namespace {

// Milliseconds left before the deadline (0 when it has passed).
int MillisLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left > 1 << 30 ? 1 << 30 : left);
}

}  // namespace

struct ChildProcess::Impl {
  pid_t pid = -1;
  int in = -1, out = -1, err = -1;
  bool reaped = false;
  std::string stderr_text;

  // Moves what stderr holds now into stderr_text (err is non-blocking).
  void DrainStderr() {
    if (err < 0) return;
    char buffer[4096];
    for (;;) {
      ssize_t n = ::read(err, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        if (n == 0) {
          ::close(err);
          err = -1;
        }
        return;
      }
      stderr_text.append(buffer, static_cast<std::size_t>(n));
    }
  }

  // Waits until stdout is readable (stderr is drained meanwhile, so a chatty child never blocks
  // on it). False at the deadline.
  bool WaitReadable(Clock::time_point deadline) {
    for (;;) {
      pollfd p[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
      int rc = ::poll(p, err >= 0 ? 2 : 1, MillisLeft(deadline));
      if (rc < 0 && errno == EINTR) continue;
      if (rc <= 0) return false;
      if (err >= 0 && p[1].revents != 0) DrainStderr();
      if (p[0].revents != 0) return true;
    }
  }

  ChildExit Reap(int status, const rusage& usage) {
    reaped = true;
    ChildExit info;
    info.exited = true;
    info.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    info.peak_memory_kb = usage.ru_maxrss;
    return info;
  }
};

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::vector<EnvChange>& env)
    : impl_(std::make_unique<Impl>()) {
  // Everything the child needs is built before fork(): after it only async-signal-safe calls.
  std::vector<std::string> argv_strings = {program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    bool changed = false;
    for (const EnvChange& c : env) changed = changed || entry.rfind(c.name + "=", 0) == 0;
    if (!changed) env_strings.push_back(std::move(entry));
  }
  for (const EnvChange& c : env) {
    if (c.value) env_strings.push_back(c.name + "=" + *c.value);
  }
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  int to_child[2], from_child[2], errs[2];
  if (!MakePipe(to_child)) return;
  if (!MakePipe(from_child)) {
    ::close(to_child[0]), ::close(to_child[1]);
    return;
  }
  if (!MakePipe(errs)) {
    ::close(to_child[0]), ::close(to_child[1]), ::close(from_child[0]), ::close(from_child[1]);
    return;
  }
  impl_->pid = ::fork();
  if (impl_->pid == 0) {
    // dup2 clears O_CLOEXEC on 0, 1 and 2; every other descriptor closes at exec.
    ::dup2(to_child[0], 0);
    ::dup2(from_child[1], 1);
    ::dup2(errs[1], 2);
    ::signal(SIGPIPE, SIG_DFL);  // as a browser starts it, whatever this process ignores
    ::execve(program.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  ::close(errs[1]);
  if (impl_->pid < 0) {
    ::close(to_child[1]), ::close(from_child[0]), ::close(errs[0]);
    return;
  }
  impl_->in = to_child[1];
  impl_->out = from_child[0];
  impl_->err = errs[0];
  ::fcntl(impl_->err, F_SETFL, O_NONBLOCK);
}

ChildProcess::~ChildProcess() {
  CloseStdin();
  if (impl_->pid > 0 && !impl_->reaped) {
    ::kill(impl_->pid, SIGKILL);
    ::waitpid(impl_->pid, nullptr, 0);
  }
  if (impl_->out >= 0) ::close(impl_->out);
  if (impl_->err >= 0) ::close(impl_->err);
}

bool ChildProcess::started() const { return impl_->pid > 0; }

bool ChildProcess::Write(std::string_view bytes) { return impl_->in >= 0 && WriteFd(impl_->in, bytes); }

void ChildProcess::CloseStdin() {
  if (impl_->in >= 0) ::close(impl_->in);
  impl_->in = -1;
}

bool ChildProcess::ReadExactly(char* out, std::size_t n, Clock::time_point deadline) {
  std::size_t done = 0;
  while (done < n) {
    if (!impl_->WaitReadable(deadline)) return false;
    long got = ReadFd(impl_->out, out + done, n - done);
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

bool ChildProcess::StdoutEnds(Clock::time_point deadline) {
  if (!impl_->WaitReadable(deadline)) return false;
  char c;
  return ReadFd(impl_->out, &c, 1) == 0;
}

std::string ChildProcess::ReadAllStdout(Clock::time_point deadline) {
  std::string all;
  char buffer[65536];
  while (impl_->WaitReadable(deadline)) {
    long got = ReadFd(impl_->out, buffer, sizeof buffer);
    if (got <= 0) break;
    all.append(buffer, static_cast<std::size_t>(got));
  }
  return all;
}

std::string ChildProcess::Stderr() {
  impl_->DrainStderr();
  return impl_->stderr_text;
}

void ChildProcess::Kill() {
  if (impl_->pid > 0 && !impl_->reaped) ::kill(impl_->pid, SIGKILL);
}

ChildExit ChildProcess::Wait(Clock::time_point deadline) {
  if (impl_->pid <= 0 || impl_->reaped) return ChildExit{};
  for (;;) {
    impl_->DrainStderr();
    int status = 0;
    rusage usage{};
    pid_t r = ::wait4(impl_->pid, &status, WNOHANG, &usage);
    if (r == impl_->pid) return impl_->Reap(status, usage);
    if (Clock::now() > deadline) {
      ::kill(impl_->pid, SIGKILL);
      ::waitpid(impl_->pid, nullptr, 0);
      impl_->reaped = true;
      return ChildExit{};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

long ChildProcess::PeakMemoryKb() const {
  std::ifstream status("/proc/" + std::to_string(impl_->pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

}  // namespace optout::testing
