// The parts of platform.h's File that are the same on every system, built on the per-system
// Size and ReadAt.
#include "absl/strings/str_cat.h"
#include "platform.h"

namespace optout::platform {

absl::StatusOr<std::string> File::ReadAll(std::size_t max_bytes) const {
  absl::StatusOr<std::uint64_t> size = Size();
  if (!size.ok()) return size.status();
  auto too_large = [&] {
    return absl::ResourceExhaustedError(absl::StrCat(path_, " is larger than ", max_bytes, " bytes"));
  };
  if (*size > max_bytes) return too_large();
  std::string text;
  std::string buffer(std::size_t{64} * 1024, '\0');
  for (;;) {  // to the real end: the file may have grown since the size was taken
    absl::StatusOr<std::size_t> got = ReadAt(text.size(), buffer.data(), buffer.size());
    if (!got.ok()) return got.status();
    text.append(buffer.data(), *got);
    if (text.size() > max_bytes) return too_large();
    if (*got < buffer.size()) return text;
  }
}

}  // namespace optout::platform
