#include "file_util.h"

#include <sys/stat.h>

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

}  // namespace optout
