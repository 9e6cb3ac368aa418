#include "framing.h"

#include <thread>

#include "child_process.h"
#include "gtest/gtest.h"
#include "host_limits.h"
#include "test_util.h"

namespace optout {
namespace {

using testing::Frame;
using testing::LengthPrefix;

// A pipe whose read end is fed `data` from a thread (so big inputs do not block the test).
class Feed {
 public:
  explicit Feed(std::string data) {
    if (!testing::MakePipe(fds_)) std::abort();
    writer_ = std::thread([this, data = std::move(data)] {
      testing::WriteFd(fds_[1], data);
      testing::CloseFd(fds_[1]);
    });
  }
  ~Feed() {
    testing::CloseFd(fds_[0]);
    writer_.join();
  }
  int fd() const { return fds_[0]; }

 private:
  int fds_[2];
  std::thread writer_;
};

TEST(Framing, RoundTripThroughAPipe) {
  int fds[2];
  ASSERT_TRUE(testing::MakePipe(fds));
  ASSERT_TRUE(WriteFrame(fds[1], R"({"a":1})"));
  ASSERT_TRUE(WriteFrame(fds[1], "second"));
  testing::CloseFd(fds[1]);
  std::string body;
  EXPECT_EQ(ReadFrame(fds[0], kMaxRequestBytes, &body).status, FrameStatus::kOk);
  EXPECT_EQ(body, R"({"a":1})");
  EXPECT_EQ(ReadFrame(fds[0], kMaxRequestBytes, &body).status, FrameStatus::kOk);
  EXPECT_EQ(body, "second");
  EXPECT_EQ(ReadFrame(fds[0], kMaxRequestBytes, &body).status, FrameStatus::kEof);
  testing::CloseFd(fds[0]);
}

TEST(Framing, LengthIsNativeByteOrder) {
  int fds[2];
  ASSERT_TRUE(testing::MakePipe(fds));
  ASSERT_TRUE(WriteFrame(fds[1], std::string(258, 'x')));
  testing::CloseFd(fds[1]);
  unsigned char prefix[4];
  ASSERT_EQ(ReadExactly(fds[0], prefix, 4), 4);
  // Little-endian on every platform we ship: 258 = 0x0102.
  EXPECT_EQ(prefix[0], 0x02);
  EXPECT_EQ(prefix[1], 0x01);
  EXPECT_EQ(prefix[2], 0x00);
  EXPECT_EQ(prefix[3], 0x00);
  testing::CloseFd(fds[0]);
}

TEST(Framing, EofInsideLengthIsTruncated) {
  Feed feed(std::string("\x05\x00", 2));
  std::string body;
  EXPECT_EQ(ReadFrame(feed.fd(), kMaxRequestBytes, &body).status, FrameStatus::kTruncated);
}

TEST(Framing, EofInsideBodyIsTruncated) {
  Feed feed(LengthPrefix(10) + "short");
  std::string body;
  EXPECT_EQ(ReadFrame(feed.fd(), kMaxRequestBytes, &body).status, FrameStatus::kTruncated);
  EXPECT_TRUE(body.empty());
}

TEST(Framing, ZeroLengthIsEmptyAndStreamStaysInSync) {
  Feed feed(LengthPrefix(0) + Frame("next"));
  std::string body;
  EXPECT_EQ(ReadFrame(feed.fd(), kMaxRequestBytes, &body).status, FrameStatus::kEmpty);
  EXPECT_EQ(ReadFrame(feed.fd(), kMaxRequestBytes, &body).status, FrameStatus::kOk);
  EXPECT_EQ(body, "next");
}

TEST(Framing, OversizedFrameIsSkippedAndNextFrameRead) {
  const std::uint32_t big = kMaxRequestBytes + 1;
  Feed feed(LengthPrefix(big) + std::string(big, 'z') + Frame("after"));
  std::string body;
  FrameResult r = ReadFrame(feed.fd(), kMaxRequestBytes, &body);
  EXPECT_EQ(r.status, FrameStatus::kTooLarge);
  EXPECT_EQ(r.declared_length, big);
  EXPECT_LT(body.capacity(), std::size_t{1} << 20) << "the oversized body must not be buffered";
  EXPECT_EQ(ReadFrame(feed.fd(), kMaxRequestBytes, &body).status, FrameStatus::kOk);
  EXPECT_EQ(body, "after");
}

TEST(Framing, HugeDeclaredLengthDoesNotAllocate) {
  // 0xFFFFFFFF with only a few bytes behind it: rejected by the cap (no 4 GiB allocation),
  // and since the input ends inside the declared body, the stream is truncated.
  Feed feed(LengthPrefix(0xFFFFFFFFu) + "tiny");
  std::string body;
  FrameResult r = ReadFrame(feed.fd(), kMaxRequestBytes, &body);
  EXPECT_EQ(r.declared_length, 0xFFFFFFFFu);
  EXPECT_EQ(r.status, FrameStatus::kTruncated);
  EXPECT_LT(body.capacity(), std::size_t{1} << 20);
}

TEST(Framing, CapIsCheckedWithSmallLimits) {
  Feed feed(Frame("0123456789") + Frame("ok"));
  std::string body;
  EXPECT_EQ(ReadFrame(feed.fd(), 9, &body).status, FrameStatus::kTooLarge);
  EXPECT_EQ(ReadFrame(feed.fd(), 9, &body).status, FrameStatus::kOk);
  EXPECT_EQ(body, "ok");
}

}  // namespace
}  // namespace optout
