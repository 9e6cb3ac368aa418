// The error table of protocol.md: codes never change meaning, new ones get new numbers.
#pragma once

namespace optout {

enum class ErrorCode : int {
  kFrameEmpty = 1001,
  kFrameTooLarge = 1002,
  kInvalidUtf8 = 1101,
  kInvalidJson = 1102,
  kTooDeep = 1103,
  kNotAnObject = 1201,
  kMissingField = 1202,
  kBadField = 1203,
  kUnknownType = 1204,
  kUnsupportedVersion = 1205,
  kTooManyControls = 1206,
  kCannotLearn = 1207,
  kRecordWriteFailed = 1301,
  kRecordUnreadable = 1302,
  kRulesWriteFailed = 1303,
  kCallerNotAllowed = 1401,
  kReplyTooLarge = 1501,
  kInternal = 1900,
};

// Stable snake_case name sent next to the code, e.g. "frame_empty".
const char* ErrorName(ErrorCode code);

}  // namespace optout
