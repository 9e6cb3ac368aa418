// libFuzzer target: bytes -> one request body through RequestHandler::Handle with the shipped
// (embedded) rule pack, exactly as the serve loop hands it a frame body. No data directory, so
// record/history answer with an error instead of writing to disk.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "host_limits.h"
#include "request_handler.h"

namespace {

optout::RequestHandler& Handler() {
  static optout::RequestHandler* handler = [] {
    auto packs = optout::LoadEmbeddedRulePacks();
    if (!packs.ok()) std::abort();
    auto classifier = optout::Classifier::Build(*packs);
    if (!classifier.ok()) std::abort();
    return new optout::RequestHandler(*std::move(packs), *std::move(classifier), "", "fuzzing: no data dir");
  }();
  return *handler;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string reply = Handler().Handle(std::string(reinterpret_cast<const char*>(data), size));
  if (reply.size() > optout::kMaxReplyBytes) std::abort();
  auto j = nlohmann::json::parse(reply, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || j["v"] != 1 || !j["ok"].is_boolean()) std::abort();
  if (j["ok"] == false) {
    int code = j["error"]["code"];
    if (code == 1900) std::abort();  // "a bug": the shipped pack must never fail while matching
  } else if (j["type"] == "classify") {
    for (const auto& v : j["verdicts"]) {
      if (v["action"] == "flip" && (v["confidence"] != "high" || v["shares_data"] != true)) std::abort();
    }
  }
  return 0;
}
