// The real service worker (fake chrome, fake host) and what a LinkedIn tab sees of it besides
// the host: the UI text in its page's language over its port (ui_text.js), and the toolbar
// badge and state icon that follow its status reports (badge.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { installFakeChrome, loadServiceWorker, ORIGIN, EXTENSION_ID } from './fake_chrome.mjs';
import { ICONS } from '../../extension/background/badge.js';

const TAB_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const tabSender = (over = {}) => ({ id: EXTENSION_ID, url: TAB_URL, tab: { id: 7 }, frameId: 0, ...over });
const EXT = new URL('../../extension/', import.meta.url);

// The worker reads _locales through fetch(chrome.runtime.getURL(...)): serve the real files.
function serveExtensionFiles() {
  const fetched = [];
  globalThis.fetch = async (url) => {
    const path = String(url).slice(ORIGIN.length);
    fetched.push(path);
    try {
      const text = readFileSync(new URL(path, EXT), 'utf8');
      return { ok: true, status: 200, json: async () => JSON.parse(text) };
    } catch {
      return { ok: false, status: 404, json: async () => { throw new Error('404'); } };
    }
  };
  return fetched;
}

// Records what the worker sets on the toolbar.
function recordAction(chrome) {
  const calls = [];
  for (const name of ['setBadgeText', 'setBadgeBackgroundColor', 'setTitle', 'setIcon']) {
    chrome.action[name] = async (details) => { calls.push([name, details]); };
  }
  return calls;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

test('a LinkedIn tab asking for German gets the German messages over its port', async () => {
  const fetched = serveExtensionFiles();
  const fake = installFakeChrome();
  await loadServiceWorker();
  const port = fake.connect('optout-tab', tabSender());
  await port.send({ kind: 'uiText', lang: 'de-DE' });
  await settle();
  const reply = port.posted.find((m) => m.kind === 'uiText');
  assert.ok(reply, 'the tab got its text');
  assert.equal(reply.locale, 'de');
  const de = JSON.parse(readFileSync(new URL('_locales/de/messages.json', EXT), 'utf8'));
  assert.equal(reply.messages.banner_close, de.banner_close.message);
  assert.notEqual(reply.messages.banner_close, 'Close OptOut banner');
  assert.equal(reply.messages.tag_shares, de.tag_shares.message.replace('$TITLE$', '$1'));
  assert.deepEqual(fetched.sort(), ['_locales/de/messages.json', '_locales/en/messages.json']);
  assert.deepEqual(fake.toHost.filter((r) => r.type !== 'hello'), [], 'nothing about text goes to the host');

  // Another language of the same tab: English (no second folder read for English).
  await port.send({ kind: 'uiText', lang: 'tr' });
  await settle();
  assert.equal(port.posted.filter((m) => m.kind === 'uiText').at(-1).locale, 'en');
});

test('a port the worker refused gets no text: the sender checks come first', async () => {
  serveExtensionFiles();
  const fake = installFakeChrome();
  await loadServiceWorker();
  const port = fake.connect('optout-tab', tabSender({ url: 'https://evil.example/' }));
  assert.equal(port.disconnected, true);
  // The worker added no listener to a port it dropped: nothing can answer.
  assert.equal(port.onMessage.listeners.length, 0);
  await port.send({ kind: 'uiText', lang: 'de' });
  await settle();
  assert.deepEqual(port.posted, []);
});

test('the toolbar icon follows the tab\'s status and goes back to OptOut\'s own when the tab leaves', async () => {
  const fake = installFakeChrome();
  const calls = recordAction(fake.chrome);
  await loadServiceWorker();
  const port = fake.connect('optout-tab', tabSender());
  const iconOf = () => calls.filter(([name, d]) => name === 'setIcon' && d.tabId === 7).map(([, d]) => d.path).at(-1);
  const textOf = () => calls.filter(([name, d]) => name === 'setBadgeText' && d.tabId === 7).map(([, d]) => d.text).at(-1);

  await port.send({ kind: 'status', status: { sharing: 1, maybe: 0, unknown_on: 0, settings: [{}] } });
  await settle();
  assert.deepEqual(iconOf(), ICONS.shares);
  assert.equal(textOf(), '1');

  await port.send({ kind: 'status', status: { sharing: 0, maybe: 0, unknown_on: 0, settings: [{}] } });
  await settle();
  assert.deepEqual(iconOf(), ICONS.all_off);
  assert.equal(textOf(), 'off');

  await port.send({ kind: 'status', status: { hostError: { name: 'host_unavailable' } } });
  await settle();
  assert.deepEqual(iconOf(), ICONS.no_helper);

  // Alerts the member has not looked at win over the page's state.
  await fake.chrome.storage.local.set({ alerts: [{ setting: 'x' }] });
  await port.send({ kind: 'status', status: { sharing: 0, maybe: 0, unknown_on: 0, settings: [{}] } });
  await settle();
  assert.deepEqual(iconOf(), ICONS.shares);
  assert.equal(textOf(), '!');

  for (const f of port.onDisconnect.listeners) f(port);
  assert.deepEqual(iconOf(), ICONS.default);
  assert.equal(textOf(), '');
});
