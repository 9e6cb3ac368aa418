// Wording tolerance and look-alikes, generated from the fixture catalog (tests/fixtures/site/
// catalog.json) and the look-alike corpus (tests/fixtures/lookalikes.json).
//
// Variants: every switch setting's label and title, in every language, rewritten the ways real
// LinkedIn wording differs from ours (article or possessive dropped, added or swapped, the last
// noun's number changed, a leading verb or a "for ads" qualifier dropped, the title used as the
// label, typographic quotes, casing). Each variant must be
//   - certain on the setting's own page with nothing else to go on (URL path + label),
//   - certain anywhere with LinkedIn's stable key, when the catalog names one (key + label),
//   - never flipped, and never another setting, with no anchor at all (label alone).
// Look-alikes: switches that are not data-use settings but carry a rule's phrase (block, mute,
// follow, notify, a group or company name, a negated or inverted label). They are never flipped,
// on other settings pages or next to the real switch on the setting's own page.
//
// The word lists below are deliberately simple per-language rules, not a grammar: they make the
// kinds of variation, the rule pack has to survive them.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "request_handler.h"
#include "test_util.h"
#include "unicode_case.h"

namespace optout {
namespace {

using nlohmann::json;

const json& Catalog() {
  static const json k = json::parse(testing::ReadFile(OPTOUT_CATALOG_JSON));
  return k;
}

const json& Lookalikes() {
  static const json k = json::parse(testing::ReadFile(testing::SourcePath("tests/fixtures/lookalikes.json")));
  return k;
}

// --- UTF-8 helpers ------------------------------------------------------------------------------

std::u32string Decode(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

enum class Case { kUpper, kLower, kTitle };

// Unicode simple case mapping as the system knows it (unicode_case.h).
std::string Recase(const std::string& text, Case how) {
  std::u32string s = Decode(text);
  bool word_start = true;
  for (char32_t& c : s) {
    const bool letter = testing::IsLetter(c);
    const bool up = how == Case::kUpper || (how == Case::kTitle && word_start);
    if (letter) c = up ? testing::ToUpper(c) : testing::ToLower(c);
    word_start = !letter && c != '\'';
  }
  return Encode(s);
}

std::string Lower(const std::string& s) { return Recase(s, Case::kLower); }

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// A word without the punctuation around it, lower-cased: "(Stadt)," -> "stadt".
std::string Bare(const std::string& word) {
  static const std::string kPunct = ",.;:!?()\"";
  std::size_t b = 0, e = word.size();
  while (b < e && kPunct.find(word[b]) != std::string::npos) ++b;
  while (e > b && kPunct.find(word[e - 1]) != std::string::npos) --e;
  return Lower(word.substr(b, e - b));
}

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
    s.replace(at, from.size(), to);
  return s;
}

// Removes `phrase` where it occurs as whole words (case-insensitively), then tidies spaces:
// "für Anzeigen" goes from "... für Anzeigen verwenden", not from "für Anzeigen-Insights".
std::string RemovePhrase(const std::string& text, const std::string& phrase) {
  const std::string lower = Lower(text), p = Lower(phrase);
  if (lower.size() != text.size()) return text;
  for (std::size_t at = lower.find(p); at != std::string::npos; at = lower.find(p, at + 1)) {
    const std::size_t end = at + p.size();
    const bool starts = at == 0 || lower[at - 1] == ' ';
    const bool ends = end == lower.size() || lower[end] == ' ' || lower[end] == ',';
    if (starts && ends) return Join(Words(text.substr(0, at) + " " + text.substr(end)));
  }
  return text;
}

// --- Per-language variation rules -----------------------------------------------------------------

struct Lang {
  bool cjk = false;  // no spaces between words: the lists below are substrings, not words
  // Articles and possessives a label may carry or not (lower case). Elided ones end in "'".
  std::vector<std::string> articles;
  std::map<std::string, std::string> swap;  // one article/possessive for another
  std::string insert;                       // added where the label has none
  // The verb of an imperative/infinitive label: leading, or trailing in verb-final languages,
  // with the object pronouns that go with it ("Show me", "Mir ... zeigen", "Vous montrer").
  std::vector<std::string> verbs;
  std::vector<std::string> pronouns;
  bool verb_final = false;
  // "for ads"-like qualifiers.
  std::vector<std::string> qualifiers;
  std::string (*plural)(const std::string& word) = nullptr;  // null: the language has no plural to vary
  // Words the number rule skips: prepositions and adverbs long enough to look like nouns
  // ("outside", "außerhalb"), and nouns without a plural ("data", loanwords).
  std::vector<std::string> not_counted;
  std::string open_quote = "\u201c", close_quote = "\u201d";
  // CJK: particles after which a possessive may stand before the next noun ("研究に私のデータ"),
  // and the nouns it stands before (so every variant is a phrase a page could show).
  std::vector<std::string> particles;
  std::vector<std::string> possessed;
};

std::string PluralEn(const std::string& w) {
  if (EndsWith(w, "ies") && !EndsWith(w, "kies")) return w.substr(0, w.size() - 3) + "y";  // cookies -> cookie
  if (EndsWith(w, "ss")) return w + "es";
  if (EndsWith(w, "s")) return w.substr(0, w.size() - 1);
  if (EndsWith(w, "y") && w.size() > 1 && std::string("aeiou").find(w[w.size() - 2]) == std::string::npos) {
    return w.substr(0, w.size() - 1) + "ies";
  }
  return w + "s";
}
std::string PluralDe(const std::string& w) {
  if (EndsWith(w, "ung")) return w + "en";
  if (EndsWith(w, "ungen") || EndsWith(w, "ften")) return w.substr(0, w.size() - 2);
  if (EndsWith(w, "e")) return w + "n";
  if (EndsWith(w, "gen") || EndsWith(w, "ien") || EndsWith(w, "rn")) return w.substr(0, w.size() - 1);
  if (EndsWith(w, "en")) return w;  // Unternehmen, Daten: the same or irregular
  if (EndsWith(w, "s")) return w.substr(0, w.size() - 1);
  if (EndsWith(w, "er") || EndsWith(w, "el")) return w;
  return w + "e";
}
std::string PluralFr(const std::string& w) {
  if (EndsWith(w, "aux")) return w.substr(0, w.size() - 3) + "al";
  if ((EndsWith(w, "s") && !EndsWith(w, "ss")) || EndsWith(w, "x")) return w.substr(0, w.size() - 1);
  if (EndsWith(w, "al")) return w.substr(0, w.size() - 2) + "aux";
  if (EndsWith(w, "eau")) return w + "x";
  return w + "s";
}
std::string PluralEs(const std::string& w) {
  for (const char* t : {"ores", "ones", "les", "des", "res", "nes"}) {
    if (EndsWith(w, t)) return w.substr(0, w.size() - 2);
  }
  if (EndsWith(w, "s")) return w.substr(0, w.size() - 1);
  if (std::string("aeiou").find(w.back()) != std::string::npos) return w + "s";
  if (EndsWith(w, "\u00f3n")) return w.substr(0, w.size() - 3) + "ones";  // -ón -> -ones
  return w + "es";
}
std::string PluralPt(const std::string& w) {
  if (EndsWith(w, "\u00f5es")) return w.substr(0, w.size() - 4) + "\u00e3o";  // -ões -> -ão
  if (EndsWith(w, "\u00e3o")) return w.substr(0, w.size() - 3) + "\u00f5es";
  if (EndsWith(w, "ais")) return w.substr(0, w.size() - 2) + "l";
  if (EndsWith(w, "res")) return w.substr(0, w.size() - 2);
  if (EndsWith(w, "s")) return w.substr(0, w.size() - 1);
  if (EndsWith(w, "al")) return w.substr(0, w.size() - 1) + "is";
  if (EndsWith(w, "r")) return w + "es";
  return w + "s";
}
std::string PluralNl(const std::string& w) {
  if (EndsWith(w, "ies")) return w.substr(0, w.size() - 1);
  if (EndsWith(w, "ven")) return w.substr(0, w.size() - 3) + "f";  // bedrijven -> bedrijf
  if (w.size() > 4 && EndsWith(w, "en") && w[w.size() - 3] == w[w.size() - 4])
    return w.substr(0, w.size() - 3);  // bronnen
  if (EndsWith(w, "en")) return w.substr(0, w.size() - 2);
  if (EndsWith(w, "s")) return w.substr(0, w.size() - 1);
  if (EndsWith(w, "ie")) return w + "s";
  return w + "en";
}
std::string PluralIt(const std::string& w) {
  if (EndsWith(w, "ca")) return w.substr(0, w.size() - 1) + "he";
  if (EndsWith(w, "ci") || EndsWith(w, "gi") || EndsWith(w, "zi")) return w + "o";  // annunci -> annuncio
  if (EndsWith(w, "o")) return w.substr(0, w.size() - 1) + "i";
  if (EndsWith(w, "a")) return w.substr(0, w.size() - 1) + "e";
  if (EndsWith(w, "i")) return w.substr(0, w.size() - 1) + "o";
  if (EndsWith(w, "e")) return w.substr(0, w.size() - 1) + "i";
  return w;  // -à, -ù, loanwords: invariable
}
std::string PluralPl(const std::string& w) {
  if (EndsWith(w, "ka") || EndsWith(w, "ga")) return w.substr(0, w.size() - 1) + "i";
  if (EndsWith(w, "a")) return w.substr(0, w.size() - 1) + "y";
  if (EndsWith(w, "ki") || EndsWith(w, "gi") || EndsWith(w, "y")) return w.substr(0, w.size() - 1) + "a";
  if (std::string("bdfmnprstwz").find(w.back()) != std::string::npos || EndsWith(w, "\u0142")) return w + "y";
  return w;  // soft endings (-ć, -ń, -e, ...): left alone
}
std::string PluralSv(const std::string& w) {
  if (EndsWith(w, "er") || EndsWith(w, "ar")) return w.substr(0, w.size() - 2);
  if (EndsWith(w, "or")) return w.substr(0, w.size() - 2) + "a";
  if (EndsWith(w, "a")) return w.substr(0, w.size() - 1) + "or";
  if (EndsWith(w, "ing")) return w + "ar";
  return w + "er";
}

const std::map<std::string, Lang>& Langs() {
  static const std::map<std::string, Lang> k = [] {
    std::map<std::string, Lang> m;
    Lang en;
    en.articles = {"my", "your", "the", "a", "an"};
    en.swap = {{"my", "your"}, {"your", "my"}, {"the", "your"}};
    en.insert = "my";
    en.verbs = {"use", "allow", "share", "show", "make", "accept", "receive", "manage"};
    en.pronouns = {"me"};
    en.qualifiers = {"for the ads", "for ads"};
    en.not_counted = {"outside", "beyond", "with", "from", "about", "data", "marketing"};
    en.plural = PluralEn;
    m["en"] = en;

    Lang de;
    de.articles = {"die",   "der",   "das",   "den",  "dem",    "des",   "ihre", "ihr",   "ihren",
                   "ihres", "ihrem", "meine", "mein", "meinen", "deine", "dein", "deinen"};
    de.swap = {{"ihre", "deine"}, {"ihr", "dein"}, {"ihren", "deinen"}, {"ihres", "deines"},
               {"meine", "Ihre"}, {"die", "Ihre"}, {"der", "die"}};
    de.insert = "meine";
    de.verbs = {"verwenden",   "nutzen", "teilen",    "erlauben", "zeigen",
                "akzeptieren", "machen", "verwalten", "erstellen"};
    de.pronouns = {"mir", "mich", "zu"};
    de.verb_final = true;
    de.qualifiers = {"f\u00fcr Anzeigen"};
    de.not_counted = {"au\u00dferhalb", "durch", "daten", "marketing"};
    de.plural = PluralDe;
    de.open_quote = "\u201e", de.close_quote = "\u201c";
    m["de"] = de;

    Lang fr;
    fr.articles = {"le", "la", "les", "l'", "des", "mes", "mon", "ma", "vos", "votre", "tes", "ton", "ta"};
    fr.swap = {{"vos", "mes"}, {"votre", "ma"}, {"mes", "vos"}, {"les", "mes"}, {"le", "mon"}, {"la", "ma"}};
    fr.insert = "mes";
    fr.verbs = {"utiliser", "autoriser", "partager",   "rendre",  "accepter",
                "montrer",  "afficher",  "g\u00e9rer", "recevoir"};
    fr.pronouns = {"vous", "me", "moi"};
    fr.qualifiers = {"pour les publicit\u00e9s"};
    fr.not_counted = {"dehors", "avec", "pour", "marketing"};
    fr.plural = PluralFr;
    fr.open_quote = "\u00ab\u00a0", fr.close_quote = "\u00a0\u00bb";
    m["fr"] = fr;

    Lang es;
    es.articles = {"el", "la", "los", "las", "mis", "mi", "tus", "tu", "sus", "su"};
    es.swap = {{"tu", "mi"}, {"tus", "mis"}, {"mis", "tus"}, {"la", "su"}, {"los", "sus"}, {"las", "sus"}};
    es.insert = "mis";
    es.verbs = {"usar", "permitir", "compartir", "mostrar", "mostrarme", "aceptar", "gestionar", "recibir"};
    es.pronouns = {"me"};
    es.qualifiers = {"para los anuncios", "para anuncios"};
    es.not_counted = {"fuera", "para", "marketing"};
    es.plural = PluralEs;
    es.open_quote = "\u00ab", es.close_quote = "\u00bb";
    m["es"] = es;

    Lang pt;
    pt.articles = {"o", "a", "os", "as", "meus", "meu", "minhas", "minha", "seus", "seu", "suas", "sua"};
    pt.swap = {{"seu", "meu"},   {"seus", "meus"}, {"sua", "minha"}, {"suas", "minhas"},
               {"meus", "seus"}, {"os", "seus"},   {"as", "suas"}};
    pt.insert = "meus";
    pt.verbs = {"usar", "permitir", "compartilhar", "exibir", "mostrar", "aceitar", "gerenciar", "receber"};
    pt.pronouns = {"me"};
    pt.qualifiers = {"para an\u00fancios", "para os an\u00fancios"};
    pt.not_counted = {"fora", "para", "marketing"};
    pt.plural = PluralPt;
    m["pt-BR"] = pt;

    Lang nl;
    nl.articles = {"mijn", "uw", "je", "jouw", "de", "het", "een"};
    nl.swap = {{"uw", "je"}, {"mijn", "uw"}, {"de", "mijn"}, {"het", "mijn"}};
    nl.insert = "mijn";
    nl.verbs = {"gebruiken", "toestaan", "delen", "tonen", "accepteren", "maken", "beheren", "ontvangen"};
    nl.pronouns = {"mij", "te"};
    nl.verb_final = true;
    nl.qualifiers = {"voor advertenties"};
    nl.not_counted = {"buiten", "voor", "marketing"};
    nl.plural = PluralNl;
    nl.open_quote = "\u2018", nl.close_quote = "\u2019";
    m["nl"] = nl;

    Lang it;
    it.articles = {"il", "lo", "la", "i", "gli", "le", "l'", "mio", "mia", "miei", "mie", "tuo", "tua", "tuoi", "tue"};
    it.swap = {{"tuo", "mio"}, {"tua", "mia"}, {"tuoi", "miei"}, {"tue", "mie"}, {"miei", "tuoi"}, {"mio", "tuo"}};
    it.insert = "i miei";
    it.verbs = {"usa", "consenti", "condividi", "rendi", "accetta", "mostrami", "gestisci", "ricevi"};
    it.pronouns = {"mi"};
    it.qualifiers = {"per gli annunci"};
    it.not_counted = {"fuori", "cookie", "partner", "marketing"};
    it.plural = PluralIt;
    it.open_quote = "\u00ab", it.close_quote = "\u00bb";
    m["it"] = it;

    Lang pl;
    pl.articles = {"m\u00f3j", "moje",   "moich",  "mojej",   "mojego", "tw\u00f3j",
                   "twoje",    "twoich", "twojej", "twojego", "swoje",  "swoich"};
    pl.swap = {{"twoich", "moich"}, {"twojej", "mojej"},       {"twojego", "mojego"}, {"twoje", "moje"},
               {"moich", "Twoich"}, {"m\u00f3j", "Tw\u00f3j"}, {"mojej", "Twojej"},   {"mojego", "Twojego"}};
    pl.insert = "moje";
    pl.verbs = {"u\u017cywaj", "u\u017cyj", "zezwalaj",        "udost\u0119pniaj",
                "pokazuj",     "akceptuj",  "wy\u015bwietlaj", "zarz\u0105dzaj"};
    pl.pronouns = {"mi"};
    pl.qualifiers = {"do reklam"};
    pl.not_counted = {"poza", "cookie", "marketingowych"};
    pl.plural = PluralPl;
    pl.open_quote = "\u201e", pl.close_quote = "\u201d";
    m["pl"] = pl;

    Lang sv;
    sv.articles = {"min", "mitt", "mina", "din", "ditt", "dina"};
    sv.swap = {{"din", "min"}, {"ditt", "mitt"}, {"dina", "mina"}, {"mina", "dina"}};
    sv.insert = "mina";
    sv.verbs = {"anv\u00e4nd", "till\u00e5t", "dela", "visa", "godk\u00e4nn", "hantera"};
    sv.pronouns = {"mig"};
    sv.qualifiers = {"f\u00f6r annonser"};
    sv.not_counted = {"utanf\u00f6r", "data", "aktivitetsdata", "k\u00f6n"};
    sv.plural = PluralSv;
    sv.open_quote = "\u201d", sv.close_quote = "\u201d";
    m["sv"] = sv;

    Lang ja;
    ja.cjk = true;
    ja.articles = {"\u3042\u306a\u305f\u306e", "\u81ea\u5206\u306e", "\u79c1\u306e"};  // あなたの 自分の 私の
    ja.swap = {{"\u3042\u306a\u305f\u306e", "\u81ea\u5206\u306e"}};
    ja.insert = "\u81ea\u5206\u306e";
    // Trailing verb phrases: を使用する を許可する を表示する を共有する を受け取る する
    ja.verbs = {"\u3092\u4f7f\u7528\u3059\u308b", "\u3092\u8a31\u53ef\u3059\u308b", "\u3092\u8868\u793a\u3059\u308b",
                "\u3092\u5171\u6709\u3059\u308b", "\u3092\u53d7\u3051\u53d6\u308b", "\u3059\u308b"};
    ja.verb_final = true;
    ja.qualifiers = {"\u3092\u5e83\u544a\u306b"};  // を広告に(使用する) -> を(使用する)
    ja.open_quote = "\u300c", ja.close_quote = "\u300d";
    ja.particles = {"\u306b", "\u3092", "\u3068"};  // に を と
    ja.possessed = {"\u30c7\u30fc\u30bf", "\u7279\u6027", "\u30d7\u30ed\u30d5\u30a3\u30fc\u30eb",
                    "\u30a2\u30af\u30c6\u30a3\u30d3\u30c6\u30a3",
                    "\u60c5\u5831"};  // データ 特性 プロフィール アクティビティ 情報
    m["ja"] = ja;

    Lang zh;
    zh.cjk = true;
    zh.articles = {"\u4f60\u7684", "\u6211\u7684"};  // 你的 我的
    zh.swap = {{"\u4f60\u7684", "\u6211\u7684"}, {"\u6211\u7684", "\u4f60\u7684"}};
    zh.insert = "\u6211\u7684";
    // Leading verbs: 使用 将 允许 接受 接收
    zh.verbs = {"\u4f7f\u7528", "\u5c06", "\u5141\u8bb8", "\u63a5\u53d7", "\u63a5\u6536"};
    zh.qualifiers = {"\u7528\u4e8e\u5e7f\u544a"};  // 用于广告
    zh.particles = {"\u5c06", "\u548c"};           // 将 和
    zh.possessed = {"\u6570\u636e", "\u7279\u5f81", "\u4e2a\u4eba\u6863\u6848",
                    "\u4fe1\u606f"};  // 数据 特征 个人档案 信息
    m["zh-Hans"] = zh;
    return m;
  }();
  return k;
}

bool Contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// The article/possessive word at i, or "" (handles elided "l'IA").
bool IsArticle(const Lang& lang, const std::string& word) { return Contains(lang.articles, Bare(word)); }

std::string DropArticles(const Lang& lang, const std::string& text) {
  if (lang.cjk) {
    std::string out = text;
    for (const std::string& a : lang.articles) out = ReplaceAll(out, a, "");
    return out;
  }
  std::vector<std::string> kept;
  for (const std::string& w : Words(text)) {
    if (IsArticle(lang, w)) continue;
    const std::string bare = Bare(w);
    bool elided = false;
    for (const std::string& a : lang.articles) {
      if (EndsWith(a, "'") && bare.rfind(a, 0) == 0 && bare.size() > a.size()) {
        kept.push_back(w.substr(a.size()));  // "l'IA" -> "IA"
        elided = true;
        break;
      }
    }
    if (!elided) kept.push_back(w);
  }
  return Join(kept);
}

std::string SwapArticles(const Lang& lang, const std::string& text) {
  if (lang.cjk) {
    for (const auto& [from, to] : lang.swap) {
      if (text.find(from) != std::string::npos) return ReplaceAll(text, from, to);
    }
    return text;
  }
  std::vector<std::string> words = Words(text);
  for (std::string& w : words) {
    auto it = lang.swap.find(Bare(w));
    if (it != lang.swap.end()) w = it->second;
  }
  return Join(words);
}

// Index after the leading verb (and its pronouns), 0 when the label does not start with one.
std::size_t AfterLeadingVerb(const Lang& lang, const std::vector<std::string>& words) {
  std::size_t i = 0;
  while (i < words.size() && Contains(lang.pronouns, Bare(words[i]))) ++i;  // "Vous montrer"
  if (i < words.size() && Contains(lang.verbs, Bare(words[i]))) {
    ++i;
    while (i < words.size() && Contains(lang.pronouns, Bare(words[i]))) ++i;  // "Show me"
    return i;
  }
  return 0;
}

std::string AddArticle(const Lang& lang, const std::string& text) {
  if (lang.cjk) {
    for (const std::string& a : lang.articles) {
      if (text.find(a) != std::string::npos) return text;  // has one: that is a swap
    }
    for (const std::string& v : lang.verbs) {
      if (!lang.verb_final && text.rfind(v, 0) == 0) return v + lang.insert + text.substr(v.size());
    }
    return lang.insert + text;
  }
  std::vector<std::string> words = Words(text);
  std::size_t at = lang.verb_final ? 0 : AfterLeadingVerb(lang, words);
  while (at < words.size() && Contains(lang.pronouns, Bare(words[at]))) ++at;
  if (at < words.size() && IsArticle(lang, words[at])) return text;
  words.insert(words.begin() + static_cast<long>(at), lang.insert);
  return Join(words);
}

// CJK: a possessive inside the phrase, after its first particle that is not the text's end:
// "研究にデータを使用" -> "研究に私のデータを使用", "兴趣和特征" -> "兴趣和我的特征".
std::string PossessiveInside(const Lang& lang, const std::string& text) {
  std::size_t best = std::string::npos;
  for (const std::string& p : lang.particles) {
    for (std::size_t at = text.find(p); at != std::string::npos; at = text.find(p, at + 1)) {
      std::size_t after = at + p.size();
      bool noun_next = std::any_of(lang.possessed.begin(), lang.possessed.end(),
                                   [&](const std::string& n) { return text.compare(after, n.size(), n) == 0; });
      if (at > 0 && noun_next) best = std::min(best, after);
    }
  }
  if (best == std::string::npos) return text;
  for (const std::string& a : lang.articles) {
    if (text.compare(best, a.size(), a) == 0) return text;  // one is there already
  }
  return text.substr(0, best) + lang.insert + text.substr(best);
}

std::string DropVerb(const Lang& lang, const std::string& text) {
  if (lang.cjk) {
    for (const std::string& v : lang.verbs) {
      if (lang.verb_final && EndsWith(text, v)) return text.substr(0, text.size() - v.size());
      if (!lang.verb_final && text.rfind(v, 0) == 0) return text.substr(v.size());
    }
    return text;
  }
  std::vector<std::string> words = Words(text);
  if (lang.verb_final) {
    if (words.size() > 1 && Contains(lang.verbs, Bare(words.back()))) {
      words.pop_back();
      while (words.size() > 1 && Contains(lang.pronouns, Bare(words.back()))) words.pop_back();
      if (!words.empty() && words.back().back() == ',') words.back().pop_back();  // "erlauben, ..."
    }
    while (words.size() > 1 && Contains(lang.pronouns, Bare(words.front()))) words.erase(words.begin());
  } else {
    std::size_t at = AfterLeadingVerb(lang, words);
    words.erase(words.begin(), words.begin() + static_cast<long>(at));
  }
  return Join(words);
}

// CJK: ja "を広告に" becomes "を" ("...を広告に使用する" -> "...を使用する"); zh "用于广告" only at the end
// (in "用于广告洞察" it is part of the noun).
std::string DropQualifier(const Lang& lang, const std::string& text) {
  for (const std::string& q : lang.qualifiers) {
    std::string out = text;
    if (lang.cjk && lang.verb_final)
      out = ReplaceAll(text, q, "\u3092");
    else if (lang.cjk)
      out = EndsWith(text, q) ? text.substr(0, text.size() - q.size()) : text;
    else
      out = RemovePhrase(text, q);
    if (out != text) return out;
  }
  return text;
}

// The last noun: the last word that is not a verb, pronoun, article, "LinkedIn", a listed
// non-noun or shorter than four letters (prepositions), then the language's simple number rule.
std::string ChangeNumber(const Lang& lang, const std::string& text) {
  if (lang.plural == nullptr || lang.cjk) return text;
  std::vector<std::string> words = Words(text);
  for (std::size_t i = words.size(); i-- > 0;) {
    const std::string bare = Bare(words[i]);
    if (Decode(bare).size() < 4 || Contains(lang.verbs, bare) || Contains(lang.pronouns, bare) ||
        Contains(lang.not_counted, bare) || IsArticle(lang, words[i]) || bare.find("linkedin") != std::string::npos) {
      // An acronym is the last noun, and has no plural: "... generatieve AI".
      if (bare.size() >= 2 && Recase(words[i], Case::kUpper) == words[i] && Lower(words[i]) != words[i]) return text;
      continue;
    }
    std::string& w = words[i];
    std::size_t end = w.size();
    while (end > 0 && std::string(",.;:!?()\"").find(w[end - 1]) != std::string::npos) --end;
    w = lang.plural(w.substr(0, end)) + w.substr(end);
    return Join(words);
  }
  return text;
}

std::string TypographicApostrophes(const std::string& text) { return ReplaceAll(text, "'", "\u2019"); }

struct Variant {
  std::string kind;
  std::string text;
};

// Every variant of some texts of one setting in one language (the texts themselves are not
// repeated; `first_kind` names the first text when it is tried as is, e.g. "title_as_label").
std::vector<Variant> VariantsOf(const std::string& lang_tag, const std::vector<std::string>& texts,
                                const std::string& first_kind = "") {
  const Lang& lang = Langs().at(lang_tag);
  std::vector<Variant> out;
  std::set<std::string> seen(texts.begin(), texts.end());
  auto add = [&](const std::string& kind, const std::string& text) {
    if (text.empty() || !seen.insert(text).second) return;
    out.push_back({kind, text});
  };
  if (!first_kind.empty()) out.push_back({first_kind, texts.front()});
  for (const std::string& text : texts) {
    add("article_dropped", DropArticles(lang, text));
    add("article_added", AddArticle(lang, text));
    if (lang.cjk) add("possessive_inside", PossessiveInside(lang, text));
    add("article_swapped", SwapArticles(lang, text));
    add("number_changed", ChangeNumber(lang, text));
    add("verb_dropped", DropVerb(lang, text));
    add("qualifier_dropped", DropQualifier(lang, text));
    add("typographic_quotes", lang.open_quote + TypographicApostrophes(text) + lang.close_quote);
    add("upper_case", Recase(text, Case::kUpper));
    add("lower_case", Recase(text, Case::kLower));
    add("title_case", Recase(text, Case::kTitle));
  }
  return out;
}

// --- The host, as the serve loop runs it --------------------------------------------------------

class HostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Catalog().contains("settings")) << OPTOUT_CATALOG_JSON;
    absl::StatusOr<std::vector<RulePack>> packs = LoadEmbeddedRulePacks();
    ASSERT_TRUE(packs.ok()) << packs.status();
    absl::StatusOr<std::unique_ptr<Classifier>> classifier = Classifier::Build(*packs);
    ASSERT_TRUE(classifier.ok()) << classifier.status();
    handler_ = std::make_unique<RequestHandler>(*std::move(packs), *std::move(classifier), "", "no record in tests");
  }

  json Classify(const std::string& url_path, const std::string& lang, const json& controls) {
    json request = {{"v", 1},
                    {"id", ++id_},
                    {"type", "classify"},
                    {"page", {{"url_path", url_path}, {"lang", lang}}},
                    {"controls", controls}};
    json reply = json::parse(handler_->Handle(request.dump()));
    EXPECT_EQ(reply["ok"], true) << reply.dump();
    return reply["verdicts"];
  }

  static json Switch(const std::string& ref, const std::string& label, const std::string& context,
                     const json& attrs = json::object()) {
    json c = {{"ref", ref}, {"kind", "switch"}, {"checked", true}, {"label", label}, {"context", context}};
    if (!attrs.empty()) c["attrs"] = attrs;
    return c;
  }

  static json KeyOf(const json& setting) {
    json attrs = json::object();
    if (setting.contains("attr_key")) attrs["aria-labelledby"] = setting["attr_key"];
    if (setting.contains("input_id")) attrs["id"] = setting["input_id"];
    return attrs;
  }

  std::unique_ptr<RequestHandler> handler_;
  int id_ = 0;
};

