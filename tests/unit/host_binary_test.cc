// The built optout-host binary over pipes, on every system it is built for (on Windows, the
// .exe under wine): the record round trip in a data directory whose name is not ASCII, and a
// Firefox-style launch with an absolute manifest path of this system (C:\... on Windows).
// Frames whose length bytes are 0x0a, 0x0d and 0x1a: tests/hostile/framing_hostile_test.cc.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"
#include "crc32.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "requests.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;
using testing::Frame;

// The host serving one session, started as `args` say.
class Host {
 public:
  Host(const std::string& data_dir, const std::vector<std::string>& args)
      : child_(OPTOUT_HOST_BIN, args, {{"OPTOUT_DATA_DIR", data_dir}, {"OPTOUT_RULES_DIR", std::nullopt}}) {}

  bool started() const { return child_.started(); }

  std::optional<json> Ask(const json& request) {
    if (!child_.Write(Frame(request.dump()))) return std::nullopt;
    const auto deadline = testing::After(30);
    char prefix[4];
    if (!child_.ReadExactly(prefix, 4, deadline)) return std::nullopt;
    std::uint32_t n;
    std::memcpy(&n, prefix, 4);
    std::string body(n, '\0');
    if (!child_.ReadExactly(body.data(), n, deadline)) return std::nullopt;
    json reply = json::parse(body, nullptr, false);
    if (reply.is_discarded()) return std::nullopt;
    return reply;
  }

  // Ends the session (end of input) and returns the exit status.
  int Finish() {
    child_.CloseStdin();
    testing::ChildExit exit = child_.Wait(testing::After(30));
    return exit.exited ? exit.status : -1;
  }

  std::string Stderr() { return child_.Stderr(); }

 private:
  testing::ChildProcess child_;
};

// "Zoë 山田": a user name as Windows puts it in %LOCALAPPDATA% (UTF-8 here; the host must use the
// wide file APIs, not the ANSI code page, to find it).
constexpr char kNonAsciiDir[] = "Zo\xc3\xab \xe5\xb1\xb1\xe7\x94\xb0";

TEST(HostBinary, RecordRoundTripInADataDirectoryWithANonAsciiName) {
  testing::TempDir temp;
  const std::filesystem::path user = std::filesystem::u8path(temp.path()) / std::filesystem::u8path(kNonAsciiDir);
  ASSERT_TRUE(std::filesystem::create_directory(user));
  // The host creates OptOut itself, inside the non-ASCII directory.
  const std::string data_dir = (user / "OptOut").u8string();
  const std::vector<std::string> labels = {
      "Use my data for AI",
      "Donn\xc3\xa9"
      "es pour l\xe2\x80\x99IA",                                       // Données pour l’IA
      "\xe5\xb1\xb1\xe7\x94\xb0\xe3\x81\xae\xe8\xa8\xad\xe5\xae\x9a",  // 山田の設定
      "line\r\nbreak and \x1a control", "\xf0\x9f\x94\x92 emoji"};     // 🔒
  {
    Host host(data_dir, {"serve"});
    ASSERT_TRUE(host.started());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      std::optional<json> reply = host.Ask(testing::RecordRequest(static_cast<int>(i), "research", labels[i]));
      ASSERT_TRUE(reply.has_value()) << host.Stderr();
      ASSERT_EQ((*reply)["ok"], true) << reply->dump();
      EXPECT_EQ((*reply)["seq"], i + 1);
    }
    EXPECT_EQ(host.Finish(), 0) << host.Stderr();
  }
  ASSERT_TRUE(std::filesystem::is_regular_file(user / "OptOut" / "record.log"))
      << "the record is not where OPTOUT_DATA_DIR says";

  // Every line as written: CRC, a space, JSON, LF (no CR added), and its CRC holds.
  const std::string text = testing::ReadFile((user / "OptOut" / "record.log").u8string());
  EXPECT_EQ(text.find('\r'), std::string::npos) << "the record must be written in binary mode";
  std::size_t lines = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    ASSERT_NE(nl, std::string::npos) << "the last line is not ended";
    const std::string line = text.substr(start, nl - start);
    ASSERT_GT(line.size(), 9u);
    ASSERT_EQ(line[8], ' ');
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", Crc32(line.substr(9)));
    EXPECT_EQ(line.substr(0, 8), hex) << line;
    json entry = json::parse(line.substr(9));
    EXPECT_EQ(entry["label"], labels[lines]);
    ++lines;
    start = nl + 1;
  }
  EXPECT_EQ(lines, labels.size());

  // A new host reads them back, the same text, nothing damaged.
  Host reader(data_dir, {"serve"});
  std::optional<json> history = reader.Ask({{"v", 1}, {"id", 9}, {"type", "history"}, {"limit", 50}});
  ASSERT_TRUE(history.has_value()) << reader.Stderr();
  ASSERT_EQ((*history)["ok"], true) << history->dump();
  EXPECT_EQ((*history)["damaged_lines"], 0);
  ASSERT_EQ((*history)["entries"].size(), labels.size()) << history->dump();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    // Newest first or oldest first: find each by its seq.
    bool found = false;
    for (const json& e : (*history)["entries"]) {
      if (e["seq"] == i + 1) {
        EXPECT_EQ(e["label"], labels[i]);
        found = true;
      }
    }
    EXPECT_TRUE(found) << "seq " << i + 1;
  }
  EXPECT_EQ(reader.Finish(), 0);
}

