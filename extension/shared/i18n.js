// @ts-check
// OptOut's UI text. Every string a person reads is a message in _locales/<locale>/messages.json
// (English in _locales/en, the default_locale); code names messages by key, never by wording.
//
// Which language:
// - Extension pages (popup, options, receipt) use the browser's UI language: t() below is
//   chrome.i18n.getMessage, which falls back to English per missing key.
// - On LinkedIn the UI follows LinkedIn's page language (<html lang>, else the `hl` URL
//   parameter), which chrome.i18n cannot do. The content script may not fetch extension files
//   (no web_accessible_resources, by design), so it asks the service worker over its port:
//   {kind: 'uiText', lang} -> {kind: 'uiText', locale, messages}, where `messages` is
//   uiTextFor(locale) of background/ui_text.js: that locale's messages over English's, with
//   named placeholders already turned into $1..$9, so the content script only fills them in
//   (host_link.js). Until a table arrives the content script uses chrome.i18n (browser language).
// - Language tags map to Chrome's locale folders by localeFor(): LinkedIn and the rule packs
//   say zh-Hans (or zh-CN), Chrome's folder is zh_CN; pt and pt-BR use pt_BR; any other
//   region of a language we have uses it (de-AT -> de); anything else (zh-Hant, zh-TW, tr...) is
//   English, never a guess at a neighbouring language.
// Translated text is plain text like page text: it only ever goes into textContent.
/* global URL, URLSearchParams */

/** Chrome's locale folders under _locales/, one per UI language the rule packs know. */
export const LOCALES = Object.freeze(['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt_BR', 'sv', 'zh_CN']);

/**
 * A BCP 47 tag (or LinkedIn's de_DE form) -> the locale folder to use; 'en' when we have none.
 * @param {unknown} tag
 * @returns {string}
 */
export function localeFor(tag) {
  const parts = String(tag || '').trim().toLowerCase().replace(/_/g, '-').split('-');
  const [lang, ...rest] = parts;
  if (lang === 'zh') {
    // Simplified Chinese only: Traditional script or its regions get English.
    if (rest.includes('hant') || rest.some((p) => ['tw', 'hk', 'mo'].includes(p))) return 'en';
    return 'zh_CN';
  }
  if (lang === 'pt') return 'pt_BR';
  return LOCALES.includes(lang) ? lang : 'en';
}

/**
 * LinkedIn's page language: what the page says it is written in, else the `hl` parameter.
 * @param {string} htmlLang document.documentElement.lang
 * @param {string} search location.search
 */
export function pageLanguage(htmlLang, search) {
  if (htmlLang && htmlLang.trim()) return htmlLang.trim();
  return new URLSearchParams(search).get('hl') || '';
}

/**
 * One messages.json entry -> its text with $1..$9 for the substitutions (Chrome's rules: a
 * named $NAME$ is its placeholder's content, case-insensitively; $$ stays for a literal $).
 * @param {{message: string, placeholders?: Record<string, {content: string}>}} entry
 */
export function positional(entry) {
  const named = new Map(Object.entries(entry.placeholders || {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => named.get(name.toLowerCase()) ?? whole);
}

/**
 * Fills $1..$9 in a positional text; $$ is a literal $. The content script has the same few
 * lines (host_link.js, which cannot import this module); tests/extension/i18n.test.mjs holds
 * both to the same answers.
 * @param {string} text
 * @param {Array<string | number | null | undefined>} subs
 */
export function fill(text, subs) {
  return text.replace(/\$(\$|[1-9])/g, (_, d) => (d === '$' ? '$' : String(subs[Number(d) - 1] ?? '')));
}

/**
 * messages.json objects -> {key: positional text}: the locale's messages over English's, so a
 * key the locale lacks reads in English and never as its key.
 * @param {Record<string, any>} english
 * @param {Record<string, any> | null} chosen
 */
export function textTable(english, chosen) {
  /** @type {Record<string, string>} */
  const table = {};
  for (const [key, entry] of Object.entries(english)) table[key] = positional(entry);
  for (const [key, entry] of Object.entries(chosen || {})) {
    if (Object.hasOwn(table, key) && entry && typeof entry.message === 'string' && entry.message) table[key] = positional(entry);
  }
  return table;
}

/** @type {Record<string, string> | null} English, read from disk where there is no chrome.i18n (node tests). */
let englishOutsideBrowser = null;
function english() {
  if (!englishOutsideBrowser) {
    const proc = /** @type {any} */ (globalThis).process;
    const fs = proc && typeof proc.getBuiltinModule === 'function' ? proc.getBuiltinModule('fs') : null;
    englishOutsideBrowser = fs ? textTable(JSON.parse(fs.readFileSync(new URL('../_locales/en/messages.json', import.meta.url), 'utf8')), null) : {};
  }
  return englishOutsideBrowser;
}

/**
 * The message `key` in the browser's UI language, with $1.. filled from `subs`. An unknown
 * key gives '' (tests/extension/i18n.test.mjs checks every key the code uses exists).
 * @param {string} key
 * @param {...(string | number | null | undefined)} subs
 */
export function t(key, ...subs) {
  const i18n = globalThis.chrome && globalThis.chrome.i18n;
  if (i18n) return i18n.getMessage(key, subs.map((x) => String(x ?? '')));
  const text = english()[key];
  return text === undefined ? '' : fill(text, subs);
}

/**
 * Sets the text of our own page's elements that name a message: data-i18n (textContent),
 * data-i18n-aria-label, data-i18n-title; and the page's <html lang>.
 * @param {Document} doc
 */
export function localizePage(doc) {
  for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n') || '');
  for (const attr of ['aria-label', 'title']) {
    for (const el of doc.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`) || ''));
  }
  // The language the messages are in (not the browser's, which may be one we lack).
  const lang = t('ui_lang');
  if (lang) doc.documentElement.lang = lang;
}
