// Managed installs in real headless Chromium: an organization's policy for OptOut, set the way
// an administrator sets it on Linux (a JSON file in /etc/chromium/policies/managed/ with the
// `3rdparty` policy for OptOut's id; Debian's Chromium reads it at start and applies it to the
// unpacked extension too), takes effect: Options shows the managed settings set, disabled and
// "Set by your organization"; the popup offers no undo; the re-check alarm follows the policy's
// schedule; and "Opt out of everything" changes the policy's categories only, not the one the
// member had chosen. The policy file is removed however the test ends (other tests must not
// see it), and so are the folders it created.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync, existsSync, readdirSync, rmdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer, catalog, fixtureKeyOf } from '../fixtures/site/server.mjs';
import { withFreshBrowser, EXTENSION_ID, EXTENSION_DIR } from './lib/browser.mjs';
import { waitForOverlay } from './lib/overlay.mjs';

const POLICY_ROOT = '/etc/chromium/policies';
const POLICY_DIR = join(POLICY_ROOT, 'managed');
const POLICY_FILE = join(POLICY_DIR, 'optout-e2e-test.json');
const POLICY = { categories: ['generative_ai', 'research'], recheck: 'daily', hideUndo: true };

let server;
before(async () => { server = await startFixtureServer({ renderDelayMs: 100 }); });
after(async () => { await server.close(); });

// Writes the policy, runs body, and leaves /etc/chromium as it was.
async function withManagedPolicy(policy, body) {
  const created = [POLICY_ROOT, POLICY_DIR].filter((d) => !existsSync(d));
  mkdirSync(POLICY_DIR, { recursive: true });
  try {
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }));
    await body();
  } finally {
    rmSync(POLICY_FILE, { force: true });
    for (const d of created.reverse()) {
      if (existsSync(d) && readdirSync(d).length === 0) rmdirSync(d);
    }
  }
}

const idsIn = (category) => Object.keys(catalog.settings).filter((id) => catalog.settings[id].category === category);

test('a managed policy: Options shows it set and disabled, no undo, its schedule and categories are the ones used', async () => {
  await withManagedPolicy(POLICY, async () => {
    await withFreshBrowser(server, {}, async ({ context, worker }) => {
      // The browser hands the policy to the extension (unpacked, loaded from the command line).
      assert.deepEqual(await worker.evaluate(() => chrome.storage.managed.get(null)), POLICY);
      // The member had chosen every category and no re-check; the organization's choice wins.
      await worker.evaluate(() => chrome.storage.local.set({ prefs: { categories: ['generative_ai', 'research', 'advertising', 'partners', 'visibility', 'cookies'], recheck: 'off' } }));

      const options = await context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/options/options.html`);
      await options.locator('input[name=category]').first().waitFor();
      const boxes = await options.locator('input[name=category]').evaluateAll((els) => els.map((el) => ({
        value: /** @type {HTMLInputElement} */ (el).value, checked: /** @type {HTMLInputElement} */ (el).checked, disabled: /** @type {HTMLInputElement} */ (el).disabled,
      })));
      assert.equal(boxes.length, 6);
      assert.deepEqual(boxes.filter((b) => b.checked).map((b) => b.value), POLICY.categories);
      assert.ok(boxes.every((b) => b.disabled), 'every category box disabled');
      const radios = await options.locator('input[name=recheck]').evaluateAll((els) => els.map((el) => [/** @type {HTMLInputElement} */ (el).value, /** @type {HTMLInputElement} */ (el).checked, /** @type {HTMLInputElement} */ (el).disabled]));
      assert.deepEqual(radios, [['daily', true, true], ['weekly', false, true], ['off', false, true]]);
      for (const note of ['#categories-managed', '#recheck-managed']) {
        assert.ok(await options.locator(note).isVisible(), `${note} shown`);
        assert.equal((await options.locator(note).textContent()).trim(), 'Set by your organization');
      }
      assert.equal(await options.locator('#categories-set').getAttribute('data-managed'), 'true');
      assert.equal(await options.locator('#force-off-note').isVisible(), false, 'no force-off in this policy');

      // The scheduled re-check follows the policy (daily), not the member's "never".
      const alarm = await worker.evaluate(async () => {
        for (let i = 0; i < 50; i++) {
          const a = await chrome.alarms.get('optout-recheck');
          if (a) return a;
          await new Promise((r) => setTimeout(r, 100));
        }
        return null;
      });
      assert.ok(alarm, 'a re-check alarm');
      assert.equal(alarm.periodInMinutes, 24 * 60);

      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
      await popup.locator('#tour-optout').waitFor();
      await popup.waitForFunction(() => /** @type {HTMLElement} */ (document.querySelector('#undo')).hidden === true);
      assert.equal(await popup.locator('#undo').isVisible(), false, 'no undo offered');
      assert.equal(await popup.locator('#preview').isVisible(), true);

      await popup.locator('#tour-optout').click();
      await popup.locator('#tour-progress', { hasText: 'Opt out of everything: finished' }).waitFor({ timeout: 45000 });
      const report = Object.fromEntries(await popup.locator('#tour-report li').evaluateAll((lis) => lis.map((li) => [li.dataset.setting, li.dataset.outcome])));
      const wanted = [...idsIn('generative_ai'), ...idsIn('research')];
      assert.deepEqual(Object.keys(report).sort(), wanted.sort(), 'the tour covers the policy\'s categories only');
      for (const id of wanted) {
        assert.equal(report[id], 'changed', id);
        assert.equal(server.stateOf(catalog.settings[id].url_path, fixtureKeyOf(id)), false, `${id} off`);
      }
      for (const id of idsIn('advertising')) {
        assert.equal(server.stateOf(catalog.settings[id].url_path, fixtureKeyOf(id)), undefined, `${id} (outside the policy's categories) untouched`);
      }
    });
  });
  assert.equal(existsSync(POLICY_FILE), false, 'the policy file is gone');
});

