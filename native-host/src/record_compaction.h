// Keeps the record small without losing what it proves. When record.log grows past a size, the
// whole file is kept as an archive and record.log restarts with only the lines the per-setting
// summary depends on (each setting's first entry, its latest verified change, its latest entry)
// and the newest entries, byte for byte with their original checksums.
#pragma once

#include <string>

namespace optout {

struct CompactionPlan {
  std::string kept_text;  // the kept lines, each ending in '\n', in file order
  long kept_lines = 0;
  long good_lines = 0;  // good lines in the old text (damaged ones stay in the archive only)
};

// `text` is a whole record file; also kept: up to `keep_newest` of the newest good entries, as
// many as fit in `newest_budget` bytes (the summary's lines are kept whatever their size).
CompactionPlan PlanCompaction(const std::string& text, std::size_t keep_newest, std::size_t newest_budget);

}  // namespace optout
