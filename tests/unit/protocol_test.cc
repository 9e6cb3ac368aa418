#include "protocol.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "host_limits.h"

namespace optout {
namespace {

using nlohmann::json;

ParseResult Parse(const json& j) { return ParseRequest(j.dump()); }

json ValidClassify() {
  return json::parse(R"({"v":1,"id":2,"type":"classify",
    "page":{"url_path":"/mypreferences/d/settings/data-for-ai-improvement","lang":"en"},
    "controls":[{"ref":"c1","kind":"switch","checked":true,"attrs":{"id":"x"},"label":"L","context":"C"},
                {"ref":"c2","kind":"checkbox","checked":false},
                {"ref":"c3","kind":"radio","checked":false},
                {"ref":"c4","kind":"switch","checked":true}]})");
}

void ExpectError(const ParseResult& r, ErrorCode code, const std::string& message) {
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, code) << r.error.message;
  EXPECT_EQ(r.error.message, message);
}

TEST(Protocol, ParsesHello) {
  ParseResult r = ParseRequest(R"({"v":1,"id":1,"type":"hello","future_field":{"x":1}})");
  ASSERT_TRUE(r.ok) << r.error.message;
  EXPECT_EQ(r.request.type, RequestType::kHello);
  EXPECT_EQ(r.request.id, 1);
}

TEST(Protocol, ParsesClassify) {
  ParseResult r = Parse(ValidClassify());
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.request.page.controls.size(), 4u);
  EXPECT_EQ(r.request.page.controls[0].attrs[0].second, "x");
  EXPECT_TRUE(r.request.page.controls[0].checked);
  EXPECT_EQ(r.request.page.controls[1].kind, "checkbox");
}

TEST(Protocol, ExactPathForWrongTypedField) {
  json j = ValidClassify();
  j["controls"][3]["checked"] = "true";
  ExpectError(Parse(j), ErrorCode::kBadField, "controls[3].checked: expected boolean");
  EXPECT_EQ(Parse(j).id, 2) << "the id is echoed once it was readable";
}

TEST(Protocol, ExactPathForMissingField) {
  json j = ValidClassify();
  j["controls"][1].erase("kind");
  ExpectError(Parse(j), ErrorCode::kMissingField, "controls[1].kind: required field missing");
  j = ValidClassify();
  j["page"].erase("url_path");
  ExpectError(Parse(j), ErrorCode::kMissingField, "page.url_path: required field missing");
  j = ValidClassify();
  j.erase("controls");
  ExpectError(Parse(j), ErrorCode::kMissingField, "controls: required field missing");
}

TEST(Protocol, FieldValuesAndSizes) {
  json j = ValidClassify();
  j["controls"][0]["kind"] = "slider";
  ExpectError(Parse(j), ErrorCode::kBadField, "controls[0].kind: expected one of switch | checkbox | radio");
  j = ValidClassify();
  j["controls"][0]["attrs"]["id"] = 5;
  ExpectError(Parse(j), ErrorCode::kBadField, "controls[0].attrs.id: expected string");
  j = ValidClassify();
  j["controls"][0]["attrs"]["name"] = std::string(kMaxAttrValueBytes + 1, 'a');
  ExpectError(Parse(j), ErrorCode::kBadField, "controls[0].attrs.name: longer than 256 bytes");
  j = ValidClassify();
  j["page"]["url_path"] = std::string(kMaxUrlPathBytes + 1, '/');
  ExpectError(Parse(j), ErrorCode::kBadField, "page.url_path: longer than 2048 bytes");
  j = ValidClassify();
  j["controls"][2]["ref"] = "c1";
  ExpectError(Parse(j), ErrorCode::kBadField, "controls[2].ref: duplicate of controls[0].ref");
  j = ValidClassify();
  j["controls"][2]["ref"] = "";
  ExpectError(Parse(j), ErrorCode::kBadField, "controls[2].ref: shorter than 1 bytes");
  j = ValidClassify();
  for (int i = 0; i < 9; ++i) j["controls"][0]["attrs"]["k" + std::to_string(i)] = "v";
  ExpectError(Parse(j), ErrorCode::kBadField, "controls[0].attrs: more than 8 entries");
}

