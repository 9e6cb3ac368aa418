#include "request_handler.h"

#include <algorithm>
#include <exception>

#include "absl/strings/str_cat.h"
#include "history_format.h"
#include "host_limits.h"
#include "log.h"
#include "record_store.h"
#include "user_packs.h"

namespace optout {

RequestHandler::RequestHandler(std::vector<RulePack> packs, std::unique_ptr<Classifier> classifier,
                               std::string data_dir, std::string data_dir_error)
    : packs_(std::move(packs)),
      classifier_(std::move(classifier)),
      pack_label_(PackLabel(packs_)),
      data_dir_(std::move(data_dir)),
      data_dir_error_(std::move(data_dir_error)) {}

std::string RequestHandler::Handle(const std::string& body) { return Handle(ParseRequest(body)); }

std::string RequestHandler::Handle(const ParseResult& parsed) {
  std::string reply;
  if (!refusal_.empty()) {
    reply = ErrorReply(parsed.id, refusal_code_, refusal_);
  } else if (!parsed.ok) {
    reply = ErrorReply(parsed.id, parsed.error.code, parsed.error.message);
  } else {
    try {
      reply = Dispatch(parsed.request);
    } catch (const std::exception& e) {  // a bug must cost one request, not the session
      reply = ErrorReply(parsed.id, ErrorCode::kInternal, absl::StrCat("unexpected exception: ", e.what()));
    }
  }
  if (reply.size() > kMaxReplyBytes) {
    Log(absl::StrCat("reply of ", reply.size(), " bytes replaced by reply_too_large"));
    reply =
        ErrorReply(parsed.id, ErrorCode::kReplyTooLarge,
                   absl::StrCat("reply would be ", reply.size(), " bytes, over the ", kMaxReplyBytes, " byte limit"));
  }
  return reply;
}

std::string RequestHandler::Dispatch(const Request& request) {
  switch (request.type) {
    case RequestType::kHello: return HelloReply(request.id, packs_);

    case RequestType::kClassify: {
      absl::StatusOr<const Classifier*> classifier = GetClassifier();
      if (!classifier.ok())
        return ErrorReply(request.id, ErrorCode::kInternal, std::string(classifier.status().message()));
      absl::StatusOr<std::vector<Verdict>> verdicts = (*classifier)->Classify(request.page);
      if (!verdicts.ok()) return ErrorReply(request.id, ErrorCode::kInternal, std::string(verdicts.status().message()));
      return ClassifyReply(request.id, pack_label_, *verdicts, request.page.lang);
    }

    case RequestType::kRecord: {
      if (data_dir_.empty()) return ErrorReply(request.id, ErrorCode::kRecordWriteFailed, data_dir_error_);
      nlohmann::ordered_json fields;
      AppendChangeFields(request.change, &fields);
      absl::StatusOr<AppendResult> appended = RecordStore(data_dir_).Append(fields);
      if (!appended.ok()) {
        Log(absl::StrCat("record failed: ", appended.status().message()));
        return ErrorReply(request.id, ErrorCode::kRecordWriteFailed, std::string(appended.status().message()));
      }
      return RecordReply(request.id, appended->seq, appended->recorded_at);
    }

    case RequestType::kSettings: return SettingsReply(request.id, pack_label_, packs_, request.lang);

    case RequestType::kLearn: return Learn(request);

    case RequestType::kHistory: {
      if (data_dir_.empty()) return ErrorReply(request.id, ErrorCode::kRecordUnreadable, data_dir_error_);
      absl::StatusOr<RecordContents> contents = RecordStore(data_dir_).Read();
      if (!contents.ok())
        return ErrorReply(request.id, ErrorCode::kRecordUnreadable, std::string(contents.status().message()));
      // `limit` and a byte budget bound the entries; the summary covers every setting in the record.
      const auto& all = contents->entries;
      HistoryPage page = SelectHistoryPage(all, HistorySummary(all), request.limit, request.before_seq);
      return HistoryReply(request.id, page, contents->damaged_lines);
    }
  }
  return ErrorReply(request.id, ErrorCode::kInternal, "unhandled request type");
}

absl::StatusOr<const Classifier*> RequestHandler::GetClassifier() {
  if (!classifier_) {
    absl::StatusOr<std::unique_ptr<Classifier>> built = Classifier::Build(packs_);
    if (!built.ok()) return built.status();
    classifier_ = *std::move(built);
  }
  return classifier_.get();
}

std::string RequestHandler::Learn(const Request& request) {
  if (data_dir_.empty()) return ErrorReply(request.id, ErrorCode::kRulesWriteFailed, data_dir_error_);
  absl::StatusOr<const Classifier*> current = GetClassifier();
  if (!current.ok()) return ErrorReply(request.id, ErrorCode::kInternal, std::string(current.status().message()));
  const LearnRequest& l = request.learn;
  absl::StatusOr<LearnResult> learned =
      LearnLabel(UserRulesDir(data_dir_), packs_, **current, LearnInput{l.setting, l.label, l.lang, l.url_path});
  if (!learned.ok()) {
    const absl::Status& s = learned.status();
    ErrorCode code = absl::IsInvalidArgument(s)      ? ErrorCode::kBadField
                     : absl::IsFailedPrecondition(s) ? ErrorCode::kCannotLearn
                                                     : ErrorCode::kRulesWriteFailed;
    if (code == ErrorCode::kRulesWriteFailed) Log(absl::StrCat("learn failed: ", s.message()));
    return ErrorReply(request.id, code, std::string(s.message()));
  }
  if (learned->added) {
    // Serve with the learned pack from now on, with the classifier that proved it.
    packs_ = std::move(learned->packs);
    classifier_ = std::move(learned->classifier);
    pack_label_ = PackLabel(packs_);
  }
  return LearnReply(request.id, learned->added, packs_);
}

absl::StatusOr<std::unique_ptr<RequestHandler>> MakeRequestHandler(const std::string& rules_dir) {
  std::string origin;
  absl::StatusOr<std::vector<RulePack>> packs = LoadActiveRulePacks(rules_dir, &origin);
  if (!packs.ok()) return packs.status();
  absl::StatusOr<std::string> data_dir = RecordStore::DefaultDir();
  std::unique_ptr<Classifier> classifier;
  if (data_dir.ok()) {
    // The user's packs (installed or learned) on top; a bad one is refused, never fatal.
    std::vector<DataDirPack> report;
    *packs = ActivePacks(*packs, UserRulesDir(*data_dir), &report, &classifier);
    for (const DataDirPack& p : report) {
      if (p.status != "active") Log(absl::StrCat(p.path, ": ", p.status, ": ", p.reason));
    }
  }
  // Packs read from disk must prove at start that they compile (a host that cannot classify
  // should say so and stop); the compiled-in ones were proven at build time, so their RE2 sets
  // are built on the first classify instead of delaying every start.
  const bool all_built_in = origin == "embedded" && std::all_of(packs->begin(), packs->end(), [](const RulePack& p) {
                              return p.origin == "built-in";
                            });
  if (!classifier && !all_built_in) {
    absl::StatusOr<std::unique_ptr<Classifier>> built = Classifier::Build(*packs);
    if (!built.ok()) return built.status();
    classifier = *std::move(built);
  }
  return std::make_unique<RequestHandler>(*std::move(packs), std::move(classifier), data_dir.ok() ? *data_dir : "",
                                          data_dir.ok() ? "" : std::string(data_dir.status().message()));
}

}  // namespace optout
