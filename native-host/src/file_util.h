// Small POSIX file helpers shared by the record store and the manifest installer.
#pragma once

#include <sys/types.h>

#include <string>

#include "absl/status/status.h"

namespace optout {

// "what: <strerror(errno)>", for error messages right after a failed system call.
std::string Errno(const std::string& what);

// mkdir -p: every directory this creates gets `mode` (existing ones are left as they are).
absl::Status MakeDirs(const std::string& dir, mode_t mode);

}  // namespace optout
