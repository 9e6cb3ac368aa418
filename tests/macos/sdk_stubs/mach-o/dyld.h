// The two declarations platform_posix.cc takes from the macOS SDK, as the SDK declares them, so
// Linux CI can compile its macOS branches (tests/macos/CMakeLists.txt). Not used in any build.
#pragma once

#include <fcntl.h>
#include <stdint.h>

extern "C" int _NSGetExecutablePath(char* buf, uint32_t* bufsize);

#ifndef F_FULLFSYNC
#define F_FULLFSYNC 51  // <sys/fcntl.h> on macOS
#endif
