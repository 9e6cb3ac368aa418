// Windows side of child_process.h: CreateProcessW with anonymous pipes for stdin, stdout and
// stderr. Anonymous pipes have no overlapped I/O, so a thread per output pipe reads into a
// buffer and the deadlines are waits on that buffer; stderr is always drained, so a chatty child
// never blocks on it. Arguments, paths and the environment are UTF-16 at this boundary.
#include <fcntl.h>
#include <io.h>
#include <windows.h>
// After windows.h:
#include <psapi.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <cwctype>
#include <mutex>
#include <thread>

#include "child_process.h"

namespace optout::testing {

namespace {

std::wstring Wide(const std::string& utf8) {
  if (utf8.empty()) return std::wstring();
  int n = ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(n), L'\0');
  ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
  return out;
}

// One argument quoted for CommandLineToArgvW and the C runtime's parser: quotes around it when
// it has a space, tab or quote (or is empty); backslashes doubled only before a quote.
void AppendQuoted(std::wstring& line, const std::wstring& arg) {
  if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
    line += arg;
    return;
  }
  line += L'"';
  for (std::size_t i = 0;; ++i) {
    std::size_t backslashes = 0;
    while (i < arg.size() && arg[i] == L'\\') ++i, ++backslashes;
    if (i == arg.size()) {
      line.append(backslashes * 2, L'\\');
      break;
    }
    if (arg[i] == L'"') {
      line.append(backslashes * 2 + 1, L'\\');
    } else {
      line.append(backslashes, L'\\');
    }
    line += arg[i];
  }
  line += L'"';
}

bool SameName(const std::wstring& entry, const std::wstring& name) {
  if (entry.size() <= name.size() || entry[name.size()] != L'=') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::towupper(entry[i]) != std::towupper(name[i])) return false;
  }
  return true;
}

// This process's environment with the changes applied, as a CREATE_UNICODE_ENVIRONMENT block.
std::wstring EnvironmentBlock(const std::vector<EnvChange>& changes) {
  std::vector<std::wstring> entries;
  wchar_t* block = ::GetEnvironmentStringsW();
  for (const wchar_t* p = block; p != nullptr && *p != L'\0'; p += std::wcslen(p) + 1) entries.emplace_back(p);
  if (block != nullptr) ::FreeEnvironmentStringsW(block);
  for (const EnvChange& c : changes) {
    const std::wstring name = Wide(c.name);
    entries.erase(
        std::remove_if(entries.begin(), entries.end(), [&](const std::wstring& e) { return SameName(e, name); }),
        entries.end());
    if (c.value) entries.push_back(name + L"=" + Wide(*c.value));
  }
  std::wstring out;
  for (const std::wstring& e : entries) out += e + L'\0';
  out += L'\0';
  return out;
}

// Output of one pipe, filled by a reader thread.
class PipeReader {
 public:
  explicit PipeReader(HANDLE pipe) : pipe_(pipe), thread_([this] { Run(); }) {}
  ~PipeReader() {
    thread_.join();  // ends when every write end is closed (the child ended)
    ::CloseHandle(pipe_);
  }

  // Waits until `n` bytes are buffered or the stream ended; takes up to n bytes.
  std::string Take(std::size_t n, Clock::time_point deadline, bool* ended) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_until(lock, deadline, [&] { return buffer_.size() - taken_ >= n || ended_; });
    const std::size_t count = std::min(n, buffer_.size() - taken_);
    std::string out = buffer_.substr(taken_, count);
    taken_ += count;
    if (taken_ > (1u << 20) && taken_ * 2 > buffer_.size()) {
      buffer_.erase(0, taken_);
      taken_ = 0;
    }
    *ended = ended_ && taken_ == buffer_.size();
    return out;
  }

  // Waits until a byte is buffered or the stream ended; true when it ended with nothing left.
  bool EndsBefore(Clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!changed_.wait_until(lock, deadline, [&] { return buffer_.size() > taken_ || ended_; })) return false;
    return buffer_.size() == taken_;
  }

  std::string All() {
    std::lock_guard<std::mutex> lock(mutex_);
    return buffer_.substr(taken_);
  }

 private:
  void Run() {
    char chunk[65536];
    for (;;) {
      DWORD got = 0;
      if (!::ReadFile(pipe_, chunk, sizeof chunk, &got, nullptr) || got == 0) break;
      std::lock_guard<std::mutex> lock(mutex_);
      buffer_.append(chunk, got);
      changed_.notify_all();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    ended_ = true;
    changed_.notify_all();
  }

  HANDLE pipe_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string buffer_;
  std::size_t taken_ = 0;
  bool ended_ = false;
  std::thread thread_;
};

