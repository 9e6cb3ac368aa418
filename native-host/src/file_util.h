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

// Writes `text` to dir/name through a temp file in the same directory (mode `mode`), fsync and
// rename, so a reader sees the old file or the new one, never half of one.
absl::Status WriteFileAtomically(const std::string& dir, const std::string& name, const std::string& text,
                                 mode_t mode);

}  // namespace optout
