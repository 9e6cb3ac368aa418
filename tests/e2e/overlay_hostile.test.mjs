// Finding 3: page CSS could hide or move OptOut's banner (`optout-overlay { opacity:.01;
// left:-5000px }` beat `:host`), a layer at the highest z-index could cover it, and a banner
// the page removed came back only when the snapshot changed. Real Chromium, real host, a
// fixture page that does all of that (static/hostile.css, static/hostile-page.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { waitForOverlay, clickOptOut, bannerVisibility } from './lib/overlay.mjs';

const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
let server;
before(async () => { server = await startFixtureServer({ renderDelayMs: 100 }); });
after(async () => { await server.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assertVisible(v, when) {
  assert.ok(v, `${when}: a banner`);
  assert.equal(v.host.opacity, '1', `${when}: our element's opacity`);
  assert.equal(v.banner.opacity, '1', `${when}: the banner's opacity`);
  assert.equal(v.host.visibility, 'visible', `${when}: visibility`);
  assert.equal(v.host.transform, 'none', `${when}: not moved`);
  assert.ok(v.onScreen, `${when}: on screen ${JSON.stringify(v.box)} in ${JSON.stringify(v.viewport)}`);
  assert.ok(v.onTop, `${when}: nothing of the page lies over it`);
}

test('a page that restyles, covers and removes the banner: it stays visible, on top, clickable, and comes back at once', async () => {
  server.reset();
  const { context } = await launchBrowser({ fixturePort: server.port });
  try {
    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com${GEN_AI}?hl=en-hostile`);
    await waitForOverlay(page, (v) => v.button, { what: 'banner with Opt out' });
    assert.equal(await page.evaluate(() => window.__overlayRemovals), 1, 'the page removed our element once');
    assertVisible(await bannerVisibility(page), 'after the page removed it');

    // Removed again, or moved into a hidden corner of the page: back in place before the next task.
    const removed = await page.evaluate(async () => {
      const el = document.querySelector('optout-overlay');
      el.remove();
      const gone = !document.querySelector('optout-overlay');
      await new Promise((r) => setTimeout(r, 0));
      return { gone, back: document.querySelector('optout-overlay') === el && el.parentNode === document.documentElement };
    });
    assert.deepEqual(removed, { gone: true, back: true });
    const moved = await page.evaluate(async () => {
      const el = document.querySelector('optout-overlay');
      const box = document.createElement('div');
      box.style.display = 'none';
      document.body.append(box);
      box.append(el);
      await new Promise((r) => setTimeout(r, 0));
      return el.parentNode === document.documentElement;
    });
    assert.equal(moved, true);
    // Its own inline styles and attributes, set by the page, change nothing either.
    await page.evaluate(() => {
      const el = document.querySelector('optout-overlay');
      el.style.setProperty('opacity', '0', 'important');
      el.style.setProperty('transform', 'translateY(-9999px)', 'important');
      el.setAttribute('hidden', '');
      if (el.hasAttribute('popover')) el.hidePopover();
    });
    await sleep(50);
    assertVisible(await bannerVisibility(page), 'after the page restyled it');

    // The member can still use it: the click reaches the banner, not the page's cover.
    await clickOptOut(page);
    await waitForOverlay(page, (v) => v.title === 'Opted out', { what: 'opted-out banner' });
    assert.equal(await page.evaluate(() => window.__coverClicks || 0), 0);
    assert.equal(server.stateOf(GEN_AI, 'generativeAiTraining'), false);
  } finally {
    await context.close();
  }
});
