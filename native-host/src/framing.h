// Native messaging frames: a 32-bit native-byte-order length, then that many bytes of JSON.
#pragma once

#include <cstdint>
#include <string>

namespace optout {

enum class FrameStatus {
  kOk,         // body holds a complete frame
  kEof,        // clean end of input at a frame boundary
  kEmpty,      // length 0; the stream is still in sync
  kTooLarge,   // length over the cap; the body was read and discarded, the stream is in sync
  kTruncated,  // input ended inside the length or the body; nothing more can be read
  kIoError,    // read() failed for a reason other than EINTR
};

struct FrameResult {
  FrameStatus status = FrameStatus::kOk;
  std::uint32_t declared_length = 0;  // the length prefix as read (for kTooLarge logging)
};

// Reads one frame from fd. The cap is checked before allocating anything for the body.
FrameResult ReadFrame(int fd, std::uint32_t max_bytes, std::string* body);

// Writes length + body in full (retrying on EINTR and short writes). Returns false on error.
// Writes go straight to the fd, so nothing is left buffered once this returns.
bool WriteFrame(int fd, const std::string& body);

// Reads exactly n bytes unless EOF or an error comes first. Returns the number of bytes read,
// or -1 on error.
long ReadExactly(int fd, void* buffer, std::size_t n);

}  // namespace optout
