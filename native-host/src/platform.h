// The one place that talks to the operating system's file, process and registry APIs.
// platform_posix.cc serves Linux and macOS, platform_windows.cc serves Windows (wide-character
// APIs, so paths and arguments are UTF-8 everywhere else). Nothing outside these files includes
// <unistd.h>, <windows.h> or uses an #ifdef for the OS.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace optout::platform {

// ---- process ----

// Before any frame is read or written: stdin/stdout in binary mode (Windows would turn a length
// byte 0x0a into 0x0d 0x0a, and stop reading at 0x1a) and a closed pipe reported as a failed
// write instead of a signal (POSIX).
void PrepareStdio();
bool StdinIsTerminal();
inline constexpr int kStdin = 0;
inline constexpr int kStdout = 1;
inline constexpr int kStderr = 2;

// Reads up to n bytes from a stream (stdin, a pipe); 0 at end of stream, -1 on error.
long ReadStream(int fd, void* buffer, std::size_t n);
// Writes all of data; false when the stream is closed or fails.
bool WriteStream(int fd, std::string_view data);

// The command line as UTF-8 (on Windows from the wide command line, not the ANSI code page).
std::vector<std::string> Arguments(int argc, char** argv);

// An environment variable as UTF-8; nullopt when unset or empty.
std::optional<std::string> GetEnv(const char* name);

// Absolute path of the running executable.
absl::StatusOr<std::string> ExecutablePath();

// The calendar time in UTC (thread-safe gmtime).
std::tm UtcCalendar(std::time_t t);

// "what: <the system's reason>" for the last failed call of this thread.
std::string LastError(const std::string& what);

// ---- files ----

// An open file: closed (and unlocked) when destroyed.
class File {
 public:
  File() = default;
  ~File();
  File(File&& other) noexcept;
  File& operator=(File&& other) noexcept;
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  bool is_open() const;
  absl::StatusOr<std::uint64_t> Size() const;
  // Up to n bytes at offset; fewer only at the end of the file.
  absl::StatusOr<std::size_t> ReadAt(std::uint64_t offset, char* buffer, std::size_t n) const;
  // The whole file (refused when larger than max_bytes).
  absl::StatusOr<std::string> ReadAll(std::size_t max_bytes) const;
  // Appends all of data at the end of the file (files opened for writing are append-only).
  absl::Status Append(std::string_view data);
  // Data and size on stable storage (fsync; F_FULLFSYNC on macOS; FlushFileBuffers on Windows).
  absl::Status Sync();
  // Whole-file advisory lock (flock / LockFileEx), waiting for it; released by Unlock or close.
  absl::Status Lock(bool exclusive);
  // Whether path still names this very file (not replaced or removed since it was opened).
  bool IsStillAt(const std::string& path) const;
  const std::string& path() const { return path_; }

 private:
  friend struct FileAccess;
  std::intptr_t handle_ = -1;  // an fd, or a HANDLE
  std::string path_;
};

struct OpenOptions {
  bool write = false;  // open for appending, creating the file (user-only) if missing
  // Besides files of this user: files of the administrator (root), for system-wide config.
  bool allow_admin_owner = false;
  bool refuse_shared_write = false;  // refuse a file group or others can write (POSIX mode bits)
  std::uint64_t max_bytes = 0;       // refuse a larger file; 0: no limit
};

// Opens without following a symbolic link or blocking on a FIFO; the result is a regular file of
// this user (see OpenOptions). A file opened for writing is made user-only (POSIX: 0600).
// Missing file: NotFound. Anything else wrong: PermissionDenied with the reason.
// On Windows the file stays openable for others' reads, writes and deletes (the record is
// replaced while hosts hold it open); ownership is left to the per-user profile's ACL.
absl::StatusOr<File> OpenPrivateFile(const std::string& path, const OpenOptions& options);

// mkdir -p. Directories created get user-only access when private_dir, else also read/search
// for others (POSIX 0700 / 0755); existing ones are left as they are.
absl::Status MakeDirs(const std::string& dir, bool private_dir);

// Before writing into dir: it must be a directory of this user that others cannot write to
// (POSIX; on Windows: it must be a directory, not a link).
absl::Status CheckPrivateDir(const std::string& dir);

// Writes text to dir/name through a temporary file in dir, made durable, then moved over the old
// file in one step (rename / MoveFileExW REPLACE_EXISTING): readers see the old file or the new
// one, never half of one. world_readable: 0644, else 0600 (POSIX).
absl::Status WriteFileAtomically(const std::string& dir, const std::string& name, std::string_view text,
                                 bool world_readable);

// Makes a new directory entry of dir durable (POSIX fsync of the directory; nothing on Windows).
void SyncDir(const std::string& dir);

// A second name for the file at `from` (a hard link). AlreadyExists when `to` exists.
absl::Status HardLink(const std::string& from, const std::string& to);

// Removes a file: true when removed, false when there was none.
absl::StatusOr<bool> RemoveFile(const std::string& path);

// The whole file at path (links followed; for files the user names, and rule packs).
// NotFound when missing; ResourceExhausted when larger than max_bytes.
absl::StatusOr<std::string> ReadFile(const std::string& path, std::size_t max_bytes);

// Names of the regular files (and links to them) in dir, unsorted; NotFound when dir is missing.
absl::StatusOr<std::vector<std::string>> ListFiles(const std::string& dir);

// ---- Windows registry (NativeMessagingHosts keys); Unimplemented elsewhere ----

enum class RegistryHive { kCurrentUser, kLocalMachine };
// Creates key (and its parents) and sets its default value to a string.
absl::Status SetRegistryDefault(RegistryHive hive, const std::string& key, const std::string& value);
// The key's default value; nullopt when the key does not exist.
absl::StatusOr<std::optional<std::string>> GetRegistryDefault(RegistryHive hive, const std::string& key);
// Deletes key (it must have no subkeys): true when deleted, false when there was none.
absl::StatusOr<bool> DeleteRegistryKey(RegistryHive hive, const std::string& key);

}  // namespace optout::platform
