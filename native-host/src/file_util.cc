#include "file_util.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

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
    if (put < 0) ok = false;
    else done += static_cast<std::size_t>(put);
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
