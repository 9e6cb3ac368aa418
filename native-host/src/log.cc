#include "log.h"

#include "platform.h"

namespace optout {

void Log(const std::string& message) {
  // Nowhere left to report a failing stderr.
  platform::WriteStream(platform::kStderr, "optout-host: " + message + "\n");
}

}  // namespace optout
