// Which of a setting's languages to show for a page (or browser) language: the one place that
// maps a BCP 47 tag to a rule pack language key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rule_pack.h"

namespace optout {

// The key of `available` (pack language keys such as "de", "pt-BR", "zh-Hans") whose texts suit
// `requested`, or "" for English, no match or a tag that is not BCP 47-like. In order:
//  1. the same key, ignoring case ("PT-br" -> "pt-BR"; '_' counts as '-');
//  2. Portuguese: "pt" and "pt-*" -> "pt-BR";
//  3. Chinese: "zh", "zh-CN", "zh-SG" and "zh-Hans*" -> "zh-Hans" (never "zh-TW", "zh-HK", "zh-Hant*");
//  4. the primary subtag ("de-AT" -> "de").
// English is the setting's own title and explain, so "en*" always gives "".
std::string PickTextLanguage(std::string_view requested, const std::vector<std::string>& available);

// The rule's title and explanation for `requested`, or null when it has none in that language.
const RuleText* LocalText(const Rule& rule, std::string_view requested);

}  // namespace optout
