// A LinkedIn tab that stays open while the service worker restarts (Chromium stops an idle
// worker, Firefox suspends its event page): the content script's real port code (host_link.js)
// against the real service worker (fake chrome and host). The new worker never saw the tab's
// classify and refuses a record it did not classify (record_policy.js); the tab must tell it
// again, before the record, so an opt-out clicked after the restart is recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome, loadServiceWorker, EXTENSION_ID } from './fake_chrome.mjs';
import { loadContentScripts } from './content_loader.mjs';

const PATH = '/mypreferences/d/settings/data-for-ai-improvement';
const TAB_URL = `https://www.linkedin.com${PATH}`;
const LABEL = 'Use my data for training content creation AI models';
const VERDICT = { ref: 'c1', setting: 'generative_ai_training', shares_when: 'on', state: 'on', shares_data: true, confidence: 'high', action: 'flip', doubt: null };
const CLASSIFY = { type: 'classify', page: { url_path: PATH, lang: 'en', title: '' }, controls: [{ ref: 'c1', kind: 'switch', checked: true, attrs: {}, label: LABEL, context: '' }] };
const RECORD = { type: 'record', change: { setting: 'generative_ai_training', url_path: PATH, before: 'on', after: 'off', verified: true, outcome: 'changed', label: LABEL } };

function answer(req) {
  if (req.type === 'classify') return { ok: true, type: 'classify', verdicts: [VERDICT] };
  if (req.type === 'record') return { ok: true, type: 'record', seq: 1, recorded_at: '2026-01-01T00:00:00.000Z' };
  return { ok: true, type: req.type };
}

function event() {
  const listeners = [];
  return { listeners, addListener: (f) => listeners.push(f) };
}

// A service worker (a fresh module load = a restarted worker) whose chrome.runtime.connect
// plays the content script's side: messages cross to the worker's port and back.
async function startWorker() {
  const fake = installFakeChrome({ answer });
  await loadServiceWorker();
  const tabPorts = [];
  fake.chrome.runtime.connect = ({ name }) => {
    const workerSide = fake.connect(name, { id: EXTENSION_ID, url: TAB_URL, tab: { id: 7 }, frameId: 0 });
    const tabSide = {
      name, onMessage: event(), onDisconnect: event(),
      postMessage: (m) => { queueMicrotask(() => workerSide.send(m)); },
      disconnect: () => { for (const f of workerSide.onDisconnect.listeners) f(workerSide); },
    };
    workerSide.postMessage = (m) => { queueMicrotask(() => { for (const f of tabSide.onMessage.listeners) f(m); }); };
    tabPorts.push(tabSide);
    return tabSide;
  };
  // The worker stops: the tab's ports disconnect (the tab's end hears it).
  const stop = () => { for (const p of tabPorts) for (const f of p.onDisconnect.listeners) f(); };
  return { fake, stop, hostTypes: () => fake.toHost.map((r) => r.type).filter((t) => t !== 'hello') };
}

async function contentLink(resync) {
  globalThis.document = { documentElement: { lang: 'en' } };
  globalThis.location = { search: '' };
  const C = await loadContentScripts('host_link.js');
  return C.createHostLink(5000, resync);
}

test('after the worker restarts, the tab classifies again before its record, and the record is kept', async () => {
  const first = await startWorker();
  let asked = 0;
  const link = await contentLink(() => { asked++; return CLASSIFY; });
  assert.equal((await link.request(CLASSIFY)).ok, true);
  assert.equal((await link.request(RECORD)).ok, true, 'the first worker records');
  assert.deepEqual(first.hostTypes(), ['classify', 'record']);
  assert.equal(asked, 0, 'no resync while the port holds');

  first.stop();
  const second = await startWorker();
  const reply = await link.request(RECORD);
  assert.equal(reply.ok, true, `the record after the restart: ${JSON.stringify(reply)}`);
  assert.deepEqual(second.hostTypes(), ['classify', 'record'], 'the classify reached the new worker first');
  assert.deepEqual(second.fake.toHost.find((r) => r.type === 'classify').controls, CLASSIFY.controls);
  assert.equal(asked, 1);

  // Once told, the worker is not told again.
  assert.equal((await link.request(RECORD)).ok, true);
  assert.deepEqual(second.hostTypes(), ['classify', 'record', 'record']);
  assert.equal(asked, 1);
});

test('without the classify again the new worker refuses the record (what the resync is for)', async () => {
  const first = await startWorker();
  const link = await contentLink(() => null); // the tab has nothing classified to send
  await link.request(CLASSIFY);
  first.stop();
  const second = await startWorker();
  const reply = await link.request(RECORD);
  assert.equal(reply.ok, false);
  assert.equal(reply.error.name, 'not_allowed');
  assert.deepEqual(second.hostTypes(), []);
});

test('two requests at once after a restart share one classify; a new classify needs none; closing is not losing', async () => {
  const first = await startWorker();
  let asked = 0;
  const link = await contentLink(() => { asked++; return CLASSIFY; });
  await link.request(CLASSIFY);
  first.stop();
  const second = await startWorker();
  const replies = await Promise.all([link.request(RECORD), link.request({ ...RECORD, change: { ...RECORD.change, outcome: 'failed', after: 'on' } })]);
  assert.deepEqual(replies.map((r) => r.ok), [true, true], JSON.stringify(replies));
  assert.deepEqual(second.hostTypes(), ['classify', 'record', 'record']);
  assert.equal(asked, 1);

  // The page is classified anew right after a restart: that classify is the resync.
  second.stop();
  const third = await startWorker();
  await link.request(CLASSIFY);
  await link.request(RECORD);
  assert.deepEqual(third.hostTypes(), ['classify', 'record']);
  assert.equal(asked, 1);

  // The tab closed its port itself (left the settings pages): a new page classifies on its own.
  link.close();
  const fourth = await startWorker();
  const refused = await link.request(RECORD);
  assert.equal(refused.error.name, 'not_allowed');
  assert.equal(asked, 1);
  assert.deepEqual(fourth.hostTypes(), []);
});
