// Drives the built optout-host binary the way a browser does: spawns it with Chrome's launch
// arguments, writes frames to its stdin, reads frames from its stdout, checks the exit status.
// Usage: optout_pipe_driver HOST SNAPSHOT.json
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "nlohmann/json.hpp"

namespace {

int failures = 0;

void Check(bool ok, const std::string& what) {
  std::cout << (ok ? "ok   " : "FAIL ") << what << "\n";
  if (!ok) ++failures;
}

std::string Frame(const std::string& body) {
  std::uint32_t n = static_cast<std::uint32_t>(body.size());
  std::string out(4, '\0');
  std::memcpy(out.data(), &n, 4);
  return out + body;
}

std::string LengthOnly(std::uint32_t n) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &n, 4);
  return out;
}

void WriteAll(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) return;  // the host died; the reader side reports it
    done += static_cast<std::size_t>(n);
  }
}

struct Run {
  std::vector<nlohmann::json> replies;
  std::string trailing;  // bytes after the last complete frame (must stay empty)
  int exit_status = -1;
};

constexpr char kDevOrigin[] = "chrome-extension://ckjgoakhngifaebchaaffcpfmbkojdni/";

// `launch`: the arguments a browser passes (Chrome: origin and --parent-window; Firefox: the
// manifest path and the add-on id).
Run RunHost(const std::string& host, const std::string& input, const std::string& data_dir,
            std::vector<std::string> launch = {kDevOrigin, "--parent-window=0"}) {
  int to_host[2], from_host[2];
  if (::pipe(to_host) != 0 || ::pipe(from_host) != 0) std::exit(2);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(to_host[0], 0);
    ::dup2(from_host[1], 1);
    ::close(to_host[0]), ::close(to_host[1]), ::close(from_host[0]), ::close(from_host[1]);
    ::setenv("OPTOUT_DATA_DIR", data_dir.c_str(), 1);
    ::unsetenv("OPTOUT_RULES_DIR");
    launch.insert(launch.begin(), host);
    std::vector<char*> argv;
    for (std::string& a : launch) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(host.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(to_host[0]);
  ::close(from_host[1]);
  std::thread writer([&] {
    WriteAll(to_host[1], input);
    ::close(to_host[1]);  // EOF at a frame boundary (or inside one, for the truncation run)
  });
  std::string out;
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(from_host[0], buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  ::close(from_host[0]);
  writer.join();
  Run run;
  int status = 0;
  ::waitpid(pid, &status, 0);
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::size_t i = 0;
  while (i + 4 <= out.size()) {
    std::uint32_t len;
    std::memcpy(&len, out.data() + i, 4);
    if (i + 4 + len > out.size()) break;
    run.replies.push_back(nlohmann::json::parse(out.substr(i + 4, len), nullptr, false));
    i += 4 + len;
  }
  run.trailing = out.substr(i);
  return run;
}

int ErrorCode(const nlohmann::json& reply) {
  return reply.is_object() && reply.contains("error") ? reply["error"].value("code", 0) : 0;
}

// `optout-host install|uninstall ARGS` with the data directory the served host will use.
void HostCommand(const std::string& host, const std::string& data_dir, const std::string& args) {
  std::string command = "OPTOUT_DATA_DIR='" + data_dir + "' '" + host + "' " + args + " >/dev/null";
  Check(std::system(command.c_str()) == 0, args);
}

// Every request of a caller the host was not installed for gets 1401, and the host exits cleanly.
void CheckRefused(const std::string& host, const std::string& data_dir, const std::vector<std::string>& launch,
                  const std::string& what) {
  Run run =
      RunHost(host, Frame(R"({"v":1,"id":1,"type":"hello"})") + Frame(R"({"v":1,"id":2,"type":"history","limit":1})"),
              data_dir, launch);
  bool refused = run.replies.size() == 2 && run.exit_status == 0;
  for (const auto& r : run.replies) refused = refused && ErrorCode(r) == 1401;
  Check(refused, what + " -> every request 1401 caller_not_allowed");
  if (!run.replies.empty() && launch[0].rfind("chrome-extension://", 0) == 0) {
    const std::string message = run.replies[0]["error"].value("message", "");
    Check(message.find(launch[0]) != std::string::npos && message.find("--extension-id") != std::string::npos,
          "the refusal names the caller and the command that allows it");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: optout_pipe_driver HOST SNAPSHOT.json\n";
    return 2;
  }
  const std::string host = argv[1];
  std::ifstream in(argv[2]);
  std::stringstream snapshot;
  snapshot << in.rdbuf();
  char dir_template[] = "/tmp/optout-pipe-XXXXXX";
  const std::string data_dir = ::mkdtemp(dir_template);

  // The host answers only the extensions it was installed for (allowed_callers.h).
  CheckRefused(host, data_dir, {kDevOrigin, "--parent-window=0"}, "development id before install");
  HostCommand(host, data_dir, "install --browser chromium --dev --user-data-dir '" + data_dir + "/profile'");

  std::string input;
  input += Frame(R"({"v":1,"id":1,"type":"hello"})");
  input += LengthOnly(0);                                      // empty frame
  input += Frame("{\"v\":1,");                                 // bad JSON
  input += LengthOnly(5u << 20) + std::string(5u << 20, 'x');  // over the 4 MiB cap, then skipped
  input += Frame(snapshot.str());
  input += Frame(R"({"v":1,"id":"rec","type":"record","change":{"setting":"generative_ai_training",
      "url_path":"/mypreferences/d/settings/data-for-ai-improvement","before":"on","after":"off",
      "verified":true,"outcome":"changed"}})");
  input += Frame(R"({"v":1,"id":5,"type":"history","limit":10})");
  input += Frame(R"({"v":1,"id":6,"type":"launch_missiles"})");
  input += Frame(R"({"v":1,"id":7,"type":"hello"})");

  Run run = RunHost(host, input, data_dir);
  Check(run.exit_status == 0, "clean EOF exits 0 (got " + std::to_string(run.exit_status) + ")");
  Check(run.trailing.empty(), "stdout holds frames only");
  Check(run.replies.size() == 9, "one reply per frame (got " + std::to_string(run.replies.size()) + ")");
  if (run.replies.size() == 9) {
    const auto& r = run.replies;
    Check(r[0].value("type", "") == "hello" && r[0]["host"]["version"].is_string(), "hello answered");
    Check(ErrorCode(r[1]) == 1001, "empty frame -> 1001");
    Check(ErrorCode(r[2]) == 1102, "bad JSON -> 1102");
    Check(ErrorCode(r[3]) == 1002, "oversized frame -> 1002, stream still in sync");
    Check(r[4].value("type", "") == "classify" && r[4]["verdicts"][0]["action"] == "flip", "classify -> flip");
    Check(r[5].value("ok", false) && r[5]["seq"] == 1, "record -> seq 1");
    Check(r[6].value("ok", false) && r[6]["entries"].size() == 1 &&
              r[6]["entries"][0]["setting"] == "generative_ai_training",
          "history returns the record");
    Check(ErrorCode(r[7]) == 1204 && r[7]["id"] == 6, "unknown type -> 1204 with id");
    Check(r[8].value("type", "") == "hello" && r[8]["id"] == 7, "still serving after errors");
  }

  // EOF inside a frame body: nothing more can be read, exit 3.
  Run torn = RunHost(host, Frame(R"({"v":1,"id":1,"type":"hello"})") + LengthOnly(100) + "{\"v\":1", data_dir);
  Check(torn.exit_status == 3, "truncated frame exits 3 (got " + std::to_string(torn.exit_status) + ")");
  Check(torn.replies.size() == 1, "frames before the truncation were answered");

  // Installed for the development id only: another Chrome id, or another Firefox add-on, is refused.
  CheckRefused(host, data_dir, {"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"}, "another extension id");
  CheckRefused(host, data_dir, {"chrome-extension://ckjgoakhngifaebchaaffcpfmbkojdni", "--parent-window=0"},
               "the development id without Chrome's trailing slash");
  CheckRefused(host, data_dir, {"/usr/lib/mozilla/native-messaging-hosts/com.optout.host.json", "evil@example.com"},
               "another Firefox add-on");
  Run firefox = RunHost(host, Frame(R"({"v":1,"id":1,"type":"hello"})"), data_dir,
                        {"/usr/lib/mozilla/native-messaging-hosts/com.optout.host.json", "optout@optout.dev"});
  Check(firefox.replies.size() == 1 && firefox.replies[0].value("type", "") == "hello",
        "OptOut's own Firefox add-on id is served");
  // Uninstall forgets the caller again.
  HostCommand(host, data_dir, "uninstall --browser chromium --user-data-dir '" + data_dir + "/profile'");
  CheckRefused(host, data_dir, {kDevOrigin, "--parent-window=0"}, "development id after uninstall");

  std::string cleanup = "rm -rf '" + data_dir + "'";
  if (std::system(cleanup.c_str()) != 0) std::cerr << "could not remove " << data_dir << "\n";
  return failures == 0 ? 0 : 1;
}
