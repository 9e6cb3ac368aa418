// Hostile request bodies against the built optout-host binary. Every hostile frame must get the
// stable error code of docs/protocol.md, and the very next message must still be answered.
#include <functional>

#include "gtest/gtest.h"
#include "host_limits.h"
#include "hostile_util.h"

namespace optout::hostile {
namespace {

class ProtocolHostile : public ::testing::Test {
 protected:
  void SetUp() override {
    host_ = std::make_unique<HostProcess>(data_.path());
    ASSERT_TRUE(host_->started());
    ASSERT_TRUE(StillServes(*host_, 0));
  }

  // Sends one body, returns its reply, and checks that the host still answers a hello after it.
  json Exchange(const std::string& body, double timeout_s = 30) {
    EXPECT_TRUE(host_->Send(Frame(body)));
    std::optional<json> reply = host_->Reply(timeout_s);
    EXPECT_TRUE(reply.has_value()) << "no reply to a body of " << body.size() << " bytes";
    EXPECT_TRUE(StillServes(*host_, ++ping_)) << "host stopped serving after: " << body.substr(0, 200);
    return reply.value_or(json());
  }

  void ExpectError(const std::string& body, int code, const std::string& message_prefix = "") {
    json reply = Exchange(body);
    EXPECT_EQ(Code(reply), code) << body.substr(0, 300) << "\n-> " << reply.dump().substr(0, 400);
    if (!message_prefix.empty() && reply.contains("error")) {
      EXPECT_EQ(reply["error"]["message"].get<std::string>().rfind(message_prefix, 0), 0u)
          << "message: " << reply["error"]["message"] << ", expected prefix " << message_prefix;
    }
  }

