#include "local_text.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "re2/re2.h"

namespace optout {
namespace {

// The key of `available` equal to `lower` ignoring case, or "".
std::string Find(const std::vector<std::string>& available, const std::string& lower) {
  for (const std::string& key : available) {
    if (absl::AsciiStrToLower(key) == lower) return key;
  }
  return "";
}

}  // namespace

std::string PickTextLanguage(std::string_view requested, const std::vector<std::string>& available) {
  std::string tag(requested);
  std::replace(tag.begin(), tag.end(), '_', '-');
  // A language tag, loosely: a 2-3 letter primary subtag, then subtags of 1-8 letters or digits.
  static const RE2 kTag("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$");
  if (!RE2::FullMatch(tag, kTag)) return "";
  const std::string lower = absl::AsciiStrToLower(tag);
  const std::string primary = lower.substr(0, lower.find('-'));
  if (primary == "en") return "";
  std::string key = Find(available, lower);
  if (key.empty() && primary == "pt") key = Find(available, "pt-br");
  if (key.empty() && primary == "zh") {
    const bool simplified = lower == "zh" || lower == "zh-cn" || lower == "zh-sg" || lower == "zh-hans" ||
                            absl::StartsWith(lower, "zh-hans-");
    if (simplified) key = Find(available, "zh-hans");
    if (key.empty() && !simplified) return "";  // zh-TW, zh-HK, zh-Hant...: not Simplified Chinese
  }
  if (key.empty()) key = Find(available, primary);
  return key;
}

const RuleText* LocalText(const Rule& rule, std::string_view requested) {
  if (rule.texts.empty() || requested.empty()) return nullptr;
  std::vector<std::string> langs;
  langs.reserve(rule.texts.size());
  for (const RuleText& text : rule.texts) langs.push_back(text.lang);
  const std::string lang = PickTextLanguage(requested, langs);
  if (lang.empty()) return nullptr;
  auto it = std::find_if(rule.texts.begin(), rule.texts.end(), [&](const RuleText& t) { return t.lang == lang; });
  return it == rule.texts.end() ? nullptr : &*it;
}

}  // namespace optout
