// Which language OptOut speaks where: a page's language tag picks a locale folder (pt-BR,
// zh-Hans, zh-CN among them), the service worker hands a tab that locale's text over English's,
// and the content script shows it, in the browser's language until it arrives, never a key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { localeFor, pageLanguage, positional, fill, textTable, t } from '../../extension/shared/i18n.js';
import { createUiText } from '../../extension/background/ui_text.js';
import { loadContentScripts } from './content_loader.mjs';

const EXT = new URL('../../extension/', import.meta.url);
const fromDisk = async (path) => JSON.parse(readFileSync(new URL(path, EXT), 'utf8'));

test('a language tag picks its locale folder; one we lack is English', () => {
  const cases = {
    de: 'de', 'de-DE': 'de', 'de-AT': 'de', de_DE: 'de', 'DE-ch': 'de', en: 'en', 'en-GB': 'en', 'es-MX': 'es', 'fr-CA': 'fr',
    it: 'it', ja: 'ja', 'ja-JP': 'ja', nl: 'nl', pl: 'pl', sv: 'sv', 'sv-SE': 'sv',
    'pt-BR': 'pt_BR', pt_BR: 'pt_BR', pt: 'pt_BR', 'pt-PT': 'pt_BR',
    'zh-Hans': 'zh_CN', 'zh-CN': 'zh_CN', zh_CN: 'zh_CN', zh: 'zh_CN', 'zh-Hans-CN': 'zh_CN', 'zh-SG': 'zh_CN',
    'zh-Hant': 'en', 'zh-TW': 'en', 'zh-Hant-TW': 'en', 'zh-HK': 'en',
    tr: 'en', nb: 'en', '': 'en', 'x-bogus-tag': 'en',
  };
  for (const [tag, locale] of Object.entries(cases)) assert.equal(localeFor(tag), locale, tag);
  assert.equal(localeFor(undefined), 'en');
  assert.equal(localeFor(42), 'en');
});

test("the page's language: <html lang> first, else LinkedIn's hl parameter", () => {
  assert.equal(pageLanguage('de', '?hl=fr'), 'de');
  assert.equal(pageLanguage('', '?hl=pt_BR&trk=x'), 'pt_BR');
  assert.equal(pageLanguage('  ', ''), '');
});

test('named placeholders become $1..$9 and are filled like chrome.i18n fills them', () => {
  const entry = { message: 'A $Title$ of $COUNT$, $$5 and $title$', placeholders: { title: { content: '$1' }, count: { content: '$2' } } };
  assert.equal(positional(entry), 'A $1 of $2, $$5 and $1');
  assert.equal(fill(positional(entry), ['X', 3]), 'A X of 3, $5 and X');
  assert.equal(fill('$1 and $2', ['only one']), 'only one and ');
  assert.equal(positional({ message: 'no placeholders' }), 'no placeholders');
});

test('the service worker hands a tab its page language over English, per key', async () => {
  const ui = createUiText(fromDisk);
  const de = await ui.reply('de-DE');
  assert.equal(de.kind, 'uiText');
  assert.equal(de.locale, 'de');
  assert.equal(fill(de.messages.tag_off, ['Geschlecht']), 'Aus: Geschlecht');
  const en = await ui.reply('tr');
  assert.equal(en.locale, 'en');
  assert.equal(fill(en.messages.tag_off, ['Gender']), 'Off: Gender');
  assert.equal((await ui.reply('zh-Hans')).locale, 'zh_CN');
  assert.equal((await ui.reply('pt-BR')).locale, 'pt_BR');
  assert.equal((await ui.reply(undefined)).locale, 'en');
  // Every key English has, in every answer.
  assert.deepEqual(Object.keys(de.messages).sort(), Object.keys(en.messages).sort());
});

test('a key a locale lacks, or a locale that cannot be read, reads in English, never as its key', async () => {
  const reads = [];
  const partial = createUiText(async (path) => {
    reads.push(path);
    const messages = await fromDisk(path);
    if (path.includes('/de/')) delete messages.tag_off;
    if (path.includes('/fr/')) throw new Error('unreadable');
    return messages;
  });
  const de = await partial.reply('de');
  assert.equal(de.messages.tag_off, 'Off: $1');
  assert.equal(de.messages.tag_unknown, 'Unbekannter Schalter: OptOut verändert ihn nicht');
  const fr = await partial.reply('fr');
  assert.equal(fr.locale, 'fr');
  assert.equal(fr.messages.tag_unknown, 'Unknown switch: OptOut leaves it alone');
  await partial.reply('de-AT');
  assert.equal(reads.filter((p) => p.includes('/de/')).length, 1, 'each locale read once');
  // textTable ignores keys English does not have and empty messages.
  assert.deepEqual(textTable({ a: { message: 'A' }, b: { message: 'B' } }, { a: { message: '' }, c: { message: 'C' } }), { a: 'A', b: 'B' });
});

