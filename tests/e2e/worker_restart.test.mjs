// An open LinkedIn tab outlives its service worker (Chromium stops an idle one): the worker is
// stopped through the DevTools protocol after the banner is shown, then the member clicks
// "Opt out". The new worker never saw the tab's classify; the content script tells it again on
// its new port, so the change is verified AND recorded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { withFreshBrowser, EXTENSION_ID } from './lib/browser.mjs';
import { waitForOverlay, clickOptOut } from './lib/overlay.mjs';

const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
let server;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

test('an opt-out clicked after the service worker restarted is recorded', async () => {
  await withFreshBrowser(server, {}, async ({ context, history }) => {
    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com${GEN_AI}?hl=en`);
    await waitForOverlay(page, (v) => v.button, { what: 'banner with Opt out' });
    // The first worker recorded the first look at the setting.
    const seen = () => history().entries.map((e) => [e.setting, e.outcome]);
    for (let i = 0; i < 50 && seen().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(seen(), [['generative_ai_training', 'seen']]);
    // Stop the extension's service worker through the DevTools protocol, and watch its state
    // there (Playwright hears of a stopped worker only later).
    const cdp = await context.newCDPSession(page);
    const statuses = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${EXTENSION_ID}/`)) statuses.push(v.runningStatus);
    });
    const until = async (what, ok) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(ok(), `${what}: ${statuses.join(' ')}`);
    };
    await cdp.send('ServiceWorker.enable');
    await until('the worker runs', () => statuses.includes('running'));
    await cdp.send('ServiceWorker.stopAllWorkers');
    await until('the worker stopped', () => statuses.at(-1) === 'stopped');
    const stoppedAt = statuses.length;

    await clickOptOut(page);
    // The click woke a new worker (the tab's port opened again).
    await until('a new worker started', () => statuses.slice(stoppedAt).includes('running'));
    const done = await waitForOverlay(page, (v) => v.state === 'done' || v.state === 'failed', { what: 'banner after the opt-out' });
    assert.equal(done.state, 'done', JSON.stringify(done));
    assert.equal(server.stateOf(GEN_AI, 'generativeAiTraining'), false);
    assert.deepEqual(history().entries.map((e) => [e.setting, e.outcome, e.before, e.after, e.verified]), [
      ['generative_ai_training', 'seen', 'on', 'on', true],
      ['generative_ai_training', 'changed', 'on', 'off', true],
    ]);
  });
});
