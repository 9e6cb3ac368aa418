// End to end: OptOut's own UI is usable without a mouse and without seeing colour (issue 9).
// - axe-core finds no violations on the popup (with a setting listed), Options and the receipt
//   (with a row), each as a member sees it in real Chromium;
// - the whole one-click path works from the keyboard: Tab reaches "Opt out" on the LinkedIn
//   page, Enter turns the switch off, and the result is in the banner's live region;
// - a highlight says in words what it marks, so it does not rely on colour alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { withFreshBrowser, tabIdOf, EXTENSION_ID, ROOT } from './lib/browser.mjs';
import { waitForOverlay } from './lib/overlay.mjs';

const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
let server;

before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

// axe-core's violations on `page`, as "rule: first offending elements" lines.
async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

// The banner's accessibility tree as Chromium exposes it (CDP sees into the closed shadow root).
async function bannerStatusText(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const text = (n) => [n.name && n.name.value, ...(n.childIds || []).map((id) => byId.get(id)).filter(Boolean).map(text)].filter(Boolean).join(' ');
    return nodes.filter((n) => n.role && n.role.value === 'status').map(text).join(' | ');
  } finally {
    await cdp.detach();
  }
}

test('popup, Options and receipt have no axe-core violations', async () => {
  await withFreshBrowser(server, {}, async ({ context, worker }) => {
    const page = await context.newPage();
    const url = `https://www.linkedin.com${GEN_AI}?hl=en`;
    await page.goto(url);
    await waitForOverlay(page, (v) => v.button, { what: 'banner with Opt out' });
    const tabId = await tabIdOf(worker, url);

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html?tab=${tabId}`);
    await popup.locator('#rows tr').first().waitFor();
    assert.deepEqual(await axeViolations(popup), [], 'popup with a setting listed');
    await popup.locator('#opt-out').click();
    await popup.locator('#results li').first().waitFor({ timeout: 10000 });
    assert.deepEqual(await axeViolations(popup), [], 'popup after opting out');

    const options = await context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options/options.html`);
    await options.locator('#categories input').first().waitFor();
    assert.deepEqual(await axeViolations(options), [], 'Options');

    const receipt = await context.newPage();
    await receipt.goto(`chrome-extension://${EXTENSION_ID}/receipt/receipt.html`);
    await receipt.locator('#summary-rows tr').first().waitFor();
    assert.deepEqual(await axeViolations(receipt), [], 'receipt with a row');
  });
});

test('the one-click opt-out works from the keyboard alone and is announced', async () => {
  await withFreshBrowser(server, {}, async ({ context, history }) => {
    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com${GEN_AI}?hl=en`);
    const view = await waitForOverlay(page, (v) => v.button, { what: 'banner with Opt out' });
    // Not by colour alone: the highlight carries words.
    assert.ok(view.highlights.length > 0 && view.highlights.every((h) => h.tag.trim().length > 0), JSON.stringify(view.highlights));

    // Tab from the top of the page until focus is in OptOut's banner on its "Opt out" button.
    await page.evaluate(() => { if (document.activeElement instanceof HTMLElement) document.activeElement.blur(); });
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement && document.activeElement.localName === 'optout-overlay');
      if (reached) {
        // Focus is inside the closed root: the focused element is read through the AX tree.
        const cdp = await page.context().newCDPSession(page);
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        await cdp.detach();
        // (the page itself is "focused" too: look for the focused button)
        const focused = nodes.find((n) => n.role && n.role.value === 'button' &&
          (n.properties || []).some((p) => p.name === 'focused' && p.value.value));
        reached = Boolean(focused && focused.name.value === 'Opt out');
      }
    }
    assert.ok(reached, 'Tab reaches the banner\'s Opt out button');
    await page.keyboard.press('Enter');
    await waitForOverlay(page, (v) => v.title === 'Opted out', { what: 'opted-out banner' });
    assert.match(await bannerStatusText(page), /Opted out/, 'the result is in a live region (role=status)');
    const switches = await page.evaluate(() => [...document.querySelectorAll('input[role=switch]')].map((i) => i.checked));
    assert.deepEqual(switches, [false]);
    assert.deepEqual(history().entries.filter((e) => e.outcome !== 'seen').map((e) => [e.outcome, e.verified]), [['changed', true]]);
  });
});
