#include "json_guard.h"

#include "absl/strings/str_cat.h"

namespace optout {

bool IsValidUtf8(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;  // continuation byte, overlong C0/C1, or F5..FF
    }
    if (i + len > n) return false;
    if (s[i + 1] < lo || s[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

namespace {

// Walks JSON text telling apart what is inside strings: `outside(c)` gets every byte outside
// strings (the opening quote included), `inside(c)` every byte of string content (escapes as
// written). Either returns false to stop early.
template <typename Outside, typename Inside>
void ScanJsonText(const std::string& text, Outside outside, Inside inside) {
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
        continue;
      }
      if (!inside(c)) return;
      continue;
    }
    if (c == '"') in_string = true;
    if (!outside(c)) return;
  }
}

}  // namespace

int JsonNestingDepth(const std::string& text, int limit) {
  int depth = 0, max_depth = 0;
  ScanJsonText(
      text,
      [&](char c) {
        if (c == '[' || c == '{') {
          if (++depth > max_depth) max_depth = depth;
          return max_depth <= limit;  // past the limit: no need to look further
        }
        if ((c == ']' || c == '}') && depth > 0) --depth;  // unbalanced input is the parser's problem
        return true;
      },
      [](char) { return true; });
  return max_depth;
}

long TopLevelArrayLength(const std::string& text, const std::string& key) {
  int depth = 0;
  std::string string_at_1;   // the last string at depth 1: a key if a ':' follows
  std::string member;        // the top-level member whose value comes next
  bool after_colon = false;  // at depth 1, right after "member":
  bool counting = false, saw_element = false;
  long commas = 0, result = -1;
  ScanJsonText(
      text,
      [&](char c) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
        if (counting && depth == 2 && c != ']' && c != ',') saw_element = true;
        const bool value_follows_colon = after_colon;
        after_colon = false;
        switch (c) {
          case '"':
            if (depth == 1) string_at_1.clear();
            break;
          case ':':
            if (depth == 1) member = string_at_1, after_colon = true;
            break;
          case '[':
            if (depth == 1 && value_follows_colon && member == key) counting = true;
            ++depth;
            break;
          case '{': ++depth; break;
          case ']':
          case '}':
            if (depth > 0) --depth;
            if (counting && depth == 1) {
              result = saw_element ? commas + 1 : 0;
              return false;
            }
            break;
          case ',':
            if (counting && depth == 2) ++commas;
            break;
          default: break;
        }
        return true;
      },
      [&](char c) {
        if (depth == 1) string_at_1 += c;
        return true;
      });
  return result;
}

bool GuardJsonText(const std::string& text, int max_depth, GuardFailure* failure) {
  if (!IsValidUtf8(text)) {
    *failure = {ErrorCode::kInvalidUtf8, "body is not valid UTF-8"};
    return false;
  }
  if (JsonNestingDepth(text, max_depth) > max_depth) {
    *failure = {ErrorCode::kTooDeep, absl::StrCat("nesting deeper than ", max_depth)};
    return false;
  }
  return true;
}

}  // namespace optout