// Where Firefox would have found the manifest: an absolute path of this system.
std::string FirefoxManifestIn(const testing::TempDir& dir) {
  return (std::filesystem::u8path(dir.path()) / "NativeMessagingHosts" / "com.optout.host.json")
      .make_preferred()
      .u8string();
}

// Firefox starts the host with the manifest's absolute path and the add-on id; on Windows the
// path is C:\...\com.optout.host.json. OptOut's own add-on id is built in: served without install.
TEST(HostBinary, FirefoxStyleLaunchIsServed) {
  testing::TempDir data;
  const std::string manifest = FirefoxManifestIn(data);
  Host host(data.path(), {manifest, "optout@optout.dev"});
  ASSERT_TRUE(host.started());
  std::optional<json> hello = host.Ask({{"v", 1}, {"id", 1}, {"type", "hello"}});
  ASSERT_TRUE(hello.has_value()) << host.Stderr();
  EXPECT_EQ((*hello)["type"], "hello") << hello->dump();
  EXPECT_EQ((*hello)["ok"], true) << hello->dump();
  std::optional<json> recorded = host.Ask(testing::RecordRequest(2, "research", "from Firefox"));
  ASSERT_TRUE(recorded.has_value());
  EXPECT_EQ((*recorded)["ok"], true) << recorded->dump();
  std::optional<json> history = host.Ask({{"v", 1}, {"id", 3}, {"type", "history"}, {"limit", 1}});
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ((*history)["entries"].size(), 1u) << history->dump();
  EXPECT_EQ((*history)["entries"][0]["label"], "from Firefox");
  EXPECT_EQ(host.Finish(), 0) << host.Stderr();
}

// The same launch from another add-on is a caller the host was not installed for.
TEST(HostBinary, FirefoxStyleLaunchOfAnotherAddOnIsRefused) {
  testing::TempDir data;
  const std::string manifest = FirefoxManifestIn(data);
  Host host(data.path(), {manifest, "evil@example.com"});
  ASSERT_TRUE(host.started());
  std::optional<json> hello = host.Ask({{"v", 1}, {"id", 1}, {"type", "hello"}});
  ASSERT_TRUE(hello.has_value()) << host.Stderr();
  ASSERT_TRUE(hello->contains("error")) << hello->dump();
  EXPECT_EQ((*hello)["error"]["code"], 1401) << hello->dump();
  EXPECT_EQ(host.Finish(), 0) << host.Stderr();
}

}  // namespace
}  // namespace optout
