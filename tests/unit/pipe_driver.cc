// Drives the built optout-host binary the way a browser does: spawns it with Chrome's launch
// arguments, writes frames to its stdin, reads frames from its stdout, checks the exit status.
// Usage: optout_pipe_driver HOST SNAPSHOT.json profile|registry
//   profile:  install into a Chromium profile of the test's own (--user-data-dir; Linux, macOS)
//   registry: install per user as on Windows (manifest under %LOCALAPPDATA%, pointed at the test's
//             directory; the HKCU key is set, then removed by the uninstall at the end)
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"
#include "nlohmann/json.hpp"
#include "test_util.h"

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
  optout::testing::ChildProcess child(host, launch, {{"OPTOUT_DATA_DIR", data_dir}, {"OPTOUT_RULES_DIR", {}}});
  if (!child.started()) {
    std::cerr << "cannot start " << host << "\n";
    std::exit(2);
  }
  std::thread writer([&] {
    child.Write(input);  // false when the host died; the reader side reports it
    child.CloseStdin();  // EOF at a frame boundary (or inside one, for the truncation run)
  });
  const std::string out = child.ReadAllStdout(optout::testing::After(120));
  writer.join();
  Run run;
  optout::testing::ChildExit exit = child.Wait(optout::testing::After(60));
  run.exit_status = exit.exited ? exit.status : -1;
  std::cerr << child.Stderr();
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

// `optout-host install|uninstall ARGS` with the data directory the served host will use (and, for
// a Windows install, %LOCALAPPDATA% in the test's directory).
void HostCommand(const std::string& host, const std::string& data_dir, const std::vector<std::string>& args) {
  optout::testing::ChildProcess child(host, args,
                                      {{"OPTOUT_DATA_DIR", data_dir}, {"LOCALAPPDATA", data_dir + "/AppData/Local"}});
  child.CloseStdin();
  const std::string out = child.ReadAllStdout(optout::testing::After(60));
  optout::testing::ChildExit exit = child.Wait(optout::testing::After(30));
  std::string what;
  for (const std::string& a : args) what += (what.empty() ? "" : " ") + a;
  Check(exit.exited && exit.status == 0, what);
  if (!exit.exited || exit.status != 0) std::cerr << out << child.Stderr();
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
  const std::string mode = argc == 4 ? argv[3] : "";
  if (mode != "profile" && mode != "registry") {
    std::cerr << "usage: optout_pipe_driver HOST SNAPSHOT.json profile|registry\n";
    return 2;
  }
  optout::testing::IgnoreBrokenPipes();
  const std::string host = argv[1];
  const std::string snapshot = optout::testing::ReadFile(argv[2]);
  optout::testing::TempDir temp;
  const std::string& data_dir = temp.path();
  std::vector<std::string> install = {"install", "--browser", "chromium", "--dev"};
  std::vector<std::string> uninstall = {"uninstall", "--browser", "chromium"};
  if (mode == "profile") {
    for (auto* command : {&install, &uninstall}) {
      command->insert(command->end(), {"--user-data-dir", data_dir + "/profile"});
    }
  }
  // Firefox names its manifest by an absolute path of this system (C:\... on Windows).
  const std::string firefox_manifest =
      (std::filesystem::u8path(data_dir) / "NativeMessagingHosts" / "com.optout.host.json").make_preferred().u8string();

  // The host answers only the extensions it was installed for (allowed_callers.h).
  CheckRefused(host, data_dir, {kDevOrigin, "--parent-window=0"}, "development id before install");
  HostCommand(host, data_dir, install);

  std::string input;
  input += Frame(R"({"v":1,"id":1,"type":"hello"})");
  input += LengthOnly(0);                                      // empty frame
  input += Frame("{\"v\":1,");                                 // bad JSON
  input += LengthOnly(5u << 20) + std::string(5u << 20, 'x');  // over the 4 MiB cap, then skipped
  input += Frame(snapshot);
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
  CheckRefused(host, data_dir, {firefox_manifest, "evil@example.com"}, "another Firefox add-on");
  Run firefox =
      RunHost(host, Frame(R"({"v":1,"id":1,"type":"hello"})"), data_dir, {firefox_manifest, "optout@optout.dev"});
  Check(firefox.replies.size() == 1 && firefox.replies[0].value("type", "") == "hello",
        "OptOut's own Firefox add-on id is served (manifest " + firefox_manifest + ")");
  // Uninstall forgets the caller again.
  HostCommand(host, data_dir, uninstall);
  CheckRefused(host, data_dir, {kDevOrigin, "--parent-window=0"}, "development id after uninstall");
  return failures == 0 ? 0 : 1;
}
