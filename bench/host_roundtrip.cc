// Measures the built host the way the browser uses it, over pipes:
//   cold start: spawn the host as Chrome does (caller origin; the host checks it against the
//               callers `install` recorded), send hello, time until the first reply (process start
//               and rule pack parse; the built-in packs' RE2 sets are compiled on first use); N runs
//   first classify: spawn, then one classify of the typical snapshot: everything a page's first
//               verdicts wait for (RE2 set compile and the first DFA states included); N runs
//   warm:       classify round trips of the typical 30-control snapshot over one open pipe
//   peak RSS:   of the host (wait4 ru_maxrss) after hello only, after the warm runs, and after a
//               2,000-control request (the protocol's maximum)
// Usage: host_roundtrip HOST [COLD_RUNS=30] [WARM_ROUND_TRIPS=2000]
#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "protocol.h"
#include "snapshots.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Host {
  pid_t pid = -1;
  int in = -1, out = -1;
};

Host Spawn(const std::string& path, const std::string& data_dir) {
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0 || ::pipe2(from, O_CLOEXEC) != 0) std::exit(2);
  Host h;
  h.pid = ::fork();
  if (h.pid == 0) {
    ::dup2(to[0], 0);
    ::dup2(from[1], 1);
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 2);
    ::setenv("OPTOUT_DATA_DIR", data_dir.c_str(), 1);
    ::unsetenv("OPTOUT_RULES_DIR");
    ::execl(path.c_str(), path.c_str(), "chrome-extension://ckjgoakhngifaebchaaffcpfmbkojdni/", "--parent-window=0",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(to[0]);
  ::close(from[1]);
  h.in = to[1];
  h.out = from[0];
  return h;
}

void WriteAll(int fd, const std::string& s) {
  std::size_t done = 0;
  while (done < s.size()) {
    ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n <= 0) std::exit(3);
    done += static_cast<std::size_t>(n);
  }
}

void ReadAll(int fd, char* p, std::size_t n) {
  std::size_t done = 0;
  while (done < n) {
    ssize_t got = ::read(fd, p + done, n - done);
    if (got <= 0) std::exit(4);
    done += static_cast<std::size_t>(got);
  }
}

std::string Frame(const std::string& body) {
  std::uint32_t n = static_cast<std::uint32_t>(body.size());
  std::string out(4, '\0');
  std::memcpy(out.data(), &n, 4);
  return out + body;
}

std::string RoundTrip(const Host& h, const std::string& frame) {
  WriteAll(h.in, frame);
  char prefix[4];
  ReadAll(h.out, prefix, 4);
  std::uint32_t n;
  std::memcpy(&n, prefix, 4);
  std::string body(n, '\0');
  ReadAll(h.out, body.data(), n);
  return body;
}

long Finish(Host& h) {  // closes the port and returns the host's peak RSS in KiB
  ::close(h.in);
  ::close(h.out);
  int status = 0;
  rusage usage{};
  ::wait4(h.pid, &status, 0, &usage);
  return usage.ru_maxrss;
}

struct Stats {
  double median, p95, min, max;
};

Stats Summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
  };
  return {at(0.5), at(0.95), v.front(), v.back()};
}

double Ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return std::fprintf(stderr, "usage: host_roundtrip HOST [COLD_RUNS] [WARM_ROUND_TRIPS]\n"), 2;
  const std::string host = argv[1];
  const int cold_runs = argc > 2 ? std::atoi(argv[2]) : 30;
  const int warm_runs = argc > 3 ? std::atoi(argv[3]) : 2000;
  char tmpl[] = "/tmp/optout-bench-XXXXXX";
  const std::string data_dir = ::mkdtemp(tmpl);
  // Registered as a user would (a manifest in a throw-away profile, the caller recorded).
  const std::string install = "OPTOUT_DATA_DIR='" + data_dir + "' '" + host +
                              "' install --browser chromium --dev --user-data-dir '" + data_dir +
                              "/profile' >/dev/null";
  if (std::system(install.c_str()) != 0) return std::fprintf(stderr, "install failed\n"), 1;
  const std::string hello = Frame(R"({"v":1,"id":1,"type":"hello"})");

  std::vector<double> cold;
  long idle_rss = 0;
  for (int i = 0; i < cold_runs; ++i) {
    auto t0 = Clock::now();
    Host h = Spawn(host, data_dir);
    std::string reply = RoundTrip(h, hello);
    cold.push_back(Ms(t0, Clock::now()));
    if (reply.find("\"ok\":true") == std::string::npos) return std::fprintf(stderr, "bad hello reply\n"), 1;
    idle_rss = std::max(idle_rss, Finish(h));
  }

  using namespace optout::bench;
  const std::string typical = Frame(RequestJson(Typical(EnglishSettings(), "en"), 2));
  std::vector<double> first;
  for (int i = 0; i < cold_runs; ++i) {
    auto t0 = Clock::now();
    Host h = Spawn(host, data_dir);
    std::string reply = RoundTrip(h, typical);
    first.push_back(Ms(t0, Clock::now()));
    if (reply.find("\"verdicts\"") == std::string::npos) return std::fprintf(stderr, "bad classify reply\n"), 1;
    Finish(h);
  }
  Host h = Spawn(host, data_dir);
  RoundTrip(h, hello);
  for (int i = 0; i < 50; ++i) RoundTrip(h, typical);  // warm-up
  std::vector<double> warm;
  std::size_t reply_bytes = 0;
  for (int i = 0; i < warm_runs; ++i) {
    auto t0 = Clock::now();
    std::string reply = RoundTrip(h, typical);
    warm.push_back(Ms(t0, Clock::now()) * 1000.0);
    reply_bytes = reply.size();
  }
  long warm_rss = Finish(h);

  // The largest request the protocol accepts: 2,000 controls.
  Host big = Spawn(host, data_dir);
  RoundTrip(big, hello);
  const std::string max_frame = Frame(RequestJson(Huge(2000), 3));
  auto t0 = Clock::now();
  std::string max_reply = RoundTrip(big, max_frame);
  double max_ms = Ms(t0, Clock::now());
  long max_rss = Finish(big);
  const std::string cleanup = "rm -rf '" + data_dir + "'";
  if (std::system(cleanup.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", data_dir.c_str());

  Stats c = Summarize(cold), f = Summarize(first), w = Summarize(warm);
  std::printf("cold start (spawn + hello, %d runs):   median %.1f ms   p95 %.1f ms   min %.1f   max %.1f\n", cold_runs,
              c.median, c.p95, c.min, c.max);
  std::printf("spawn + first classify (%d runs):      median %.1f ms   p95 %.1f ms   min %.1f   max %.1f\n", cold_runs,
              f.median, f.p95, f.min, f.max);
  std::printf(
      "warm classify, typical 30 controls (%zu-byte request, %zu-byte reply, %d round trips):\n"
      "                                        median %.0f us   p95 %.0f us   min %.0f   max %.0f\n",
      typical.size() - 4, reply_bytes, warm_runs, w.median, w.p95, w.min, w.max);
  std::printf("classify of 2,000 controls (%zu-byte request, %zu-byte reply): %.1f ms\n", max_frame.size() - 4,
              max_reply.size(), max_ms);
  std::printf("host peak RSS: after hello %ld KiB, after %d warm classifies %ld KiB, after 2,000 controls %ld KiB\n",
              idle_rss, warm_runs, warm_rss, max_rss);
  return 0;
}
