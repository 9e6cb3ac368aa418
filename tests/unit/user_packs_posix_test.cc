// The learned pack and its directory are the user's alone (POSIX mode bits; Windows leaves access
// to the profile's ACL). The learning itself: user_packs_test.cc.
#include <sys/stat.h>

#include "child_process.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "request_handler.h"
#include "test_util.h"

namespace optout {
namespace {

using nlohmann::json;

TEST(UserPacksPosix, TheLearnedPackIsUserOnly) {
  testing::TempDir dir;
  testing::SetEnv("OPTOUT_DATA_DIR", dir.path());
  absl::StatusOr<std::unique_ptr<RequestHandler>> h = MakeRequestHandler("");
  testing::UnsetEnv("OPTOUT_DATA_DIR");
  ASSERT_TRUE(h.ok()) << h.status();
  json learn = {{"v", 1},
                {"id", 7},
                {"type", "learn"},
                {"learn",
                 {{"setting", "ads_location"},
                  {"label", "Reklamlar i\xc3\xa7in profil konumunuzu kullan\xc4\xb1n"},
                  {"lang", "tr"},
                  {"url_path", "/mypreferences/d/settings/ads-location"}}}};
  json reply = json::parse((*h)->Handle(learn.dump()));
  ASSERT_EQ(reply["ok"], true) << reply.dump();
  const std::string rules = dir.path() + "/rules";
  struct stat st {};
  ASSERT_EQ(::stat((rules + "/learned.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(rules.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

}  // namespace
}  // namespace optout
