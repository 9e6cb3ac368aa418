#include "file_util.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fcntl.h>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace optout {

std::string Errno(const std::string& what) { return absl::StrCat(what, ": ", std::strerror(errno)); }

absl::Status MakeDirs(const std::string& dir, mode_t mode) {
  for (std::size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string part = dir.substr(0, pos);
    if (::mkdir(part.c_str(), mode) != 0 && errno != EEXIST) {
      return absl::PermissionDeniedError(Errno(absl::StrCat("cannot create ", part)));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckPrivateDir(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return absl::PermissionDeniedError(Errno(absl::StrCat("cannot stat ", dir)));
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

absl::StatusOr<int> OpenPrivateFile(const std::string& path, bool write) {
  const int flags = (write ? O_RDWR | O_APPEND | O_CREAT : O_RDONLY) | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
  int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0) {
    if (errno == ELOOP)
      return absl::PermissionDeniedError(absl::StrCat(path, " is a symbolic link; refusing to follow it"));
    if (errno == ENOENT) return absl::NotFoundError(Errno(absl::StrCat("cannot open ", path)));
    return absl::PermissionDeniedError(Errno(absl::StrCat("cannot open ", path)));
  }
  struct stat st {};
  std::string problem;
  if (::fstat(fd, &st) != 0)
    problem = Errno(absl::StrCat("cannot stat ", path));
  else if (!S_ISREG(st.st_mode))
    problem = absl::StrCat(path, " is not a regular file; refusing to use it");
  else if (st.st_uid != ::geteuid())
    problem = absl::StrCat(path, " belongs to another user (uid ", st.st_uid, ")");
  else if (write && (st.st_mode & 0777) != 0600 && ::fchmod(fd, 0600) != 0)
    problem = Errno(absl::StrCat("cannot chmod 0600 ", path));
  if (!problem.empty()) {
    ::close(fd);
    return absl::PermissionDeniedError(problem);
  }
  // Back to blocking I/O: O_NONBLOCK was only there so a FIFO could not stall the open.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

absl::Status WriteFileAtomically(const std::string& dir, const std::string& name, const std::string& text,
                                 mode_t mode) {
  std::string temp = absl::StrCat(dir, "/.", name, ".XXXXXX");
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return absl::PermissionDeniedError(Errno(absl::StrCat("cannot create a file in ", dir)));
  bool ok = ::fchmod(fd, mode) == 0;
  std::size_t done = 0;
  while (ok && done < text.size()) {
    ssize_t put = ::write(fd, text.data() + done, text.size() - done);
    if (put < 0 && errno == EINTR) continue;
    if (put < 0)
      ok = false;
    else
      done += static_cast<std::size_t>(put);
  }
  ok = ok && ::fsync(fd) == 0;
  std::string failure = ok ? "" : Errno(absl::StrCat("cannot write ", temp));
  ::close(fd);
  const std::string path = absl::StrCat(dir, "/", name);
  if (ok && ::rename(temp.c_str(), path.c_str()) != 0) {
    ok = false;
    failure = Errno(absl::StrCat("cannot rename to ", path));
  }
  if (!ok) {
    ::unlink(temp.c_str());
    return absl::PermissionDeniedError(failure);
  }
  return absl::OkStatus();
}

}  // namespace optout
