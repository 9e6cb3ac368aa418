// End to end: real headless Chromium, the unpacked extension, the real optout-host, and the
// LinkedIn-like fixture pages. Each test asserts the switch state in the page, on the fixture
// "server side", and in the host's record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { tabIdOf, EXTENSION_ID, withFreshBrowser } from './lib/browser.mjs';
import { waitForOverlay, clickOptOut } from './lib/overlay.mjs';
import { say, sayPattern, settingTitle } from './ui_words.mjs';

const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
let server;

before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

const withBrowser = (options, body) => withFreshBrowser(server, options, body);

const pageSwitchState = (page) =>
  page.evaluate(() => [...document.querySelectorAll('input[role=switch]')].map((i) => ({
    checked: i.checked, aria: i.getAttribute('aria-checked'),
  })));

// The banner speaks the page's language (hl, e.g. de-artdeco: German), the setting's title too
// (the rule pack's, from the host's `local`; English on an English page).
async function expectOneClickOptOut(hl, key) {
  const titleText = settingTitle(hl, 'generative_ai_training');
  await withBrowser({}, async ({ context, history }) => {
    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com${GEN_AI}?hl=${hl}`);
    const shown = await waitForOverlay(page, (v) => v.button, { what: 'banner with Opt out' });
    assert.equal(shown.shadowMode, 'closed');
    assert.equal(shown.title, say(hl, 'banner_share_title_on', titleText));
    assert.deepEqual(shown.highlights.map((h) => h.kind), ['share']);
    assert.deepEqual(await pageSwitchState(page), [{ checked: true, aria: 'true' }]);

    await clickOptOut(page);
    const done = await waitForOverlay(page, (v) => v.title === say(hl, 'banner_done_title'), { what: 'opted-out banner' });
    assert.equal(done.button, null);
    assert.match(done.items[0], sayPattern(hl, 'banner_result_changed', titleText, null));
    assert.deepEqual(done.highlights.map((h) => h.kind), ['off']);
    assert.deepEqual(await pageSwitchState(page), [{ checked: false, aria: 'false' }]);
    assert.equal(server.stateOf(GEN_AI, key), false);

    // First the state LinkedIn had when OptOut first saw the setting, then the verified change.
    const entries = history().entries;
    assert.deepEqual(entries.map((e) => [e.setting, e.outcome, e.before, e.after, e.verified]), [
      ['generative_ai_training', 'seen', 'on', 'on', true],
      ['generative_ai_training', 'changed', 'on', 'off', true],
    ]);
    assert.match(entries[1].recorded_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(entries[0].recorded_at <= entries[1].recorded_at);
  });
}

test('banner opt-out, English, current role=switch markup', () =>
  expectOneClickOptOut('en', 'generativeAiTraining'));

test('banner opt-out, English, older artdeco-toggle markup', () =>
  expectOneClickOptOut('en-artdeco', 'ember-genai'));

test('banner opt-out, German, current markup', () =>
  expectOneClickOptOut('de', 'generativeAiTraining'));

test('banner opt-out, German artdeco page that re-renders the control after a change', () =>
  expectOneClickOptOut('de-artdeco', 'ember-genai'));

test('older /psettings card markup, Polish: the research switch is found and turned off', async () => {
  await withBrowser({}, async ({ context, history }) => {
    const page = await context.newPage();
    const path = '/mypreferences/d/settings/policy-and-academic-research';
    await page.goto(`https://www.linkedin.com${path}?hl=pl&markup=card`);
    const shown = await waitForOverlay(page, (v) => v.button, { what: 'banner with Opt out' });
    assert.equal(shown.title, say('pl', 'banner_share_title_on', settingTitle('pl', 'research')));
    await clickOptOut(page);
    await waitForOverlay(page, (v) => v.title === say('pl', 'banner_done_title'), { what: 'opted-out banner' });
    assert.deepEqual(await pageSwitchState(page), [{ checked: false, aria: 'false' }]);
    assert.equal(server.stateOf(path, 'allowAnonymizedDataResearch'), false);
    assert.deepEqual(history().entries.map((e) => [e.setting, e.outcome]), [['research', 'seen'], ['research', 'changed']]);
  });
});