test('extension pages outside a browser read English; an unknown key is empty, never the key', () => {
  assert.equal(t('tag_off', 'Gender'), 'Off: Gender');
  assert.equal(t('no_such_key'), '');
});

test('the content script speaks the browser language until the page language arrives, then that', async () => {
  const C = await loadContentScripts('host_link.js');
  const asked = [];
  globalThis.chrome = { i18n: { getMessage: (key, subs) => { asked.push([key, subs]); return key === 'tag_off' ? `Off: ${subs[0]}` : ''; } } };
  try {
    assert.equal(C.t('tag_off', 'Gender'), 'Off: Gender');
    assert.equal(C.t('tag_off', null), 'Off: ');
    let rerenders = 0;
    C.onUiText(() => rerenders++);
    const { messages } = await createUiText(fromDisk).reply('de');
    C.setUiText({ ...messages, evil: { toString: () => 'x' } });
    assert.equal(rerenders, 1);
    assert.equal(C.t('tag_off', 'Geschlecht'), 'Aus: Geschlecht');
    assert.equal(C.t('tag_shares', 'Alter'), 'Gibt Ihre Daten weiter: Alter');
    assert.equal(C.t('evil'), '', 'only strings are taken');
    assert.equal(C.t('no_such_key'), '');
    C.setUiText(null);
    assert.equal(rerenders, 1, 'nothing usable: no re-render');
  } finally {
    delete globalThis.chrome;
  }
});

test("the content script's fill is shared/i18n.js's", async () => {
  const C = await loadContentScripts('host_link.js');
  for (const [text, subs] of [['$1 and $2', ['a', 'b']], ['$$1 $1$2', ['x', 'y']], ['$3', ['a']], ['none', []], ['$1', [null]]]) {
    assert.equal(C.fillText(text, subs), fill(text, subs), text);
  }
});

test("the content script asks for the page's language when it opens its port, and takes the answer", async () => {
  const C = await loadContentScripts('host_link.js');
  const posted = [];
  /** @type {(m: any) => void} */
  let deliver = () => {};
  globalThis.document = { documentElement: { lang: 'ja' } };
  globalThis.location = { search: '' };
  globalThis.chrome = {
    i18n: { getMessage: () => '' },
    runtime: {
      connect: () => ({
        postMessage: (m) => posted.push(m),
        onMessage: { addListener: (f) => { deliver = f; } },
        onDisconnect: { addListener: () => {} },
        disconnect: () => {},
      }),
    },
  };
  try {
    C.createHostLink().open();
    assert.deepEqual(posted, [{ kind: 'uiText', lang: 'ja' }]);
    deliver(await createUiText(fromDisk).reply('ja'));
    const ja = await fromDisk('_locales/ja/messages.json');
    assert.equal(C.t('tag_off', 'X'), fill(positional(ja.tag_off), ['X']));
    assert.notEqual(C.t('tag_off', 'X'), 'Off: X');
  } finally {
    delete globalThis.chrome;
    delete globalThis.document;
    delete globalThis.location;
  }
});

test("the content script's own errors (helper too slow, extension restarted) are messages", async () => {
  const C = await loadContentScripts('host_link.js');
  const english = textTable(await fromDisk('_locales/en/messages.json'), null);
  /** @type {() => void} */
  let disconnect = () => {};
  globalThis.document = { documentElement: { lang: '' } };
  globalThis.location = { search: '' };
  globalThis.chrome = {
    i18n: { getMessage: (key, subs) => fill(english[key] || '', subs) },
    runtime: {
      connect: () => ({
        postMessage: () => {},
        onMessage: { addListener: () => {} },
        onDisconnect: { addListener: (f) => { disconnect = f; } },
        disconnect: () => {},
      }),
    },
  };
  try {
    C.setUiText(english); // an earlier test left Japanese: this page is in English
    const slow = await C.createHostLink(5).request({ type: 'classify' });
    assert.equal(slow.error.message, 'The OptOut helper did not answer in time.');
    const link = C.createHostLink(60000);
    const pending = link.request({ type: 'classify' });
    disconnect();
    assert.equal((await pending).error.message, 'OptOut restarted; try again.');
  } finally {
    delete globalThis.chrome;
    delete globalThis.document;
    delete globalThis.location;
  }
});
