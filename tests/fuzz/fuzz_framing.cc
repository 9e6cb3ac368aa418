// libFuzzer target: bytes -> the frame reader, as the serve loop uses it, until the stream ends.
// The input sits in a memfd so ReadFrame reads a real fd (short reads included). A small cap
// makes the "too large, discard" path reachable with small inputs.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "framing.h"

namespace {

constexpr std::uint32_t kFuzzCap = 512;

int MemFd(const std::uint8_t* data, std::size_t size) {
  int fd = ::memfd_create("fuzz-frames", MFD_CLOEXEC);
  if (fd < 0) std::abort();
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n <= 0) std::abort();
    done += static_cast<std::size_t>(n);
  }
  ::lseek(fd, 0, SEEK_SET);
  return fd;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  int fd = MemFd(data, size);
  std::string body;
  std::uint64_t consumed = 0;
  for (;;) {
    optout::FrameResult r = optout::ReadFrame(fd, kFuzzCap, &body);
    if (r.status == optout::FrameStatus::kEof || r.status == optout::FrameStatus::kTruncated ||
        r.status == optout::FrameStatus::kIoError) {
      if (r.status == optout::FrameStatus::kEof && consumed != size) std::abort();  // EOF only at the end
      if (r.status == optout::FrameStatus::kIoError) std::abort();                  // a memfd never fails
      break;
    }
    consumed += 4;
    if (r.status == optout::FrameStatus::kOk) {
      // A complete frame: exactly the declared bytes, within the cap, equal to the input.
      if (body.size() != r.declared_length || body.empty() || body.size() > kFuzzCap) std::abort();
      if (std::memcmp(body.data(), data + consumed, body.size()) != 0) std::abort();
    } else if (r.status == optout::FrameStatus::kEmpty) {
      if (r.declared_length != 0 || !body.empty()) std::abort();
    } else if (r.status == optout::FrameStatus::kTooLarge) {
      if (r.declared_length <= kFuzzCap || !body.empty()) std::abort();
    }
    consumed += r.declared_length;
  }
  ::close(fd);

  // WriteFrame -> ReadFrame round trip of the input as one body.
  if (size > 0 && size <= kFuzzCap) {
    int out = ::memfd_create("fuzz-write", MFD_CLOEXEC);
    if (!optout::WriteFrame(out, std::string(reinterpret_cast<const char*>(data), size))) std::abort();
    ::lseek(out, 0, SEEK_SET);
    optout::FrameResult r = optout::ReadFrame(out, kFuzzCap, &body);
    if (r.status != optout::FrameStatus::kOk || body.size() != size || std::memcmp(body.data(), data, size) != 0) {
      std::abort();
    }
    ::close(out);
  }
  return 0;
}
