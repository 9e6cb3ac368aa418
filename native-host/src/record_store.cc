#include "record_store.h"

#include <chrono>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "crc32.h"
#include "host_limits.h"
#include "os.h"
#include "os_locations.h"
#include "platform.h"
#include "record_compaction.h"

namespace optout {
namespace {

constexpr const char kFileName[] = "record.log";
// Appends and compactions hold this file's lock, never replaced, rather than only record.log's:
// Windows cannot replace a file that is open, so compaction closes record.log first, and the
// lock must outlive that.
constexpr const char kLockName[] = "record.lock";
constexpr std::uint64_t kMaxSeq = 1ull << 53;

platform::OpenOptions AppendOptions() {
  platform::OpenOptions o;
  o.write = true;
  return o;
}

bool ParseHex32(const std::string& s, std::uint32_t* out) {
  if (s.size() != 8) return false;
  std::uint32_t v = 0;
  for (char c : s) {
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= static_cast<std::uint32_t>(c - 'a' + 10);
    else
      return false;
  }
  *out = v;
  return true;
}

// The seq of the last good line, found by reading the file backwards in chunks (normally just
// the last one), and whether the file ends with a newline. Appends are serialized and count up,
// so the last good line holds the highest seq; no append has to read the whole record.
struct Tail {
  long long last_seq = 0;
  bool ends_with_newline = true;  // also true for an empty file
};

absl::StatusOr<Tail> ReadTail(const platform::File& file, std::uint64_t size) {
  Tail tail;
  std::string pending;  // bytes from `at` to the end not yet split into lines
  std::uint64_t at = size;
  constexpr std::uint64_t kChunk = std::uint64_t{64} * 1024;
  bool first_chunk = true;
  while (at > 0) {
    std::uint64_t from = at > kChunk ? at - kChunk : 0;
    std::string chunk(static_cast<std::size_t>(at - from), '\0');
    absl::StatusOr<std::size_t> got = file.ReadAt(from, chunk.data(), chunk.size());
    if (!got.ok()) return got.status();
    if (*got != chunk.size()) return absl::DataLossError(absl::StrCat(file.path(), " got shorter while being read"));
    if (first_chunk) tail.ends_with_newline = chunk.back() == '\n';
    first_chunk = false;
    pending.insert(0, chunk);
    at = from;
    // Complete lines are those after a newline (or at the file's start); test them newest first.
    std::size_t end = pending.size();
    if (!pending.empty() && pending.back() != '\n')
      end = pending.rfind('\n') == std::string::npos ? 0 : pending.rfind('\n') + 1;
    while (end > 0) {
      std::size_t line_end = end - 1;  // the newline closing this line
      std::size_t nl = line_end == 0 ? std::string::npos : pending.rfind('\n', line_end - 1);
      if (nl == std::string::npos && at > 0) break;  // its start is in an earlier chunk
      std::size_t start = nl == std::string::npos ? 0 : nl + 1;
      nlohmann::ordered_json entry;
      if (ParseRecordLine(pending.substr(start, line_end - start), &entry)) {
        tail.last_seq = entry["seq"].get<long long>();
        return tail;
      }
      end = start;
    }
    pending.resize(end);
  }
  return tail;
}

}  // namespace

// A good line: checksum matches and the JSON is an object with an integer seq.
bool ParseRecordLine(const std::string& line, nlohmann::ordered_json* entry) {
  if (line.size() < 10 || line[8] != ' ') return false;
  std::uint32_t crc;
  if (!ParseHex32(line.substr(0, 8), &crc)) return false;
  std::string json_text = line.substr(9);
  if (Crc32(json_text) != crc) return false;
  auto j = nlohmann::ordered_json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return false;
  auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_unsigned()) return false;
  // Appends count up from 1, so a seq above 2^53 (the last integer a JS number holds exactly)
  // was never written by us: treating it as good would overflow the next seq or send it backwards.
  if (seq->get<std::uint64_t>() > kMaxSeq) return false;
  *entry = std::move(j);
  return true;
}

std::string UtcTimestampMs() {
  using std::chrono::system_clock;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(system_clock::now().time_since_epoch()).count();
  const std::tm tm = platform::UtcCalendar(static_cast<std::time_t>(ms / 1000));
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                         tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
}

std::string FormatRecordLine(const std::string& json_text) {
  return absl::StrFormat("%08x %s\n", Crc32(json_text), json_text);
}

RecordContents ParseRecordText(const std::string& text) {
  RecordContents out;
  long line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    ++line_no;
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {  // torn last line: no newline, so never trusted
      out.damaged_lines.push_back(line_no);
      break;
    }
    nlohmann::ordered_json entry;
    if (ParseRecordLine(text.substr(start, nl - start), &entry))
      out.entries.push_back(std::move(entry));
    else
      out.damaged_lines.push_back(line_no);
    start = nl + 1;
  }
  return out;
}

RecordStore::RecordStore(std::string dir, std::size_t compact_at)
    : dir_(std::move(dir)), path_(JoinPath(dir_, kFileName)), compact_at_(compact_at) {}

absl::StatusOr<std::string> RecordStore::DefaultDir() { return DataDirFor(ThisOs(), platform::GetEnv); }

