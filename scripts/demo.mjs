// The demo: the real extension and host in headless Chromium, on the bundled LinkedIn-like
// pages. Opens each generative-AI page variant, clicks the banner's "Opt out" like a user,
// and prints what was found, what changed, and the host's dated record.
import { startFixtureServer } from '../tests/fixtures/site/server.mjs';
import { launchBrowser, runHost, EXTENSION_ID } from '../tests/e2e/lib/browser.mjs';
import { waitForOverlay, clickOptOut } from '../tests/e2e/lib/overlay.mjs';

const PAGES = [
  ['/mypreferences/d/settings/data-for-ai-improvement', 'en', 'English, current switch markup'],
  ['/mypreferences/d/settings/data-for-ai-improvement', 'de-artdeco', 'German, older artdeco-toggle markup'],
  ['/mypreferences/d/categories/notifications', 'en', 'decoys: a notification switch and an unknown switch'],
];

const server = await startFixtureServer();
const browser = await launchBrowser({ fixturePort: server.port });
console.log(`Chromium with OptOut (extension + optout-host); www.linkedin.com -> local fixtures on port ${server.port}\n`);
try {
  for (const [path, hl, what] of PAGES) {
    const page = await browser.context.newPage();
    await page.goto(`https://www.linkedin.com${path}?hl=${hl}`);
    const view = await waitForOverlay(page, (v) => v.title, { what: 'banner' });
    console.log(`${path} (${what})`);
    console.log(`  banner: ${view.title}`);
    for (const h of view.highlights) console.log(`  highlighted: ${h.tag}`);
    if (view.button) {
      await clickOptOut(page);
      const done = await waitForOverlay(page, (v) => !v.button || v.items.some((i) => /NOT/.test(i)), { what: 'result' });
      console.log(`  clicked "Opt out" -> ${done.title}`);
      for (const item of done.items) console.log(`    ${item}`);
    } else {
      console.log('  nothing to opt out of here; nothing was touched');
    }
    const states = await page.evaluate(() =>
      [...document.querySelectorAll('input[role=switch]')].map((i) => (i.checked ? 'on' : 'off')));
    console.log(`  switches now: ${states.join(', ')}\n`);
    await page.close();
  }
  // The toolbar popup's "Opt out of everything", for a member whose LinkedIn is in German.
  server.setLanguage('de');
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
  console.log('Popup: "Opt out of everything" (LinkedIn in German), every known settings page in a background tab:');
  await popup.locator('#tour-optout').click();
  await popup.locator('#tour-progress', { hasText: 'Opt out of everything: finished' }).waitFor({ timeout: 300000 });
  console.log(`  ${await popup.locator('#tour-progress').textContent()}`);
  for (const line of await popup.locator('#tour-report li').allTextContents()) console.log(`    ${line}`);
  console.log('');
  console.log('The record kept by optout-host (optout-host history):');
  process.stdout.write(runHost(['history'], browser.dataDir));
} finally {
  await browser.context.close();
  await server.close();
}
