#include "allowed_callers.h"

#include <filesystem>
#include <fstream>

#include "extension_ids.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace optout {
namespace {

constexpr char kOrigin[] = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

// Mode bits apply on POSIX; on Windows permissions() only sets the read-only attribute (never here:
// the owner may always write).
void Write(const std::string& path, const std::string& text, unsigned mode) {
  std::ofstream(std::filesystem::u8path(path), std::ios::binary) << text;
  std::filesystem::permissions(std::filesystem::u8path(path), static_cast<std::filesystem::perms>(mode));
}

std::string OneCaller(const std::string& origin) {
  return std::string(R"({"format":"optout-allowed-callers/1","callers":[{"origin":")") + origin +
         R"(","browser":"chromium","manifest":"/m.json"}]})";
}

TEST(AllowedCallers, TheUserStartingTheHostNeedsNoEntry) { EXPECT_TRUE(CheckCaller("", {}).allowed); }

TEST(AllowedCallers, UnknownCallerIsRefusedWithTheCommandThatAllowsIt) {
  testing::TempDir dir;
  CallerDecision d = CheckCaller(kOrigin, {{dir.path(), false}});
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.reason.find(kOrigin), std::string::npos) << d.reason;
  EXPECT_NE(d.reason.find("--extension-id abcdefghijklmnopabcdefghijklmnop"), std::string::npos) << d.reason;
}

TEST(AllowedCallers, RecordedCallerIsAllowedFromTheUserOrTheSystemFile) {
  testing::TempDir user, system;
  Write(user.path() + "/callers.json", OneCaller(kOrigin), 0600);
  EXPECT_TRUE(CheckCaller(kOrigin, {{system.path(), true}, {user.path(), false}}).allowed);
  Write(system.path() + "/callers.json", OneCaller("firefox:someone@example.com"), 0644);
  EXPECT_TRUE(CheckCaller("firefox:someone@example.com", {{system.path(), true}}).allowed);
  EXPECT_FALSE(CheckCaller("firefox:other@example.com", {{system.path(), true}, {user.path(), false}}).allowed);
}

TEST(AllowedCallers, OriginMustMatchExactly) {
  testing::TempDir dir;
  Write(dir.path() + "/callers.json", OneCaller(kOrigin), 0600);
  for (const char* near :
       {"chrome-extension://abcdefghijklmnopabcdefghijklmnop", "chrome-extension://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP/",
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop/x", "abcdefghijklmnopabcdefghijklmnop"}) {
    EXPECT_FALSE(CheckCaller(near, {{dir.path(), false}}).allowed) << near;
  }
}

TEST(AllowedCallers, BuiltInStoreOriginsNeedNoEntry) {
  EXPECT_TRUE(CheckCaller(FirefoxOrigin(kFirefoxAddonId), {}).allowed);
  for (const std::string& origin : BuiltInOrigins()) EXPECT_TRUE(CheckCaller(origin, {}).allowed) << origin;
  EXPECT_FALSE(CheckCaller(ChromeOrigin(kDevExtensionId), {}).allowed) << "the development id is never built in";
}

// A damaged or oversized file is not believed (allowed_callers_posix_test.cc: files another
// account could write, and links).
TEST(AllowedCallers, MalformedOrOversizedFilesAreNotBelieved) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/callers.json";
  Write(path, "{\"format\":\"optout-allowed-callers/1\",\"callers\":[{\"origin\":1}]}", 0600);
  CallerDecision d = CheckCaller(kOrigin, {{dir.path(), false}});
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.reason.find("needs string origin"), std::string::npos) << d.reason;

  Write(path, std::string(70 * 1024, ' '), 0600);
  EXPECT_FALSE(CheckCaller(kOrigin, {{dir.path(), false}}).allowed);
}

TEST(AllowedCallers, RecordReplacesOneManifestsEntriesAndRepairsADamagedFile) {
  testing::TempDir dir;
  const std::string data = dir.path() + "/data";
  ASSERT_TRUE(RecordAllowedCallers(data, false, "/a.json", {{kOrigin, "chromium", "/a.json"}}).ok());
  ASSERT_TRUE(RecordAllowedCallers(data, false, "/b.json", {{"firefox:x@y", "firefox", "/b.json"}}).ok());
  ASSERT_TRUE(RecordAllowedCallers(data, false, "/a.json", {}).ok());
  auto callers = ReadAllowedCallers(data, false);
  ASSERT_TRUE(callers.ok());
  ASSERT_EQ(callers->size(), 1u);
  EXPECT_EQ((*callers)[0].origin, "firefox:x@y");

  Write(data + "/callers.json", "not json", 0600);
  EXPECT_TRUE(absl::IsDataLoss(ReadAllowedCallers(data, false).status()));
  ASSERT_TRUE(RecordAllowedCallers(data, false, "/a.json", {{kOrigin, "chromium", "/a.json"}}).ok());
  EXPECT_TRUE(CheckCaller(kOrigin, {{data, false}}).allowed) << "install rewrites a damaged file";

  // Forgetting in a directory that has no file creates neither.
  const std::string empty = dir.path() + "/never";
  ASSERT_TRUE(RecordAllowedCallers(empty, false, "/a.json", {}).ok());
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::u8path(empty)));
}

}  // namespace
}  // namespace optout
