#include "json_guard.h"

#include <chrono>

#include "gtest/gtest.h"
#include "host_limits.h"

namespace optout {
namespace {

TEST(JsonGuard, AcceptsValidUtf8) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Dürfen \xe2\x80\x99 \xf0\x9f\x98\x80"));  // ü, ’, emoji
}

TEST(JsonGuard, RejectsInvalidUtf8) {
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));              // truncated sequence
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("a\x80z"));            // stray continuation byte
}

TEST(JsonGuard, CountsDepthOutsideStringsOnly) {
  EXPECT_EQ(JsonNestingDepth(R"({"a":[1,{"b":2}]})", 100), 3);
  EXPECT_EQ(JsonNestingDepth(R"({"a":"[[[[{{{{"})", 100), 1);
  EXPECT_EQ(JsonNestingDepth(R"({"a":"\"[[[["})", 100), 1);  // escaped quote does not end the string
}

TEST(JsonGuard, AllowsExactlyTheLimit) {
  std::string at_limit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  GuardFailure failure;
  EXPECT_TRUE(GuardJsonText(at_limit, kMaxJsonDepth, &failure));
  std::string over = "[" + at_limit + "]";
  EXPECT_FALSE(GuardJsonText(over, kMaxJsonDepth, &failure));
  EXPECT_EQ(failure.code, ErrorCode::kTooDeep);
}

TEST(JsonGuard, DeepNestingIsRejectedFast) {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  GuardFailure failure;
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(GuardJsonText(deep, kMaxJsonDepth, &failure));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(failure.code, ErrorCode::kTooDeep);
  EXPECT_LT(elapsed, std::chrono::milliseconds(100));
}

TEST(JsonGuard, InvalidUtf8IsReportedBeforeDepth) {
  GuardFailure failure;
  EXPECT_FALSE(GuardJsonText("{\"a\":\"\xff\"}", kMaxJsonDepth, &failure));
  EXPECT_EQ(failure.code, ErrorCode::kInvalidUtf8);
}

}  // namespace
}  // namespace optout

TEST(TopLevelArrayLength, CountsTheNamedTopLevelArrayWithoutParsing) {
  EXPECT_EQ(optout::TopLevelArrayLength(R"({"controls":[]})", "controls"), 0);
  EXPECT_EQ(optout::TopLevelArrayLength(R"({"controls":[ ]})", "controls"), 0);
  EXPECT_EQ(optout::TopLevelArrayLength(R"({"controls":[1]})", "controls"), 1);
  EXPECT_EQ(optout::TopLevelArrayLength(R"({"v":1, "controls" : [ {"a":[1,2,3],"b":"x,y"}, {}, "]," ] , "z":[1,2]})",
                                        "controls"),
            3);
  // Nested arrays named "controls" and strings that look like keys do not count.
  EXPECT_EQ(optout::TopLevelArrayLength(R"({"page":{"controls":[1,2,3]},"x":"controls"})", "controls"), -1);
  EXPECT_EQ(optout::TopLevelArrayLength(R"({"controls":"[1,2]"})", "controls"), -1);
  EXPECT_EQ(optout::TopLevelArrayLength(R"({"other":[1,2],"controls":[1,2,3,4]})", "controls"), 4);
  EXPECT_EQ(optout::TopLevelArrayLength(R"([1,2,3])", "controls"), -1);
  EXPECT_EQ(optout::TopLevelArrayLength(R"({"contr\"ols":[1,2]})", "controls"), -1);
  std::string big = R"({"controls":[)";
  for (int i = 0; i < 100000; ++i) big += i ? ",{}" : "{}";
  EXPECT_EQ(optout::TopLevelArrayLength(big + "]}", "controls"), 100000);
  EXPECT_EQ(optout::TopLevelArrayLength(big, "controls"), -1) << "unterminated: the parser reports it";
}
