// End to end in headless Firefox ESR: the extension installed as a temporary add-on, the real
// optout-host registered for Firefox, the LinkedIn-like fixture pages. The banner's one-click
// opt-out (page, fixture server and the host's record), a look-alike switch left alone, the
// install hint when the host is missing, and the popup and receipt pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { withFirefox, EXTENSION_DIR, EXTENSION_ORIGIN } from './lib/firefox.mjs';
import { waitForOverlay, clickOptOut, pageSwitchState } from './lib/overlay.mjs';
import { servePage } from './lib/serve.mjs';
import { waitForText, textOf, textsOf, click, linkedInTabId } from './lib/pages.mjs';

const LINKEDIN = 'https://www.linkedin.com';
const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
const RECORDED_AT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let server;

before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

// A BiDi session with OptOut installed, and a tab on `url`.
async function openWithOptOut(ff, url) {
  const bidi = await ff.startBidi();
  await bidi.installExtension(EXTENSION_DIR);
  return { bidi, tab: await bidi.newTab(url) };
}

test('banner opt-out: turned off, verified, recorded by the host', async () => {
  await withFirefox(server, {}, async (ff) => {
    const { bidi, tab } = await openWithOptOut(ff, `${LINKEDIN}${GEN_AI}?hl=en`);
    const shown = await waitForOverlay(bidi, tab, (v) => v.button, { what: 'banner with Opt out' });
    assert.equal(shown.shadowMode, 'closed');
    assert.equal(shown.title, 'Data for Generative AI Improvement is on');
    assert.deepEqual(shown.highlights.map((h) => h.kind), ['share']);
    assert.deepEqual(await pageSwitchState(bidi, tab), [{ checked: true, aria: 'true' }]);

    await clickOptOut(bidi, tab);
    const done = await waitForOverlay(bidi, tab, (v) => v.title === 'Opted out', { what: 'opted-out banner' });
    assert.equal(done.button, null);
    assert.match(done.items[0], /^Data for Generative AI Improvement: turned off and verified off at /);
    assert.deepEqual(done.highlights.map((h) => h.kind), ['off']);
    assert.deepEqual(await pageSwitchState(bidi, tab), [{ checked: false, aria: 'false' }]);
    assert.equal(server.stateOf(GEN_AI, 'generativeAiTraining'), false, 'off on the fixture server');

    const entries = ff.history().entries;
    assert.deepEqual(entries.map((e) => [e.setting, e.outcome, e.before, e.after, e.verified]), [
      ['generative_ai_training', 'seen', 'on', 'on', true],
      ['generative_ai_training', 'changed', 'on', 'off', true],
    ]);
    assert.match(entries[1].recorded_at, RECORDED_AT);
  });
});

test('a look-alike switch beside the real one is left on; only the real one is turned off', async () => {
  const GENDER = '/mypreferences/d/settings/ads-by-gender';
  await withFirefox(server, {}, async (ff) => {
    const bidi = await ff.startBidi();
    await bidi.installExtension(EXTENSION_DIR);
    await servePage(bidi, `${LINKEDIN}${GENDER}`, {
      lang: 'en', title: 'Ads',
      switches: [
        { key: 'g-label-51ab', on: true, heading: 'Ads', description: '', label: 'Use gender for ads' },
        { key: 'lookalike-9c1', on: true, heading: 'Ads', description: '', label: 'Gender Equality Network Inc.' },
      ],
    });
    const tab = await bidi.newTab(`${LINKEDIN}${GENDER}`);
    const shown = await waitForOverlay(bidi, tab, (v) => v.state === 'share', { what: 'share banner' });
    assert.deepEqual(shown.highlights.map((h) => h.kind).sort(), ['share', 'unknown']);
    await clickOptOut(bidi, tab);
    const done = await waitForOverlay(bidi, tab, (v) => v.items.some((i) => /turned off and verified off/.test(i)), { what: 'verified result' });
    assert.equal(done.state, 'unknown_on', 'never "all off" while the look-alike is on');
    assert.deepEqual(done.highlights.map((h) => h.kind).sort(), ['off', 'unknown']);
    assert.deepEqual(await pageSwitchState(bidi, tab), [{ checked: false, aria: 'false' }, { checked: true, aria: 'true' }]);
    assert.equal(server.stateOf(GENDER, 'g-label-51ab'), false);
    assert.equal(server.stateOf(GENDER, 'lookalike-9c1'), undefined, 'the look-alike was never clicked');
    const changed = ff.history().entries.filter((e) => e.outcome === 'changed');
    assert.deepEqual(changed.map((e) => [e.setting, e.label]), [['ads_gender', 'Use gender for ads']]);
  });
});

