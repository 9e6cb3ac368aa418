// Turns one request body into one reply body. Shared by the serve loop and `optout-host classify`.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "classifier.h"
#include "error_codes.h"
#include "protocol.h"
#include "rule_pack.h"

namespace optout {

class RequestHandler {
 public:
  // `data_dir` empty: record/history answer with an error saying why (e.g. no HOME).
  // `classifier` null: built from `packs` on the first request that needs it (the packs compiled
  // into the host were fully checked at build time, so start-up need not wait for RE2).
  RequestHandler(std::vector<RulePack> packs, std::unique_ptr<Classifier> classifier, std::string data_dir,
                 std::string data_dir_error = "");

  // Never throws; the reply is at most kMaxReplyBytes (otherwise error 1501 replaces it).
  std::string Handle(const std::string& body);

  // Same, for a request that is already parsed.
  std::string Handle(const ParseResult& parsed);

  const std::vector<RulePack>& packs() const { return packs_; }
  // Where the record and the user's packs live; empty when there is none (data_dir_error).
  const std::string& data_dir() const { return data_dir_; }

  // From now on every request is answered with this error (e.g. a caller the host was not
  // installed for): the extension shows why instead of a helper that just went away.
  void RefuseAll(ErrorCode code, std::string message) {
    refusal_code_ = code;
    refusal_ = std::move(message);
  }

 private:
  std::string Dispatch(const Request& request);
  std::string Learn(const Request& request);
  absl::StatusOr<const Classifier*> GetClassifier();

  std::vector<RulePack> packs_;
  std::unique_ptr<Classifier> classifier_;
  std::string pack_label_;
  std::string data_dir_;
  std::string data_dir_error_;
  ErrorCode refusal_code_ = ErrorCode::kInternal;
  std::string refusal_;  // non-empty: RefuseAll was called
};

// Builds a handler from the active rule packs (--rules dir, $OPTOUT_RULES_DIR or embedded) and
// the default data directory.
absl::StatusOr<std::unique_ptr<RequestHandler>> MakeRequestHandler(const std::string& rules_dir);

}  // namespace optout
