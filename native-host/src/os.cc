#include "os.h"

namespace optout {

const char* OsName(Os os) {
  switch (os) {
    case Os::kWindows: return "windows";
    case Os::kMacOs: return "macos";
    case Os::kLinux: break;
  }
  return "linux";
}

bool IsAbsolutePath(Os os, const std::string& path) {
  if (os != Os::kWindows) return !path.empty() && path[0] == '/';
  auto slash = [](char c) { return c == '\\' || c == '/'; };
  const bool drive = path.size() >= 3 && ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) &&
                     path[1] == ':' && slash(path[2]);
  const bool unc = path.size() >= 3 && slash(path[0]) && slash(path[1]) && !slash(path[2]);
  return drive || unc;  // "\x" (current drive) and "C:x" (drive-relative) are not
}

std::string JoinPath(Os os, const std::string& dir, const std::string& name) {
  const char sep = os == Os::kWindows ? '\\' : '/';
  if (dir.empty()) return name;
  const char last = dir.back();
  if (last == sep || last == '/') return dir + name;
  return dir + sep + name;
}

}  // namespace optout