  TempDir data_;
  std::unique_ptr<HostProcess> host_;
  int ping_ = 1000;
};

json ClassifyBase() { return json::parse(ReadFile(SourcePath("tests/fixtures/snapshots/genai-en-switch.json"))); }

json RecordBase() { return json::parse(RecordBody(3, "research")); }

json HistoryBase() { return {{"v", 1}, {"id", 4}, {"type", "history"}, {"limit", 5}}; }

// Every value below `j` with its json_pointer and the dotted path the host reports.
void Walk(const json& j, const json::json_pointer& ptr, const std::string& dotted,
          std::vector<std::pair<json::json_pointer, std::string>>* out) {
  if (j.is_object()) {
    for (auto& [k, v] : j.items()) {
      std::string d = dotted.empty() ? k : dotted + "." + k;
      out->emplace_back(ptr / k, d);
      Walk(v, ptr / k, d, out);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      std::string d = dotted + "[" + std::to_string(i) + "]";
      out->emplace_back(ptr / i, d);
      Walk(j[i], ptr / i, d, out);
    }
  }
}

int TypeClass(const json& j) {
  if (j.is_number_integer()) return 100;  // signed and unsigned are one class
  return static_cast<int>(j.type());
}

TEST_F(ProtocolHostile, BasesAreAccepted) {
  for (const json& base : {ClassifyBase(), RecordBase(), HistoryBase()}) {
    json reply = Exchange(base.dump());
    EXPECT_EQ(reply["ok"], true) << reply.dump();
  }
}

TEST_F(ProtocolHostile, WrongTypesEverywhereAre1203WithTheFieldPath) {
  const std::vector<json> wrong = {nullptr, true, 0, -1, 1.5, "s", json::array(), json::object()};
  int cases = 0;
  for (const json& base : {ClassifyBase(), RecordBase(), HistoryBase()}) {
    std::vector<std::pair<json::json_pointer, std::string>> paths;
    Walk(base, json::json_pointer(), "", &paths);
    for (const auto& [ptr, dotted] : paths) {
      for (const json& w : wrong) {
        if (TypeClass(w) == TypeClass(base.at(ptr))) continue;
        if (dotted == "change.setting" && w.is_null()) continue;  // null = unrecognised control: valid
        if (dotted == "id" && w.is_string()) continue;            // string ids are valid
        json req = base;
        req[ptr] = w;
        SCOPED_TRACE(dotted + " = " + w.dump());
        json reply = Exchange(req.dump());
        ++cases;
        ASSERT_EQ(Code(reply), 1203) << reply.dump();
        EXPECT_EQ(reply["error"]["name"], "bad_field");
        std::string message = reply["error"]["message"];
        EXPECT_EQ(message.rfind(dotted + ": ", 0), 0u) << message;
        if (dotted == "id")
          EXPECT_TRUE(reply["id"].is_null());
        else
          EXPECT_EQ(reply["id"], base["id"]);
      }
    }
  }
  EXPECT_GT(cases, 150);
}

TEST_F(ProtocolHostile, MissingRequiredFieldsAre1202AndOptionalOnesAreNot) {
  const std::set<std::string> required = {"v",
                                          "id",
                                          "type",
                                          "page",
                                          "page.url_path",
                                          "controls",
                                          "controls[0].ref",
                                          "controls[0].kind",
                                          "controls[0].checked",
                                          "change",
                                          "change.setting",
                                          "change.url_path",
                                          "change.verified",
                                          "change.outcome"};
  for (const json& base : {ClassifyBase(), RecordBase(), HistoryBase()}) {
    std::vector<std::pair<json::json_pointer, std::string>> paths;
    Walk(base, json::json_pointer(), "", &paths);
    for (const auto& [ptr, dotted] : paths) {
      json req = base;
      req[ptr.parent_pointer()].is_array() ? req[ptr.parent_pointer()].erase(std::stoul(ptr.back()))
                                           : static_cast<void>(req[ptr.parent_pointer()].erase(ptr.back()));
      SCOPED_TRACE("without " + dotted);
      json reply = Exchange(req.dump());
      if (required.count(dotted)) {
        EXPECT_EQ(Code(reply), 1202) << reply.dump();
        EXPECT_EQ(reply["error"]["message"], dotted + ": required field missing");
      } else {
        EXPECT_EQ(reply["ok"], true) << reply.dump();
      }
    }
  }
}

struct Cap {
  std::string what;  // "classify" | "record" | "hello"
  std::string pointer;
  std::size_t max_bytes;
};

// Page text is what LinkedIn renders, of any length and script: over its cap it is cut at a code
// point boundary and the page is still classified (a long CJK description once made OptOut
// refuse the whole page, and the switch beside it stayed on).
TEST_F(ProtocolHostile, OverLongPageTextIsCutAtACodePointNotRefused) {
  const std::vector<Cap> caps = {{"classify", "/page/title", kMaxTitleBytes},
                                 {"classify", "/controls/0/label", kMaxLabelBytes},
                                 {"classify", "/controls/0/context", kMaxContextBytes}};
  for (const Cap& cap : caps) {
    SCOPED_TRACE(cap.pointer);
    for (const std::string& unit : {std::string("\xe5\xad\xa6"), std::string("\xf0\x9f\x98\x80"), std::string("x")}) {
      json req = ClassifyBase();
      std::string text = cap.pointer == "/controls/0/label" ? req["controls"][0]["label"].get<std::string>() + " " : "";
      while (text.size() < cap.max_bytes * 3) text += unit;  // 3-byte CJK, 4-byte emoji, ASCII
      req[json::json_pointer(cap.pointer)] = text;
      json reply = Exchange(req.dump());
      ASSERT_EQ(reply["ok"], true) << reply.dump().substr(0, 300);
      EXPECT_EQ(reply["verdicts"].size(), 1u);
    }
  }
  // A label whose data-use words come first is still recognised after the cut.
  json req = ClassifyBase();
  std::string label = req["controls"][0]["label"].get<std::string>() + " ";
  while (label.size() < 3 * kMaxLabelBytes) label += "\xe8\xaa\xac\xe6\x98\x8e";
  req["controls"][0]["label"] = label;
  json reply = Exchange(req.dump());
  ASSERT_EQ(reply["ok"], true);
  EXPECT_EQ(reply["verdicts"][0]["action"], "flip") << reply.dump().substr(0, 400);
}

TEST_F(ProtocolHostile, EveryStringCapHoldsAtTheCapAndRejectsOneByteMore) {
  const std::vector<Cap> caps = {{"classify", "/page/url_path", kMaxUrlPathBytes},
                                 {"classify", "/page/lang", kMaxLangBytes},
                                 {"classify", "/controls/0/ref", kMaxRefBytes},
                                 {"classify", "/controls/0/attrs/id", kMaxAttrValueBytes},
                                 {"record", "/change/setting", kMaxRecordStringBytes},
                                 {"record", "/change/url_path", kMaxRecordStringBytes},
                                 {"record", "/change/label", kMaxRecordStringBytes},
                                 {"record", "/change/browser_time", kMaxRecordStringBytes},
                                 {"hello", "/id", kMaxIdStringBytes}};
  for (const Cap& cap : caps) {
    json base = cap.what == "classify" ? ClassifyBase()
                : cap.what == "record" ? RecordBase()
                                       : json::parse(R"({"v":1,"id":1,"type":"hello"})");
    SCOPED_TRACE(cap.pointer);
    // Multi-byte text: the caps are in bytes, not characters.
    std::string at_cap;
    while (at_cap.size() + 2 <= cap.max_bytes) at_cap += "\xc3\xa9";  // é
    at_cap.append(cap.max_bytes - at_cap.size(), 'x');
    json ok = base;
    ok[json::json_pointer(cap.pointer)] = at_cap;
    json reply = Exchange(ok.dump());
    EXPECT_EQ(reply["ok"], true) << reply.dump().substr(0, 300);

    json over = base;
    over[json::json_pointer(cap.pointer)] = at_cap + "x";
    reply = Exchange(over.dump());
    EXPECT_EQ(Code(reply), 1203);
    EXPECT_NE(reply["error"]["message"].get<std::string>().find("longer than " + std::to_string(cap.max_bytes)),
              std::string::npos)
        << reply.dump();

    json huge = base;  // far over, but inside the 4 MiB frame cap
    huge[json::json_pointer(cap.pointer)] = std::string(1 << 20, 'h');
    reply = Exchange(huge.dump());
    EXPECT_EQ(Code(reply), 1203);
  }
}

TEST_F(ProtocolHostile, OtherShapeLimits) {
  json req = ClassifyBase();
  req["controls"][0]["ref"] = "";
  ExpectError(req.dump(), 1203, "controls[0].ref: shorter than 1 bytes");

  req = ClassifyBase();
  for (int i = 0; i < 9; ++i) req["controls"][0]["attrs"]["data-" + std::to_string(i)] = "v";
  ExpectError(req.dump(), 1203, "controls[0].attrs: more than 8 entries");

  req = ClassifyBase();
  req["controls"][0]["attrs"][std::string(kMaxAttrNameBytes + 1, 'n')] = "v";
  ExpectError(req.dump(), 1203, "controls[0].attrs.");

  req = ClassifyBase();
  req["controls"].push_back(req["controls"][0]);
  ExpectError(req.dump(), 1203, "controls[1].ref: duplicate of controls[0].ref");

  req = ClassifyBase();
  req["controls"][0]["kind"] = "button";
  ExpectError(req.dump(), 1203, "controls[0].kind: expected one of switch | checkbox | radio");

  json rec = RecordBase();
  rec["change"]["outcome"] = "maybe";
  ExpectError(rec.dump(), 1203, "change.outcome: expected one of");
  rec = RecordBase();
  rec["change"]["before"] = "ON";
  ExpectError(rec.dump(), 1203, "change.before: expected one of on | off");

  ExpectError(R"({"v":1,"id":9007199254740993,"type":"hello"})", 1203, "id: integer above 2^53");
  EXPECT_EQ(Exchange(R"({"v":1,"id":9007199254740992,"type":"hello"})")["ok"], true);
  ExpectError(R"({"v":1,"id":-1,"type":"hello"})", 1203, "id: must not be negative");
  ExpectError(R"({"v":1,"id":1e400,"type":"hello"})", 1102);  // out of double range: not JSON we accept
  ExpectError(R"({"v":2,"id":1,"type":"hello"})", 1205, "v: protocol version 2");
  ExpectError(R"({"v":0,"id":1,"type":"hello"})", 1205);
  ExpectError(R"({"v":-1,"id":1,"type":"hello"})", 1205);
  ExpectError(R"({"v":18446744073709551615,"id":1,"type":"hello"})", 1205);
  ExpectError(R"({"v":1.0,"id":1,"type":"hello"})", 1203, "v: expected integer");
  for (const char* limit : {"0", "501", "-1", "1e30", "18446744073709551615", "-9223372036854775808", "1.5"}) {
    ExpectError(std::string(R"({"v":1,"id":1,"type":"history","limit":)") + limit + "}", 1203, "limit: ");
  }
  EXPECT_EQ(Exchange(R"({"v":1,"id":1,"type":"history","limit":500})")["ok"], true);
  ExpectError("[]", 1201);
  ExpectError("\"hello\"", 1201);
  ExpectError("null", 1201);
  ExpectError("12", 1201);
  ExpectError(" ", 1102);
  ExpectError(R"({"v":1,"id":1,"type":"hello"} {})", 1102);
  ExpectError(R"({"v":1,"id":1,"type":"hello")", 1102);
  ExpectError(std::string(100000, ']'), 1102);
}

TEST_F(ProtocolHostile, UnknownRequestTypesAre1204WithABoundedMessage) {
  for (std::string type : {std::string(""), std::string("HELLO"), std::string("hello "), std::string("hello\\u0000"),
                           std::string("classify2"), std::string(100000, 't')}) {
    std::string body = R"({"v":1,"id":5,"type":")" + type + "\"}";
    json reply = Exchange(body);
    EXPECT_EQ(Code(reply), 1204) << type.substr(0, 40);
    EXPECT_EQ(reply["id"], 5);
    EXPECT_LT(reply["error"]["message"].get<std::string>().size(), 200u);
  }
}

TEST_F(ProtocolHostile, InvalidUtf8Is1101Anywhere) {
  const std::vector<std::string> bad = {
      "\xc0\xaf",                  // overlong '/'
      "\xe0\x80\xaf",              // overlong, 3 bytes
      "\xf0\x80\x80\xaf",          // overlong, 4 bytes
      "\xc1\xbf",                  // overlong, C1 lead
      "\xed\xa0\x80",              // UTF-16 high surrogate D800
      "\xed\xbf\xbf",              // low surrogate DFFF
      "\xed\xa0\xbd\xed\xb8\x80",  // CESU-8 surrogate pair
      "\xe2\x82",                  // truncated 3-byte sequence
      "\xf0\x9f\x98",              // truncated 4-byte sequence
      "\xc3",                      // truncated 2-byte sequence
      "\x80",                      // lone continuation byte
      "\xf4\x90\x80\x80",          // above U+10FFFF
      "\xf5\x80\x80\x80",          // F5 lead
      "\xff",                      // never valid
  };
  for (const std::string& seq : bad) {
    json req = ClassifyBase();
    std::string body = req.dump();
    // Inside a string value (the label), at the very end of the body, and outside any string.
    std::string in_label = body;
    std::size_t at = in_label.find("training content");
    ASSERT_NE(at, std::string::npos);
    in_label.insert(at, seq);
    ExpectError(in_label, 1101, "body is not valid UTF-8");
    ExpectError(body + seq, 1101);
    ExpectError(seq + body, 1101);
  }
  // Escaped lone surrogates are valid UTF-8 text but not valid JSON strings.
  for (const char* escaped : {"\\ud800", "\\udc00", "\\ud800x", "\\ud800\\u0041"}) {
    json req = ClassifyBase();
    std::string body = req.dump();
    body.insert(body.find("training content"), escaped);
    ExpectError(body, 1102);
  }
  // A proper escaped pair and raw 4-byte UTF-8 are accepted.
  std::string body = ClassifyBase().dump();
  body.insert(body.find("training content"), "\\ud83d\\ude00 \xf0\x9f\x98\x80 ");
  EXPECT_EQ(Exchange(body)["ok"], true);
}

TEST_F(ProtocolHostile, DeepNestingIsRejectedBeforeParsing) {
  for (int depth : {100000, 1000000}) {
    auto start = Clock::now();
    ExpectError(std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']'),
                1103, "nesting deeper than 32");
    std::string objects;
    for (int i = 0; i < depth; ++i) objects += "{\"a\":";
    objects += "0" + std::string(static_cast<std::size_t>(depth), '}');
    if (objects.size() <= kMaxRequestBytes) ExpectError(objects, 1103);
    // Unbalanced: opened and never closed.
    ExpectError(std::string(static_cast<std::size_t>(depth), '{'), 1103);
    EXPECT_LT(SecondsSince(start), 10.0);
  }
  // Inside an otherwise valid request, in an ignored field.
  std::string deep =
      R"({"v":1,"id":1,"type":"hello","pad":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  ExpectError(deep, 1103);
  // Brackets inside strings (with escaped quotes) are not nesting.
  std::string quoted = R"({"v":1,"id":1,"type":"hello","pad":"\")" + std::string(100000, '[') + "\"}";
  EXPECT_EQ(Exchange(quoted)["ok"], true);
  // The boundary: 32 levels are served, 33 are not.
  auto nested = [](int levels) {
    return R"({"v":1,"id":1,"type":"hello","pad":)" + std::string(static_cast<std::size_t>(levels - 1), '[') +
           std::string(static_cast<std::size_t>(levels - 1), ']') + "}";
  };
  EXPECT_EQ(Exchange(nested(32))["ok"], true);
  ExpectError(nested(33), 1103);
}

