// Protocol requests the tests send to a real host (docs/protocol.md), written once.
#pragma once

#include <string>

#include "nlohmann/json.hpp"

namespace optout::testing {

// A verified change of `setting`, switched off on a settings page.
inline nlohmann::json RecordRequest(int id, const std::string& setting, const std::string& label) {
  return {{"v", 1},
          {"id", id},
          {"type", "record"},
          {"change",
           {{"setting", setting},
            {"url_path", "/mypreferences/d/settings/x"},
            {"before", "on"},
            {"after", "off"},
            {"verified", true},
            {"outcome", "changed"},
            {"label", label}}}};
}

}  // namespace optout::testing
