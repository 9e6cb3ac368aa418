// The local record of what the extension changed: an append-only log, one checksummed JSON
// object per line. Damaged lines are reported, never repaired or removed.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "host_limits.h"
#include "nlohmann/json.hpp"
#include "platform.h"

namespace optout {

struct AppendResult {
  long long seq = 0;
  std::string recorded_at;
};

struct RecordContents {
  std::vector<nlohmann::ordered_json> entries;  // good lines, file order (oldest first)
  std::vector<long> damaged_lines;              // 1-based line numbers
};

class RecordStore {
 public:
  // `compact_at`: the size past which Append compacts record.log (tests pass small values).
  explicit RecordStore(std::string dir, std::size_t compact_at = kCompactRecordAtBytes);

  // DataDirFor this system (os_locations.h): $OPTOUT_DATA_DIR, else e.g. ~/.local/share/optout.
  static absl::StatusOr<std::string> DefaultDir();

  // Adds {seq, recorded_at, ...fields} as one line and returns once it is fsync'ed.
  absl::StatusOr<AppendResult> Append(const nlohmann::ordered_json& fields);

  // A missing file is an empty record, not an error.
  absl::StatusOr<RecordContents> Read() const;

  const std::string& path() const { return path_; }

 private:
  // Archives record.log whole (a hard link) and replaces it with the lines its summary needs;
  // false when that would not make it much smaller (nothing is changed then).
  // Closes *file before replacing record.log (it stays open when nothing is replaced).
  absl::StatusOr<bool> Compact(platform::File* file, std::uint64_t size);

  std::string dir_;
  std::string path_;
  std::size_t compact_at_;
};

// "2026-11-29T10:00:00.123Z"
std::string UtcTimestampMs();

// One line without its newline: true when the checksum matches and it holds an entry with a seq.
bool ParseRecordLine(const std::string& line, nlohmann::ordered_json* entry);

// Parses the lines of a record file (exposed for tests).
RecordContents ParseRecordText(const std::string& text);

// "<8 hex crc32> <json>\n"
std::string FormatRecordLine(const std::string& json_text);

}  // namespace optout
