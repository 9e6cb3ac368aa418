// The serve loop: one frame in, one frame out, until the browser closes the port.
#pragma once

#include "request_handler.h"

namespace optout {

// Exit statuses of serve mode.
inline constexpr int kExitCleanEof = 0;
inline constexpr int kExitIoError = 4;
inline constexpr int kExitTruncated = 3;

class HostSession {
 public:
  HostSession(RequestHandler* handler, int in_fd, int out_fd) : handler_(handler), in_fd_(in_fd), out_fd_(out_fd) {}

  // Serves until EOF or an unrecoverable stream error; returns the process exit status.
  int Run();

 private:
  RequestHandler* handler_;
  int in_fd_;
  int out_fd_;
};

}  // namespace optout
