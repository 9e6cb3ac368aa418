#include "log.h"

#include <unistd.h>

namespace optout {

void Log(const std::string& message) {
  std::string line = "optout-host: " + message + "\n";
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;  // nowhere left to report a failing stderr
}

}  // namespace optout