// Child ends of pipes are inheritable only between their creation and CreateProcessW: one
// child at a time, so no child inherits another's pipe (which would hide its end of stream).
std::mutex& SpawnMutex() {
  static std::mutex m;
  return m;
}

}  // namespace

bool MakePipe(int fds[2]) { return _pipe(fds, 1 << 16, _O_BINARY | _O_NOINHERIT) == 0; }

long ReadFd(int fd, void* buffer, std::size_t n) {
  const unsigned chunk = n > 0x40000000u ? 0x40000000u : static_cast<unsigned>(n);
  return _read(fd, buffer, chunk);
}

bool WriteFd(int fd, std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const std::size_t left = data.size() - done;
    int put = _write(fd, data.data() + done, left > 0x40000000u ? 0x40000000u : static_cast<unsigned>(left));
    if (put <= 0) return false;
    done += static_cast<std::size_t>(put);
  }
  return true;
}

void CloseFd(int fd) { _close(fd); }

void IgnoreBrokenPipes() {}  // a write to a closed pipe fails with ERROR_NO_DATA; no signal

// SetEnvironmentVariableW is what the host reads (GetEnvironmentVariableW); _wputenv_s keeps the
// C runtime's copy the same.
void SetEnv(const std::string& name, const std::string& value) {
  ::SetEnvironmentVariableW(Wide(name).c_str(), Wide(value).c_str());
  _wputenv_s(Wide(name).c_str(), Wide(value).c_str());
}
void UnsetEnv(const std::string& name) {
  ::SetEnvironmentVariableW(Wide(name).c_str(), nullptr);
  _wputenv_s(Wide(name).c_str(), L"");
}

struct ChildProcess::Impl {
  HANDLE process = nullptr;
  std::atomic<HANDLE> in{nullptr};
  std::unique_ptr<PipeReader> out, err;
  bool reaped = false;
  long last_peak_kb = 0;

  long Peak() {
    PROCESS_MEMORY_COUNTERS counters{};
    if (process != nullptr && ::GetProcessMemoryInfo(process, &counters, sizeof counters)) {
      last_peak_kb = std::max(last_peak_kb, static_cast<long>(counters.PeakWorkingSetSize / 1024));
    }
    return last_peak_kb;
  }
};

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::vector<EnvChange>& env)
    : impl_(std::make_unique<Impl>()) {
  const std::wstring app = Wide(program);
  std::wstring line;
  AppendQuoted(line, app);
  for (const std::string& a : args) {
    line += L' ';
    AppendQuoted(line, Wide(a));
  }
  std::wstring environment = EnvironmentBlock(env);

  std::lock_guard<std::mutex> lock(SpawnMutex());
  SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  HANDLE child_in = nullptr, in = nullptr, out = nullptr, child_out = nullptr, err = nullptr, child_err = nullptr;
  const DWORD size = 1 << 16;
  if (!::CreatePipe(&child_in, &in, &inherit, size)) return;
  if (!::CreatePipe(&out, &child_out, &inherit, size)) {
    ::CloseHandle(child_in), ::CloseHandle(in);
    return;
  }
  if (!::CreatePipe(&err, &child_err, &inherit, size)) {
    ::CloseHandle(child_in), ::CloseHandle(in), ::CloseHandle(out), ::CloseHandle(child_out);
    return;
  }
  // Our ends stay here.
  ::SetHandleInformation(in, HANDLE_FLAG_INHERIT, 0);
  ::SetHandleInformation(out, HANDLE_FLAG_INHERIT, 0);
  ::SetHandleInformation(err, HANDLE_FLAG_INHERIT, 0);

  STARTUPINFOW startup{};
  startup.cb = sizeof startup;
  startup.dwFlags = STARTF_USESTDHANDLES;
  startup.hStdInput = child_in;
  startup.hStdOutput = child_out;
  startup.hStdError = child_err;
  PROCESS_INFORMATION info{};
  const BOOL created =
      ::CreateProcessW(app.c_str(), line.data(), nullptr, nullptr, TRUE, CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW,
                       environment.data(), nullptr, &startup, &info);
  ::CloseHandle(child_in);
  ::CloseHandle(child_out);
  ::CloseHandle(child_err);
  if (!created) {
    ::CloseHandle(in), ::CloseHandle(out), ::CloseHandle(err);
    return;
  }
  ::CloseHandle(info.hThread);
  impl_->process = info.hProcess;
  impl_->in = in;
  impl_->out = std::make_unique<PipeReader>(out);
  impl_->err = std::make_unique<PipeReader>(err);
}

