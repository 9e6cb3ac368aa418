// Small POSIX file helpers shared by the record store and the manifest installer.
#pragma once

#include <sys/types.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace optout {

// "what: <strerror(errno)>", for error messages right after a failed system call.
std::string Errno(const std::string& what);

// mkdir -p: every directory this creates gets `mode` (existing ones are left as they are).
absl::Status MakeDirs(const std::string& dir, mode_t mode);

// Before writing into `dir`: it must be a directory owned by this user that group and others
// cannot write to (else another account could swap the files the host writes there).
absl::Status CheckPrivateDir(const std::string& dir);

// Opens path for appending (create: 0600) or reading without following a symlink or blocking on
// a FIFO; the result must be a regular file owned by this user. An existing file that is
// readable by others is brought back to 0600 when opened for writing. Returns the fd.
absl::StatusOr<int> OpenPrivateFile(const std::string& path, bool write);

// Writes `text` to dir/name through a temp file in the same directory (mode `mode`), fsync and
// rename, so a reader sees the old file or the new one, never half of one.
absl::Status WriteFileAtomically(const std::string& dir, const std::string& name, const std::string& text, mode_t mode);

}  // namespace optout
