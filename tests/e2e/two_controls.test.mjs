// Two switches on one page that both look like the generative-AI setting, and the page turns
// one of them back on after a change (as LinkedIn would if its server refused it). Real
// Chromium, real host. Neither is flipped on OptOut's own; each can be confirmed by the member;
// the one the page reverts is reported failed; and no per-setting view (banner, popup row,
// badge) reads "off" while one of the two still shares data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { launchBrowser, tabIdOf, EXTENSION_ID } from './lib/browser.mjs';
import { waitForOverlay, clickButton } from './lib/overlay.mjs';

const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
const URL_TWO = `https://www.linkedin.com${GEN_AI}?hl=en-two`;
let server;

before(async () => { server = await startFixtureServer({ renderDelayMs: 100 }); });
after(async () => { await server.close(); });

const switchStates = (page) => page.evaluate(() => [...document.querySelectorAll('input[role=switch]')].map((i) => i.checked));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('two controls for one setting, one reverted by the page: never flipped alone, the failure shown, never "off"', async () => {
  server.reset();
  const { context, worker, history } = await launchBrowser({ fixturePort: server.port });
  try {
    const page = await context.newPage();
    await page.goto(URL_TWO);
    const asked = await waitForOverlay(page, (v) => Boolean(v.state), { what: 'banner' });
    assert.equal(asked.state, 'maybe', JSON.stringify(asked));
    assert.equal(asked.button, null, 'no Opt out: which switch is the setting is a guess');
    assert.equal(asked.choices.length, 2, 'each switch can be confirmed by the member');
    assert.deepEqual(asked.choices.map((c) => c.setting), ['generative_ai_training', 'generative_ai_training']);
    await sleep(800);
    assert.deepEqual(await switchStates(page), [true, true], 'nothing clicked on its own');
    const tabId = await tabIdOf(worker, URL_TWO);
    const badge = () => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    assert.equal(await badge(), '1?');

    // The member confirms the second switch, which the page turns back on.
    await clickButton(page, 'confirm-maybe', { 'data-ref': asked.choices[1].ref });
    const failed = await waitForOverlay(page, (v) => v.state === 'failed', { what: 'failed banner' });
    assert.match(failed.items.join('\n'), /NOT turned off \(the switch is still on after clicking\)/);
    assert.deepEqual(await switchStates(page), [true, true]);
    assert.notEqual(await badge(), 'off');

    // Then the first, which turns off. The other still shares data: the banner must not say off.
    const again = await waitForOverlay(page, (v) => v.choices.length === 2 && v.choices.every((c) => !c.disabled), { what: 'choices again' });
    await clickButton(page, 'confirm-maybe', { 'data-ref': again.choices[0].ref });
    const after = await waitForOverlay(page, (v) => v.items.some((i) => /turned off and verified off/.test(i)), { what: 'one switch off' });
    assert.deepEqual(await switchStates(page), [false, true]);
    assert.notEqual(after.state, 'done');
    assert.notEqual(after.state, 'all_off');
    assert.doesNotMatch(`${after.title} ${after.body || ''}`, /Opted out|are off/);
    assert.equal(await badge(), '1?', 'the setting still counts as maybe sharing');

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html?tab=${tabId}`);
    await popup.locator('#rows tr').first().waitFor();
    const cells = await popup.locator('#rows tr[data-setting=generative_ai_training] td').allTextContents();
    assert.equal(cells.length >= 2, true);
    assert.match(cells[1], /^On \(/, `the row shows the switch that is still on: ${cells[1]}`);
    assert.match(cells[1], /2 switches/);

    const changes = history().entries.filter((e) => e.outcome !== 'seen').map((e) => [e.setting, e.outcome, e.before, e.after, e.confirmed_by_user]);
    assert.deepEqual(changes, [
      ['generative_ai_training', 'failed', 'on', 'on', true],
      ['generative_ai_training', 'changed', 'on', 'off', true],
    ]);
  } finally {
    await context.close();
  }
});
