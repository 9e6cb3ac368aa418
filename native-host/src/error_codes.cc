#include "error_codes.h"

namespace optout {

const char* ErrorName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kFrameEmpty: return "frame_empty";
    case ErrorCode::kFrameTooLarge: return "frame_too_large";
    case ErrorCode::kInvalidUtf8: return "invalid_utf8";
    case ErrorCode::kInvalidJson: return "invalid_json";
    case ErrorCode::kTooDeep: return "too_deep";
    case ErrorCode::kNotAnObject: return "not_an_object";
    case ErrorCode::kMissingField: return "missing_field";
    case ErrorCode::kBadField: return "bad_field";
    case ErrorCode::kUnknownType: return "unknown_type";
    case ErrorCode::kUnsupportedVersion: return "unsupported_version";
    case ErrorCode::kTooManyControls: return "too_many_controls";
    case ErrorCode::kCannotLearn: return "cannot_learn";
    case ErrorCode::kRecordWriteFailed: return "record_write_failed";
    case ErrorCode::kRecordUnreadable: return "record_unreadable";
    case ErrorCode::kRulesWriteFailed: return "rules_write_failed";
    case ErrorCode::kCallerNotAllowed: return "caller_not_allowed";
    case ErrorCode::kReplyTooLarge: return "reply_too_large";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";  // unreachable for valid enum values; keeps -Wreturn-type quiet
}

}  // namespace optout
