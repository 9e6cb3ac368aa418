// The toolbar icon follows the LinkedIn tab's state in real Chromium: something shares ->
// the 'shares' icon, after the one-click opt-out -> the 'all off' icon, the tab leaving the
// settings pages -> OptOut's own icon. Chromium cannot read an icon back, so the test watches
// the worker's chrome.action.setIcon calls (the real call still runs, and must succeed: an icon
// file that does not load rejects).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { tabIdOf, withFreshBrowser } from './lib/browser.mjs';
import { waitForOverlay, clickOptOut } from './lib/overlay.mjs';

const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
let server;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

// In the worker: every setIcon call, with whether Chromium accepted it.
function watchIcons(worker) {
  return worker.evaluate(() => {
    const real = chrome.action.setIcon.bind(chrome.action);
    globalThis.iconCalls = [];
    chrome.action.setIcon = (details) => {
      const call = { tabId: details.tabId, path: details.path && details.path['16'], result: 'pending' };
      globalThis.iconCalls.push(call);
      const p = real(details);
      p.then(() => { call.result = 'ok'; }, (e) => { call.result = String(e && e.message); });
      return p;
    };
  });
}

async function waitForIcon(worker, tabId, icon) {
  const deadline = Date.now() + 10000;
  let calls = [];
  while (Date.now() < deadline) {
    calls = await worker.evaluate((id) => globalThis.iconCalls.filter((c) => c.tabId === id), tabId);
    const last = calls.at(-1);
    if (last && last.path === icon && last.result !== 'pending') return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${icon} for tab ${tabId}; calls: ${JSON.stringify(calls)}`);
}

test('the toolbar icon: shares, then all off after the opt-out, then OptOut\'s own', async () => {
  await withFreshBrowser(server, {}, async ({ context, worker }) => {
    await watchIcons(worker);
    const page = await context.newPage();
    const url = `https://www.linkedin.com${GEN_AI}?hl=en`;
    await page.goto(url);
    await waitForOverlay(page, (v) => v.button, { what: 'banner with Opt out' });
    const tabId = await tabIdOf(worker, url);
    assert.ok(tabId);
    assert.equal((await waitForIcon(worker, tabId, '/icons/state-shares-16.png')).result, 'ok');

    await clickOptOut(page);
    await waitForOverlay(page, (v) => v.state === 'done', { what: 'opted-out banner' });
    assert.equal((await waitForIcon(worker, tabId, '/icons/state-all-off-16.png')).result, 'ok');
    assert.equal(await worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), 'off');

    // Off the settings pages: the content script closes its port, the worker clears the tab.
    await page.goto('https://www.linkedin.com/feed/');
    assert.equal((await waitForIcon(worker, tabId, '/icons/optout-16.png')).result, 'ok');
    assert.equal(await worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '');
  });
});