absl::StatusOr<bool> RecordStore::Compact(platform::File* file, std::uint64_t size) {
  CompactionPlan plan;
  if (size <= kMaxRecordFileBytes) {
    absl::StatusOr<std::string> text = file->ReadAll(kMaxRecordFileBytes);
    if (!text.ok()) return text.status();
    plan = PlanCompaction(*text, kKeepNewestOnCompaction, compact_at_ / 4);
    // What the summary needs is most of the file (very many settings): compacting would not
    // help, and doing it on every append would fill the disk with archives.
    if (plan.kept_text.size() > compact_at_ / 2) return false;
  }  // else: too large to read back; the archive keeps it all and the new record says so
  // The archive first, as a second name for the very same file: record.log never goes missing
  // and nothing in it is rewritten. Then record.log is replaced by what the summary needs.
  std::string archive;
  for (int n = 1; n < 100 && archive.empty(); ++n) {
    std::string name =
        absl::StrCat("record-", UtcTimestampMs().substr(0, 19), n > 1 ? absl::StrCat("-", n) : "", ".log");
    for (char& c : name) c = c == ':' ? '-' : c;
    absl::Status linked = platform::HardLink(path_, JoinPath(dir_, name));
    if (linked.ok())
      archive = name;
    else if (!absl::IsAlreadyExists(linked))
      return linked;
  }
  if (archive.empty()) return absl::DataLossError(absl::StrCat("cannot archive ", path_, ": no free name"));
  absl::StatusOr<Tail> tail = ReadTail(*file, size);
  if (!tail.ok()) return tail.status();
  nlohmann::ordered_json marker;
  marker["seq"] = tail->last_seq + 1;
  marker["recorded_at"] = UtcTimestampMs();
  marker["setting"] = nullptr;
  marker["url_path"] = "";
  marker["verified"] = true;
  marker["outcome"] = "compacted";
  marker["archive"] = archive;
  marker["archived_bytes"] = static_cast<long long>(size);
  marker["kept_lines"] = plan.kept_lines;
  std::string text = plan.kept_text + FormatRecordLine(marker.dump());
  *file = platform::File();  // closed: Windows refuses to replace an open file (record.lock still held)
  if (absl::Status s = platform::WriteFileAtomically(dir_, kFileName, text, /*world_readable=*/false); !s.ok())
    return s;
  return true;
}

absl::StatusOr<AppendResult> RecordStore::Append(const nlohmann::ordered_json& fields) {
  // Directories we create for the record are private to the user.
  if (absl::Status s = platform::MakeDirs(dir_, /*private_dir=*/true); !s.ok()) return s;
  if (absl::Status s = platform::CheckPrivateDir(dir_); !s.ok()) return s;
  // Several hosts may run at once (one per port or per sendNativeMessage): serialize appends
  // so seq numbers stay unique and lines never interleave.
  absl::StatusOr<platform::File> lock = platform::OpenPrivateFile(JoinPath(dir_, kLockName), AppendOptions());
  if (!lock.ok()) return lock.status();
  if (absl::Status s = lock->Lock(/*exclusive=*/true); !s.ok()) return s;
  bool compacted = false;  // at most once per append
  for (int attempt = 0;; ++attempt) {
    if (attempt >= 5) return absl::UnavailableError(absl::StrCat(path_, " kept being replaced while appending"));
    absl::StatusOr<platform::File> file = platform::OpenPrivateFile(path_, AppendOptions());
    if (!file.ok()) return file.status();
    // record.log's own lock too: hosts from before record.lock existed lock only that.
    if (absl::Status s = file->Lock(/*exclusive=*/true); !s.ok()) return s;
    // Such a host may have compacted (replaced record.log) while this one waited.
    if (!file->IsStillAt(path_)) continue;  // append to the new file
    absl::StatusOr<std::uint64_t> size = file->Size();
    if (!size.ok()) return size.status();
    if (!compacted && *size > compact_at_) {
      compacted = true;
      absl::StatusOr<bool> replaced = Compact(&*file, *size);
      if (!replaced.ok()) return replaced.status();
      if (*replaced) continue;  // append to the new record.log
    }
    absl::StatusOr<Tail> tail = ReadTail(*file, *size);
    if (!tail.ok()) return tail.status();

    AppendResult result{tail->last_seq + 1, UtcTimestampMs()};
    nlohmann::ordered_json entry;
    entry["seq"] = result.seq;
    entry["recorded_at"] = result.recorded_at;
    for (auto& [key, value] : fields.items()) entry[key] = value;

    std::string line = FormatRecordLine(entry.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    // After a crash mid-write the file may end inside a line: end that fragment first so it
    // stays a (damaged) line of its own and the new entry starts clean.
    if (!tail->ends_with_newline) line.insert(line.begin(), '\n');

    if (absl::Status s = file->Append(line); !s.ok()) return s;  // a short write continues under the lock
    if (absl::Status s = file->Sync(); !s.ok()) return s;
    if (*size == 0) platform::SyncDir(dir_);  // a new file is only durable once its directory entry is
    return result;
  }
}

absl::StatusOr<RecordContents> RecordStore::Read() const {
  // Shared with other readers, never with an append or a compaction. No record.lock yet: no
  // append of this version has run, and record.log's own lock below is enough.
  absl::StatusOr<platform::File> lock = platform::OpenPrivateFile(JoinPath(dir_, kLockName), {});
  if (lock.ok()) {
    if (absl::Status s = lock->Lock(/*exclusive=*/false); !s.ok()) return s;
  } else if (!absl::IsNotFound(lock.status())) {
    return lock.status();
  }
  absl::StatusOr<platform::File> file = platform::OpenPrivateFile(path_, {});
  if (!file.ok()) {
    if (absl::IsNotFound(file.status())) return RecordContents{};
    return file.status();
  }
  if (absl::Status s = file->Lock(/*exclusive=*/false); !s.ok()) return s;
  absl::StatusOr<std::string> text = file->ReadAll(kMaxRecordFileBytes);
  if (!text.ok()) return text.status();
  return ParseRecordText(*text);
}

}  // namespace optout
