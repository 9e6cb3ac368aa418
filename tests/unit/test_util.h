// Small helpers shared by the unit tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace optout::testing {

// A fresh directory in the system's temporary directory (/tmp, or %TEMP%: C:\users\...\Temp),
// the user's alone as mkdtemp makes it, removed with everything in it at scope exit. path() is
// UTF-8.
class TempDir {
 public:
  TempDir() {
    namespace fs = std::filesystem;
    static std::mt19937_64 rng(std::random_device{}() ^
                               static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    const fs::path base = fs::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
      char name[32];
      std::snprintf(name, sizeof name, "optout-test-%012llx",
                    static_cast<unsigned long long>(rng() & 0xffffffffffffULL));
      std::error_code error;
      if (fs::create_directory(base / name, error)) {
        fs::permissions(base / name, fs::perms::owner_all, error);
        path_ = (base / name).u8string();
        return;
      }
    }
    std::fprintf(stderr, "TempDir: cannot create a directory in %s\n", base.u8string().c_str());
    std::abort();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(std::filesystem::u8path(path_), ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Paths are UTF-8 (u8path: on Windows the wide file APIs, not the ANSI code page).
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(std::filesystem::u8path(path), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(std::filesystem::u8path(path), std::ios::binary | std::ios::trunc);
  out << data;
}

inline std::string LengthPrefix(std::uint32_t n) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &n, 4);
  return out;
}

inline std::string Frame(const std::string& body) {
  return LengthPrefix(static_cast<std::uint32_t>(body.size())) + body;
}

// Whether two paths name the same place, written with either separator (Windows: / and \).
inline bool SamePath(const std::string& a, const std::string& b) {
  return std::filesystem::u8path(a).lexically_normal() == std::filesystem::u8path(b).lexically_normal();
}

inline std::string SourcePath(const std::string& relative) { return std::string(OPTOUT_SOURCE_DIR) + "/" + relative; }

}  // namespace optout::testing
