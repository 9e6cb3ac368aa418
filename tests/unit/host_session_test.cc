#include "host_session.h"

#include <thread>

#include "child_process.h"
#include "framing.h"
#include "gtest/gtest.h"
#include "host_limits.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;
using testing::Frame;
using testing::LengthPrefix;

struct SessionRun {
  int exit_status = -1;
  std::vector<json> replies;
};

// Runs a HostSession over two pipes: `input` is written (then closed) from one thread, the
// session serves from another, and the test thread collects every reply frame.
SessionRun Drive(RequestHandler* handler, const std::string& input) {
  int to_host[2], from_host[2];
  EXPECT_TRUE(testing::MakePipe(to_host));
  EXPECT_TRUE(testing::MakePipe(from_host));
  SessionRun run;
  std::thread writer([&] {
    testing::WriteFd(to_host[1], input);
    testing::CloseFd(to_host[1]);
  });
  std::thread server([&] {
    run.exit_status = HostSession(handler, to_host[0], from_host[1]).Run();
    testing::CloseFd(from_host[1]);
  });
  std::string body;
  while (ReadFrame(from_host[0], 16u << 20, &body).status == FrameStatus::kOk) {
    run.replies.push_back(json::parse(body));
  }
  writer.join();
  server.join();
  testing::CloseFd(to_host[0]);
  testing::CloseFd(from_host[0]);
  return run;
}

class HostSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto packs = LoadEmbeddedRulePacks();
    ASSERT_TRUE(packs.ok()) << packs.status();
    auto classifier = Classifier::Build(*packs);
    ASSERT_TRUE(classifier.ok());
    handler_ = std::make_unique<RequestHandler>(*std::move(packs), *std::move(classifier), data_.path());
  }
  testing::TempDir data_;
  std::unique_ptr<RequestHandler> handler_;
};

int Code(const json& reply) { return reply.contains("error") ? reply["error"]["code"].get<int>() : 0; }

TEST_F(HostSessionTest, KeepsServingAfterEveryRecoverableError) {
  std::string input;
  input += Frame(R"({"v":1,"id":1,"type":"hello"})");
  input += LengthPrefix(0);
  input += LengthPrefix(kMaxRequestBytes + 10) + std::string(kMaxRequestBytes + 10, ' ');
  input += Frame("not json");
  input += Frame("\xff\xfe");
  input += Frame(std::string(64, '[') + std::string(64, ']'));
  input += Frame("[]");
  input +=
      Frame(R"({"v":1,"id":"x","type":"classify","page":{"url_path":"/"},"controls":[{"ref":"a","kind":"switch"}]})");
  input += Frame(R"({"v":1,"id":8,"type":"wat"})");
  input += Frame(R"({"v":3,"id":9,"type":"hello"})");
  input += Frame(R"({"v":1,"id":10,"type":"record","change":{"setting":"research","url_path":"/p","before":"on",
                    "after":"off","verified":true,"outcome":"changed"}})");
  input += Frame(R"({"v":1,"id":11,"type":"history","limit":5})");
  input += Frame(R"({"v":1,"id":12,"type":"settings"})");
  SessionRun run = Drive(handler_.get(), input);

  EXPECT_EQ(run.exit_status, kExitCleanEof);
  ASSERT_EQ(run.replies.size(), 13u);
  EXPECT_EQ(run.replies[0]["rule_packs"][0]["name"], "linkedin");
  EXPECT_EQ(Code(run.replies[1]), 1001);
  EXPECT_EQ(Code(run.replies[2]), 1002);
  EXPECT_EQ(Code(run.replies[3]), 1102);
  EXPECT_EQ(Code(run.replies[4]), 1101);
  EXPECT_EQ(Code(run.replies[5]), 1103);
  EXPECT_EQ(Code(run.replies[6]), 1201);
  EXPECT_EQ(Code(run.replies[7]), 1202);
  EXPECT_EQ(run.replies[7]["id"], "x");
  EXPECT_EQ(run.replies[7]["error"]["message"], "controls[0].checked: required field missing");
  EXPECT_EQ(Code(run.replies[8]), 1204);
  EXPECT_EQ(Code(run.replies[9]), 1205);
  EXPECT_EQ(run.replies[10]["seq"], 1);
  EXPECT_EQ(run.replies[11]["entries"].size(), 1u);
  EXPECT_EQ(run.replies[11]["damaged_lines"], 0);
  const json& summary = run.replies[11]["summary"];
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0]["setting"], "research");
  EXPECT_EQ(summary[0]["state_before"], "on");
  EXPECT_EQ(summary[0]["verified_after"], "off");
  EXPECT_EQ(summary[0]["switched_off_at"], run.replies[10]["recorded_at"]);
  EXPECT_EQ(summary[0]["first_seen"], run.replies[10]["recorded_at"]);
  EXPECT_EQ(summary[0]["last_outcome"], "changed");
  const json& settings = run.replies[12]["settings"];
  ASSERT_FALSE(settings.empty());
  EXPECT_EQ(settings[0]["id"], "generative_ai_training");
  EXPECT_EQ(settings[0]["page"], "/mypreferences/d/settings/data-for-ai-improvement");
  for (const json& s : settings) {
    if (s["id"] == "notifications_email") {
      EXPECT_EQ(s["category"], "not_data_use");
    }
  }
}

