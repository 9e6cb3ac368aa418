// Windows side of platform.h. Every call is the wide-character API with UTF-8 converted at this
// boundary, so a user name like "Zoë" or "山田" in %LOCALAPPDATA% works; files are opened
// binary, not inherited by child processes, and shareable for delete (so the record can be
// replaced while another host holds it open, as rename allows on POSIX).
#include <fcntl.h>
#include <io.h>
#include <windows.h>
// After windows.h:
#include <shellapi.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "os.h"
#include "platform.h"

namespace optout::platform {

struct FileAccess {
  static HANDLE Handle(const File& f) { return reinterpret_cast<HANDLE>(f.handle_); }
  static File Make(HANDLE h, std::string path) {
    File f;
    f.handle_ = reinterpret_cast<std::intptr_t>(h);
    f.path_ = std::move(path);
    return f;
  }
};

namespace {

HANDLE HandleOf(const File& f) { return FileAccess::Handle(f); }

std::wstring Wide(const std::string& utf8) {
  if (utf8.empty()) return std::wstring();
  int n = ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(n), L'\0');
  ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
  return out;
}

std::string Utf8(const wchar_t* wide, std::size_t length) {
  if (length == 0) return std::string();
  int n = ::WideCharToMultiByte(CP_UTF8, 0, wide, static_cast<int>(length), nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(n), '\0');
  ::WideCharToMultiByte(CP_UTF8, 0, wide, static_cast<int>(length), out.data(), n, nullptr, nullptr);
  return out;
}
std::string Utf8(const std::wstring& wide) { return Utf8(wide.data(), wide.size()); }

bool IsMissing(DWORD error) { return error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND; }

// The status for a failed call, by what the last error means.
absl::Status Failure(const std::string& what) {
  const DWORD error = ::GetLastError();
  std::string message = LastError(what);
  if (IsMissing(error)) return absl::NotFoundError(message);
  if (error == ERROR_ACCESS_DENIED || error == ERROR_SHARING_VIOLATION) return absl::PermissionDeniedError(message);
  return absl::DataLossError(message);
}

constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

struct Info {
  BY_HANDLE_FILE_INFORMATION data{};
  bool ok = false;
};
Info InfoOf(HANDLE h) {
  Info info;
  info.ok = ::GetFileInformationByHandle(h, &info.data) != 0;
  return info;
}

// Why an opened handle is not a plain file we may use, or "".
std::string NotAPlainFile(HANDLE h, const std::string& path) {
  Info info = InfoOf(h);
  if (!info.ok) return LastError(absl::StrCat("cannot stat ", path));
  if ((info.data.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
    return absl::StrCat(path, " is a symbolic link or junction; refusing to follow it");
  }
  if ((info.data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0 || ::GetFileType(h) != FILE_TYPE_DISK) {
    return absl::StrCat(path, " is not a regular file; refusing to use it");
  }
  return "";
}

// Moves temp over path. A file someone has open cannot be replaced; a browser reading a
// manifest or a host reading callers.json holds it only for a moment, so try again for ~1 s.
bool ReplaceRetrying(const std::string& temp, const std::string& path) {
  const std::wstring from = Wide(temp);
  const std::wstring to = Wide(path);
  for (int attempt = 0;; ++attempt) {
    if (::MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) return true;
    const DWORD error = ::GetLastError();
    if (attempt >= 20 || (error != ERROR_ACCESS_DENIED && error != ERROR_SHARING_VIOLATION)) return false;
    ::Sleep(50);
    ::SetLastError(error);
  }
}

}  // namespace

// ---- process ----

void PrepareStdio() {
  // Text mode would turn a length byte 0x0a into 0x0d 0x0a and stop reading at 0x1a.
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  // The CLI prints UTF-8 (setting titles in 11 languages): a console shows it as such.
  if (_isatty(_fileno(stdout)) != 0) ::SetConsoleOutputCP(CP_UTF8);
}

bool StdinIsTerminal() { return _isatty(_fileno(stdin)) != 0; }

long ReadStream(int fd, void* buffer, std::size_t n) {
  const unsigned chunk = n > 0x40000000u ? 0x40000000u : static_cast<unsigned>(n);
  for (;;) {
    int got = _read(fd, buffer, chunk);
    if (got < 0 && errno == EINTR) continue;
    return got;
  }
}

bool WriteStream(int fd, std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const std::size_t left = data.size() - done;
    const unsigned chunk = left > 0x40000000u ? 0x40000000u : static_cast<unsigned>(left);
    int put = _write(fd, data.data() + done, chunk);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    done += static_cast<std::size_t>(put);
  }
  return true;
}

std::vector<std::string> Arguments(int argc, char** argv) {
  int count = 0;
  wchar_t** wide = ::CommandLineToArgvW(::GetCommandLineW(), &count);
  if (wide == nullptr) return std::vector<std::string>(argv, argv + argc);  // the ANSI ones, better than none
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(Utf8(std::wstring(wide[i])));
  ::LocalFree(wide);
  return out;
}

std::optional<std::string> GetEnv(const char* name) {
  const std::wstring wname = Wide(name);
  DWORD n = ::GetEnvironmentVariableW(wname.c_str(), nullptr, 0);
  if (n == 0) return std::nullopt;
  std::wstring value(n, L'\0');
  n = ::GetEnvironmentVariableW(wname.c_str(), value.data(), n);
  if (n == 0) return std::nullopt;
  value.resize(n);
  return Utf8(value);
}

absl::StatusOr<std::string> ExecutablePath() {
  std::wstring buffer(MAX_PATH, L'\0');
  for (;;) {
    DWORD n = ::GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
    if (n == 0) return absl::InternalError(LastError("cannot find the executable's path"));
    if (n < buffer.size()) {
      buffer.resize(n);
      return Utf8(buffer);
    }
    buffer.resize(buffer.size() * 2);  // truncated: long paths
  }
}

std::tm UtcCalendar(std::time_t t) {
  std::tm tm{};
  gmtime_s(&tm, &t);
  return tm;
}

std::string LastError(const std::string& what) {
  const DWORD error = ::GetLastError();
  wchar_t* text = nullptr;
  DWORD n =
      ::FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                       nullptr, error, 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
  std::string reason = n == 0 ? absl::StrCat("error ", error) : Utf8(text, n);
  if (text != nullptr) ::LocalFree(text);
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == '\r' || reason.back() == '.')) reason.pop_back();
  ::SetLastError(error);  // so the caller can still classify it
  return absl::StrCat(what, ": ", reason);
}