TEST_F(ProtocolHostile, MillionControlsAre1206Quickly) {
  const long rss_before = host_->PeakRssKb();  // sanitizer builds start far higher
  const std::string head = R"({"v":1,"id":6,"type":"classify","page":{"url_path":"/"},"controls":[)";
  for (const std::string& item : {std::string("0"), std::string("{}")}) {
    std::string body = head;
    body.reserve(head.size() + 1000000 * (item.size() + 1) + 2);
    for (int i = 0; i < 1000000; ++i) {
      if (i) body += ',';
      body += item;
    }
    body += "]}";
    ASSERT_LE(body.size(), kMaxRequestBytes);
    auto start = Clock::now();
    ExpectError(body, 1206, "controls: 1000000 entries, at most 2000 allowed");
    double seconds = SecondsSince(start);
    std::printf("1,000,000 x %s controls rejected in %.3f s (host peak RSS %ld KiB)\n", item.c_str(), seconds,
                host_->PeakRssKb());
    EXPECT_LT(seconds, 10.0);
    // Counted before parsing: the million entries are never built (that cost ~110 MB).
    EXPECT_LT(host_->PeakRssKb() - rss_before, 32 * 1024);
  }
  // Just over the cap with real controls.
  json req = ClassifyBase();
  json control = req["controls"][0];
  req["controls"] = json::array();
  for (std::size_t i = 0; i <= kMaxControls; ++i) {
    control["ref"] = "c" + std::to_string(i);
    req["controls"].push_back(control);
  }
  ExpectError(req.dump(), 1206, "controls: 2001 entries");
  req["controls"].erase(req["controls"].size() - 1);
  json reply = Exchange(req.dump());
  ASSERT_EQ(reply["ok"], true);
  EXPECT_EQ(reply["verdicts"].size(), kMaxControls);
}

