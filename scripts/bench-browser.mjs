// Real-browser timings, headless Chromium + extension + optout-host on the fixture site:
//  - settings page rendered its switch -> OptOut's overlay attached (snapshot, host round trip, render)
//  - navigation start -> overlay attached (includes the fixture's own render delay)
//  - click on "Opt out" -> banner says verified off (includes the deliberate settle delay)
//  - what OptOut costs on a LinkedIn page that is not a settings page: a feed-like page with
//    constant DOM churn, main-thread task time, script time and thread CPU time (CDP
//    Performance.getMetrics) per tick of the page's own work, with and without the extension,
//    the same page open in both browsers at once and measured over the same windows.
// Prints medians (and p90 / p10): node scripts/bench-browser.mjs [RUNS] [FEED_WINDOWS]
// OPTOUT_EXTENSION_DIR=DIR measures another copy of the extension (e.g. an older commit's).
import { startFixtureServer, FEED_LIVE_PATH } from '../tests/fixtures/site/server.mjs';
import { launchBrowser, EXTENSION_DIR } from '../tests/e2e/lib/browser.mjs';
import { waitForOverlay, clickOptOut } from '../tests/e2e/lib/overlay.mjs';

const RUNS = Number(process.argv[2] || 15);
const FEED_ROUNDS = Number(process.argv[3] || 20); // windows per session, two sessions
const RENDER_DELAY_MS = 400;
const FEED_WARMUP_MS = 1000;
const FEED_WINDOW_MS = 2000;
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => quantile(xs, 0.5);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = await startFixtureServer({ renderDelayMs: RENDER_DELAY_MS });

async function settingsPageTimings() {
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
  }
  return sample;
}

// The feed-like page open in both browsers at once, measured over the same windows, so the
// load of the machine (shared, 2 cores) hits both alike and the per-window ratio is steady.
// Per window and page: main-thread task time, script time and thread CPU time, in ms per 1000
// ticks of the page's own work.
async function openFeed(context) {
  const page = await context.newPage();
  await page.goto(`https://www.linkedin.com${FEED_LIVE_PATH}`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    return { task: m.TaskDuration, script: m.ScriptDuration, cpu: m.ThreadTime, ticks: await page.evaluate(() => window.__feedTicks) };
  };
  return { page, read };
}

const perKiloTick = (a, b) => Object.fromEntries(['task', 'script', 'cpu'].map((k) => [k, ((b[k] - a[k]) * 1e6) / (b.ticks - a.ticks)]));

// OptOut's own JavaScript on the feed-like page, from a CPU profile: the time of every sample
// with a frame of our extension on its stack (inclusive), per 1000 ticks of the page's work and
// against the page's thread CPU. Not disturbed by the machine's load as the ratios are; it
// cannot see work the browser does for us outside our JavaScript (e.g. building mutation records).
async function feedProfile(seconds) {
  const browser = await launchBrowser({ fixturePort: server.port });
  try {
    const { page, read } = await openFeed(browser.context);
    await sleep(FEED_WARMUP_MS);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const a = await read();
    await cdp.send('Profiler.start');
    await sleep(seconds * 1000);
    const { profile } = await cdp.send('Profiler.stop');
    const b = await read();
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const ours = new Map();
    const isOurs = (id) => {
      if (ours.has(id)) return ours.get(id);
      const n = byId.get(id);
      const v = n.callFrame.url.startsWith('chrome-extension://') || (parent.has(id) && isOurs(parent.get(id)));
      ours.set(id, v);
      return v;
    };
    let oursUs = 0;
    profile.samples.forEach((id, i) => { if (isOurs(id)) oursUs += profile.timeDeltas[i] || 0; });
    const ticks = b.ticks - a.ticks;
    return { ms: oursUs / 1000, perKiloTick: (oursUs / 1000) * (1000 / ticks), ofCpu: (oursUs / 1e6) / (b.cpu - a.cpu) };
  } finally {
    await browser.context.close();
  }
}

// control: both browsers without OptOut, to show how far apart two identical browsers read
// on this machine (the noise floor of the comparison).
async function feedTimings({ control = false } = {}) {
  const withIt = await launchBrowser({ fixturePort: server.port, extension: !control });
  const without = await launchBrowser({ fixturePort: server.port, extension: false });
  const sample = { with: [], without: [], ticks: [] };
  try {
    // Two sessions with fresh pages, so one page's luck does not decide.
    for (let session = 0; session < 2; session++) {
      const w = await openFeed(withIt.context);
      const wo = await openFeed(without.context);
      await sleep(FEED_WARMUP_MS);
      let [a, b] = await Promise.all([w.read(), wo.read()]);
      for (let i = 0; i < FEED_ROUNDS; i++) {
        await sleep(FEED_WINDOW_MS);
        const [a2, b2] = await Promise.all([w.read(), wo.read()]);
        sample.with.push(perKiloTick(a, a2));
        sample.without.push(perKiloTick(b, b2));
        sample.ticks.push(a2.ticks - a.ticks);
        [a, b] = [a2, b2];
      }
      await w.page.close();
      await wo.page.close();
    }
  } finally {
    await withIt.context.close();
    await without.context.close();
  }
  return sample;
}

try {
  console.log(`extension: ${EXTENSION_DIR}`);
  const settings = process.env.OPTOUT_BENCH_FEED_ONLY ? {} : await settingsPageTimings();
  console.log(`settings page, ${RUNS} runs; fixture render delay ${RENDER_DELAY_MS} ms; first snapshot when a switch appears, re-snapshots after 250 ms of quiet; settle before verifying 700 ms`);
  for (const [name, xs] of Object.entries(settings)) {
    console.log(`  ${name.padEnd(16)} median ${median(xs).toFixed(0).padStart(5)} ms   p90 ${quantile(xs, 0.9).toFixed(0).padStart(5)} ms`);
  }
  const pct = (r) => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)}%`;
  const prof = await feedProfile(10);
  console.log(`feed-like page (${FEED_LIVE_PATH}), OptOut's own JavaScript over 10 s (CPU profile): ${prof.ms.toFixed(1)} ms, ` +
    `${prof.perKiloTick.toFixed(2)} ms per 1000 ticks, ${(prof.ofCpu * 100).toFixed(2)}% of the page's thread CPU`);
  for (const control of [false, true]) {
    const feed = await feedTimings({ control });
    const [a, b] = control ? ['browser A', 'browser B (both without OptOut: the noise floor)'] : ['with OptOut', 'without'];
    console.log(`feed-like page (${FEED_LIVE_PATH}), ${a} vs ${b}, open at once, ${feed.with.length} windows of ${FEED_WINDOW_MS} ms ` +
      `(median ${median(feed.ticks)} ticks of the page's work each); ms per 1000 ticks:`);
    for (const k of ['task', 'script', 'cpu']) {
      const ratios = feed.with.map((x, i) => x[k] / feed.without[i][k]);
      const name = { task: 'task time', script: 'script time', cpu: 'thread CPU' }[k];
      console.log(`  ${name.padEnd(11)} ${median(feed.with.map((x) => x[k])).toFixed(0).padStart(5)} vs ${median(feed.without.map((x) => x[k])).toFixed(0).padStart(5)}; ` +
        `ratio per window: median ${pct(median(ratios))} (p10 ${pct(quantile(ratios, 0.1))}, p90 ${pct(quantile(ratios, 0.9))})`);
    }
  }
} finally {
  await server.close();
}
