// The content script answers and acts only for our own extension pages (the popup) and the
// service worker's tours: never a LinkedIn page, another extension, or a renderer speaking as a
// content script. docs/security.md, "Who may send what".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome, ORIGIN, EXTENSION_ID } from './fake_chrome.mjs';
import { loadContentScripts } from './content_loader.mjs';

const C = await loadContentScripts('our_pages.js');

const tabSender = { id: EXTENSION_ID, url: 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement', tab: { id: 7 } };
const popup = { id: EXTENSION_ID, url: `${ORIGIN}popup/popup.html` };
const worker = { id: EXTENSION_ID, url: `${ORIGIN}background/service_worker.js` };

test('only our pages and our service worker reach the content script\'s handlers', async () => {
  const fake = installFakeChrome();
  const calls = [];
  C.listenToOurPages({
    getStatus: () => { calls.push('getStatus'); return { settings: [] }; },
    optOut: async () => { calls.push('optOut'); return { results: [] }; },
  });
  assert.deepEqual(await fake.message({ kind: 'getStatus' }, popup), { settings: [] });
  assert.deepEqual(await fake.message({ kind: 'optOut' }, worker), { results: [] });
  for (const sender of [tabSender, { ...popup, id: 'another-extension-id' }, { id: EXTENSION_ID }, { url: popup.url }, undefined]) {
    assert.equal(await fake.message({ kind: 'optOut' }, sender), 'no response', JSON.stringify(sender));
  }
  assert.equal(await fake.message({ kind: 'toString' }, popup), 'no response', 'own handlers only');
  assert.equal(await fake.message(null, popup), 'no response');
  assert.deepEqual(calls, ['getStatus', 'optOut']);
});

test('the sender check itself', () => {
  const runtime = { id: EXTENSION_ID, getURL: (p) => `${ORIGIN}${p}` };
  assert.equal(C.fromOurExtensionPage(popup, runtime), true);
  assert.equal(C.fromOurExtensionPage(tabSender, runtime), false);
  assert.equal(C.fromOurExtensionPage({ id: EXTENSION_ID, url: `chrome-extension://${'a'.repeat(32)}/popup/popup.html` }, runtime), false);
});
