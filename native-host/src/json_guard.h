// Cheap checks run before a request reaches the JSON parser: valid UTF-8, and a bounded
// nesting depth so deeply nested input can never drive the recursive parser.
#pragma once

#include <string>

#include "error_codes.h"

namespace optout {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
bool IsValidUtf8(const std::string& text);

// Maximum nesting of [ and { outside strings. Stops counting once `limit` is exceeded.
int JsonNestingDepth(const std::string& text, int limit);

struct GuardFailure {
  ErrorCode code;
  std::string message;
};

// Runs both checks; returns true when the text may be parsed.
bool GuardJsonText(const std::string& text, int max_depth, GuardFailure* failure);

}  // namespace optout
