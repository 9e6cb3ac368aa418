#include "record_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "file_util.h"
#include "absl/strings/str_format.h"
#include "crc32.h"
#include "host_limits.h"

namespace optout {
namespace {

constexpr const char kFileName[] = "record.log";
constexpr std::uint64_t kMaxSeq = 1ull << 53;


// Closes the fd (and with it the flock) on every path out.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

int LockRetrying(int fd, int op) {
  int rc;
  do rc = ::flock(fd, op);
  while (rc != 0 && errno == EINTR);
  return rc;
}

absl::StatusOr<std::string> ReadAll(int fd, const std::string& path) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return absl::DataLossError(Errno(absl::StrCat("cannot stat ", path)));
  if (static_cast<std::size_t>(st.st_size) > kMaxRecordFileBytes) {
    return absl::ResourceExhaustedError(absl::StrCat(path, " is larger than ", kMaxRecordFileBytes, " bytes"));
  }
  std::string text;
  char buffer[64 * 1024];
  off_t offset = 0;
  for (;;) {
    ssize_t got = ::pread(fd, buffer, sizeof buffer, offset);
    if (got < 0) {
      if (errno == EINTR) continue;
      return absl::DataLossError(Errno(absl::StrCat("cannot read ", path)));
    }
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
    offset += got;
    if (text.size() > kMaxRecordFileBytes) {
      return absl::ResourceExhaustedError(absl::StrCat(path, " is larger than ", kMaxRecordFileBytes, " bytes"));
    }
  }
  return text;
}

bool ParseHex32(const std::string& s, std::uint32_t* out) {
  if (s.size() != 8) return false;
  std::uint32_t v = 0;
  for (char c : s) {
    v <<= 4;
    if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
    else return false;
  }
  *out = v;
  return true;
}

// A good line: checksum matches and the JSON is an object with an integer seq.
bool ParseLine(const std::string& line, nlohmann::ordered_json* entry) {
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

}  // namespace

std::string UtcTimestampMs() {
  struct timespec ts;
  ::clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm;
  ::gmtime_r(&ts.tv_sec, &tm);
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                         tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ts.tv_nsec / 1000000));
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
    if (ParseLine(text.substr(start, nl - start), &entry)) out.entries.push_back(std::move(entry));
    else out.damaged_lines.push_back(line_no);
    start = nl + 1;
  }
  return out;
}

RecordStore::RecordStore(std::string dir) : dir_(std::move(dir)), path_(absl::StrCat(dir_, "/", kFileName)) {}

absl::StatusOr<std::string> RecordStore::DefaultDir() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v == nullptr ? "" : v;
  };
  if (std::string d = env("OPTOUT_DATA_DIR"); !d.empty()) {
    // Relative to whatever directory the browser started the host in: never what was meant.
    if (d[0] != '/') return absl::InvalidArgumentError(absl::StrCat("OPTOUT_DATA_DIR must be an absolute path, not \"", d, "\""));
    return d;
  }
  // XDG says relative values are invalid and must be ignored.
  if (std::string d = env("XDG_DATA_HOME"); !d.empty() && d[0] == '/') return absl::StrCat(d, "/optout");
  if (std::string h = env("HOME"); !h.empty()) return absl::StrCat(h, "/.local/share/optout");
  return absl::FailedPreconditionError("no data directory: set OPTOUT_DATA_DIR, XDG_DATA_HOME or HOME");
}

absl::StatusOr<AppendResult> RecordStore::Append(const nlohmann::ordered_json& fields) {
  // Directories we create for the record are private to the user.
  if (absl::Status s = MakeDirs(dir_, 0700); !s.ok()) return s;
  if (absl::Status s = CheckPrivateDir(dir_); !s.ok()) return s;
  absl::StatusOr<int> opened = OpenPrivateFile(path_, /*write=*/true);
  if (!opened.ok()) return opened.status();
  Fd fd(*opened);
  // Several hosts may run at once (one per port or per sendNativeMessage): serialize appends
  // so seq numbers stay unique and lines never interleave.
  if (LockRetrying(fd.get(), LOCK_EX) != 0) return absl::UnavailableError(Errno(absl::StrCat("cannot lock ", path_)));

  absl::StatusOr<std::string> text = ReadAll(fd.get(), path_);
  if (!text.ok()) return text.status();
  RecordContents existing = ParseRecordText(*text);
  long long last_seq = 0;
  for (const auto& e : existing.entries) last_seq = std::max(last_seq, e["seq"].get<long long>());

  AppendResult result{last_seq + 1, UtcTimestampMs()};
  nlohmann::ordered_json entry;
  entry["seq"] = result.seq;
  entry["recorded_at"] = result.recorded_at;
  for (auto& [key, value] : fields.items()) entry[key] = value;

  std::string line = FormatRecordLine(entry.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  // After a crash mid-write the file may end inside a line: end that fragment first so it
  // stays a (damaged) line of its own and the new entry starts clean.
  if (!text->empty() && text->back() != '\n') line.insert(line.begin(), '\n');

  std::size_t done = 0;
  while (done < line.size()) {  // normally one write(); a short write continues under the lock
    ssize_t put = ::write(fd.get(), line.data() + done, line.size() - done);
    if (put < 0) {
      if (errno == EINTR) continue;
      return absl::DataLossError(Errno(absl::StrCat("cannot write ", path_)));
    }
    done += static_cast<std::size_t>(put);
  }
  if (::fsync(fd.get()) != 0) return absl::DataLossError(Errno(absl::StrCat("cannot fsync ", path_)));
  if (text->empty()) {
    // A new file is only durable once its directory entry is.
    Fd dir(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());
  }
  return result;
}

absl::StatusOr<RecordContents> RecordStore::Read() const {
  absl::StatusOr<int> opened = OpenPrivateFile(path_, /*write=*/false);
  if (!opened.ok()) {
    if (absl::IsNotFound(opened.status())) return RecordContents{};
    return opened.status();
  }
  Fd fd(*opened);
  if (LockRetrying(fd.get(), LOCK_SH) != 0) return absl::UnavailableError(Errno(absl::StrCat("cannot lock ", path_)));
  absl::StatusOr<std::string> text = ReadAll(fd.get(), path_);
  if (!text.ok()) return text.status();
  return ParseRecordText(*text);
}

}  // namespace optout
