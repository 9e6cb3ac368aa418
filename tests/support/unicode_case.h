// Unicode simple case mapping and the letter test, as the system's C library or API knows them
// (POSIX: glibc's C.UTF-8 locale, which maps all of Unicode; Windows: the invariant locale's
// LCMapStringEx and GetStringTypeW). unicode_case_posix.cc / unicode_case_windows.cc.
#pragma once

namespace optout::testing {

bool IsLetter(char32_t c);
char32_t ToUpper(char32_t c);
char32_t ToLower(char32_t c);

}  // namespace optout::testing