// passed/total per row and language, printed as a table.
class Tally {
 public:
  void Add(const std::string& row, const std::string& lang, bool ok) {
    auto& cell = cells_[row][lang];
    cell.first += ok;
    cell.second += 1;
    langs_.insert(lang);
  }
  std::string Table(const std::string& title) const {
    std::ostringstream out;
    out << title << "\n" << std::left;
    out.width(22);
    out << "";
    for (const std::string& l : langs_) {
      out.width(9);
      out << l;
    }
    out << "all\n";
    int all_pass = 0, all_total = 0;
    for (const auto& [row, by_lang] : cells_) {
      out.width(22);
      out << row;
      int pass = 0, total = 0;
      for (const std::string& l : langs_) {
        auto it = by_lang.find(l);
        std::string cell =
            it == by_lang.end() ? "-" : std::to_string(it->second.first) + "/" + std::to_string(it->second.second);
        if (it != by_lang.end()) pass += it->second.first, total += it->second.second;
        out.width(9);
        out << cell;
      }
      out << pass << "/" << total << "\n";
      all_pass += pass, all_total += total;
    }
    out << "total: " << all_pass << "/" << all_total << "\n";
    return out.str();
  }
  int Failures() const {
    int f = 0;
    for (const auto& [row, by_lang] : cells_) {
      for (const auto& [l, cell] : by_lang) f += cell.second - cell.first;
    }
    return f;
  }

