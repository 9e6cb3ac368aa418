// POSIX side of platform.h: Linux and macOS. The two macOS differences (the executable's path and
// a durable fsync) are the only conditional code. Linux CI compiles the macOS branches too, with
// OPTOUT_CHECK_MACOS_BRANCHES and the SDK declarations in tests/macos/sdk_stubs (no SDK here).
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#if defined(__APPLE__) || defined(OPTOUT_CHECK_MACOS_BRANCHES)
#define OPTOUT_MACOS 1
#include <mach-o/dyld.h>
#endif

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "os.h"
#include "platform.h"

namespace optout::platform {

struct FileAccess {
  static int Fd(const File& f) { return static_cast<int>(f.handle_); }
  static File Make(int fd, std::string path) {
    File f;
    f.handle_ = fd;
    f.path_ = std::move(path);
    return f;
  }
};

namespace {

int FdOf(const File& f) { return FileAccess::Fd(f); }

// Runs a system call again when a signal interrupted it.
template <typename Call>
auto Retrying(Call call) {
  decltype(call()) rc;
  do rc = call();
  while (rc < 0 && errno == EINTR);
  return rc;
}

bool WriteAllFd(int fd, std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t put = Retrying([&] { return ::write(fd, data.data() + done, data.size() - done); });
    if (put <= 0) return false;
    done += static_cast<std::size_t>(put);
  }
  return true;
}

int FullSync(int fd) {
#if defined(OPTOUT_MACOS)
  // fsync on macOS only reaches the drive's cache; F_FULLFSYNC asks the drive to flush it.
  if (::fcntl(fd, F_FULLFSYNC) == 0) return 0;
#endif
  return ::fsync(fd);
}

}  // namespace

// ---- process ----

void PrepareStdio() {
  // A closed port must surface as a failed write(), not kill us before we can log it.
  ::signal(SIGPIPE, SIG_IGN);
}

bool StdinIsTerminal() { return ::isatty(STDIN_FILENO) == 1; }

long ReadStream(int fd, void* buffer, std::size_t n) {
  ssize_t got = Retrying([&] { return ::read(fd, buffer, n); });
  return got < 0 ? -1 : static_cast<long>(got);
}

bool WriteStream(int fd, std::string_view data) { return WriteAllFd(fd, data); }

std::vector<std::string> Arguments(int argc, char** argv) { return std::vector<std::string>(argv, argv + argc); }

std::optional<std::string> GetEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

