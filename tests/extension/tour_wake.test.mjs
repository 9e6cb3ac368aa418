// The real background, loaded in node against a fake chrome (fake_chrome.mjs), started the way
// a browser starts it again after suspending it mid-tour: with an unfinished tour in storage.
// It resumes the tour at once, holds the host port open meanwhile (what keeps Firefox's event
// page and Chromium's worker running), keeps a tour alarm while the tour runs, asks to be woken
// soon when it is being suspended, and drops both alarms when the tour is done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome, loadServiceWorker, EXTENSION_ID } from './fake_chrome.mjs';
import { newTour } from '../../extension/background/tour.js';

const PAGES = [
  { path: '/mypreferences/d/settings/data-for-ai-improvement', settings: [{ id: 'generative_ai_training', title: 'Data for Generative AI Improvement' }] },
  { path: '/mypreferences/d/settings/policy-and-academic-research', settings: [{ id: 'research', title: 'Research' }] },
];

function event() {
  const listeners = [];
  return { listeners, addListener: (f) => listeners.push(f) };
}

// A fake browser whose new tabs host our content script: it connects, reports the page's
// switches (on), and turns them off when asked.
function browserWithTabs(fake, { mozExtension = false } = {}) {
  const { chrome } = fake;
  const alarms = new Map();
  const opened = [];
  const closed = [];
  const open = new Set();
  let nextTab = 40;
  chrome.runtime.onSuspend = event();
  if (mozExtension) chrome.runtime.getURL = (p) => `moz-extension://6f1c2a1e-0b7d-4c59-9a51-0d2b8e4f7a31/${p}`;
  chrome.alarms.create = (name, info) => { alarms.set(name, info); };
  chrome.alarms.clear = async (name) => alarms.delete(name);
  const urls = new Map();
  chrome.tabs.get = async (id) => {
    if (!open.has(id)) throw new Error(`No tab with id: ${id}`);
    return { id, url: urls.get(id) };
  };
  chrome.tabs.remove = async (id) => { open.delete(id); closed.push(id); };
  chrome.tabs.create = async ({ url }) => {
    const id = nextTab++;
    open.add(id);
    urls.set(id, url);
    const path = new URL(url).pathname;
    opened.push(path);
    const setting = PAGES.find((p) => p.path === path).settings[0].id;
    setTimeout(() => {
      const port = fake.connect('optout-tab', { id: EXTENSION_ID, url, tab: { id }, frameId: 0 });
      port.send({ kind: 'status', status: { settings: [{ setting, state: 'on', shares_data: true, action: 'flip' }], results: null, busy: false } });
    }, 5);
    return { id };
  };
  chrome.tabs.sendMessage = async (id, msg) => {
    if (msg.kind !== 'optOut') return null;
    const setting = msg.only[0];
    return { settings: [{ setting, state: 'off', shares_data: false, action: 'none' }], results: [{ setting, outcome: 'changed', before: 'on', after: 'off', recorded_at: '2026-11-30T01:00:00.000Z' }], busy: false };
  };
  return { alarms, opened, closed, open, urls };
}

async function waitFor(what, check, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a background started with an unfinished tour resumes it: host port opened at once, tour alarm while it runs, none after', async () => {
  const fake = installFakeChrome();
  const b = browserWithTabs(fake);
  const tour = newTour('optout', PAGES, 1);
  tour.index = 1; // the first page was done by the background that stopped
  tour.results.push({ setting: 'generative_ai_training', title: 'x', page: PAGES[0].path, outcome: 'changed' });
  tour.attempts = { 1: 1 };
  tour.visit = { index: 1, tabId: 7, acting: false, resumes: 0 };
  b.open.add(7); // its tab is still open: the browser did not crash, the background was stopped
  b.urls.set(7, `https://www.linkedin.com${PAGES[1].path}`);
  fake.store.tour = tour;

  await loadServiceWorker();
  await waitFor('the host hello', () => fake.toHost.some((m) => m.type === 'hello'));
  await waitFor('the tour alarm', () => b.alarms.has('optout-tour'));
  assert.deepEqual(b.alarms.get('optout-tour'), { periodInMinutes: 0.5, delayInMinutes: 0.5 });
  await waitFor('the tour to finish', () => fake.store.tour.finished_at);
  const done = fake.store.tour;
  assert.deepEqual(done.results.map((r) => `${r.setting}:${r.outcome}`), ['generative_ai_training:changed', 'research:changed']);
  assert.equal(done.attempts[1], 1, 'no attempt counted for the stop');
  assert.deepEqual(b.opened, [PAGES[1].path], 'only the interrupted page is visited again');
  assert.ok(b.closed.includes(7), 'the interrupted page\'s old tab is closed');
  assert.equal(b.open.size, 0);
  await waitFor('alarms cleared', () => b.alarms.size === 0);
  assert.equal(fake.store.lastRun.id, tour.id, 'the finished run is the one "Undo" would undo');
});

for (const [browserName, mozExtension, delayMs] of [['Firefox', true, 1000], ['Chromium', false, 30000]]) {
  test(`${browserName}: suspended mid-tour, the background asks to be woken ${delayMs / 1000} s later; not when no tour runs`, async () => {
    const settings = [{ id: 'generative_ai_training', title: 'Gen AI', page: PAGES[0].path, category: 'generative_ai', shares_when: 'on' }];
    const fake = installFakeChrome({ answer: (req) => (req.type === 'settings' ? { ok: true, type: 'settings', settings } : { ok: true, type: req.type }) });
    const b = browserWithTabs(fake, { mozExtension });
    await loadServiceWorker();
    const [onSuspend] = fake.chrome.runtime.onSuspend.listeners;
    onSuspend();
    assert.equal(b.alarms.has('optout-tour-wake'), false, 'no tour: nothing to wake for');

    const { ok } = await fake.message({ kind: 'startTour', mode: 'preview' }, { id: EXTENSION_ID, url: `${fake.chrome.runtime.getURL('popup/popup.html')}` });
    assert.equal(ok, true);
    const before = Date.now();
    onSuspend();
    const wake = b.alarms.get('optout-tour-wake');
    assert.ok(wake, 'a wake alarm');
    assert.ok(wake.when >= before + delayMs && wake.when <= Date.now() + delayMs, `${wake.when - before} ms`);
    await waitFor('the tour to finish', () => fake.store.tour && fake.store.tour.finished_at);
    await waitFor('alarms cleared', () => b.alarms.size === 0);
  });
}