test('without the host registered for Firefox, the banner shows the Firefox install command', async () => {
  await withFirefox(server, { registerHost: false }, async (ff) => {
    const { bidi, tab } = await openWithOptOut(ff, `${LINKEDIN}${GEN_AI}?hl=en`);
    const view = await waitForOverlay(bidi, tab, (v) => v.title, { what: 'error banner' });
    assert.equal(view.state, 'error');
    assert.equal(view.title, "OptOut's helper app is not installed");
    assert.equal(view.code, 'optout-host install --browser firefox');
    assert.match(view.body, /Nothing on this page was checked or changed/);
    assert.deepEqual(await pageSwitchState(bidi, tab), [{ checked: true, aria: 'true' }]);
    assert.equal(server.stateOf(GEN_AI, 'generativeAiTraining'), undefined);
  });
});

test('the popup shows the tab\'s setting and opts out; the receipt shows the change from the record', async () => {
  await withFirefox(server, {}, async (ff) => {
    const { bidi, tab } = await openWithOptOut(ff, `${LINKEDIN}${GEN_AI}?hl=en`);
    await waitForOverlay(bidi, tab, (v) => v.button, { what: 'banner with Opt out' });
    await ff.endBidi(); // one WebDriver session at a time: Marionette opens moz-extension:// pages

    const m = await ff.startMarionette();
    await m.openExtensionPage(`${EXTENSION_ORIGIN}/popup/popup.html`);
    const tabId = await linkedInTabId(m, `${LINKEDIN}${GEN_AI}?hl=en`);
    assert.ok(Number.isInteger(tabId), 'the popup sees the LinkedIn tab');
    await m.openExtensionPage(`${EXTENSION_ORIGIN}/popup/popup.html?tab=${tabId}`);
    await waitForText(m, '#summary', (t) => t === '1 of 1 setting here share your data.');
    assert.deepEqual(await textsOf(m, '#rows td'), ['Data for Generative AI Improvement', 'On (shares data)']);
    await waitForText(m, '#host-info', (t) => /^Helper \d+\.\d+\.\d+; rules linkedin /.test(t));

    await click(m, '#opt-out');
    await waitForText(m, '#summary', (t) => t === 'All 1 data-sharing setting here are off.');
    assert.deepEqual(await textsOf(m, '#rows td'), ['Data for Generative AI Improvement', 'Off']);
    assert.match(await textOf(m, '#results li'), /turned off, verified/);
    assert.equal(server.stateOf(GEN_AI, 'generativeAiTraining'), false);

    const all = ff.history().entries;
    assert.deepEqual(all.map((e) => [e.setting, e.outcome]), [['generative_ai_training', 'seen'], ['generative_ai_training', 'changed']]);
    await m.openExtensionPage(`${EXTENSION_ORIGIN}/receipt/receipt.html`);
    await waitForText(m, '#status', (t) => t === '2 entries in the record.');
    // Each cell keeps the record's value; the reader sees the title, local dates and state words.
    await m.setContext('content');
    const values = await m.call((s) => [...document.querySelectorAll(s)].map((e) => e.getAttribute('data-value')),
      'tr[data-setting=generative_ai_training] td');
    assert.deepEqual(values, ['generative_ai_training', all[0].recorded_at, 'on', all[1].recorded_at, 'off']);
    const shown = await textsOf(m, 'tr[data-setting=generative_ai_training] td');
    assert.equal(shown[0], 'Data for Generative AI Improvementgenerative_ai_training');
    assert.deepEqual([shown[2], shown[4]], ['On', 'Off']);
    assert.ok(!RECORDED_AT.test(shown[1]) && shown[1].includes(String(new Date(all[0].recorded_at).getFullYear())),
      `a local date, not the record's ISO time: ${shown[1]}`);
  });
});
