// kill -9 at random moments while records are being appended. After every kill the record file
// must: never shrink, keep every earlier byte as it was, hold only valid lines except a torn last
// line (or one we tore on purpose), and keep seq numbers strictly increasing. The next append
// after a torn line must work and be readable.
//
// SIGKILL (TerminateProcess on Windows) alone cannot tear a line: each line goes out in one
// write() of a few hundred bytes, which the kernel completes or never starts. A torn line needs a
// power cut or a full disk, so every 10th round also appends a random prefix of a valid line by
// hand, as such a crash would leave it, and the following rounds must cope. The checks are in
// record_log_check.h; record_kill_posix_test.cc kills forked appenders too (POSIX only).
#include <atomic>
#include <random>

#include "gtest/gtest.h"
#include "hostile_util.h"
#include "record_log_check.h"
#include "record_store.h"

namespace optout::hostile {
namespace {

TEST(RecordKill, HostBinaryKilledWhileServingRecordRequests) {
  TempDir data;
  const std::string path = data.path() + "/record.log";
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> delay_us(0, 20000);
  LogCheck check;
  // Each round starts a host (rule compile included): 0.1 s in Release, ~0.4 s under ASan.
  constexpr int kRounds = 30, kMinRounds = 10;
  auto start = Clock::now();
  for (int round = 0; round < kRounds && (round < kMinRounds || SecondsSince(start) < 10); ++round) {
    HostProcess host(data.path());
    ASSERT_TRUE(host.started());
    ASSERT_TRUE(StillServes(host, 0));  // rules compiled, serving
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      for (int i = 1;
           !stop && host.Send(Frame(RecordBody(i, "ads_age", std::string(static_cast<std::size_t>(i % 50) * 7, 'y'))));
           ++i) {
      }
    });
    std::thread reader([&] {
      while (host.Reply(5)) {
      }
    });
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    host.Kill();
    ExitInfo exit = host.Wait();
    stop = true;
    host.CloseInput();  // unblocks the writer (EPIPE; SIGPIPE is ignored in hostile_main.cc)
    writer.join();
    reader.join();
    ASSERT_TRUE(exit.exited);
    EXPECT_EQ(exit.status, kKilledStatus);
    check.After(path, round);
    if (::testing::Test::HasFatalFailure()) return;
    if (round % 10 == 3) check.Tear(path, rng);
  }
  HostProcess host(data.path());
  ASSERT_TRUE(host.Send(Frame(RecordBody(1, "ads_age", "last"))));
  std::optional<json> reply = host.Reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["seq"], check.last_seq + 1) << reply->dump();
  ASSERT_TRUE(host.Send(Frame(R"({"v":1,"id":2,"type":"history","limit":1})")));
  reply = host.Reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["entries"][0]["label"], "last");
  EXPECT_EQ((*reply)["damaged_lines"], check.torn.size());
}

}  // namespace
}  // namespace optout::hostile
