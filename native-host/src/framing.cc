#include "framing.h"

#include <cstring>
#include <vector>

#include "host_limits.h"
#include "platform.h"

namespace optout {

long ReadExactly(int fd, void* buffer, std::size_t n) {
  auto* out = static_cast<char*>(buffer);
  std::size_t done = 0;
  while (done < n) {
    long got = platform::ReadStream(fd, out + done, n - done);
    if (got < 0) return -1;
    if (got == 0) break;  // EOF
    done += static_cast<std::size_t>(got);
  }
  return static_cast<long>(done);
}

namespace {

// Skips `remaining` bytes without holding them, so a huge frame costs no memory.
FrameStatus Discard(int fd, std::uint64_t remaining) {
  std::vector<char> chunk(kDiscardChunkBytes);
  while (remaining > 0) {
    std::size_t want = remaining < chunk.size() ? static_cast<std::size_t>(remaining) : chunk.size();
    long got = ReadExactly(fd, chunk.data(), want);
    if (got < 0) return FrameStatus::kIoError;
    if (static_cast<std::size_t>(got) < want) return FrameStatus::kTruncated;
    remaining -= want;
  }
  return FrameStatus::kTooLarge;
}

}  // namespace

FrameResult ReadFrame(int fd, std::uint32_t max_bytes, std::string* body) {
  FrameResult result;
  body->clear();
  unsigned char prefix[4];
  long got = ReadExactly(fd, prefix, sizeof prefix);
  if (got < 0) return {FrameStatus::kIoError, 0};
  if (got == 0) return {FrameStatus::kEof, 0};
  if (got < 4) return {FrameStatus::kTruncated, 0};

  // Native byte order, as the browser writes it; memcpy avoids aliasing/alignment traps.
  std::uint32_t length = 0;
  std::memcpy(&length, prefix, sizeof length);
  result.declared_length = length;

  if (length == 0) {
    result.status = FrameStatus::kEmpty;
    return result;
  }
  if (length > max_bytes) {
    result.status = Discard(fd, length);
    return result;
  }
  body->resize(length);
  got = ReadExactly(fd, body->data(), length);
  if (got < 0) {
    result.status = FrameStatus::kIoError;
  } else if (static_cast<std::uint32_t>(got) < length) {
    body->clear();
    result.status = FrameStatus::kTruncated;
  }
  return result;
}

bool WriteFrame(int fd, const std::string& body) {
  if (body.size() > UINT32_MAX) return false;
  std::uint32_t length = static_cast<std::uint32_t>(body.size());
  // One buffer, so a reader never sees a length without its body when writes interleave.
  std::string frame(sizeof length + body.size(), '\0');
  std::memcpy(frame.data(), &length, sizeof length);
  std::memcpy(frame.data() + sizeof length, body.data(), body.size());
  return platform::WriteStream(fd, frame);
}

}  // namespace optout