 private:
  std::map<std::string, std::map<std::string, std::pair<int, int>>> cells_;
  std::set<std::string> langs_;
};

constexpr const char* kElsewhere = "/mypreferences/d/settings/something-else";

TEST_F(HostTest, WordingVariantsOfEveryLabelAndTitleAreRecognised) {
  Tally tally;
  const json& settings = Catalog()["settings"];
  for (const auto& [id, setting] : settings.items()) {
    if (setting["kind"] != "switch") continue;
    const json key = KeyOf(setting);
    for (const auto& [lang, texts] : setting["langs"].items()) {
      ASSERT_TRUE(Langs().count(lang)) << "no variation rules for " << lang;
      const std::string title = texts["title"];
      int same_title = 0;
      for (const auto& [other_id, other] : settings.items()) {
        same_title += other["langs"].contains(lang) && other["langs"][lang]["title"] == title;
      }
      // A title shared by several settings (one page, several switches: "Manage use of external
      // data") names the page, not a switch: as a label it cannot say which one it is.
      const std::vector<Variant> variants = same_title == 1
                                                ? VariantsOf(lang, {title, texts["label"]}, "title_as_label")
                                                : VariantsOf(lang, {texts["label"]});
      for (const Variant& v : variants) {
        SCOPED_TRACE(v.kind + " [" + lang + "] " + id + ": \"" + v.text + "\"");
        bool ok = true;
        // Own page, nothing but the label: URL path + label.
        json own = Classify(setting["url_path"], lang, json::array({Switch("c1", v.text, "")}))[0];
        ok &= own["setting"] == id && own["confidence"] == "high" && own["action"] == "flip";
        EXPECT_EQ(own["setting"], id) << own.dump();
        EXPECT_EQ(own["confidence"], "high") << own.dump();
        EXPECT_EQ(own["action"], "flip") << own.dump();
        if (!key.empty()) {
          // Another page, LinkedIn's stable key: key + label.
          json keyed = Classify(kElsewhere, lang, json::array({Switch("c1", v.text, "", key)}))[0];
          ok &= keyed["setting"] == id && keyed["confidence"] == "high" && keyed["action"] == "flip";
          EXPECT_EQ(keyed["setting"], id) << keyed.dump();
          EXPECT_EQ(keyed["confidence"], "high") << keyed.dump();
          EXPECT_EQ(keyed["action"], "flip") << keyed.dump();
        }
        // Another page, no key: a maybe at most, and never another setting.
        json bare = Classify(kElsewhere, lang, json::array({Switch("c1", v.text, "")}))[0];
        ok &= bare["action"] != "flip" && (bare["setting"].is_null() || bare["setting"] == id);
        EXPECT_NE(bare["action"], "flip") << bare.dump();
        EXPECT_TRUE(bare["setting"].is_null() || bare["setting"] == id) << bare.dump();
        tally.Add(v.kind, lang, ok);
        if (std::getenv("OPTOUT_PRINT_VARIANTS") != nullptr) {  // to review what the generator makes
          std::cout << (ok ? "ok   " : "FAIL ") << v.kind << " [" << lang << "] " << id << ": " << v.text << "\n";
        }
      }
    }
  }
  const std::string table = tally.Table("wording variants (passed/total; own page, stable key, no anchor):");
  std::cout << table;
  RecordProperty("variants", table);
  EXPECT_EQ(tally.Failures(), 0);
}

