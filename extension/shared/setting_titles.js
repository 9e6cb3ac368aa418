// @ts-check
// Setting titles in the reader's language for our own pages (popup, receipt): the host's
// `settings` list, asked with the browser's UI language, gives each setting its English `title`
// and, when the pack has texts in that language, `local` (docs/protocol.md, "Setting texts in
// the user's language"). Without an answer (an older helper or service worker, no helper) the
// pages fall back to the English title they already have, then to the setting id.

/**
 * @typedef {{id: string, title?: string, local?: {title?: string} | null}} SettingInfo
 */

/**
 * @param {SettingInfo[] | null | undefined} settings
 * @returns {Map<string, string>} setting id -> title to show (the pack's in the language asked, else English)
 */
export function titlesById(settings) {
  const titles = new Map();
  for (const s of settings || []) {
    if (!s || typeof s.id !== 'string') continue;
    const local = s.local && typeof s.local.title === 'string' && s.local.title ? s.local.title : '';
    const title = local || (typeof s.title === 'string' ? s.title : '');
    if (title) titles.set(s.id, title);
  }
  return titles;
}

/**
 * Asks the service worker for the settings with `lang`; a failure or an error reply gives an
 * empty map (the caller shows what it has).
 * @param {string} lang a BCP 47 tag, e.g. chrome.i18n.getUILanguage()
 * @param {(message: {kind: string, lang: string}) => Promise<any>} [send]
 * @returns {Promise<Map<string, string>>}
 */
export async function loadTitles(lang, send = (message) => globalThis.chrome.runtime.sendMessage(message)) {
  try {
    const reply = await send({ kind: 'settings', lang });
    return titlesById(reply && reply.ok && Array.isArray(reply.settings) ? reply.settings : null);
  } catch {
    return new Map();
  }
}

/**
 * A row that names a setting (a popup row, a result, a tour line, an alert) with its title in the
 * reader's language when known, else the title it came with (English), else its id.
 * @template {{setting?: string | null, title?: string | null}} T
 * @param {Map<string, string>} titles from titlesById
 * @param {T} row
 * @returns {T & {title: string}}
 */
export function withTitle(titles, row) {
  const known = row.setting ? titles.get(row.setting) : undefined;
  return { ...row, title: known || row.title || row.setting || '' };
}
