// "Opt out of everything" in headless Firefox ESR, with the add-on's background (an event page
// in Firefox) suspended in the middle of the tour. Firefox suspends an idle event page after
// extensions.background.idle.timeout (1 s here), but never while a native port is open, which
// the tour keeps open; so the test suspends it mid-tour the way that timer does
// (extension.terminateBackground, chrome context, ignoring what keeps it awake), checks it is
// stopped, and then that the tour comes back by itself and really finishes: every setting in
// the report once and changed, every switch off on the fixture server, each change verified in
// the host's record once, no tab of the tour left open.
/* global WebExtensionPolicy, Services */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, catalog, fixtureKeyOf } from '../fixtures/site/server.mjs';
import { withFirefox, EXTENSION_DIR, EXTENSION_ORIGIN, ADDON_ID } from './lib/firefox.mjs';
import { waitForText, textOf, click } from './lib/pages.mjs';

const SWITCHES = Object.entries(catalog.settings).filter(([, s]) => s.kind !== 'radio').map(([id]) => id);
const RADIOS = Object.entries(catalog.settings).filter(([, s]) => s.kind === 'radio').map(([id]) => id);
const privateIndex = (id) => catalog.settings[id].langs.en.options.findIndex((o) => o.private);
// The pre-2024 checkbox page (/psettings/advertising/profile-data) has two more settings.
const EXPECTED = [...SWITCHES, ...RADIOS, 'ads_profile_employer', 'ads_profile_job_info'];

let server;
// Pages render 600 ms after loading: the suspension below lands while the tour waits for a page
// (the page-in-progress case; a suspension mid-change is covered by tests/extension/tour_resume).
before(async () => { server = await startFixtureServer({ renderDelayMs: 600 }); });
after(async () => { await server.close(); });

// The add-on's background, seen from the browser's chrome context.
async function backgroundState(m) {
  await m.setContext('chrome');
  return m.call((id) => WebExtensionPolicy.getByID(id).extension.backgroundState, ADDON_ID);
}

async function suspendBackground(m) {
  await m.setContext('chrome');
  return m.call(async (id) => {
    const extension = WebExtensionPolicy.getByID(id).extension;
    await extension.terminateBackground({ disableResetIdleForTest: true });
    return extension.backgroundState;
  }, ADDON_ID);
}

async function openLinkedInTabs(m) {
  await m.setContext('chrome');
  return m.call(() => Services.wm.getMostRecentWindow('navigator:browser').gBrowser.tabs
    .map((t) => t.linkedBrowser.currentURI.spec).filter((u) => u.startsWith('https://www.linkedin.com/')));
}

async function tourReport(m) {
  await m.setContext('content');
  return m.call(() => [...document.querySelectorAll('#tour-report li')].map((li) => [li.dataset.setting, li.dataset.outcome]));
}

test('"Opt out of everything" finishes after the background was suspended mid-tour', { timeout: 240000 }, async () => {
  server.setLanguage('en');
  await withFirefox(server, { idleTimeoutMs: 1000 }, async (ff) => {
    const m = await ff.startMarionette();
    await m.setContext('chrome');
    await m.send('Addon:Install', { path: EXTENSION_DIR, temporary: true });
    await m.openExtensionPage(`${EXTENSION_ORIGIN}/popup/popup.html`);
    // The popup has heard from the background and the helper (a fresh temporary add-on's
    // background may still be starting when the page opens).
    await waitForText(m, '#host-info', (t) => t.length > 0, { timeout: 30000 });
    await click(m, '#tour-optout');

    // Mid-tour: a few pages done, most to go; just after the next page was opened.
    const progress = await waitForText(m, '#tour-progress', (t) => /page ([3-9]|1\d) of \d+/.test(t), { timeout: 60000, every: 50 });
    const [, page, pages] = /page (\d+) of (\d+)/.exec(progress).map(Number);
    assert.ok(page < pages, `suspended before the last page (${progress})`);
    assert.equal(await backgroundState(m), 'running');
    assert.equal(await suspendBackground(m), 'stopped', 'the event page is suspended');
    const changedBefore = ff.history().entries.filter((e) => e.outcome === 'changed').length;
    assert.ok(changedBefore < EXPECTED.length, `not everything was done before the suspension (${changedBefore})`);

    // Nothing from the test wakes it: the background must come back by itself and go on.
    const deadline = Date.now() + 20000;
    while ((await backgroundState(m)) !== 'running') {
      assert.ok(Date.now() < deadline, 'the background started again within 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    await m.openExtensionPage(`${EXTENSION_ORIGIN}/popup/popup.html`);
    await waitForText(m, '#tour-progress', (t) => t.startsWith('Opt out of everything: finished'), { timeout: 180000 });

    const report = await tourReport(m);
    const settings = report.map(([s]) => s);
    assert.equal(new Set(settings).size, settings.length, `no setting reported twice: ${settings}`);
    assert.deepEqual(Object.fromEntries(report), Object.fromEntries(EXPECTED.map((id) => [id, 'changed'])));
    for (const id of SWITCHES) assert.equal(server.stateOf(catalog.settings[id].url_path, fixtureKeyOf(id)), false, `${id} off`);
    for (const id of RADIOS) assert.equal(server.stateOf(catalog.settings[id].url_path, fixtureKeyOf(id)), privateIndex(id), `${id} most private`);

    const changed = ff.history().entries.filter((e) => e.outcome === 'changed');
    assert.deepEqual(changed.map((e) => e.setting).sort(), [...EXPECTED].sort(), 'each setting changed once in the record');
    assert.ok(changed.every((e) => e.verified === true && e.after !== e.before));
    assert.deepEqual(await openLinkedInTabs(m), [], 'no tab of the tour left open');

    // The stored tour is finished, with nothing in progress.
    await m.setContext('content');
    const stored = await m.call(async () => {
      const { tour } = await window.wrappedJSObject.chrome.runtime.sendMessage({ kind: 'getTour' });
      return { finished: Boolean(tour.finished_at), visit: tour.visit || null, index: tour.index, pages: tour.pages.length, attempts: JSON.stringify(tour.attempts) };
    });
    assert.deepEqual({ ...stored, attempts: undefined }, { finished: true, visit: null, index: stored.pages, pages: stored.pages, attempts: undefined });
    // A suspension is no failed attempt at the page it interrupted (two would skip the page).
    assert.ok(Object.values(JSON.parse(stored.attempts)).every((n) => n === 1), `one attempt per page: ${stored.attempts}`);
    assert.match(await textOf(m, '#tour-progress'), /finished/);

    // With the tour over, no LinkedIn tab and so no host port, the 1 s idle timeout applies
    // again: Firefox suspends the background by itself.
    const idleDeadline = Date.now() + 15000;
    while ((await backgroundState(m)) !== 'stopped') {
      assert.ok(Date.now() < idleDeadline, 'the idle background was suspended after the tour');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