TEST(Protocol, TooManyControls) {
  json j = ValidClassify();
  j["controls"] = json::array();
  for (std::size_t i = 0; i <= kMaxControls; ++i) {
    j["controls"].push_back({{"ref", "c" + std::to_string(i)}, {"kind", "switch"}, {"checked", false}});
  }
  ExpectError(Parse(j), ErrorCode::kTooManyControls, "controls: 2001 entries, at most 2000 allowed");
  j["controls"].erase(j["controls"].size() - 1);
  EXPECT_TRUE(Parse(j).ok);
}

TEST(Protocol, UnknownTypeAndVersion) {
  ExpectError(ParseRequest(R"({"v":1,"id":1,"type":"delete_all"})"), ErrorCode::kUnknownType,
              "type: unknown request type \"delete_all\"");
  ExpectError(ParseRequest(R"({"v":2,"id":1,"type":"hello"})"), ErrorCode::kUnsupportedVersion,
              "v: protocol version 2 is not supported (this host speaks 1)");
  ExpectError(ParseRequest(R"({"v":"1","id":1,"type":"hello"})"), ErrorCode::kBadField, "v: expected integer");
  ExpectError(ParseRequest(R"({"id":1,"type":"hello"})"), ErrorCode::kMissingField, "v: required field missing");
}

TEST(Protocol, Ids) {
  EXPECT_EQ(ParseRequest(R"({"v":1,"id":"abc","type":"hello"})").request.id, "abc");
  EXPECT_TRUE(ParseRequest(R"({"v":1,"id":9007199254740992,"type":"hello"})").ok);  // 2^53
  ParseResult r = ParseRequest(R"({"v":1,"id":9007199254740993,"type":"hello"})");
  ExpectError(r, ErrorCode::kBadField, "id: integer above 2^53");
  EXPECT_TRUE(r.id.is_null()) << "an unreadable id is answered with null";
  ExpectError(ParseRequest(R"({"v":1,"id":-1,"type":"hello"})"), ErrorCode::kBadField, "id: must not be negative");
  ExpectError(ParseRequest(R"({"v":1,"id":1.5,"type":"hello"})"), ErrorCode::kBadField,
              "id: expected integer or string");
  ExpectError(ParseRequest(R"({"v":1,"id":")" + std::string(65, 'i') + R"(","type":"hello"})"), ErrorCode::kBadField,
              "id: longer than 64 bytes");
}

