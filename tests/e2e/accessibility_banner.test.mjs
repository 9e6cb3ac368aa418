// End to end: axe-core on OptOut's banner and highlights in a real LinkedIn-like page (issue 9).
// The banner lives in a closed shadow root, which axe (like any page script) cannot enter, so
// this test loads a copy of extension/ whose only difference is `attachShadow({mode: 'open'})`,
// checked below, and asks axe about our element alone (the fixture page is not ours to judge).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const copy = mkdtempSync(join(tmpdir(), 'optout-open-root-'));
cpSync(join(ROOT, 'extension'), copy, { recursive: true });
const overlayJs = join(copy, 'content/overlay.js');
const original = readFileSync(overlayJs, 'utf8');
const opened = original.replace("attachShadow({ mode: 'closed' })", "attachShadow({ mode: 'open' })");
assert.notEqual(opened, original, 'overlay.js attaches a closed shadow root (the copy opens it)');
assert.equal(opened.split('\n').filter((l, i) => l !== original.split('\n')[i]).length, 1, 'one line differs');
writeFileSync(overlayJs, opened);
process.env.OPTOUT_EXTENSION_DIR = copy;

const { startFixtureServer } = await import('../fixtures/site/server.mjs');
const { withFreshBrowser } = await import('./lib/browser.mjs');
const { waitForOverlay, clickOptOut } = await import('./lib/overlay.mjs');

const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
let server;

before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); rmSync(copy, { recursive: true, force: true }); });

async function bannerViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await /** @type {any} */ (window).axe.run({ include: [['optout-overlay']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join(', ')}`);
  });
}

test('the banner and highlights have no axe-core violations, before and after the opt-out', async () => {
  await withFreshBrowser(server, {}, async ({ context }) => {
    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com${GEN_AI}?hl=en`);
    const view = await waitForOverlay(page, (v) => v.button && v.highlights.length > 0, { what: 'banner with Opt out and a highlight' });
    assert.equal(view.shadowMode, 'open', 'the copy under test has an open root');
    assert.ok(await page.evaluate(() => document.querySelector('optout-overlay').shadowRoot.querySelector('button')), 'axe can see inside');
    assert.deepEqual(await bannerViolations(page), [], 'banner offering Opt out, with highlights');
    await clickOptOut(page);
    await waitForOverlay(page, (v) => v.title === 'Opted out', { what: 'opted-out banner' });
    assert.deepEqual(await bannerViolations(page), [], 'banner after the opt-out');
  });
});

test('the German banner has no axe-core violations either', async () => {
  await withFreshBrowser(server, {}, async ({ context }) => {
    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com${GEN_AI}?hl=de`);
    await waitForOverlay(page, (v) => v.button, { what: 'German banner' });
    assert.deepEqual(await bannerViolations(page), []);
  });
});
