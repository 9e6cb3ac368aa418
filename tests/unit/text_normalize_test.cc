#include "text_normalize.h"

#include "json_guard.h"

#include "gtest/gtest.h"

namespace optout {
namespace {

TEST(TextNormalize, CollapsesAndTrimsWhitespace) {
  EXPECT_EQ(NormalizeText("  Use my\n\n  data\t for \r\n research  "), "Use my data for research");
  EXPECT_EQ(NormalizeText(""), "");
  EXPECT_EQ(NormalizeText(" \n\t "), "");
}

TEST(TextNormalize, MapsTypographicCharactersToAscii) {
  EXPECT_EQ(NormalizeText("you\xe2\x80\x99ve"), "you've");                   // ’
  EXPECT_EQ(NormalizeText("\xe2\x80\x9cquoted\xe2\x80\x9d"), "\"quoted\"");  // “ ”
  EXPECT_EQ(NormalizeText("KI\xe2\x80\x91Modellen"), "KI-Modellen");         // non-breaking hyphen
  EXPECT_EQ(NormalizeText("content\xc2\xa0"
                          "creation"),
            "content creation");  // nbsp
  EXPECT_EQ(NormalizeText("a\xe2\x80\xaf"
                          "b"),
            "a b");  // narrow nbsp
  EXPECT_EQ(NormalizeText("zero\xe2\x80\x8bwidth"), "zerowidth");
}

TEST(TextNormalize, KeepsOtherUnicode) {
  EXPECT_EQ(NormalizeText("Dürfen  Daten"), "Dürfen Daten");
  EXPECT_EQ(NormalizeText("\xe6\x95\xb0\xe6\x8d\xae"), "\xe6\x95\xb0\xe6\x8d\xae");
}

TEST(TruncateUtf8, NeverSplitsACodePoint) {
  const std::string cjk = "\xe5\xad\xa6";        // 3 bytes
  const std::string emoji = "\xf0\x9f\x98\x80";  // 4 bytes
  EXPECT_EQ(TruncateUtf8("abc", 3), "abc");
  EXPECT_EQ(TruncateUtf8("abcd", 3), "abc");
  EXPECT_EQ(TruncateUtf8(cjk + cjk, 5), cjk);  // the second character would be split: dropped whole
  EXPECT_EQ(TruncateUtf8(cjk + cjk, 6), cjk + cjk);
  EXPECT_EQ(TruncateUtf8("a" + emoji, 4), "a");
  EXPECT_EQ(TruncateUtf8("a" + emoji, 5), "a" + emoji);
  EXPECT_EQ(TruncateUtf8(emoji, 0), "");
  for (std::size_t max = 0; max < 40; ++max) {
    std::string out = TruncateUtf8("x" + cjk + emoji + "\xc3\xa9" + cjk + emoji, max);
    EXPECT_LE(out.size(), max);
    EXPECT_TRUE(IsValidUtf8(out)) << max;
  }
}

}  // namespace
}  // namespace optout