// The card's own heading is usually the setting's title: URL path + heading is certain whatever
// the label says (here a language the pack lacks), and the heading alone never flips.
TEST_F(HostTest, WordingVariantsOfEveryTitleAsTheHeadingAreRecognised) {
  Tally tally;
  const json& settings = Catalog()["settings"];
  for (const auto& [id, setting] : settings.items()) {
    if (setting["kind"] != "switch") continue;
    for (const auto& [lang, texts] : setting["langs"].items()) {
      const std::string title = texts["title"];
      int same_title = 0;
      for (const auto& [other_id, other] : settings.items()) {
        same_title += other["langs"].contains(lang) && other["langs"][lang]["title"] == title;
      }
      if (same_title > 1) continue;  // the page's heading, not the switch's: see above
      for (const Variant& v : VariantsOf(lang, {title}, "title")) {
        SCOPED_TRACE(v.kind + " [" + lang + "] " + id + " heading: \"" + v.text + "\"");
        json own = Classify(setting["url_path"], lang,
                            json::array({Switch("c1", "Bu ayar\u0131 etkinle\u015ftir", v.text)}))[0];
        const bool certain = own["setting"] == id && own["confidence"] == "high" && own["action"] == "flip";
        EXPECT_TRUE(certain) << own.dump();
        json bare =
            Classify(kElsewhere, lang, json::array({Switch("c1", "Bu ayar\u0131 etkinle\u015ftir", v.text)}))[0];
        EXPECT_NE(bare["action"], "flip") << bare.dump();
        tally.Add(v.kind, lang, certain && bare["action"] != "flip");
      }
    }
  }
  const std::string table =
      tally.Table("title variants as the heading (passed/total; own page with an unknown label):");
  std::cout << table;
  RecordProperty("headings", table);
  EXPECT_EQ(tally.Failures(), 0);
}

