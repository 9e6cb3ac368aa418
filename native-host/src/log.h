// stderr logging. stdout belongs to the frame stream: one stray byte there desyncs the browser.
#pragma once

#include <string>

namespace optout {

// Writes "optout-host: <message>\n" to stderr in one write().
void Log(const std::string& message);

}  // namespace optout
