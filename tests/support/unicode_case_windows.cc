// Windows side of unicode_case.h: the invariant locale (LCMapStringEx, GetStringTypeW) on the
// code point as UTF-16 (a surrogate pair outside the BMP). A mapping that would change the length
// leaves the code point as it is (simple case mapping only).
#include <windows.h>

#include "unicode_case.h"

namespace optout::testing {
namespace {

int Utf16(char32_t c, wchar_t out[2]) {
  if (c < 0x10000) {
    out[0] = static_cast<wchar_t>(c);
    return 1;
  }
  c -= 0x10000;
  out[0] = static_cast<wchar_t>(0xD800 + (c >> 10));
  out[1] = static_cast<wchar_t>(0xDC00 + (c & 0x3FF));
  return 2;
}

char32_t Map(char32_t c, DWORD how) {
  wchar_t in[2], out[4];
  const int n = Utf16(c, in);
  const int got = ::LCMapStringEx(LOCALE_NAME_INVARIANT, how, in, n, out, 4, nullptr, nullptr, 0);
  if (got == 1 && n == 1) return static_cast<char32_t>(out[0]);
  if (got == 2 && n == 2 && out[0] >= 0xD800 && out[0] < 0xDC00) {
    return 0x10000 + ((static_cast<char32_t>(out[0]) - 0xD800) << 10) + (static_cast<char32_t>(out[1]) - 0xDC00);
  }
  return c;
}

}  // namespace

bool IsLetter(char32_t c) {
  wchar_t in[2];
  const int n = Utf16(c, in);
  WORD types[2] = {0, 0};
  return ::GetStringTypeW(CT_CTYPE1, in, n, types) && (types[0] & C1_ALPHA) != 0;
}

char32_t ToUpper(char32_t c) { return Map(c, LCMAP_UPPERCASE); }
char32_t ToLower(char32_t c) { return Map(c, LCMAP_LOWERCASE); }

}  // namespace optout::testing
