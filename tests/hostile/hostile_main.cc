// Test main of the hostile-input tests: a write to a host that has died (or was killed on
// purpose) must fail with EPIPE, not kill the test process with SIGPIPE.
#include "child_process.h"
#include "gtest/gtest.h"

int main(int argc, char** argv) {
  optout::testing::IgnoreBrokenPipes();
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