TEST(Protocol, BodyLevelErrors) {
  EXPECT_EQ(ParseRequest("{nope").error.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(ParseRequest("[1,2]").error.code, ErrorCode::kNotAnObject);
  EXPECT_EQ(ParseRequest("\"str\"").error.code, ErrorCode::kNotAnObject);
  EXPECT_EQ(ParseRequest("{\"v\":1,\"id\":\"\xc3\x28\"}").error.code, ErrorCode::kInvalidUtf8);
  EXPECT_EQ(ParseRequest(std::string(40, '[') + std::string(40, ']')).error.code, ErrorCode::kTooDeep);
}

TEST(Protocol, RecordAndHistory) {
  ParseResult r = ParseRequest(R"({"v":1,"id":3,"type":"record","change":{"setting":"research",
      "url_path":"/p","before":"on","after":"off","verified":true,"outcome":"changed","label":"L"}})");
  ASSERT_TRUE(r.ok) << r.error.message;
  EXPECT_EQ(*r.request.change.setting, "research");
  EXPECT_EQ(*r.request.change.after, "off");
  ExpectError(ParseRequest(R"({"v":1,"id":3,"type":"record","change":{"setting":"research",
      "url_path":"/p","before":"maybe","verified":true,"outcome":"changed"}})"),
              ErrorCode::kBadField, "change.before: expected one of on | off");
  ExpectError(ParseRequest(R"({"v":1,"id":3,"type":"record","change":{"setting":"x","url_path":"/p",
      "verified":"yes","outcome":"changed"}})"),
              ErrorCode::kBadField, "change.verified: expected boolean");
  for (const char* outcome : {"changed", "failed", "already_off", "seen", "restored", "objection_form_opened"}) {
    ParseResult ok = ParseRequest(absl::StrCat(R"({"v":1,"id":3,"type":"record","change":{"setting":"x",
        "url_path":"/p","verified":false,"outcome":")",
                                               outcome, R"("}})"));
    ASSERT_TRUE(ok.ok) << outcome << ": " << ok.error.message;
    EXPECT_EQ(ok.request.change.outcome, outcome);
  }
  ExpectError(
      ParseRequest(R"({"v":1,"id":3,"type":"record","change":{"setting":"x","url_path":"/p",
      "verified":true,"outcome":"undone"}})"),
      ErrorCode::kBadField,
      "change.outcome: expected one of changed | failed | already_off | seen | restored | objection_form_opened");
  // The objection form is not a switch: its setting is just a string the extension chooses.
  ParseResult form = ParseRequest(R"({"v":1,"id":3,"type":"record","change":{"setting":"data_processing_objection",
      "url_path":"/help/linkedin/ask/TS-DPRO","verified":false,"outcome":"objection_form_opened"}})");
  ASSERT_TRUE(form.ok) << form.error.message;
  EXPECT_EQ(*form.request.change.setting, "data_processing_objection");
  EXPECT_EQ(ParseRequest(R"({"v":1,"id":4,"type":"history"})").request.limit, 50);
  EXPECT_EQ(ParseRequest(R"({"v":1,"id":4,"type":"history","limit":500})").request.limit, 500);
  ExpectError(ParseRequest(R"({"v":1,"id":4,"type":"history","limit":0})"), ErrorCode::kBadField,
              "limit: must be 1..500");
  ExpectError(ParseRequest(R"({"v":1,"id":4,"type":"history","limit":18446744073709551615})"), ErrorCode::kBadField,
              "limit: must be 1..500");
}

TEST(Protocol, SettingsRequestAndPages) {
  ParseResult r = ParseRequest(R"({"v":1,"id":5,"type":"settings"})");
  ASSERT_TRUE(r.ok) << r.error.message;
  EXPECT_EQ(r.request.type, RequestType::kSettings);

  Rule rule;
  rule.url_paths = {"^/mypreferences/d/settings/ads-by-age/?$"};
  EXPECT_EQ(SettingPage(rule), "/mypreferences/d/settings/ads-by-age");
  rule.url_paths = {"^/psettings/data-sharing$"};
  EXPECT_EQ(SettingPage(rule), "/psettings/data-sharing");
  rule.url_paths = {"^/mypreferences/d/settings/(ads|adverts)$"};
  EXPECT_EQ(SettingPage(rule), "") << "a real regex names no single page";
  rule.url_paths = {"/unanchored"};
  EXPECT_EQ(SettingPage(rule), "");
  rule.url_paths = {};
  EXPECT_EQ(SettingPage(rule), "");
}

TEST(Protocol, ErrorReplyShape) {
  json reply = json::parse(ErrorReply(nullptr, ErrorCode::kFrameEmpty, "frame of length 0"));
  EXPECT_EQ(reply["v"], 1);
  EXPECT_TRUE(reply["id"].is_null());
  EXPECT_EQ(reply["type"], "error");
  EXPECT_EQ(reply["ok"], false);
  EXPECT_EQ(reply["error"]["code"], 1001);
  EXPECT_EQ(reply["error"]["name"], "frame_empty");
}

}  // namespace
}  // namespace optout
