// What OptOut's in-page UI says in a page's language, from the shipped messages (the banner
// follows LinkedIn's page language): say('de', 'banner_done_title') -> 'Deaktiviert'.
// sayPattern(...) is a RegExp of the whole line, a null value matching any text (a date).
import { readFileSync } from 'node:fs';
import { textTable, fill, localeFor } from '../../extension/shared/i18n.js';

const messagesOf = (locale) => JSON.parse(readFileSync(new URL(`../../extension/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
const tables = new Map();

function tableFor(lang) {
  const locale = localeFor(lang);
  if (!tables.has(locale)) tables.set(locale, textTable(messagesOf('en'), locale === 'en' ? null : messagesOf(locale)));
  return tables.get(locale);
}

/** @param {string} lang a page language tag @param {string} key @param {...(string|number)} subs */
export function say(lang, key, ...subs) {
  const text = tableFor(lang)[key];
  if (text === undefined) throw new Error(`no message ${key}`);
  return fill(text, subs);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @param {string} lang @param {string} key @param {...(string|number|null)} subs @param {string} [after] */
export function sayPattern(lang, key, ...subs) {
  const marker = '\u0000ANY\u0000';
  const text = say(lang, key, ...subs.map((s) => (s === null ? marker : s)));
  return new RegExp(`^${text.split(marker).map(escape).join('.+')}`);
}

// A setting's title and explanation as the banner shows them on a page in `lang`: the rule pack's
// text in that language (the host's `local`, native-host/rules/linkedin.json `titles` /
// `explains`), else the English one. The language is picked as the host picks it
// (docs/protocol.md, "Setting texts in the user's language"): the same key ignoring case, pt-* ->
// pt-BR, Simplified Chinese tags -> zh-Hans, else the primary subtag ('de-artdeco' -> de).
const PACK = JSON.parse(readFileSync(new URL('../../native-host/rules/linkedin.json', import.meta.url), 'utf8'));

function settingOf(id) {
  const setting = PACK.settings.find((s) => s.id === id);
  if (!setting) throw new Error(`no setting ${id} in linkedin.json`);
  return setting;
}

function packLanguage(lang, texts) {
  const keys = Object.keys(texts || {});
  const tag = String(lang || '').replace(/_/g, '-').toLowerCase();
  const exact = keys.find((k) => k.toLowerCase() === tag);
  if (exact) return exact;
  const primary = tag.split('-')[0];
  if (primary === 'pt') return keys.includes('pt-BR') ? 'pt-BR' : null;
  if (primary === 'zh') return /^zh(-cn|-sg|-hans(-.*)?)?$/.test(tag) && keys.includes('zh-Hans') ? 'zh-Hans' : null;
  return keys.includes(primary) ? primary : null;
}

/** @param {string} lang the page's language (or an hl value) @param {string} id a setting id */
export function settingTitle(lang, id) {
  const s = settingOf(id);
  const key = packLanguage(lang, s.titles);
  return key ? s.titles[key] : s.title;
}

/** @param {string} lang @param {string} id */
export function settingExplain(lang, id) {
  const s = settingOf(id);
  const key = packLanguage(lang, s.explains);
  return key ? s.explains[key] : s.explain;
}
