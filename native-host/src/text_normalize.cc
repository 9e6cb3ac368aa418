#include "text_normalize.h"

#include <cstdint>

namespace optout {
namespace {

// Decodes one code point at s[i] (valid UTF-8 assumed) and advances i.
std::uint32_t Decode(const std::string& s, std::size_t& i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  std::uint32_t cp;
  std::size_t len;
  if (c < 0x80) {
    cp = c, len = 1;
  } else if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
    cp = ((c & 0x1Fu) << 6) | (b(1) & 0x3Fu), len = 2;
  } else if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
    cp = ((c & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu), len = 3;
  } else if ((c & 0xF8) == 0xF0 && i + 3 < s.size()) {
    cp = ((c & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
    len = 4;
  } else {
    cp = 0xFFFD, len = 1;  // defensive: never loop forever on bad input
  }
  i += len;
  return cp;
}

bool IsSpace(std::uint32_t cp) {
  switch (cp) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return cp >= 0x2000 && cp <= 0x200A;  // en quad .. hair space
  }
}

bool IsZeroWidth(std::uint32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;  // soft hyphen
}

// ASCII replacement for typographic punctuation, or 0 when the code point stays as is.
char AsciiFor(std::uint32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
    case 0x00B4: return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB: return '"';
    case 0x2010:
    case 0x2011:
    case 0x2212: return '-';
    default: return 0;
  }
}

}  // namespace

std::string NormalizeText(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    std::uint32_t cp = Decode(text, i);
    if (IsZeroWidth(cp)) continue;
    if (IsSpace(cp)) {
      pending_space = !out.empty();  // leading whitespace is dropped
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (char ascii = AsciiFor(cp)) {
      out.push_back(ascii);
    } else {
      out.append(text, start, i - start);
    }
  }
  return out;  // a trailing space is never emitted: it only becomes pending
}

std::string TruncateUtf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the code point that would be split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

}  // namespace optout
