// A record file this user may not read (mode 0), against the built optout-host binary. POSIX only:
// Windows has no mode bits (record_hostile_test.cc covers a record that is a directory).
#include <sys/stat.h>
#include <unistd.h>

#include "gtest/gtest.h"
#include "hostile_util.h"
#include "record_store.h"

namespace optout::hostile {
namespace {

TEST(RecordHostilePosix, FileWithoutReadPermissionIs1302AndHostKeepsServing) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files regardless of their mode";
  TempDir data;
  const std::string log = data.path() + "/record.log";
  WriteFile(log, FormatRecordLine(R"({"seq":1,"setting":"research"})"));
  ASSERT_EQ(::chmod(log.c_str(), 0), 0);
  HostProcess host(data.path());
  ASSERT_TRUE(host.started());
  auto ask = [&](const std::string& body) {
    EXPECT_TRUE(host.Send(Frame(body)));
    return host.Reply().value_or(json());
  };
  EXPECT_EQ(Code(ask(R"({"v":1,"id":1,"type":"history"})")), 1302);
  EXPECT_EQ(Code(ask(RecordBody(2, "research"))), 1301);
  EXPECT_TRUE(StillServes(host, 3));
  ::chmod(log.c_str(), 0600);
}

}  // namespace
}  // namespace optout::hostile
