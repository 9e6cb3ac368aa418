// POSIX side of unicode_case.h: the C.UTF-8 locale (glibc maps all of Unicode there). Without it
// (never on Debian 12) only ASCII letters are letters and change case.
#include <locale.h>
#include <wctype.h>

#include <cctype>

#include "unicode_case.h"

namespace optout::testing {
namespace {

locale_t Utf8Locale() {
  static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return loc;
}

}  // namespace

bool IsLetter(char32_t c) {
  const locale_t loc = Utf8Locale();
  if (loc == static_cast<locale_t>(0)) return c < 0x80 && std::isalpha(static_cast<int>(c));
  return iswalpha_l(static_cast<wint_t>(c), loc) != 0;
}

char32_t ToUpper(char32_t c) {
  const locale_t loc = Utf8Locale();
  if (loc == static_cast<locale_t>(0)) return c < 0x80 ? static_cast<char32_t>(std::toupper(static_cast<int>(c))) : c;
  return static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), loc));
}

char32_t ToLower(char32_t c) {
  const locale_t loc = Utf8Locale();
  if (loc == static_cast<locale_t>(0)) return c < 0x80 ? static_cast<char32_t>(std::tolower(static_cast<int>(c))) : c;
  return static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), loc));
}

}  // namespace optout::testing