// A veto is a word, not a part of one: a real label followed by a word that merely contains a
// veto stays certain ("unlimited" is not "limit", "Nichtraucher" not "nicht", "właśnie" not
// "nie"). Japanese and Chinese have no spaces: there a veto is a substring, and is not tried here.
TEST_F(HostTest, VetoesAreWordsNotPartsOfWords) {
  const std::map<std::string, std::vector<std::string>> kInnocent = {
      {"en", {"blockchain", "unlimited", "notable", "groupware", "followup"}},
      {"de", {"Nichtraucher", "Gruppenleiter", "Sperrm\u00fcll", "Folgeseite", "Keinohrhase"}},
      {"fr", {"groupement", "suivant", "pastel", "limitrophe"}},
      {"es", {"nombre", "grupal", "seguirá", "nunciatura"}},
      {"pt-BR", {"agrupamento", "seguinte", "nunciatura"}},
      {"nl", {"nietsnut", "groepsfoto", "volgorde", "geenszins"}},
      {"it", {"mais", "nonna", "gruppetto", "seguito"}},
      {"pl", {"niebieski", "w\u0142a\u015bnie", "grupowy", "blokowisko"}},
      {"sv", {"inteckning", "abonnemang", "gruppering", "f\u00f6ljetong"}},
  };
  int tried = 0;
  const json& settings = Catalog()["settings"];
  for (const auto& [lang, words] : kInnocent) {
    for (const auto& [id, setting] : settings.items()) {
      if (setting["kind"] != "switch") continue;
      const std::string label = setting["langs"][lang]["label"];
      for (const std::string& word : words) {
        SCOPED_TRACE(id + " [" + lang + "]: " + label + " " + word);
        json v = Classify(setting["url_path"], lang, json::array({Switch("c1", label + " " + word, "")}))[0];
        EXPECT_EQ(v["action"], "flip") << v.dump();
        EXPECT_TRUE(v["doubt"].is_null()) << v.dump();
        ++tried;
      }
    }
  }
  // Negation-like words that are not negations: Portuguese "No" (= on the), "non-essential".
  const struct {
    const char* lang;
    const char* setting;
    const char* label;
  } kNotNegated[] = {
      {"pt-BR", "research", "No LinkedIn, usar meus dados para pesquisa"},
      {"de", "non_essential_cookies", "Nicht notwendige Cookies zulassen"},
      {"nl", "non_essential_cookies", "Niet essenti\u00eble cookies accepteren"},
      {"es", "non_essential_cookies", "Permitir cookies no esenciales"},
      {"it", "non_essential_cookies", "Consenti i cookie non essenziali"},
      {"ja", "non_essential_cookies",
       "\u4e0d\u8981\u306aCookie\u3092\u8a31\u53ef\u3059\u308b"},  // 不要なCookieを許可する
      {"zh-Hans", "non_essential_cookies", "\u63a5\u53d7\u4e0d\u5fc5\u8981\u7684 Cookie"},  // 接受不必要的 Cookie
  };
  for (const auto& c : kNotNegated) {
    SCOPED_TRACE(std::string(c.setting) + " [" + c.lang + "]: " + c.label);
    json v = Classify(settings[c.setting]["url_path"], c.lang, json::array({Switch("c1", c.label, "")}))[0];
    EXPECT_EQ(v["action"], "flip") << v.dump();
    ++tried;
  }
  std::cout << "veto words inside other words, still certain: " << tried << " labels tried\n";
}

