// Test main of the hostile-input tests: a write to a host that has died (or was killed on
// purpose) must fail with EPIPE, not kill the test process with SIGPIPE.
#include <signal.h>

#include "gtest/gtest.h"

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
