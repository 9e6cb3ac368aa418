// The real service worker, loaded in node against a fake chrome (fake_chrome.mjs): who may
// connect, who may message it, and what a LinkedIn tab's port may make the host record.
// docs/security.md, "Who may send what" and "The record".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome, loadServiceWorker, ORIGIN, EXTENSION_ID } from './fake_chrome.mjs';
import { fromOurContentScript, fromOurExtensionPage } from '../../extension/background/senders.js';

const PATH = '/mypreferences/d/settings/data-for-ai-improvement';
const TAB_URL = `https://www.linkedin.com${PATH}`;
const LABEL = 'Use my data for training content creation AI models';
const tabSender = (over = {}) => ({ id: EXTENSION_ID, url: TAB_URL, tab: { id: 7 }, frameId: 0, ...over });
const pageSender = (path = 'popup/popup.html') => ({ id: EXTENSION_ID, url: `${ORIGIN}${path}` });
const runtime = { id: EXTENSION_ID, getURL: (p) => `${ORIGIN}${p}` };

const VERDICT = { ref: 'c1', setting: 'generative_ai_training', shares_when: 'on', state: 'on', shares_data: true, confidence: 'high', action: 'flip', doubt: null };
function answer(req) {
  if (req.type === 'classify') return { ok: true, type: 'classify', verdicts: [VERDICT] };
  if (req.type === 'record') return { ok: true, type: 'record', seq: 1, recorded_at: 'now' };
  return { ok: true, type: req.type };
}
const classify = { type: 'classify', page: { url_path: PATH, lang: 'en', title: '' }, controls: [{ ref: 'c1', kind: 'switch', checked: true, attrs: {}, label: LABEL, context: '' }] };
const change = (over = {}) => ({ setting: 'generative_ai_training', url_path: PATH, before: 'on', after: 'off', verified: true, outcome: 'changed', label: LABEL, ...over });

async function worker() {
  const fake = installFakeChrome({ answer });
  await loadServiceWorker();
  return fake;
}

test('sender checks, as pure functions: our content script in a LinkedIn tab, our own pages', () => {
  assert.equal(fromOurContentScript(tabSender(), runtime), true);
  for (const bad of [
    tabSender({ id: 'another-extension-id' }), tabSender({ url: 'https://evil.example/https://www.linkedin.com/' }),
    tabSender({ url: 'https://www.linkedin.com.evil.example/' }), tabSender({ url: 'http://www.linkedin.com/' }),
    tabSender({ tab: undefined }), tabSender({ url: undefined }), pageSender(), undefined,
  ]) assert.equal(fromOurContentScript(bad, runtime), false, JSON.stringify(bad));
  assert.equal(fromOurExtensionPage(pageSender(), runtime), true);
  assert.equal(fromOurExtensionPage(pageSender('receipt/receipt.html'), runtime), true);
  for (const bad of [tabSender(), { ...pageSender(), id: 'another-extension-id' }, { id: EXTENSION_ID, url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup/popup.html' }, { id: EXTENSION_ID }, undefined]) {
    assert.equal(fromOurExtensionPage(bad, runtime), false, JSON.stringify(bad));
  }
});

test('the worker keeps the port of our content script in a LinkedIn tab, and drops every other port', async () => {
  const fake = await worker();
  assert.equal(fake.connect('optout-tab', tabSender()).disconnected, false);
  assert.equal(fake.connect('optout-tab', tabSender({ id: 'another-extension-id' })).disconnected, true, 'another extension');
  assert.equal(fake.connect('optout-tab', tabSender({ url: 'https://example.com/' })).disconnected, true, 'another site');
  assert.equal(fake.connect('optout-tab', pageSender()).disconnected, true, 'an extension page is not a tab');
  assert.equal(fake.connect('something-else', tabSender()).disconnected, true, 'another port name');
});

test('runtime messages are answered only for our own pages, never for a content script or another extension', async () => {
  const fake = await worker();
  assert.deepEqual(await fake.message({ kind: 'getTour' }, pageSender()), {});
  for (const sender of [tabSender(), { ...pageSender(), id: 'another-extension-id' }]) {
    assert.equal(await fake.message({ kind: 'history', limit: 5 }, sender), 'no response');
    assert.equal(await fake.message({ kind: 'startTour', mode: 'optout' }, sender), 'no response');
  }
  assert.equal(await fake.message({ kind: 'constructor' }, pageSender()), 'no response', 'only own handlers');
  assert.equal(fake.toHost.filter((r) => r.type === 'history').length, 0);
});

test('a tab that records what the host never told it is refused, and the host never sees it', async () => {
  const fake = await worker();
  const port = fake.connect('optout-tab', tabSender());
  await port.send({ reqId: 1, request: { type: 'record', change: change() } });
  assert.equal(port.posted.at(-1).reply.error.name, 'not_allowed', 'nothing classified yet');
  await port.send({ reqId: 2, request: classify });
  assert.equal(port.posted.at(-1).reply.ok, true);
  await port.send({ reqId: 3, request: { type: 'record', change: change({ setting: 'ads_age' }) } });
  assert.equal(port.posted.at(-1).reply.error.name, 'not_allowed', 'a setting the host did not find');
  await port.send({ reqId: 4, request: { type: 'record', change: change({ outcome: 'restored', before: 'off', after: 'on' }) } });
  assert.equal(port.posted.at(-1).reply.error.name, 'not_allowed', 'restored without our undo');
  await port.send({ reqId: 5, request: { type: 'history' } });
  assert.equal(port.posted.at(-1).reply.error.name, 'not_allowed', 'history is for our pages');
  assert.deepEqual(fake.toHost.map((r) => r.type).filter((t) => t !== 'hello'), ['classify']);

  await port.send({ reqId: 6, request: { type: 'record', change: change() } });
  assert.equal(port.posted.at(-1).reply.ok, true, 'a change the host asked for is relayed');
  assert.deepEqual(fake.toHost.map((r) => r.type).filter((t) => t !== 'hello'), ['classify', 'record']);
  // Another tab has classified nothing: it may not record the first tab's setting.
  const other = fake.connect('optout-tab', tabSender({ tab: { id: 8 } }));
  await other.send({ reqId: 1, request: { type: 'record', change: change() } });
  assert.equal(other.posted.at(-1).reply.error.name, 'not_allowed');
});