TEST_F(ProtocolHostile, ReplyOver1MiBIs1501AndTheHostKeepsServing) {
  json req = ClassifyBase();
  json control = req["controls"][0];
  req["controls"] = json::array();
  for (std::size_t i = 0; i < kMaxControls; ++i) {
    // 64-byte refs full of quotes and backslashes: each is escaped (2 bytes) in the reply.
    std::string ref = std::to_string(i) + "-";
    while (ref.size() < kMaxRefBytes) ref += (ref.size() % 2) ? '"' : '\\';
    control["ref"] = ref;
    req["controls"].push_back(control);
  }
  std::string body = req.dump();
  ASSERT_LT(body.size(), kMaxRequestBytes);
  json reply = Exchange(body);
  EXPECT_EQ(Code(reply), 1501) << reply.dump().substr(0, 300);
  EXPECT_EQ(reply["error"]["name"], "reply_too_large");
  EXPECT_EQ(reply["id"], req["id"]);
  EXPECT_LE(host_->last_reply_bytes(), 4096u);
  EXPECT_NE(host_->Stderr().find("replaced by reply_too_large"), std::string::npos);

  // The same 2000 controls with short refs fit: 1501 is about the reply size, not the count.
  for (std::size_t i = 0; i < kMaxControls; ++i) req["controls"][i]["ref"] = "c" + std::to_string(i);
  reply = Exchange(req.dump());
  ASSERT_EQ(reply["ok"], true);
  EXPECT_EQ(reply["verdicts"].size(), kMaxControls);
  // 2000 copies of one setting's switch: which is the real one is a guess, so none is flipped.
  EXPECT_EQ(reply["verdicts"][1999]["action"], "highlight");
  EXPECT_EQ(reply["verdicts"][1999]["doubt"], "two_controls");
  EXPECT_LE(host_->last_reply_bytes(), kMaxReplyBytes);
}