TEST_F(HostSessionTest, TruncatedFrameEndsWithStatus3) {
  SessionRun run = Drive(handler_.get(), Frame(R"({"v":1,"id":1,"type":"hello"})") + LengthPrefix(50) + "{\"v\"");
  EXPECT_EQ(run.exit_status, kExitTruncated);
  EXPECT_EQ(run.replies.size(), 1u);
  run = Drive(handler_.get(), std::string("\x10\x00", 2));
  EXPECT_EQ(run.exit_status, kExitTruncated);
}

TEST_F(HostSessionTest, OversizedReplyIsReplacedByError1501) {
  json req = {{"v", 1},
              {"id", 5},
              {"type", "classify"},
              {"page", {{"url_path", "/mypreferences/d/settings/data-for-ai-improvement"}}}};
  req["controls"] = json::array();
  for (int i = 0; i < 2000; ++i) {
    std::string ref = std::to_string(i);
    // Control characters are sent back escaped (\u0001, 6 bytes each): the reply outgrows the request.
    ref += std::string(kMaxRefBytes - ref.size(), '\x01');
    req["controls"].push_back({{"ref", ref},
                               {"kind", "switch"},
                               {"checked", true},
                               {"label", "Use my data for training content creation AI models"}});
  }
  SessionRun run = Drive(handler_.get(), Frame(req.dump()) + Frame(R"({"v":1,"id":6,"type":"hello"})"));
  ASSERT_EQ(run.replies.size(), 2u);
  EXPECT_EQ(Code(run.replies[0]), 1501);
  EXPECT_EQ(run.replies[0]["id"], 5);
  EXPECT_EQ(run.replies[1]["type"], "hello");
}

TEST_F(HostSessionTest, RecordFailureIsReportedNotFatal) {
  testing::TempDir dir;
  testing::WriteFile(dir.path() + "/file", "x");
  auto packs = LoadEmbeddedRulePacks();
  auto classifier = Classifier::Build(*packs);
  // The data "directory" is a regular file: the append cannot succeed.
  RequestHandler handler(*std::move(packs), *std::move(classifier), dir.path() + "/file");
  SessionRun run = Drive(&handler, Frame(R"({"v":1,"id":1,"type":"record","change":{"setting":null,"url_path":"/p",
      "verified":false,"outcome":"failed"}})") +
                                       Frame(R"({"v":1,"id":2,"type":"hello"})"));
  ASSERT_EQ(run.replies.size(), 2u);
  EXPECT_EQ(Code(run.replies[0]), 1301);
  EXPECT_EQ(run.replies[1]["ok"], true);
}

}  // namespace
}  // namespace optout
