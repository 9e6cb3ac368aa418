#include "text_normalize.h"

#include "gtest/gtest.h"

namespace optout {
namespace {

TEST(TextNormalize, CollapsesAndTrimsWhitespace) {
  EXPECT_EQ(NormalizeText("  Use my\n\n  data\t for \r\n research  "), "Use my data for research");
  EXPECT_EQ(NormalizeText(""), "");
  EXPECT_EQ(NormalizeText(" \n\t "), "");
}

TEST(TextNormalize, MapsTypographicCharactersToAscii) {
  EXPECT_EQ(NormalizeText("you\xe2\x80\x99ve"), "you've");                        // ’
  EXPECT_EQ(NormalizeText("\xe2\x80\x9cquoted\xe2\x80\x9d"), "\"quoted\"");        // “ ”
  EXPECT_EQ(NormalizeText("KI\xe2\x80\x91Modellen"), "KI-Modellen");              // non-breaking hyphen
  EXPECT_EQ(NormalizeText("content\xc2\xa0" "creation"), "content creation");     // nbsp
  EXPECT_EQ(NormalizeText("a\xe2\x80\xaf" "b"), "a b");                           // narrow nbsp
  EXPECT_EQ(NormalizeText("zero\xe2\x80\x8bwidth"), "zerowidth");
}

TEST(TextNormalize, KeepsOtherUnicode) {
  EXPECT_EQ(NormalizeText("Dürfen  Daten"), "Dürfen Daten");
  EXPECT_EQ(NormalizeText("\xe6\x95\xb0\xe6\x8d\xae"), "\xe6\x95\xb0\xe6\x8d\xae");
}

}  // namespace
}  // namespace optout