// `local` (the setting's German title and explanation) on each of 2000 verdicts would take the
// reply above: the host keeps it on the first verdict of the setting only, and says so.
TEST_F(ProtocolHostile, MaximalGermanClassifyKeepsLocalOncePerSettingAndFits) {
  json req = json::parse(ReadFile(SourcePath("tests/fixtures/snapshots/genai-de-switch.json")));
  json control = req["controls"][0];
  req["controls"] = json::array();
  for (std::size_t i = 0; i < kMaxControls; ++i) {
    control["ref"] = "c" + std::to_string(i);
    req["controls"].push_back(control);
  }
  json reply = Exchange(req.dump());
  ASSERT_EQ(reply["ok"], true) << reply.dump().substr(0, 300);
  EXPECT_LE(host_->last_reply_bytes(), kMaxReplyBytes);
  ASSERT_EQ(reply["verdicts"].size(), kMaxControls);
  EXPECT_EQ(reply["local_omitted"], "repeats");
  EXPECT_EQ(reply["verdicts"][0]["setting"], "generative_ai_training");
  EXPECT_EQ(reply["verdicts"][0]["local"]["lang"], "de");
  EXPECT_EQ(reply["verdicts"][0]["local"]["title"], "Daten zur Verbesserung generativer KI");
  EXPECT_TRUE(reply["verdicts"][1999]["local"].is_null());
  EXPECT_EQ(reply["verdicts"][1999]["title"], "Data for Generative AI Improvement");

  // The same switch 20 times fits with `local` on every verdict.
  json few = req;
  few["controls"] = json::array();
  for (std::size_t i = 0; i < 20; ++i) few["controls"].push_back(req["controls"][i]);
  reply = Exchange(few.dump());
  ASSERT_EQ(reply["ok"], true);
  EXPECT_TRUE(reply["local_omitted"].is_null());
  for (const json& v : reply["verdicts"]) EXPECT_EQ(v["local"]["lang"], "de");
}

}  // namespace
}  // namespace optout::hostile
