// LinkedIn is a single-page app: the member moves from the feed into settings and back without
// a new document, through history.pushState in the page's own world, which the content
// script's isolated world cannot hook. OptOut must notice (Navigation API, popstate; platform.js),
// start looking on the settings page, and stop (no banner, no observer, nothing sent) when the
// member leaves. Real Chromium, real host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { readOverlay, waitForOverlay } from './lib/overlay.mjs';

const LINKEDIN = 'https://www.linkedin.com';
const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
let server;
before(async () => { server = await startFixtureServer({ renderDelayMs: 50 }); });
after(async () => { await server.close(); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// What the page's app does on an in-app navigation: new URL, then new content.
function navigateInApp(page, path, html) {
  return page.evaluate(({ path, html }) => {
    history.pushState({}, '', path);
    const main = document.getElementById('app');
    main.replaceChildren();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    main.append(...doc.body.childNodes);
  }, { path, html });
}

const SETTINGS_HTML = `
  <div><p>Data for Generative AI Improvement</p>
  <h4>Can LinkedIn (and its affiliates) use your personal data and content you create on LinkedIn to train generative AI models that create content?</h4>
  <div><span id="generativeAiTraining">Use my data for training content creation AI models</span>
  <input type="checkbox" role="switch" aria-labelledby="generativeAiTraining" aria-checked="true" checked></div></div>`;
const FEED_HTML = '<article><p>A post</p><span class="count">1</span></article>';

test('in-app navigation: feed -> settings shows the banner, settings -> feed takes it away and goes quiet, back shows it again', async () => {
  server.reset();
  const { context, worker } = await launchBrowser({ fixturePort: server.port });
  try {
    await worker.evaluate(() => {
      globalThis.seenFromTabs = [];
      chrome.runtime.onConnect.addListener((port) => {
        globalThis.seenFromTabs.push('connect');
        port.onMessage.addListener((m) => globalThis.seenFromTabs.push(m.kind || (m.request && m.request.type)));
      });
    });
    const seen = () => worker.evaluate(() => globalThis.seenFromTabs.slice());
    const page = await context.newPage();
    await page.goto(`${LINKEDIN}/feed/`);
    await page.waitForFunction(() => document.querySelectorAll('input[role=switch]').length === 2);
    await sleep(500);
    assert.deepEqual(await seen(), [], 'nothing from the feed');

    await navigateInApp(page, `${GEN_AI}?hl=en`, SETTINGS_HTML);
    const shown = await waitForOverlay(page, (v) => v.state === 'share', { what: 'banner after pushState into settings', timeout: 5000 });
    assert.equal(shown.title, 'Data for Generative AI Improvement is on');
    assert.ok((await seen()).includes('classify'));

    await navigateInApp(page, '/feed/', FEED_HTML);
    await sleep(300);
    assert.equal(await readOverlay(page), null, 'no banner on the feed');
    const quietFrom = (await seen()).length;
    // The feed keeps changing, with switches in it: OptOut does not look.
    await page.evaluate(() => {
      for (let i = 0; i < 20; i++) {
        const s = document.createElement('input');
        s.type = 'checkbox';
        s.setAttribute('role', 'switch');
        document.getElementById('app').append(s);
      }
    });
    await sleep(800);
    assert.deepEqual((await seen()).slice(quietFrom), [], 'nothing sent after leaving settings');

    // Back (popstate) into settings: the page's app renders the settings again.
    await page.evaluate(() => history.back());
    await page.waitForFunction((p) => location.pathname === p, GEN_AI);
    await page.evaluate((html) => {
      const main = document.getElementById('app');
      main.replaceChildren();
      main.append(...new DOMParser().parseFromString(html, 'text/html').body.childNodes);
    }, SETTINGS_HTML);
    await waitForOverlay(page, (v) => v.state === 'share', { what: 'banner after going back', timeout: 5000 });
  } finally {
    await context.close();
  }
});
