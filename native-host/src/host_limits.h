// Every size and count cap in one place, so protocol.md and the code cannot drift apart silently.
#pragma once

#include <cstddef>
#include <cstdint>

namespace optout {

// Framing (protocol.md "Framing").
inline constexpr std::uint32_t kMaxRequestBytes = std::uint32_t{4} * 1024 * 1024;
inline constexpr std::size_t kMaxReplyBytes = std::size_t{1024} * 1024;    // Chrome closes the port above this.
inline constexpr std::size_t kDiscardChunkBytes = std::size_t{64} * 1024;  // oversized bodies are skipped in these

// JSON shape.
inline constexpr int kMaxJsonDepth = 32;

// Requests.
inline constexpr int kProtocolVersion = 1;
inline constexpr std::size_t kMaxIdStringBytes = 64;
inline constexpr std::uint64_t kMaxIdInteger = 1ull << 53;  // exact in a JS number
inline constexpr std::size_t kMaxUrlPathBytes = 2048;
inline constexpr std::size_t kMaxLangBytes = 16;
inline constexpr std::size_t kMaxTitleBytes = 4096;
inline constexpr std::size_t kMaxControls = 2000;
inline constexpr std::size_t kMaxRefBytes = 64;
inline constexpr std::size_t kMaxAttrs = 8;
inline constexpr std::size_t kMaxAttrNameBytes = 64;
inline constexpr std::size_t kMaxAttrValueBytes = 256;
inline constexpr std::size_t kMaxLabelBytes = 4096;
inline constexpr std::size_t kMaxContextBytes = 8192;
inline constexpr std::size_t kMaxRecordStringBytes = 4096;
inline constexpr int kMinHistoryLimit = 1;
inline constexpr int kMaxHistoryLimit = 500;
inline constexpr int kDefaultHistoryLimit = 50;

// Rule packs.
inline constexpr int kRulePackSchema = 1;
inline constexpr std::size_t kMaxRulesPerPack = 2000;
inline constexpr std::size_t kMaxPatternBytes = 1024;
inline constexpr std::size_t kMaxRulePackFileBytes = std::size_t{8} * 1024 * 1024;
inline constexpr std::int64_t kMaxPatternMem = 2 << 20;  // one pattern, checked at load
inline constexpr std::int64_t kMaxSetMem = 64 << 20;     // one RE2::Set (all rules, one field)
// A setting's title and explanation in another language ("titles" / "explains").
inline constexpr std::size_t kMaxLocalTitleBytes = 256;
inline constexpr std::size_t kMaxLocalExplainBytes = 1024;
inline constexpr std::size_t kMaxLocalLanguages = 64;  // entries of one "titles" / "explains" map

// Record store.
inline constexpr std::size_t kMaxRecordFileBytes = std::size_t{64} * 1024 * 1024;  // refuse to slurp beyond this
// Past this size record.log is archived whole and restarts with what its summary needs
// (record_compaction.h), so it never reaches the read limit above in normal use.
inline constexpr std::size_t kCompactRecordAtBytes = std::size_t{16} * 1024 * 1024;
inline constexpr std::size_t kKeepNewestOnCompaction = 500;

}  // namespace optout
