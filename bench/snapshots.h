// Benchmark inputs: page snapshots built from realistic LinkedIn settings labels (English,
// German, French) that the shipped rule pack knows, plus decoys it must not recognise.
//   small:   the one-switch fixture page (tests/fixtures/snapshots/genai-en-switch.json)
//   typical: 30 controls (20 known settings + 10 decoys) in one language
//   huge:    5,000 controls, languages mixed. Over the protocol's 2,000-control cap, so it is
//            only ever given to the Classifier API directly, never sent as a request.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "classifier.h"
#include "nlohmann/json.hpp"

namespace optout::bench {

struct Labelled {
  const char* label;
  const char* context;
  const char* id;  // element id; "" = none
};

// Known settings: label and heading/description text as LinkedIn shows them.
inline const std::vector<Labelled>& EnglishSettings() {
  static const std::vector<Labelled> k = {
      {"Use my data for training content creation AI models",
       "Data for Generative AI Improvement\nCan LinkedIn and its affiliates use your personal data and content you "
       "create on LinkedIn to train generative AI models that create content?",
       "ember412"},
      {"Use data for research", "Data for workplace research", "allowAnonymizedDataResearch"},
      {"Use data from external sources", "Use of external data", ""},
      {"Share information with hirers", "Use of external data", ""},
      {"Receive research invitations", "Research invitations", ""},
      {"Allow sponsored messages", "Sponsored Messages from partners", ""},
      {"Allow page owners to export your data", "Page owners exporting your data", ""},
      {"Make my profile visible in permitted services", "Profile visibility off LinkedIn, such as Microsoft Outlook",
       ""},
      {"Accept non-essential cookies", "Cookie preferences", "nonEssentialCookieConsent"},
      {"Use profile location for ads", "Profile location", ""},
      {"Use LinkedIn activity data for ads", "LinkedIn activity data", ""},
      {"Use inferred city location", "Inferred city location", "allowIpToPersonalizeAds"},
      {"Use interests and traits for ads", "Interests and traits", ""},
      {"Use your age range for ads", "Age range", "allowAdsByAge"},
      {"Use gender for ads", "Gender", "allowAdsByGender"},
      {"Show me ads outside of LinkedIn", "Ads beyond LinkedIn, on other websites and apps", ""},
      {"Use information given to businesses", "Interactions with businesses", ""},
      {"Use data for ad insights", "Ad-related actions", "allowConversionTrackings"},
      {"Use connections data", "Data about your connections", ""},
      {"Share data with affiliates and partners", "Data sharing with affiliates", ""},
  };
  return k;
}

inline const std::vector<Labelled>& GermanSettings() {
  static const std::vector<Labelled> k = {
      {"Ihre Daten zum Schulen von KI\u2011Modellen verwenden, die Inhalte erstellen",
       "Daten zur Verbesserung generativer KI", "ember412"},
      {"Daten f\u00fcr Forschungszwecke verwenden", "Forschung am Arbeitsplatz", ""},
      {"Daten aus externen Quellen verwenden", "Nutzung externer Daten", ""},
      {"Informationen mit Personalverantwortlichen teilen", "Nutzung externer Daten", ""},
      {"Einladungen zur Teilnahme an Forschung erhalten", "Einladungen zu Studien", ""},
      {"Sponsored Messages zulassen", "Sponsored Messages", ""},
      {"Seiteninhabern erlauben, Ihre Daten zu exportieren", "Export durch Seiteninhaber", ""},
      {"Profil in zul\u00e4ssigen Diensten sichtbar machen", "Sichtbarkeit au\u00dferhalb von LinkedIn", ""},
      {"Nicht notwendige Cookies akzeptieren", "Cookie-Einstellungen", "nonEssentialCookieConsent"},
      {"Profilstandort f\u00fcr Anzeigen verwenden", "Profilstandort", ""},
      {"Aktivit\u00e4tsdaten f\u00fcr Anzeigen verwenden", "LinkedIn-Aktivit\u00e4tsdaten", ""},
      {"Abgeleiteten Standort verwenden", "Abgeleiteter Standort", "allowIpToPersonalizeAds"},
      {"Interessen und Eigenschaften f\u00fcr Anzeigen verwenden", "Interessen und Eigenschaften", ""},
      {"Altersgruppe f\u00fcr Anzeigen verwenden", "Altersgruppe", "allowAdsByAge"},
      {"Geschlecht f\u00fcr Anzeigen verwenden", "Geschlecht", "allowAdsByGender"},
      {"Anzeigen au\u00dferhalb von LinkedIn", "Anzeigen au\u00dferhalb von LinkedIn", ""},
      {"Unternehmen zur Verf\u00fcgung gestellte Informationen verwenden", "Interaktionen mit Unternehmen", ""},
      {"Daten f\u00fcr Anzeigen-Insights verwenden", "Anzeigenbezogene Aktionen", "allowConversionTrackings"},
      {"Daten zu Ihren Kontakten verwenden", "Daten zu Ihren Kontakten", ""},
      {"Daten mit verbundenen Unternehmen und Partnern teilen", "Datenweitergabe", ""},
  };
  return k;
}

inline const std::vector<Labelled>& FrenchSettings() {
  static const std::vector<Labelled> k = {
      {"Utiliser mes donn\u00e9es pour entra\u00eener des mod\u00e8les d\u2019IA de cr\u00e9ation de contenu",
       "Am\u00e9lioration de l\u2019IA g\u00e9n\u00e9rative", "ember412"},
      {"Utiliser les donn\u00e9es \u00e0 des fins de recherche", "Recherche sur le lieu de travail", ""},
      {"Donn\u00e9es provenant de sources externes", "Utilisation de donn\u00e9es externes", ""},
      {"Partager des informations avec les recruteurs", "Utilisation de donn\u00e9es externes", ""},
      {"Invitations \u00e0 des \u00e9tudes", "Invitations \u00e0 des \u00e9tudes", ""},
      {"Autoriser les messages sponsoris\u00e9s", "Messages sponsoris\u00e9s", ""},
      {"Autoriser les propri\u00e9taires de pages \u00e0 exporter vos donn\u00e9es", "Export des donn\u00e9es", ""},
      {"Visible dans les services autoris\u00e9s", "Visibilit\u00e9 hors de LinkedIn", ""},
      {"Accepter les cookies non essentiels", "Pr\u00e9f\u00e9rences de cookies", "nonEssentialCookieConsent"},
      {"Utiliser le lieu de votre profil pour les publicit\u00e9s", "Lieu du profil", ""},
  };
  return k;
}

inline const std::vector<Labelled>& Decoys() {
  static const std::vector<Labelled> k = {
      {"Show my online status", "Active status", "ember501"},
      {"Autoplay videos", "Preferences", "ember502"},
      {"Dark mode", "Display", ""},
      {"Send me a weekly digest of trending posts", "Email frequency", "ember503"},
      {"Read receipts and typing indicators", "Messaging experience", ""},
      {"Smart replies", "Messaging experience", ""},
      {"Allow others to mention or tag me", "Mentions or tags", ""},
      {"Show profile photos", "Profile photos of other members", ""},
      {"Sound on for notifications", "Notifications", ""},
      {"Feed view: most relevant posts", "Feed preferences", ""},
  };
  return k;
}

inline Control MakeControl(const Labelled& l, const std::string& ref, int index) {
  Control c;
  c.ref = ref;
  c.kind = index % 7 == 3 ? "checkbox" : "switch";
  c.checked = index % 3 != 0;
  if (*l.id) c.attrs.emplace_back("id", l.id);
  c.attrs.emplace_back("aria-labelledby", "label-" + ref + " desc-" + ref);
  c.label = l.label;
  c.context = l.context;
  return c;
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The request body the extension would send for `page`.
inline std::string RequestJson(const PageSnapshot& page, int id = 1) {
  nlohmann::ordered_json j;
  j["v"] = 1;
  j["id"] = id;
  j["type"] = "classify";
  j["page"] = {{"url_path", page.url_path}, {"lang", page.lang}, {"title", page.title}};
  j["controls"] = nlohmann::ordered_json::array();
  for (const Control& c : page.controls) {
    nlohmann::ordered_json attrs = nlohmann::ordered_json::object();
    for (const auto& [k, v] : c.attrs) attrs[k] = v;
    j["controls"].push_back({{"ref", c.ref},
                             {"kind", c.kind},
                             {"checked", c.checked},
                             {"attrs", attrs},
                             {"label", c.label},
                             {"context", c.context}});
  }
  return j.dump();
}

struct NamedSnapshot {
  std::string name;
  PageSnapshot page;
  std::string json;  // as sent by the extension (size used for bytes/s)
};

// One language's settings plus the decoys, 30 controls.
inline PageSnapshot Typical(const std::vector<Labelled>& settings, const std::string& lang) {
  PageSnapshot p;
  p.url_path = "/mypreferences/d/categories/ads";
  p.lang = lang;
  p.title = "Advertising data | LinkedIn";
  int i = 0;
  for (const Labelled& l : settings) p.controls.push_back(MakeControl(l, "c" + std::to_string(i), i)), ++i;
  for (const Labelled& l : Decoys()) {
    if (p.controls.size() >= 30) break;
    p.controls.push_back(MakeControl(l, "c" + std::to_string(i), i)), ++i;
  }
  return p;
}

inline PageSnapshot Huge(std::size_t count) {
  PageSnapshot p;
  p.url_path = "/mypreferences/d/categories/ads";
  p.lang = "en";
  p.title = "Everything";
  const std::vector<const std::vector<Labelled>*> tables = {&EnglishSettings(), &GermanSettings(), &FrenchSettings(),
                                                            &Decoys()};
  for (std::size_t i = 0; p.controls.size() < count; ++i) {
    const auto& table = *tables[i % tables.size()];
    p.controls.push_back(
        MakeControl(table[(i / tables.size()) % table.size()], "h" + std::to_string(i), static_cast<int>(i)));
  }
  return p;
}

// `small_json`: the body of tests/fixtures/snapshots/genai-en-switch.json; `small_page` its parse.
inline std::vector<NamedSnapshot> Snapshots(const PageSnapshot& small_page, const std::string& small_json) {
  std::vector<NamedSnapshot> out;
  out.push_back({"small", small_page, small_json});
  PageSnapshot en = Typical(EnglishSettings(), "en");
  out.push_back({"typical_en", en, RequestJson(en)});
  PageSnapshot de = Typical(GermanSettings(), "de");
  out.push_back({"typical_de", de, RequestJson(de)});
  PageSnapshot huge = Huge(5000);
  out.push_back({"huge", huge, RequestJson(huge)});
  return out;
}

}  // namespace optout::bench
