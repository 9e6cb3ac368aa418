// The host writes only in a data directory it can name for sure (private_files_posix_test.cc:
// what another account could do to that directory, on POSIX systems).
#include "child_process.h"
#include "gtest/gtest.h"
#include "record_store.h"

namespace optout {
namespace {

TEST(PrivateFiles, ARelativeDataDirectoryIsAnError) {
  testing::SetEnv("OPTOUT_DATA_DIR", "relative/optout");
  absl::StatusOr<std::string> dir = RecordStore::DefaultDir();
  testing::UnsetEnv("OPTOUT_DATA_DIR");
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("OPTOUT_DATA_DIR must be an absolute path"), std::string::npos) << dir.status();
}

}  // namespace
}  // namespace optout