ChildProcess::~ChildProcess() {
  CloseStdin();
  if (impl_->process != nullptr) {
    if (!impl_->reaped) {
      ::TerminateProcess(impl_->process, kKilledStatus);
      ::WaitForSingleObject(impl_->process, INFINITE);
    }
    ::CloseHandle(impl_->process);
  }
  impl_->out.reset();
  impl_->err.reset();
}

bool ChildProcess::started() const { return impl_->process != nullptr; }

bool ChildProcess::Write(std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    HANDLE in = impl_->in.load();
    if (in == nullptr) return false;
    const std::size_t left = bytes.size() - done;
    DWORD put = 0;
    if (!::WriteFile(in, bytes.data() + done, left > (1u << 30) ? (1u << 30) : static_cast<DWORD>(left), &put,
                     nullptr) ||
        put == 0) {
      return false;
    }
    done += put;
  }
  return true;
}

void ChildProcess::CloseStdin() {
  HANDLE in = impl_->in.exchange(nullptr);
  if (in != nullptr) ::CloseHandle(in);
}

bool ChildProcess::ReadExactly(char* out, std::size_t n, Clock::time_point deadline) {
  if (!impl_->out) return false;
  bool ended = false;
  std::string got = impl_->out->Take(n, deadline, &ended);
  std::copy(got.begin(), got.end(), out);
  return got.size() == n;
}

bool ChildProcess::StdoutEnds(Clock::time_point deadline) {
  if (!impl_->out || !impl_->out->EndsBefore(deadline)) return false;
  bool ended = false;
  impl_->out->Take(1, deadline, &ended);
  return true;
}

std::string ChildProcess::ReadAllStdout(Clock::time_point deadline) {
  if (!impl_->out) return std::string();
  std::string all;
  bool ended = false;
  while (!ended && Clock::now() < deadline) all += impl_->out->Take(1 << 20, deadline, &ended);
  return all;
}

std::string ChildProcess::Stderr() { return impl_->err ? impl_->err->All() : std::string(); }

void ChildProcess::Kill() {
  if (impl_->process != nullptr && !impl_->reaped) {
    impl_->Peak();
    ::TerminateProcess(impl_->process, kKilledStatus);
  }
}

ChildExit ChildProcess::Wait(Clock::time_point deadline) {
  ChildExit info;
  if (impl_->process == nullptr || impl_->reaped) return info;
  // Polled, so the peak memory is sampled while the child still runs (after it ended, wine
  // no longer knows it; Windows still does).
  for (;;) {
    impl_->Peak();
    if (::WaitForSingleObject(impl_->process, 2) == WAIT_OBJECT_0) break;
    if (Clock::now() > deadline) {
      ::TerminateProcess(impl_->process, kKilledStatus);
      ::WaitForSingleObject(impl_->process, INFINITE);
      impl_->reaped = true;
      return info;
    }
  }
  impl_->reaped = true;
  DWORD code = 0;
  ::GetExitCodeProcess(impl_->process, &code);
  info.exited = true;
  info.status = static_cast<int>(code);
  info.peak_memory_kb = impl_->Peak();
  return info;
}

long ChildProcess::PeakMemoryKb() const { return impl_->process != nullptr ? impl_->Peak() : 0; }

}  // namespace optout::testing
