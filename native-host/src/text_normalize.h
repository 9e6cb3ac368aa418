// Page text arrives with layout whitespace, non-breaking spaces and typographic punctuation;
// rules are written in plain ASCII punctuation. Normalizing first keeps the patterns simple.
#pragma once

#include <string>

namespace optout {

// Maps typographic apostrophes/quotes/dashes-as-hyphens and Unicode spaces to ASCII, drops
// zero-width characters, collapses whitespace runs to one space and trims both ends.
// Input must be valid UTF-8 (requests are checked before they get here).
std::string NormalizeText(const std::string& text);

// Cuts valid UTF-8 to at most max_bytes without splitting a code point.
std::string TruncateUtf8(std::string text, std::size_t max_bytes);

}  // namespace optout