test('toolbar popup lists the setting, shows the badge, and opts out', async () => {
  await withBrowser({}, async ({ context, worker, history }) => {
    const page = await context.newPage();
    const url = `https://www.linkedin.com${GEN_AI}?hl=en`;
    await page.goto(url);
    await waitForOverlay(page, (v) => v.button, { what: 'banner with Opt out' });
    const tabId = await tabIdOf(worker, url);
    assert.ok(tabId, 'the LinkedIn tab is visible to the service worker');
    const badge = () => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    assert.equal(await badge(), '1');

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html?tab=${tabId}`);
    await popup.locator('#rows tr').first().waitFor();
    assert.equal(await popup.locator('#summary').textContent(), '1 of 1 setting here share your data.');
    assert.deepEqual(await popup.locator('#rows td').allTextContents(),
      ['Data for Generative AI Improvement', 'On (shares data)']);
    await popup.locator('#opt-out').click();
    await popup.locator('#summary', { hasText: 'All 1 data-sharing setting here are off.' }).waitFor({ timeout: 10000 });
    assert.deepEqual(await popup.locator('#rows td').allTextContents(), ['Data for Generative AI Improvement', 'Off']);
    assert.match(await popup.locator('#results li').first().textContent(), /turned off, verified/);

    assert.deepEqual(await pageSwitchState(page), [{ checked: false, aria: 'false' }]);
    assert.equal(server.stateOf(GEN_AI, 'generativeAiTraining'), false);
    assert.equal(await badge(), 'off');
    assert.match(await popup.locator('#host-info').textContent(), /^Helper \d+\.\d+\.\d+; rules linkedin /);
    const entries = history().entries.filter((e) => e.outcome !== 'seen');
    assert.deepEqual(entries.map((e) => [e.setting, e.outcome, e.after]), [['generative_ai_training', 'changed', 'off']]);

    // The receipt: per setting, first seen, state before, switched off, verified after; saved as a file.
    const receipt = await context.newPage();
    await receipt.goto(`chrome-extension://${EXTENSION_ID}/receipt/receipt.html`);
    const row = receipt.locator('tr[data-setting=generative_ai_training] td');
    await row.first().waitFor();
    // Each cell keeps the record's own value; the reader sees the title and local dates.
    const values = await row.evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
    const all = history().entries;
    assert.deepEqual(values, ['generative_ai_training', all[0].recorded_at, 'on', all[1].recorded_at, 'off']);
    const shown = await row.allTextContents();
    assert.equal(shown[0], 'Data for Generative AI Improvementgenerative_ai_training', 'title, then the id');
    assert.deepEqual([shown[2], shown[4]], ['On', 'Off']);
    const times = await row.locator('time').evaluateAll((ts) => ts.map((x) => [x.getAttribute('datetime'), x.textContent]));
    assert.deepEqual(times.map(([iso]) => iso), [all[0].recorded_at, all[1].recorded_at]);
    for (const [iso, text] of times) {
      assert.notEqual(text, iso, 'a local date, not the raw ISO time');
      assert.match(text, new RegExp(String(new Date(iso).getFullYear())));
    }
    const download = receipt.waitForEvent('download');
    await receipt.locator('#save').click();
    const saved = await download;
    assert.match(saved.suggestedFilename(), /^optout-receipt-\d{4}-\d\d-\d\d\.txt$/);
    const text = await new Promise((resolve, reject) => {
      saved.createReadStream().then((stream) => {
        let out = '';
        stream.on('data', (c) => { out += c; });
        stream.on('end', () => resolve(out));
        stream.on('error', reject);
      }, reject);
    });
    assert.match(text, new RegExp(`generative_ai_training \\| ${all[0].recorded_at} \\| on \\| ${all[1].recorded_at} \\| off`));
  });
});

test('unknown and non-data switches are shown but never flipped', async () => {
  await withBrowser({}, async ({ context, history }) => {
    const page = await context.newPage();
    await page.goto('https://www.linkedin.com/mypreferences/d/categories/notifications');
    const view = await waitForOverlay(page, (v) => v.title, { what: 'banner' });
    assert.equal(view.title, 'OptOut did not recognise the switches on this page');
    assert.equal(view.button, null);
    assert.deepEqual(view.highlights.map((h) => h.kind), ['unknown']);
    assert.match(view.highlights[0].tag, /Unknown switch/);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await pageSwitchState(page), [{ checked: true, aria: 'true' }, { checked: true, aria: 'true' }]);
    assert.deepEqual(history().entries, []);
  });
});

test('a setting recognised only by its URL (Turkish, no stable key) is a maybe: asked about, not flipped', async () => {
  await withBrowser({}, async ({ context, history }) => {
    const page = await context.newPage();
    await page.goto('https://www.linkedin.com/mypreferences/d/settings/ads-by-age?hl=tr-nokey');
    const view = await waitForOverlay(page, (v) => v.highlights.length > 0, { what: 'highlight' });
    assert.deepEqual(view.highlights.map((h) => h.kind), ['maybe']);
    assert.equal(view.button, null, 'no Opt out: OptOut is not sure');
    assert.equal(view.state, 'maybe');
    assert.equal(view.title, 'This looks like Age range - turn it off?');
    assert.deepEqual(view.choices.map((c) => [c.setting, c.button]), [['ads_age', 'Turn it off']]);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await pageSwitchState(page), [{ checked: true, aria: 'true' }]);
    assert.deepEqual(history().entries, []);
  });
});

test('a switch the page turns back on is reported as failed, never as off', async () => {
  await withBrowser({}, async ({ context, history }) => {
    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com${GEN_AI}?hl=en-stubborn`);
    await waitForOverlay(page, (v) => v.button, { what: 'banner with Opt out' });
    await clickOptOut(page);
    const view = await waitForOverlay(page, (v) => v.items.some((i) => /NOT turned off/.test(i)), { what: 'failure report' });
    assert.match(view.items.join('\n'), /still on after clicking/);
    assert.deepEqual(await pageSwitchState(page), [{ checked: true, aria: 'true' }]);
    const entries = history().entries.filter((e) => e.outcome !== 'seen');
    assert.deepEqual(entries.map((e) => [e.outcome, e.verified, e.after]), [['failed', false, 'on']]);
  });
});

test('without the host installed, the banner says how to install it', async () => {
  await withBrowser({ registerHost: false }, async ({ context }) => {
    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com${GEN_AI}?hl=en`);
    const view = await waitForOverlay(page, (v) => v.title, { what: 'error banner' });
    assert.equal(view.title, "OptOut's helper app is not installed");
    assert.match(view.code, /^optout-host install --browser chromium$/);
    assert.deepEqual(await pageSwitchState(page), [{ checked: true, aria: 'true' }]);
  });
});
