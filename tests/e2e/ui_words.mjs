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
