// @ts-check
// The UI text a LinkedIn tab shows in its page's language (shared/i18n.js has the design): the
// tab sends {kind: 'uiText', lang} over its port and gets {kind: 'uiText', locale, messages},
// `messages` being that locale's messages.json over English's as {key: text with $1..$9}.
// Each locale is read once per service worker life. The service worker's port listener calls
//   if (msg && msg.kind === 'uiText') { uiText.reply(msg.lang).then((m) => port.postMessage(m), () => {}); return; }
// with `const uiText = createUiText();` at module level.
import { localeFor, textTable } from '../shared/i18n.js';

/** @param {string} path inside the extension */
async function readPackaged(path) {
  const response = await fetch(chrome.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/**
 * @param {(path: string) => Promise<any>} read a packaged JSON file by path (tests pass their own)
 */
export function createUiText(read = readPackaged) {
  /** @type {Map<string, Promise<Record<string, string>>>} */
  const tables = new Map();

  /** @param {string} locale */
  const messagesOf = (locale) => read(`_locales/${locale}/messages.json`);

  /** @param {string} locale one of LOCALES */
  function tableFor(locale) {
    let table = tables.get(locale);
    if (!table) {
      table = (async () => {
        const english = await messagesOf('en');
        // A locale that cannot be read is English, not the tab's UI without words.
        const chosen = locale === 'en' ? null : await messagesOf(locale).catch(() => null);
        return textTable(english, chosen);
      })();
      // A failure is not kept: the next tab tries again.
      table.catch(() => tables.delete(locale));
      tables.set(locale, table);
    }
    return table;
  }

  return {
    /**
     * The answer to a tab's {kind: 'uiText', lang}.
     * @param {unknown} lang the page's language tag
     */
    async reply(lang) {
      const locale = localeFor(typeof lang === 'string' ? lang.slice(0, 35) : '');
      return { kind: 'uiText', locale, messages: await tableFor(locale) };
    },
  };
}
