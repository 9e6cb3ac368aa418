// Rule packs compiled into the binary (generated from native-host/rules/*.json at build time).
#pragma once

#include <cstddef>
#include <vector>

namespace optout {

struct EmbeddedFile {
  const char* name;  // file name, e.g. "linkedin.json"
  const char* data;
  std::size_t size;
};

// Sorted by file name; defined in the generated embedded_rules.cc.
const std::vector<EmbeddedFile>& EmbeddedRulePacks();

}  // namespace optout
