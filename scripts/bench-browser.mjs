// Real-browser timings, headless Chromium + extension + optout-host on the fixture site:
//  - settings page rendered -> OptOut's overlay attached (snapshot, host round trip, render)
//  - navigation start -> overlay attached (includes the fixture's own render delay)
//  - click on "Opt out" -> banner says verified off (includes the deliberate settle delay)
// Prints medians and p90 over N runs (default 15): node scripts/bench-browser.mjs [N]
import { startFixtureServer } from '../tests/fixtures/site/server.mjs';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';
import { waitForOverlay, clickOptOut } from '../tests/e2e/lib/overlay.mjs';

const RUNS = Number(process.argv[2] || 15);
const RENDER_DELAY_MS = 400;
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const server = await startFixtureServer({ renderDelayMs: RENDER_DELAY_MS });
const browser = await launchBrowser({ fixturePort: server.port });
// The overlay's host element is attached in the same task that draws the banner.
await browser.context.addInitScript(() => {
  new MutationObserver((_, obs) => {
    if (document.querySelector('optout-overlay')) {
      window.__overlayAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
});
const sample = { renderToBanner: [], loadToBanner: [], clickToVerified: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    server.reset();
    const page = await browser.context.newPage();
    await page.goto('https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement?hl=en');
    await waitForOverlay(page, (v) => v.button, { what: 'banner' });
    const t = await page.evaluate(() => ({ overlay: window.__overlayAt, rendered: window.__fixtureRenderedAt }));
    sample.renderToBanner.push(t.overlay - t.rendered);
    sample.loadToBanner.push(t.overlay);
    const clicked = Date.now();
    await clickOptOut(page);
    await waitForOverlay(page, (v) => v.title === 'Opted out', { what: 'verified off' });
    sample.clickToVerified.push(Date.now() - clicked);
    await page.close();
  }
} finally {
  await browser.context.close();
  await server.close();
}
console.log(`runs: ${RUNS}; fixture render delay ${RENDER_DELAY_MS} ms; content script scan debounce 250 ms; settle before verifying 700 ms`);
for (const [name, xs] of Object.entries(sample)) {
  console.log(`${name.padEnd(16)} median ${quantile(xs, 0.5).toFixed(0).padStart(5)} ms   p90 ${quantile(xs, 0.9).toFixed(0).padStart(5)} ms`);
}
