// libFuzzer target: bytes -> ParseRequest, the path every frame body takes in the host
// (UTF-8 and depth guard, JSON parse, schema), then the error reply the host would send.
// Checks that a rejected body always gets a stable code and a reply that is valid JSON, and
// that an accepted body respects every cap of host_limits.h.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "host_limits.h"
#include "json_guard.h"
#include "protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  optout::ParseResult parsed = optout::ParseRequest(body);
  if (!parsed.ok) {
    int code = static_cast<int>(parsed.error.code);
    if (code < 1001 || code > 1206 || parsed.error.message.empty()) std::abort();
    if (code == 1101 && optout::IsValidUtf8(body)) std::abort();
    std::string reply = optout::ErrorReply(parsed.id, parsed.error.code, parsed.error.message);
    auto j = nlohmann::json::parse(reply, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || j["error"]["code"] != code) std::abort();
    return 0;
  }
  // Accepted: the body was valid UTF-8 and every field within its cap.
  if (!optout::IsValidUtf8(body)) std::abort();
  const optout::Request& r = parsed.request;
  if (r.type == optout::RequestType::kClassify) {
    const optout::PageSnapshot& p = r.page;
    if (p.url_path.size() > optout::kMaxUrlPathBytes || p.lang.size() > optout::kMaxLangBytes ||
        p.title.size() > optout::kMaxTitleBytes || p.controls.size() > optout::kMaxControls) {
      std::abort();
    }
    for (const optout::Control& c : p.controls) {
      if (c.ref.empty() || c.ref.size() > optout::kMaxRefBytes || c.attrs.size() > optout::kMaxAttrs ||
          c.label.size() > optout::kMaxLabelBytes || c.context.size() > optout::kMaxContextBytes) {
        std::abort();
      }
      if (c.kind != "switch" && c.kind != "checkbox" && c.kind != "radio") std::abort();
    }
  } else if (r.type == optout::RequestType::kHistory) {
    if (r.limit < optout::kMinHistoryLimit || r.limit > optout::kMaxHistoryLimit) std::abort();
  } else if (r.type == optout::RequestType::kRecord) {
    const std::string& o = r.change.outcome;
    if (o != "changed" && o != "failed" && o != "already_off" && o != "seen" && o != "restored" &&
        o != "objection_form_opened") {
      std::abort();
    }
    nlohmann::ordered_json fields;
    optout::AppendChangeFields(r.change, &fields);
    (void)fields.dump();  // what the record store writes; throws on invalid UTF-8
  }
  return 0;
}
