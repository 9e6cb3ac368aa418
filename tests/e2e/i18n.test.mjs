// OptOut's own pages speak the browser's UI language: Chromium started in German shows the
// popup, options and receipt in German (from _locales/de), with <html lang="de">. On LinkedIn
// OptOut speaks the page's language, whatever the browser's: an English browser on a German page
// shows German highlight tags (the service worker answers the tab's uiText request).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, EXTENSION_ID, withFreshBrowser, runHost, tabIdOf } from './lib/browser.mjs';
import { waitForOverlay, clickOptOut } from './lib/overlay.mjs';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { settingTitle, settingExplain } from './ui_words.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// A browser with OptOut in UI language `lang` (Chromium on Linux takes it from LANGUAGE;
// --lang for good measure). No helper app is registered in the profile (a system-wide one may
// answer, with an empty record of its own) and no LinkedIn page is opened, unless `fixturePort`
// is given: then the helper is registered and www.linkedin.com is the fixture site.
async function withBrowserIn(lang, body, { fixturePort = 0 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'optout-i18n-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'optout-i18n-data-'));
  if (fixturePort) runHost(['install', '--browser', 'chromium', '--dev', '--user-data-dir', profile], dataDir);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: Boolean(fixturePort),
    ignoreDefaultArgs: ['--disable-extensions'],
    env: { ...process.env, LANGUAGE: lang, LANG: `${lang}_DE.UTF-8`, OPTOUT_DATA_DIR: dataDir },
    locale: lang,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, `--lang=${lang}`,
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(fixturePort ? [`--host-resolver-rules=MAP www.linkedin.com 127.0.0.1:${fixturePort}`, '--ignore-certificate-errors', '--disable-quic'] : []),
    ],
  });
  try {
    if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker');
    await body(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test('in a German browser the popup, options and receipt are German', async () => {
  await withBrowserIn('de', async (context) => {
    const page = await context.newPage();
    const base = `chrome-extension://${EXTENSION_ID}`;

    await page.goto(`${base}/options/options.html`);
    await page.locator('h1', { hasText: 'OptOut-Optionen' }).waitFor({ timeout: 10000 });
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    assert.equal(await page.title(), 'OptOut-Optionen');
    assert.equal((await page.locator('label', { has: page.locator('input[value=daily]') }).textContent()).trim(), 'Jeden Tag');
    // The categories are drawn once the preferences (and any policy) are read.
    await page.locator('#categories', { hasText: 'Training generativer KI' }).waitFor({ timeout: 10000 });
    // The pack name stays code inside the German sentence.
    assert.equal(await page.locator('#packs-text code').textContent(), 'user');
    assert.match(await page.locator('#packs-text').textContent(), /^So erkennt OptOut .*\(etwa user, die von Ihnen bestätigten Schalter\)/);

    await page.goto(`${base}/popup/popup.html`);
    await page.locator('h2', { hasText: 'Alle LinkedIn-Einstellungen' }).waitFor({ timeout: 10000 });
    assert.equal(await page.locator('#tour-optout').textContent(), 'Alles deaktivieren');
    assert.equal(await page.locator('#report-text').getAttribute('aria-label'), 'Bericht über unbekannte Schalter');
    // Not a LinkedIn tab: the summary says so, in German.
    await page.locator('#summary', { hasText: 'Öffnen Sie eine Einstellungsseite von LinkedIn, um sie zu prüfen.' }).waitFor({ timeout: 10000 });

    await page.goto(`${base}/receipt/receipt.html`);
    await page.locator('h1', { hasText: 'OptOut-Nachweis' }).waitFor({ timeout: 10000 });
    assert.equal(await page.locator('#summary th').first().textContent(), 'Einstellung');
    // Without a helper app the error is introduced in German; with one, the count is German.
    await page.locator('#status', { hasText: /^(?:Das Protokoll konnte nicht gelesen werden: |\d+ Einträge? im Protokoll)/ }).waitFor({ timeout: 10000 });
  });
});

test('the extension\'s name in the browser comes from the messages', async () => {
  await withBrowserIn('de', async (context) => {
    const [worker] = context.serviceWorkers();
    const manifestName = await worker.evaluate(() => chrome.i18n.getMessage('extName'));
    assert.equal(manifestName, 'OptOut für LinkedIn');
  });
});

// The service worker hands a tab its text (ui_text.js) over the tab's port.
test('on a German LinkedIn page the highlight tags are German in an English browser', async () => {
  const server = await startFixtureServer();
  try {
    await withFreshBrowser(server, {}, async ({ context }) => {
      const page = await context.newPage();
      await page.goto('https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement?hl=de');
      const view = await waitForOverlay(page, (v) => v.highlights && v.highlights.length && /^Gibt /.test(v.highlights[0].tag), { what: 'a German tag' });
      assert.match(view.highlights[0].tag, /^Gibt Ihre Daten weiter: /);
    });
  } finally {
    await server.close();
  }
});

// The banner follows the page's language too, whatever the browser's (English here): German on
// a German page before and after the one-click opt-out, with the date in German, and the
// setting's title and explanation in German (the rule pack's `titles`/`explains`, which the host
// sends as `local`); the same page with hl=en stays English.
test('on a German LinkedIn page the banner is German before and after the opt-out; with hl=en it is English', async () => {
  const server = await startFixtureServer();
  const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
  try {
    await withFreshBrowser(server, {}, async ({ context, history }) => {
      const page = await context.newPage();
      await page.goto(`https://www.linkedin.com${GEN_AI}?hl=de`);
      const shown = await waitForOverlay(page, (v) => v.button && v.button.text === 'Deaktivieren', { what: 'the German banner' });
      assert.equal(shown.state, 'share');
      const germanTitle = settingTitle('de', 'generative_ai_training');
      assert.notEqual(germanTitle, settingTitle('en', 'generative_ai_training'), 'the pack has a German title');
      assert.equal(shown.title, `${germanTitle} ist an`);
      assert.equal(shown.body, settingExplain('de', 'generative_ai_training'));
      assert.notEqual(shown.body, settingExplain('en', 'generative_ai_training'), 'the German explanation, not the English one');
      assert.deepEqual(shown.highlights.map((h) => h.tag), [`Gibt Ihre Daten weiter: ${germanTitle}`]);

      await clickOptOut(page);
      const done = await waitForOverlay(page, (v) => v.state === 'done', { what: 'the German opted-out banner' });
      assert.equal(done.title, 'Deaktiviert');
      assert.equal(done.body, 'OptOut hat jeden Schalter nach der Änderung erneut gelesen.');
      assert.ok(done.items[0].startsWith(`${germanTitle}: `), done.items[0]);
      assert.match(done.items[0].slice(germanTitle.length), /^: ausgeschaltet und als aus geprüft am \d\d\.\d\d\.\d{4}, \d\d:\d\d:\d\d$/);
      assert.equal(done.button, null);
      assert.equal(server.stateOf(GEN_AI, 'generativeAiTraining'), false);
      assert.deepEqual(history().entries.map((e) => [e.setting, e.outcome]), [['generative_ai_training', 'seen'], ['generative_ai_training', 'changed']]);

      server.setState(GEN_AI, 'generativeAiTraining', true);
      await page.goto(`https://www.linkedin.com${GEN_AI}?hl=en`);
      const english = await waitForOverlay(page, (v) => v.button, { what: 'the English banner' });
      assert.deepEqual([english.title, english.button.text], ['Data for Generative AI Improvement is on', 'Opt out']);
      assert.equal(english.body, settingExplain('en', 'generative_ai_training'));
      await clickOptOut(page);
      const englishDone = await waitForOverlay(page, (v) => v.state === 'done', { what: 'the English opted-out banner' });
      assert.deepEqual([englishDone.title, englishDone.body], ['Opted out', 'OptOut read each switch again after changing it.']);
      assert.match(englishDone.items[0], /^Data for Generative AI Improvement: turned off and verified off at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d\s[AP]M$/);
    });
  } finally {
    await server.close();
  }
});

// The popup speaks the browser's language, setting titles included (the pack's, which the host
// sends as `local` for the popup's lang), while the banner follows the page: a German browser on
// an English LinkedIn page.
test('in a German browser the popup names the settings in German; the banner on an English page stays English', async () => {
  const server = await startFixtureServer();
  const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
  try {
    await withBrowserIn('de', async (context) => {
      const page = await context.newPage();
      const url = `https://www.linkedin.com${GEN_AI}?hl=en`;
      await page.goto(url);
      const shown = await waitForOverlay(page, (v) => v.button && v.button.text === 'Opt out', { what: 'the English banner' });
      assert.equal(shown.title, `${settingTitle('en', 'generative_ai_training')} is on`);

      const germanTitle = settingTitle('de', 'generative_ai_training');
      assert.notEqual(germanTitle, settingTitle('en', 'generative_ai_training'), 'the pack has a German title');
      const tabId = await tabIdOf(context.serviceWorkers()[0], url);
      assert.ok(tabId, 'the LinkedIn tab is visible to the service worker');
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html?tab=${tabId}`);
      const row = popup.locator('#rows tr[data-setting=generative_ai_training] td');
      await row.first().waitFor({ timeout: 10000 });
      await popup.locator('#rows td', { hasText: germanTitle }).waitFor({ timeout: 10000 });
      assert.equal(await row.first().textContent(), germanTitle);
      assert.equal(await popup.locator('#opt-out').textContent(), 'Deaktivieren');
    }, { fixturePort: server.port });
  } finally {
    await server.close();
  }
});
