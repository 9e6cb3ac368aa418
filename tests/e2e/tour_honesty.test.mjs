// "Opt out of everything" tells the truth about pages it cannot check: signed out, it stops at
// once and says to sign in (it used to wait ~20 s per page and call every setting "not found");
// LinkedIn's own "page not found" is skipped at once. And a switch the member confirmed on its
// page is flipped by a later tour without asking. Real Chromium, real host, fixture site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { launchBrowser, tabIdOf, EXTENSION_ID } from './lib/browser.mjs';
import { readOverlay, waitForOverlay, clickButton } from './lib/overlay.mjs';

const LINKEDIN = 'https://www.linkedin.com';
const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
const AGE = '/mypreferences/d/settings/ads-by-age';
const TR_KEY = 'yas-araligi-7c2e';

let server;
before(async () => { server = await startFixtureServer({ renderDelayMs: 100 }); });
after(async () => { await server.close(); });

async function withPopup(body) {
  const b = await launchBrowser({ fixturePort: server.port });
  try {
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
    await body({ ...b, popup });
  } finally {
    await b.context.close();
  }
}

async function runTour(popup, button, verb, endText = `${verb}: finished`) {
  const started = Date.now();
  await popup.locator(button).click();
  await popup.locator('#tour-progress', { hasText: endText }).waitFor({ timeout: 240000 });
  const seconds = (Date.now() - started) / 1000;
  const report = await popup.locator('#tour-report li').evaluateAll((lis) =>
    lis.map((li) => ({ setting: li.dataset.setting, outcome: li.dataset.outcome, text: li.textContent })));
  return { seconds, report, bySetting: Object.fromEntries(report.map((r) => [r.setting, r])) };
}

test('signed out: the tour stops at the first page within seconds and says to sign in', async () => {
  server.reset();
  server.setSignedOut(true);
  await withPopup(async ({ context, popup, worker, history }) => {
    const { seconds, report } = await runTour(popup, '#tour-optout', 'Opt out of everything', 'Sign in to LinkedIn, then run it again');
    assert.ok(seconds < 10, `took ${seconds} s`);
    assert.equal(await popup.locator('#tour-progress').textContent(),
      'Opt out of everything: stopped, LinkedIn asked you to sign in. Sign in to LinkedIn, then run it again.');
    assert.ok(report.length > 20, 'every setting is reported');
    assert.deepEqual([...new Set(report.map((r) => r.outcome))], ['signed_out']);
    assert.equal(report[0].text, 'Data for Generative AI Improvement: not checked (LinkedIn showed its sign-in page instead)');
    assert.match(report.at(-1).text, /: not checked \(LinkedIn asked you to sign in\)$/);
    assert.deepEqual(server.states(), {});
    assert.deepEqual(history().entries, []);

    // Visiting a settings page by hand lands on the sign-in wall: no banner over LinkedIn's
    // page, and the popup says what to do.
    const page = await context.newPage();
    await page.goto(`${LINKEDIN}${GEN_AI}`);
    assert.match(new URL(page.url()).pathname, /^\/authwall$/);
    await page.waitForTimeout(1000);
    assert.equal(await readOverlay(page), null);
    const tabId = await tabIdOf(worker, page.url());
    const status = await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html?tab=${tabId}`).then(() =>
      popup.locator('#summary', { hasText: 'Sign in' }).textContent());
    assert.equal(status, 'LinkedIn shows its sign-in page. Sign in to LinkedIn, then check again.');
  });
});

test("LinkedIn's page not found is skipped at once; a confirmed switch is flipped by the next tour without asking", async () => {
  server.reset();
  // A Turkish member: the fixture site has only the age-range page in Turkish (the setting's own
  // URL, no LinkedIn key); every other settings URL answers with LinkedIn's "page not found".
  server.setLanguage('tr-nokey');
  await withPopup(async ({ context, popup, history }) => {
    const preview = await runTour(popup, '#preview', 'Preview');
    const others = preview.report.filter((r) => r.setting !== 'ads_age');
    assert.ok(others.length > 20);
    assert.deepEqual([...new Set(others.map((r) => r.outcome))], ['not_found']);
    assert.match(others[0].text, /: not found \(LinkedIn says this page does not exist\)$/);
    // ~1 s per page at most, where waiting for switches that never come took 3-20 s per page.
    assert.ok(preview.seconds < preview.report.length * 1.5, `preview took ${preview.seconds} s for ${preview.report.length} pages`);
    assert.equal(preview.bySetting.ads_age.outcome, 'needs_review');
    assert.match(preview.bySetting.ads_age.text, /open the page and confirm it in the banner/);

    // The member opens the page and confirms the maybe.
    const page = await context.newPage();
    await page.goto(`${LINKEDIN}${AGE}`);
    const asked = await waitForOverlay(page, (v) => v.state, { what: 'banner' });
    assert.equal(asked.state, 'maybe');
    await clickButton(page, 'confirm-maybe', { 'data-setting': 'ads_age' });
    await waitForOverlay(page, (v) => v.state === 'done', { what: 'confirmed banner' });
    assert.equal(server.stateOf(AGE, TR_KEY), false);
    await page.close();

    // LinkedIn resets it; "Opt out of everything" now turns it off without asking.
    server.setState(AGE, TR_KEY, true);
    const run = await runTour(popup, '#tour-optout', 'Opt out of everything');
    assert.equal(run.bySetting.ads_age.outcome, 'changed', run.bySetting.ads_age.text);
    assert.equal(server.stateOf(AGE, TR_KEY), false);
    const changed = history().entries.filter((e) => e.outcome === 'changed');
    assert.deepEqual(changed.map((e) => [e.setting, e.confirmed_by_user]), [['ads_age', true], ['ads_age', undefined]]);

    // Options lists the packs in use, the learned one from the data directory.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options/options.html`);
    await options.locator('#packs li[data-pack]').first().waitFor();
    const packs = await options.locator('#packs li').evaluateAll((lis) => lis.map((li) => [li.dataset.pack, li.dataset.origin, li.textContent]));
    assert.ok(packs.some(([name, origin, text]) => name === 'linkedin' && origin === 'built-in' && /^linkedin \S+ \(built in\)$/.test(text)), JSON.stringify(packs));
    assert.ok(packs.some(([, origin, text]) => origin === 'data-dir' && / \(from .+\)$/.test(text)), JSON.stringify(packs));
  });
});
