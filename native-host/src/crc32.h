// CRC-32 (IEEE 802.3, the zlib/PNG polynomial): guards each record line against torn or edited bytes.
#pragma once

#include <cstdint>
#include <string>

namespace optout {

std::uint32_t Crc32(const std::string& data);

}  // namespace optout