// ---- File ----

File::~File() {
  if (is_open()) ::CloseHandle(HandleOf(*this));
}
File::File(File&& other) noexcept : handle_(other.handle_), path_(std::move(other.path_)) { other.handle_ = -1; }
File& File::operator=(File&& other) noexcept {
  if (this != &other) {
    if (is_open()) ::CloseHandle(HandleOf(*this));
    handle_ = other.handle_;
    path_ = std::move(other.path_);
    other.handle_ = -1;
  }
  return *this;
}

bool File::is_open() const { return handle_ != -1 && handle_ != 0; }

absl::StatusOr<std::uint64_t> File::Size() const {
  LARGE_INTEGER size{};
  if (!::GetFileSizeEx(HandleOf(*this), &size)) return Failure(absl::StrCat("cannot stat ", path_));
  return static_cast<std::uint64_t>(size.QuadPart);
}

absl::StatusOr<std::size_t> File::ReadAt(std::uint64_t offset, char* buffer, std::size_t n) const {
  std::size_t done = 0;
  while (done < n) {
    OVERLAPPED at{};
    const std::uint64_t where = offset + done;
    at.Offset = static_cast<DWORD>(where);
    at.OffsetHigh = static_cast<DWORD>(where >> 32);
    const std::size_t left = n - done;
    DWORD got = 0;
    if (!::ReadFile(HandleOf(*this), buffer + done, left > 0x40000000u ? 0x40000000u : static_cast<DWORD>(left), &got,
                    &at)) {
      if (::GetLastError() == ERROR_HANDLE_EOF) break;
      return Failure(absl::StrCat("cannot read ", path_));
    }
    if (got == 0) break;
    done += got;
  }
  return done;
}

