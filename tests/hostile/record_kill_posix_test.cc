// kill -9 at random moments while a forked copy of this process appends records through the same
// path a `record` request takes in the host (record_log_check.h says what must hold after each
// kill). POSIX only: it needs fork(); record_kill_test.cc kills the host binary on every system.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>

#include "gtest/gtest.h"
#include "hostile_util.h"
#include "record_log_check.h"
#include "record_store.h"
#include "request_handler.h"

namespace optout::hostile {
namespace {

// Reads exactly n bytes before `deadline`; false on EOF, error or timeout.
bool ReadExactlyBefore(int fd, char* out, std::size_t n, Clock::time_point deadline) {
  std::size_t done = 0;
  while (done < n) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(left));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) return false;
    ssize_t got = ::read(fd, out + done, n - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

std::unique_ptr<RequestHandler> MakeHandler(const std::string& data_dir) {
  auto packs = LoadEmbeddedRulePacks();
  if (!packs.ok()) return nullptr;
  auto classifier = Classifier::Build(*packs);
  if (!classifier.ok()) return nullptr;
  return std::make_unique<RequestHandler>(*std::move(packs), *std::move(classifier), data_dir);
}

TEST(RecordKill, ForkedAppendersKilledAtRandomMoments) {
  TempDir data;
  const std::string path = data.path() + "/record.log";
  std::unique_ptr<RequestHandler> handler = MakeHandler(data.path());
  ASSERT_NE(handler, nullptr);
  std::mt19937 rng(20261129);  // fixed seed: the same kill schedule every run
  std::uniform_int_distribution<int> delay_us(0, 10000);
  LogCheck check;
  auto start = Clock::now();
  // 200 rounds, but bounded in time: under ASan on a loaded 2-core machine fork() alone takes
  // ~25 ms. At least 50 rounds always run.
  constexpr int kRounds = 200, kMinRounds = 50;
  constexpr double kBudgetSeconds = 15;
  std::uniform_int_distribution<int> appends_first(0, 1);
  int rounds = 0;
  for (int round = 0; round < kRounds && (round < kMinRounds || SecondsSince(start) < kBudgetSeconds);
       ++round, ++rounds) {
    int progress[2];
    ASSERT_EQ(::pipe(progress), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(progress[0]);
      // The same path a `record` request takes in the host: parse, append, fsync, reply.
      for (int i = 0;; ++i) {
        std::string label(static_cast<std::size_t>(i % 97) * 13, 'x');  // varied line lengths
        handler->Handle(RecordBody(i, "research", label));
        if (::write(progress[1], "+", 1) != 1) ::_exit(1);
      }
    }
    ::close(progress[1]);
    // Let the child finish 0..2 appends (fork and fsync times vary a lot), then kill it at a
    // random moment of the next ones.
    const int wait_for = appends_first(rng);
    char buffer[4];
    ASSERT_TRUE(wait_for == 0 || ReadExactlyBefore(progress[0], buffer, static_cast<std::size_t>(wait_for),
                                                   Clock::now() + std::chrono::seconds(10)))
        << "the appender made no progress";
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ::close(progress[0]);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the appender died on its own: " << status;
    check.After(path, round);
    if (::testing::Test::HasFatalFailure()) return;
    if (round % 10 == 5) check.Tear(path, rng);
  }
  // A final append after everything: it works and reads back with the next seq.
  ParseResult parsed = ParseRequest(RecordBody(1, "research", "after the storm"));
  json reply = json::parse(handler->Handle(parsed));
  ASSERT_EQ(reply["ok"], true) << reply.dump();
  EXPECT_EQ(reply["seq"], check.last_seq + 1);
  check.After(path, rounds);
  RecordContents contents = ParseRecordText(ReadFile(path));
  EXPECT_EQ(contents.entries.back()["label"], "after the storm");
  EXPECT_EQ(contents.damaged_lines.size(), check.torn.size());
  EXPECT_GT(contents.entries.size(), static_cast<std::size_t>(rounds) / 2) << "the appenders barely ran";
  std::printf("%d kills, %zu records, %zu torn lines, %.1f s\n", rounds, contents.entries.size(), check.torn.size(),
              SecondsSince(start));
}

}  // namespace
}  // namespace optout::hostile
