#include "host_session.h"

#include "absl/strings/str_cat.h"
#include "framing.h"
#include "host_limits.h"
#include "log.h"

namespace optout {

int HostSession::Run() {
  std::string body;
  for (;;) {
    FrameResult frame = ReadFrame(in_fd_, kMaxRequestBytes, &body);
    std::string reply;
    switch (frame.status) {
      case FrameStatus::kEof: return kExitCleanEof;
      case FrameStatus::kTruncated: Log("input ended inside a frame; exiting"); return kExitTruncated;
      case FrameStatus::kIoError: Log("read from stdin failed; exiting"); return kExitIoError;
      case FrameStatus::kEmpty: reply = ErrorReply(nullptr, ErrorCode::kFrameEmpty, "frame of length 0"); break;
      case FrameStatus::kTooLarge:
        Log(absl::StrCat("discarded a frame of ", frame.declared_length, " bytes"));
        reply = ErrorReply(
            nullptr, ErrorCode::kFrameTooLarge,
            absl::StrCat("frame of ", frame.declared_length, " bytes is over the ", kMaxRequestBytes, " byte limit"));
        break;
      case FrameStatus::kOk: reply = handler_->Handle(body); break;
    }
    if (!WriteFrame(out_fd_, reply)) {
      Log("write to stdout failed (browser gone?); exiting");
      return kExitIoError;
    }
  }
}

}  // namespace optout