absl::Status File::Append(std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    // Offset 0xFFFFFFFF:0xFFFFFFFF writes at the end of the file, as O_APPEND does.
    OVERLAPPED at{};
    at.Offset = 0xFFFFFFFF;
    at.OffsetHigh = 0xFFFFFFFF;
    const std::size_t left = data.size() - done;
    DWORD put = 0;
    if (!::WriteFile(HandleOf(*this), data.data() + done, left > 0x40000000u ? 0x40000000u : static_cast<DWORD>(left),
                     &put, &at) ||
        put == 0) {
      return Failure(absl::StrCat("cannot write ", path_));
    }
    done += put;
  }
  return absl::OkStatus();
}

absl::Status File::Sync() {
  if (!::FlushFileBuffers(HandleOf(*this))) return Failure(absl::StrCat("cannot flush ", path_));
  return absl::OkStatus();
}

absl::Status File::Lock(bool exclusive) {
  OVERLAPPED from_start{};
  if (!::LockFileEx(HandleOf(*this), exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0, 0, MAXDWORD, MAXDWORD, &from_start)) {
    return absl::UnavailableError(LastError(absl::StrCat("cannot lock ", path_)));
  }
  return absl::OkStatus();
}

bool File::IsStillAt(const std::string& path) const {
  HANDLE now = ::CreateFileW(Wide(path).c_str(), 0, kShareAll, nullptr, OPEN_EXISTING,
                             FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (now == INVALID_HANDLE_VALUE) return false;
  Info a = InfoOf(HandleOf(*this));
  Info b = InfoOf(now);
  ::CloseHandle(now);
  return a.ok && b.ok && a.data.dwVolumeSerialNumber == b.data.dwVolumeSerialNumber &&
         a.data.nFileIndexHigh == b.data.nFileIndexHigh && a.data.nFileIndexLow == b.data.nFileIndexLow;
}

// ---- files ----

absl::StatusOr<File> OpenPrivateFile(const std::string& path, const OpenOptions& options) {
  // Not inherited (no SECURITY_ATTRIBUTES); a new file takes the ACL of its directory, which in
  // the user's profile is the user's alone. Reparse points are opened, not followed.
  const DWORD access = options.write ? GENERIC_READ | GENERIC_WRITE : GENERIC_READ;
  HANDLE h = ::CreateFileW(Wide(path).c_str(), access, kShareAll, nullptr, options.write ? OPEN_ALWAYS : OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) return Failure(absl::StrCat("cannot open ", path));
  File file = FileAccess::Make(h, path);
  std::string problem = NotAPlainFile(h, path);
  if (problem.empty() && options.max_bytes != 0) {
    absl::StatusOr<std::uint64_t> size = file.Size();
    if (!size.ok()) return size.status();
    if (*size > options.max_bytes) problem = absl::StrCat(path, " is larger than ", options.max_bytes, " bytes");
  }
  if (!problem.empty()) return absl::PermissionDeniedError(problem);
  return file;
}

absl::Status MakeDirs(const std::string& dir, bool) {
  // Skip the root: "C:\" or "\\server\share\".
  std::size_t start = 0;
  if (dir.size() >= 2 && dir[1] == ':') {
    start = 3;
  } else if (dir.rfind("\\\\", 0) == 0 || dir.rfind("//", 0) == 0) {
    start = dir.find_first_of("\\/", dir.find_first_of("\\/", 2) + 1);
    if (start == std::string::npos) return absl::OkStatus();
    ++start;
  }
  for (std::size_t pos = start; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '\\' && dir[pos] != '/') continue;
    std::string part = dir.substr(0, pos);
    if (part.size() <= start) continue;
    if (!::CreateDirectoryW(Wide(part).c_str(), nullptr) && ::GetLastError() != ERROR_ALREADY_EXISTS) {
      return absl::PermissionDeniedError(LastError(absl::StrCat("cannot create ", part)));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckPrivateDir(const std::string& dir) {
  DWORD attributes = ::GetFileAttributesW(Wide(dir).c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES)
    return absl::PermissionDeniedError(LastError(absl::StrCat("cannot stat ", dir)));
  if ((attributes & FILE_ATTRIBUTE_DIRECTORY) == 0)
    return absl::FailedPreconditionError(absl::StrCat(dir, " is not a directory"));
  if ((attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
    return absl::PermissionDeniedError(absl::StrCat(dir, " is a link or junction; refusing to write there"));
  }
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& dir, const std::string& name, std::string_view text, bool) {
  const std::string path = JoinPath(dir, name);
  HANDLE h = INVALID_HANDLE_VALUE;
  std::string temp;
  for (unsigned n = 0; n < 100 && h == INVALID_HANDLE_VALUE; ++n) {
    temp = JoinPath(dir, absl::StrCat(".", name, ".", ::GetCurrentProcessId(), ".", n));
    h = ::CreateFileW(Wide(temp).c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE && ::GetLastError() != ERROR_FILE_EXISTS) break;
  }
  if (h == INVALID_HANDLE_VALUE)
    return absl::PermissionDeniedError(LastError(absl::StrCat("cannot create a file in ", dir)));
  bool ok = true;
  std::size_t done = 0;
  while (ok && done < text.size()) {
    DWORD put = 0;
    const std::size_t left = text.size() - done;
    ok = ::WriteFile(h, text.data() + done, left > 0x40000000u ? 0x40000000u : static_cast<DWORD>(left), &put,
                     nullptr) &&
         put > 0;
    done += put;
  }
  ok = ok && ::FlushFileBuffers(h);
  std::string failure = ok ? "" : LastError(absl::StrCat("cannot write ", temp));
  ::CloseHandle(h);
  if (ok && !ReplaceRetrying(temp, path)) {
    ok = false;
    failure = LastError(absl::StrCat("cannot replace ", path));
  }
  if (!ok) {
    ::DeleteFileW(Wide(temp).c_str());
    return absl::PermissionDeniedError(failure);
  }
  return absl::OkStatus();
}

void SyncDir(const std::string&) {}  // NTFS journals directory entries itself

absl::Status HardLink(const std::string& from, const std::string& to) {
  if (::CreateHardLinkW(Wide(to).c_str(), Wide(from).c_str(), nullptr)) return absl::OkStatus();
  if (::GetLastError() == ERROR_ALREADY_EXISTS || ::GetLastError() == ERROR_FILE_EXISTS) {
    return absl::AlreadyExistsError(absl::StrCat(to, " exists"));
  }
  return absl::DataLossError(LastError(absl::StrCat("cannot link ", from, " to ", to)));
}

absl::StatusOr<bool> RemoveFile(const std::string& path) {
  if (::DeleteFileW(Wide(path).c_str())) return true;
  if (IsMissing(::GetLastError())) return false;
  return absl::PermissionDeniedError(LastError(absl::StrCat("cannot remove ", path)));
}

absl::StatusOr<std::string> ReadFile(const std::string& path, std::size_t max_bytes) {
  HANDLE h = ::CreateFileW(Wide(path).c_str(), GENERIC_READ, kShareAll, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL,
                           nullptr);
  if (h == INVALID_HANDLE_VALUE) return Failure(absl::StrCat("cannot open ", path));
  File file = FileAccess::Make(h, path);
  Info info = InfoOf(h);
  if (!info.ok || (info.data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0 || ::GetFileType(h) != FILE_TYPE_DISK) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not a regular file"));
  }
  return file.ReadAll(max_bytes);
}

absl::StatusOr<std::vector<std::string>> ListFiles(const std::string& dir) {
  WIN32_FIND_DATAW found{};
  HANDLE search = ::FindFirstFileW(Wide(JoinPath(dir, "*")).c_str(), &found);
  if (search == INVALID_HANDLE_VALUE) {
    if (::GetLastError() == ERROR_FILE_NOT_FOUND) return std::vector<std::string>{};  // empty directory
    return absl::NotFoundError(LastError(absl::StrCat("cannot open directory ", dir)));
  }
  std::vector<std::string> names;
  do {
    if ((found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) == 0) names.push_back(Utf8(std::wstring(found.cFileName)));
  } while (::FindNextFileW(search, &found));
  ::FindClose(search);
  return names;
}

// ---- registry ----

namespace {
HKEY Root(RegistryHive hive) { return hive == RegistryHive::kLocalMachine ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER; }
const char* RootName(RegistryHive hive) { return hive == RegistryHive::kLocalMachine ? "HKLM" : "HKCU"; }
absl::Status RegistryFailure(LONG rc, const std::string& what) {
  ::SetLastError(static_cast<DWORD>(rc));
  if (rc == ERROR_ACCESS_DENIED) return absl::PermissionDeniedError(LastError(what));
  return absl::UnavailableError(LastError(what));
}
}  // namespace

absl::Status SetRegistryDefault(RegistryHive hive, const std::string& key, const std::string& value) {
  const std::string where = absl::StrCat(RootName(hive), "\\", key);
  HKEY opened = nullptr;
  LONG rc = ::RegCreateKeyExW(Root(hive), Wide(key).c_str(), 0, nullptr, 0, KEY_SET_VALUE, nullptr, &opened, nullptr);
  if (rc != ERROR_SUCCESS) return RegistryFailure(rc, absl::StrCat("cannot create ", where));
  const std::wstring data = Wide(value);
  rc = ::RegSetValueExW(opened, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(data.c_str()),
                        static_cast<DWORD>((data.size() + 1) * sizeof(wchar_t)));
  ::RegCloseKey(opened);
  if (rc != ERROR_SUCCESS) return RegistryFailure(rc, absl::StrCat("cannot set ", where));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> GetRegistryDefault(RegistryHive hive, const std::string& key) {
  const std::string where = absl::StrCat(RootName(hive), "\\", key);
  DWORD bytes = 0;
  LONG rc = ::RegGetValueW(Root(hive), Wide(key).c_str(), nullptr, RRF_RT_REG_SZ, nullptr, nullptr, &bytes);
  if (rc == ERROR_FILE_NOT_FOUND) return std::optional<std::string>();
  if (rc != ERROR_SUCCESS) return RegistryFailure(rc, absl::StrCat("cannot read ", where));
  std::wstring data(bytes / sizeof(wchar_t) + 1, L'\0');
  bytes = static_cast<DWORD>(data.size() * sizeof(wchar_t));
  rc = ::RegGetValueW(Root(hive), Wide(key).c_str(), nullptr, RRF_RT_REG_SZ, nullptr, data.data(), &bytes);
  if (rc != ERROR_SUCCESS) return RegistryFailure(rc, absl::StrCat("cannot read ", where));
  data.resize(wcsnlen(data.c_str(), data.size()));
  return std::optional<std::string>(Utf8(data));
}

absl::StatusOr<bool> DeleteRegistryKey(RegistryHive hive, const std::string& key) {
  LONG rc = ::RegDeleteKeyW(Root(hive), Wide(key).c_str());
  if (rc == ERROR_SUCCESS) return true;
  if (rc == ERROR_FILE_NOT_FOUND) return false;
  return RegistryFailure(rc, absl::StrCat("cannot delete ", RootName(hive), "\\", key));
}

}  // namespace optout::platform
