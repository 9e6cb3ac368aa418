// Command-line use of the host binary: version, help, classify, rules check, history, install.
#pragma once

#include <string>
#include <vector>

namespace optout {

// CLI exit statuses.
inline constexpr int kCliOk = 0;
inline constexpr int kCliFailed = 1;
inline constexpr int kCliUsage = 2;

// args[0] is the program name. Output goes to stdout, diagnostics to stderr.
int RunCli(const std::vector<std::string>& all);

std::string UsageText();

}  // namespace optout