TEST_F(HostTest, LookalikesAreNeverFlipped) {
  const json& corpus = Lookalikes();
  const json& settings = Catalog()["settings"];
  Tally elsewhere, beside, real;
  const std::set<std::string> kLangs = {"en", "de", "fr", "es", "pt-BR", "nl", "it", "pl", "sv", "ja", "zh-Hans"};
  for (const std::string& lang : kLangs) {
    ASSERT_TRUE(corpus["lookalikes"].contains(lang)) << lang;
    EXPECT_GE(corpus["lookalikes"][lang].size(), 8u) << lang;
  }
  for (const auto& [lang, items] : corpus["lookalikes"].items()) {
    // (a) On other settings pages, with their own heading: each alone (the page's only switch),
    // and all of them together.
    for (const std::string page : corpus["pages"]) {
      json together = json::array();
      for (std::size_t i = 0; i < items.size(); ++i) {
        const json& item = items[i];
        together.push_back(Switch("l" + std::to_string(i), item["label"], item["heading"]));
        SCOPED_TRACE(item["kind"].get<std::string>() + " [" + lang + "] " + page + ": " +
                     item["label"].get<std::string>());
        json alone = Classify(page, lang, json::array({Switch("l", item["label"], item["heading"])}))[0];
        EXPECT_NE(alone["action"], "flip") << alone.dump();
        elsewhere.Add(item["kind"], lang, alone["action"] != "flip");
      }
      json verdicts = Classify(page, lang, together);
      for (std::size_t i = 0; i < items.size(); ++i) {
        SCOPED_TRACE(items[i]["label"].get<std::string>());
        EXPECT_NE(verdicts[i]["action"], "flip") << verdicts[i].dump();
        elsewhere.Add(items[i]["kind"], lang, verdicts[i]["action"] != "flip");
      }
    }
    // (b) On the real setting's page, next to the real switch, under the same heading.
    for (const json& item : items) {
      const std::string near = item["near"];
      ASSERT_TRUE(settings.contains(near)) << near;
      const json& setting = settings[near];
      const json& texts = setting["langs"][lang];
      const std::string heading = texts["title"].get<std::string>() + "\n" + texts["description"].get<std::string>();
      SCOPED_TRACE(item["kind"].get<std::string>() + " [" + lang + "] beside " + near + ": " +
                   item["label"].get<std::string>());
      json v = Classify(
          setting["url_path"], lang,
          json::array({Switch("real", texts["label"], heading, KeyOf(setting)), Switch("l", item["label"], heading)}));
      EXPECT_NE(v[1]["action"], "flip") << v[1].dump();
      beside.Add(item["kind"], lang, v[1]["action"] != "flip");
      // What the look-alike does to the real switch: a vetoed look-alike leaves it certain. A
      // label that is nothing but the setting's name cannot be told from the real one: both
      // claim the setting, and neither is flipped (two_controls); the member decides.
      const bool real_ok = v[0]["setting"] == near && v[0]["action"] == "flip";
      real.Add(item["kind"], lang, real_ok);
      if (item["kind"] == "name_only") {
        EXPECT_EQ(v[0]["doubt"], "two_controls") << v[0].dump();
        EXPECT_EQ(v[1]["doubt"], "two_controls") << v[1].dump();
      } else {
        EXPECT_TRUE(real_ok) << v[0].dump();
        EXPECT_EQ(v[1]["doubt"], "label_about_something_else") << v[1].dump();
      }
    }
  }
  std::cout << elsewhere.Table("look-alikes on other settings pages, never flipped (passed/total):")
            << beside.Table("look-alikes beside the real switch, never flipped (passed/total):")
            << real.Table("the real switch beside a look-alike, still flipped (passed/total):");
  RecordProperty("lookalikes_elsewhere", elsewhere.Table(""));
  RecordProperty("lookalikes_beside", beside.Table(""));
  EXPECT_EQ(elsewhere.Failures(), 0);
  EXPECT_EQ(beside.Failures(), 0);
}

}  // namespace
}  // namespace optout
