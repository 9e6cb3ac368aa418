// kill -9 at random moments while records are being appended. After every kill the record file
// must: never shrink, keep every earlier byte as it was, hold only valid lines except a torn last
// line (or one we tore on purpose), and keep seq numbers strictly increasing. The next append
// after a torn line must work and be readable.
//
// SIGKILL alone cannot tear a line on Linux: each line goes out in one write() of a few hundred
// bytes, which the kernel completes or never starts. A torn line needs a power cut or a full
// disk, so every 10th round also appends a random prefix of a valid line by hand, as such a
// crash would leave it, and the following rounds must cope.
#include <signal.h>
#include <sys/wait.h>

#include <random>
#include <set>

#include "gtest/gtest.h"
#include "hostile_util.h"
#include "record_store.h"
#include "request_handler.h"

namespace optout::hostile {
namespace {

// Everything checked after a kill; `torn` holds the 1-based numbers of lines we tore on purpose.
struct LogCheck {
  std::string previous;
  std::set<long> torn;
  long long last_seq = 0;
  std::size_t entries = 0;

  void After(const std::string& path, int round) {
    std::string now = ReadFile(path);
    SCOPED_TRACE("round " + std::to_string(round));
    ASSERT_GE(now.size(), previous.size()) << "the record shrank";
    ASSERT_EQ(now.compare(0, previous.size(), previous), 0) << "earlier bytes were rewritten";
    RecordContents contents = ParseRecordText(now);
    const long lines =
        static_cast<long>(std::count(now.begin(), now.end(), '\n')) + (now.empty() || now.back() == '\n' ? 0 : 1);
    for (long damaged : contents.damaged_lines) {
      bool torn_last = damaged == lines && !now.empty() && now.back() != '\n';
      ASSERT_TRUE(torn.count(damaged) || torn_last) << "line " << damaged << " is damaged";
      if (torn_last) torn.insert(damaged);  // it stays a damaged line once the next append ends it
    }
    long long last = 0;
    for (const auto& entry : contents.entries) {
      long long seq = entry["seq"].get<long long>();
      ASSERT_GT(seq, last) << "seq went backwards";
      last = seq;
    }
    ASSERT_GE(contents.entries.size(), entries) << "a record disappeared";
    entries = contents.entries.size();
    last_seq = last;
    previous = std::move(now);
  }

  // Appends a random proper prefix of a valid line, as a crash in the middle of write() would.
  void Tear(const std::string& path, std::mt19937& rng) {
    nlohmann::ordered_json entry;
    entry["seq"] = last_seq + 1;
    entry["recorded_at"] = "2026-11-29T10:00:00.000Z";
    entry["setting"] = "torn";
    std::string line = FormatRecordLine(entry.dump());
    std::size_t keep = std::uniform_int_distribution<std::size_t>(1, line.size() - 2)(rng);
    std::string prefix = previous.empty() || previous.back() == '\n' ? "" : "\n";
    std::string bytes = prefix + line.substr(0, keep);
    FILE* f = std::fopen(path.c_str(), "ab");
    ASSERT_NE(f, nullptr);
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    std::string now = ReadFile(path);
    torn.insert(static_cast<long>(std::count(now.begin(), now.end(), '\n')) + 1);
    previous = std::move(now);
  }
};

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
    ::kill(host.pid(), SIGKILL);
    ExitInfo exit = host.Wait();
    stop = true;
    host.CloseInput();  // unblocks the writer (EPIPE; SIGPIPE is ignored below)
    writer.join();
    reader.join();
    ASSERT_TRUE(exit.exited);
    EXPECT_EQ(exit.status, 128 + SIGKILL);
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
