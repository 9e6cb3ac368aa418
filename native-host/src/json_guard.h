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

// Number of elements in the array that is the value of the top-level member `key`, counted
// without parsing (e.g. "controls"); -1 when there is no such member or it is not an array.
// Lets a request with far too many entries be refused before the parser builds them all.
long TopLevelArrayLength(const std::string& text, const std::string& key);

struct GuardFailure {
  ErrorCode code;
  std::string message;
};

// Runs both checks; returns true when the text may be parsed.
bool GuardJsonText(const std::string& text, int max_depth, GuardFailure* failure);

}  // namespace optout