absl::StatusOr<std::string> ExecutablePath() {
#if defined(OPTOUT_MACOS)
  uint32_t size = 0;
  ::_NSGetExecutablePath(nullptr, &size);
  std::string raw(size, '\0');
  if (::_NSGetExecutablePath(raw.data(), &size) != 0) return absl::InternalError("cannot find the executable's path");
  char resolved[PATH_MAX];
  if (::realpath(raw.c_str(), resolved) == nullptr) return absl::InternalError(LastError("cannot resolve " + raw));
  return std::string(resolved);
#else
  char buffer[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return absl::InternalError(LastError("cannot read /proc/self/exe"));
  return std::string(buffer, static_cast<std::size_t>(n));
#endif
}

std::tm UtcCalendar(std::time_t t) {
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  return tm;
}

std::string LastError(const std::string& what) { return absl::StrCat(what, ": ", std::strerror(errno)); }

// ---- File ----

File::~File() {
  if (handle_ >= 0) ::close(FdOf(*this));
}
File::File(File&& other) noexcept : handle_(other.handle_), path_(std::move(other.path_)) { other.handle_ = -1; }
File& File::operator=(File&& other) noexcept {
  if (this != &other) {
    if (handle_ >= 0) ::close(FdOf(*this));
    handle_ = other.handle_;
    path_ = std::move(other.path_);
    other.handle_ = -1;
  }
  return *this;
}

bool File::is_open() const { return handle_ >= 0; }

absl::StatusOr<std::uint64_t> File::Size() const {
  struct stat st {};
  if (::fstat(FdOf(*this), &st) != 0) return absl::DataLossError(LastError(absl::StrCat("cannot stat ", path_)));
  return static_cast<std::uint64_t>(st.st_size);
}

absl::StatusOr<std::size_t> File::ReadAt(std::uint64_t offset, char* buffer, std::size_t n) const {
  std::size_t done = 0;
  while (done < n) {
    ssize_t got =
        Retrying([&] { return ::pread(FdOf(*this), buffer + done, n - done, static_cast<off_t>(offset + done)); });
    if (got < 0) return absl::DataLossError(LastError(absl::StrCat("cannot read ", path_)));
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

absl::Status File::Append(std::string_view data) {
  if (!WriteAllFd(FdOf(*this), data)) return absl::DataLossError(LastError(absl::StrCat("cannot write ", path_)));
  return absl::OkStatus();
}

absl::Status File::Sync() {
  if (FullSync(FdOf(*this)) != 0) return absl::DataLossError(LastError(absl::StrCat("cannot fsync ", path_)));
  return absl::OkStatus();
}

absl::Status File::Lock(bool exclusive) {
  if (Retrying([&] { return ::flock(FdOf(*this), exclusive ? LOCK_EX : LOCK_SH); }) != 0) {
    return absl::UnavailableError(LastError(absl::StrCat("cannot lock ", path_)));
  }
  return absl::OkStatus();
}

bool File::IsStillAt(const std::string& path) const {
  struct stat by_fd {
  }, by_path{};
  return ::fstat(FdOf(*this), &by_fd) == 0 && ::lstat(path.c_str(), &by_path) == 0 && by_fd.st_dev == by_path.st_dev &&
         by_fd.st_ino == by_path.st_ino;
}

// ---- files ----

absl::StatusOr<File> OpenPrivateFile(const std::string& path, const OpenOptions& options) {
  const int flags = (options.write ? O_RDWR | O_APPEND | O_CREAT : O_RDONLY) | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
  int fd = Retrying([&] { return ::open(path.c_str(), flags, 0600); });
  if (fd < 0) {
    if (errno == ELOOP)
      return absl::PermissionDeniedError(absl::StrCat(path, " is a symbolic link; refusing to follow it"));
    if (errno == ENOENT) return absl::NotFoundError(LastError(absl::StrCat("cannot open ", path)));
    return absl::PermissionDeniedError(LastError(absl::StrCat("cannot open ", path)));
  }
  File file = FileAccess::Make(fd, path);
  struct stat st {};
  std::string problem;
  if (::fstat(fd, &st) != 0) {
    problem = LastError(absl::StrCat("cannot stat ", path));
  } else if (!S_ISREG(st.st_mode)) {
    problem = absl::StrCat(path, " is not a regular file; refusing to use it");
  } else if (st.st_uid != ::geteuid() && !(options.allow_admin_owner && st.st_uid == 0)) {
    problem = absl::StrCat(path, " belongs to another user (uid ", st.st_uid, ")");
  } else if (options.refuse_shared_write && (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    problem = absl::StrCat(path, " can be written by group or others");
  } else if (options.max_bytes != 0 && static_cast<std::uint64_t>(st.st_size) > options.max_bytes) {
    problem = absl::StrCat(path, " is larger than ", options.max_bytes, " bytes");
  } else if (options.write && (st.st_mode & 0777) != 0600 && ::fchmod(fd, 0600) != 0) {
    problem = LastError(absl::StrCat("cannot chmod 0600 ", path));
  }
  if (!problem.empty()) return absl::PermissionDeniedError(problem);
  // Back to blocking I/O: O_NONBLOCK was only there so a FIFO could not stall the open.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return file;
}

absl::Status MakeDirs(const std::string& dir, bool private_dir) {
  const mode_t mode = private_dir ? 0700 : 0755;
  for (std::size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string part = dir.substr(0, pos);
    if (::mkdir(part.c_str(), mode) != 0 && errno != EEXIST) {
      return absl::PermissionDeniedError(LastError(absl::StrCat("cannot create ", part)));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckPrivateDir(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return absl::PermissionDeniedError(LastError(absl::StrCat("cannot stat ", dir)));
  if (!S_ISDIR(st.st_mode)) return absl::FailedPreconditionError(absl::StrCat(dir, " is not a directory"));
  if (st.st_uid != ::geteuid()) {
    return absl::PermissionDeniedError(
        absl::StrCat(dir, " belongs to another user (uid ", st.st_uid, "); refusing to write there"));
  }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return absl::PermissionDeniedError(
        absl::StrFormat("%s is writable by group or others (mode %04o); refusing to write there: chmod 700 it", dir,
                        st.st_mode & 07777));
  }
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& dir, const std::string& name, std::string_view text,
                                 bool world_readable) {
  std::string temp = JoinPath(dir, absl::StrCat(".", name, ".XXXXXX"));
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return absl::PermissionDeniedError(LastError(absl::StrCat("cannot create a file in ", dir)));
  bool ok = ::fchmod(fd, world_readable ? 0644 : 0600) == 0 && WriteAllFd(fd, text) && FullSync(fd) == 0;
  std::string failure = ok ? "" : LastError(absl::StrCat("cannot write ", temp));
  ::close(fd);
  const std::string path = JoinPath(dir, name);
  if (ok && ::rename(temp.c_str(), path.c_str()) != 0) {
    ok = false;
    failure = LastError(absl::StrCat("cannot rename to ", path));
  }
  if (!ok) {
    ::unlink(temp.c_str());
    return absl::PermissionDeniedError(failure);
  }
  SyncDir(dir);  // the rename itself survives a crash only once the directory is on disk
  return absl::OkStatus();
}

void SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  FullSync(fd);
  ::close(fd);
}

absl::Status HardLink(const std::string& from, const std::string& to) {
  if (::link(from.c_str(), to.c_str()) == 0) return absl::OkStatus();
  if (errno == EEXIST) return absl::AlreadyExistsError(absl::StrCat(to, " exists"));
  return absl::DataLossError(LastError(absl::StrCat("cannot link ", from, " to ", to)));
}

absl::StatusOr<bool> RemoveFile(const std::string& path) {
  if (::unlink(path.c_str()) == 0) return true;
  if (errno == ENOENT) return false;
  return absl::PermissionDeniedError(LastError(absl::StrCat("cannot remove ", path)));
}

absl::StatusOr<std::string> ReadFile(const std::string& path, std::size_t max_bytes) {
  int fd = Retrying([&] { return ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC); });
  if (fd < 0) {
    if (errno == ENOENT) return absl::NotFoundError(LastError(absl::StrCat("cannot open ", path)));
    return absl::PermissionDeniedError(LastError(absl::StrCat("cannot open ", path)));
  }
  File file = FileAccess::Make(fd, path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return absl::DataLossError(LastError(absl::StrCat("cannot stat ", path)));
  if (!S_ISREG(st.st_mode)) return absl::FailedPreconditionError(absl::StrCat(path, " is not a regular file"));
  return file.ReadAll(max_bytes);
}

absl::StatusOr<std::vector<std::string>> ListFiles(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return absl::NotFoundError(LastError(absl::StrCat("cannot open directory ", dir)));
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (::stat(JoinPath(dir, name).c_str(), &st) == 0 && S_ISREG(st.st_mode)) names.push_back(std::move(name));
  }
  ::closedir(d);
  return names;
}

// ---- registry: Windows only ----

absl::Status SetRegistryDefault(RegistryHive, const std::string& key, const std::string&) {
  return absl::UnimplementedError(absl::StrCat("no registry on this system (", key, ")"));
}
absl::StatusOr<std::optional<std::string>> GetRegistryDefault(RegistryHive, const std::string& key) {
  return absl::UnimplementedError(absl::StrCat("no registry on this system (", key, ")"));
}
absl::StatusOr<bool> DeleteRegistryKey(RegistryHive, const std::string& key) {
  return absl::UnimplementedError(absl::StrCat("no registry on this system (", key, ")"));
}

}  // namespace optout::platform