// On LinkedIn the content script takes its categories from content/policy.js, not from
// prefs.js: until that reads the policy too, the banner follows the member's own categories,
// and this test is a todo (it passed against a copy of extension/ with those lines, given as
// OPTOUT_EXTENSION_DIR). It counts as soon as content/policy.js reads storage.managed.
const contentReadsPolicy = readFileSync(join(EXTENSION_DIR, 'content', 'policy.js'), 'utf8').includes('storage.managed');
test('a managed policy: the banner does not flip a setting outside the policy\'s categories', { todo: contentReadsPolicy ? false : 'content/policy.js does not read the policy yet' }, async () => {
  const GEN_AI = catalog.settings.generative_ai_training;
  await withManagedPolicy({ categories: ['research'] }, async () => {
    await withFreshBrowser(server, {}, async ({ context, history }) => {
      const page = await context.newPage();
      await page.goto(`https://www.linkedin.com${GEN_AI.url_path}`);
      const shown = await waitForOverlay(page, (v) => v.highlights.length > 0, { what: 'banner with its highlight' });
      assert.equal(shown.button, null, 'no "Opt out" for a setting outside the policy');
      await page.waitForTimeout(500);
      assert.equal(server.stateOf(GEN_AI.url_path, fixtureKeyOf('generative_ai_training')), undefined, 'not flipped');
      assert.deepEqual(history().entries.filter((e) => e.outcome === 'changed'), []);
    });
  });
});

// Force-off: the member cannot take the opt-out back. Re-checks turn a setting LinkedIn switched
// back on off again, and undo leaves it off; this needs service_worker.js to call
// recheckTourMode and withoutForcedOff (recheck.js): a todo until it does (it passed against a
// copy of extension/ with those lines, given as OPTOUT_EXTENSION_DIR).
const workerAppliesForceOff = readFileSync(join(EXTENSION_DIR, 'background', 'service_worker.js'), 'utf8').includes('recheckTourMode');
test('force-off: Options says so, no undo, a re-check turns a setting switched back on off again', { todo: workerAppliesForceOff ? false : 'service_worker.js does not apply force-off yet' }, async () => {
  const GEN_AI = catalog.settings.generative_ai_training;
  const genAiState = () => server.stateOf(GEN_AI.url_path, fixtureKeyOf('generative_ai_training'));
  await withManagedPolicy({ forceOff: true, categories: ['generative_ai'] }, async () => {
    await withFreshBrowser(server, {}, async ({ context, worker }) => {
      const options = await context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/options/options.html`);
      await options.locator('input[name=category]').first().waitFor();
      assert.ok(await options.locator('#force-off-note').isVisible(), 'the force-off note');
      assert.deepEqual(await options.locator('input[name=category]:checked').evaluateAll((els) => els.map((el) => /** @type {HTMLInputElement} */ (el).value)), ['generative_ai']);
      assert.equal(await options.locator('input[name=category]:enabled').count(), 0);

      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
      await popup.waitForFunction(() => /** @type {HTMLElement} */ (document.querySelector('#undo')).hidden === true);
      await popup.locator('#tour-optout').click();
      await popup.locator('#tour-progress', { hasText: 'Opt out of everything: finished' }).waitFor({ timeout: 30000 });
      assert.equal(genAiState(), false);
      const first = await worker.evaluate(async () => (await chrome.storage.local.get('tour')).tour.id);

      // Undo, asked for anyway, leaves the managed setting off.
      const undo = await popup.evaluate(() => chrome.runtime.sendMessage({ kind: 'startTour', mode: 'undo' }));
      assert.equal(undo.ok, false);
      assert.equal(genAiState(), false);

      server.setState(GEN_AI.url_path, fixtureKeyOf('generative_ai_training'), true); // LinkedIn resets it
      // The scheduled re-check, now (unpacked extensions' alarms are not held to 30 s).
      await worker.evaluate(() => chrome.alarms.create('optout-recheck', { when: Date.now() + 200 }));
      const recheck = await worker.evaluate(async (previous) => {
        for (let i = 0; i < 300; i++) {
          const { tour } = await chrome.storage.local.get('tour');
          if (tour && tour.id !== previous && tour.finished_at) return tour;
          await new Promise((r) => setTimeout(r, 100));
        }
        return null;
      }, first);
      assert.ok(recheck, 'the re-check ran');
      assert.equal(recheck.mode, 'optout', 'a force-off re-check acts');
      assert.deepEqual(recheck.results.map((r) => [r.setting, r.outcome]), [['generative_ai_training', 'changed']]);
      assert.equal(genAiState(), false, 'off again');
    });
  });
});
