// Which operating system, and its path rules, as plain values: code that decides where things go
// takes an Os, so Linux CI can test the Windows and macOS answers too (os_locations.h).
#pragma once

#include <string>

namespace optout {

enum class Os { kLinux, kWindows, kMacOs };

// The system this binary was built for.
constexpr Os ThisOs() {
#if defined(_WIN32)
  return Os::kWindows;
#elif defined(__APPLE__)
  return Os::kMacOs;
#else
  return Os::kLinux;
#endif
}

const char* OsName(Os os);  // "linux", "windows", "macos"

// "C:\x", "C:/x", "\\server\share\x" on Windows; "/x" elsewhere. Relative paths would resolve
// against whatever directory a browser starts the host in: never what was meant.
bool IsAbsolutePath(Os os, const std::string& path);

// dir + separator + name, without doubling a separator dir already ends with.
std::string JoinPath(Os os, const std::string& dir, const std::string& name);

inline bool IsAbsolutePath(const std::string& path) { return IsAbsolutePath(ThisOs(), path); }
inline std::string JoinPath(const std::string& dir, const std::string& name) { return JoinPath(ThisOs(), dir, name); }

}  // namespace optout
