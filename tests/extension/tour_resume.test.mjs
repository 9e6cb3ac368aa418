// A tour survives the background stopping mid-page (Firefox suspends its event page, Chromium
// may stop its service worker): runTour against a fake browser whose "background" is stopped
// at a chosen moment. What was saved last is all a new background gets; it must finish the
// tour with every setting reported once, change nothing twice, and never loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTour, newTour, MAX_RESUMES_PER_PAGE } from '../../extension/background/tour.js';

const PAGES = [
  { path: '/a', settings: [{ id: 'gen_ai', title: 'Gen AI' }] },
  { path: '/b', settings: [{ id: 'research', title: 'Research' }, { id: 'ads', title: 'Ads' }] },
  { path: '/c', settings: [{ id: 'cookies', title: 'Cookies' }] },
];

// The member's LinkedIn: every switch on until a tab turns it off (kept across backgrounds).
function site() {
  return { on: new Set(['gen_ai', 'research', 'ads', 'cookies']), optOutsSent: [] };
}

const stopped = Symbol('background stopped');

// One background's view of the browser. `stopAt(event)` returning true stops this background
// there: the call never returns (as when the browser suspends the page mid-await).
function browser(linkedin, { stopAt = () => false, tabs = new Map(), nextTab = { id: 1 } } = {}) {
  const saves = [];
  const events = [];
  let dead = false;
  const hang = () => new Promise(() => {});
  const step = async (event) => {
    if (dead) return hang();
    events.push(event);
    if (stopAt(event, events)) {
      dead = true;
      return hang();
    }
    return undefined;
  };
  const statusOf = (path) => {
    const page = PAGES.find((p) => p.path === path);
    return {
      settings: page.settings.map((s) => ({
        setting: s.id, state: linkedin.on.has(s.id) ? 'on' : 'off', shares_data: linkedin.on.has(s.id), action: linkedin.on.has(s.id) ? 'flip' : 'none',
      })),
      results: null,
      busy: false,
    };
  };
  /** @type {import('../../extension/background/tour.js').ResumableTourDeps} */
  const deps = {
    origin: 'https://www.linkedin.com',
    save: async (tour) => { if (!dead) saves.push(structuredClone(tour)); },
    openTab: async (url) => {
      await step(`open ${new URL(url).pathname}`);
      const id = nextTab.id++;
      tabs.set(id, { path: new URL(url).pathname, status: null });
      return id;
    },
    closeTab: async (tabId) => { if (!dead) tabs.delete(tabId); },
    tabAlive: async (tabId, url) => tabs.has(tabId) && url === `https://www.linkedin.com${tabs.get(tabId).path}`,
    waitForStatus: async (tabId) => {
      await step(`wait ${tabs.get(tabId).path}`);
      const tab = tabs.get(tabId);
      tab.status = statusOf(tab.path);
      return tab.status;
    },
    askStatus: async (tabId) => (tabs.has(tabId) ? tabs.get(tabId).status : null),
    sendToTab: async (tabId, msg) => {
      const tab = tabs.get(tabId);
      linkedin.optOutsSent.push(tab.path);
      // The tab does its work whether or not the background is still there to hear the answer.
      const results = [];
      for (const id of msg.only) {
        const was = linkedin.on.has(id);
        linkedin.on.delete(id);
        results.push({ setting: id, outcome: was ? 'changed' : 'already_off', before: was ? 'on' : 'off', after: 'off', recorded_at: tab.recordFails ? null : '2026-11-30T00:00:00.000Z' });
      }
      tab.status = { ...statusOf(tab.path), results };
      await step(`acted ${tab.path}`);
      return tab.status;
    },
    now: () => Date.parse('2026-11-30T00:00:00Z'),
  };
  return { deps, saves, events, tabs, nextTab, isDead: () => dead, last: () => structuredClone(saves[saves.length - 1]) };
}

// Starts the first background; it stops at `stopAt`. Returns what the next background gets.
async function firstBackgroundStops(linkedin, stopAt) {
  const first = browser(linkedin, { stopAt });
  const tour = newTour('optout', structuredClone(PAGES), 1);
  await first.deps.save(tour);
  const outcome = await Promise.race([runTour(tour, first.deps).then(() => 'finished'), new Promise((r) => setTimeout(() => r(stopped), 50))]);
  assert.equal(outcome, stopped, 'the first background stopped mid-tour');
  return first;
}

const lines = (tour) => tour.results.map((r) => `${r.setting}:${r.outcome}`);

test('a tour records the page in progress (its tab) before waiting, and whether it was asked to change anything', async () => {
  const linkedin = site();
  const b = browser(linkedin);
  const done = await runTour(newTour('optout', structuredClone(PAGES), 1), b.deps);
  assert.deepEqual(lines(done), ['gen_ai:changed', 'research:changed', 'ads:changed', 'cookies:changed']);
  assert.equal(done.visit, null);
  assert.ok(done.finished_at);
  const visits = b.saves.map((t) => (t.visit ? { index: t.visit.index, acting: t.visit.acting } : null));
  // Page 0: opened (not acting), then asked to opt out (acting), then done (no visit).
  assert.deepEqual(visits.slice(0, 4), [null, { index: 0, acting: false }, { index: 0, acting: true }, null]);
  assert.equal(b.tabs.size, 0, 'every tab the tour opened is closed');
});

test('stopped while waiting for a page: the next background redoes that page in a fresh tab, without counting an attempt', async () => {
  const linkedin = site();
  const first = await firstBackgroundStops(linkedin, (e) => e === 'wait /b');
  const saved = first.last();
  assert.deepEqual([saved.index, saved.visit.index, saved.visit.acting, saved.attempts[1]], [1, 1, false, 1]);
  const oldTab = saved.visit.tabId;
  assert.ok(first.tabs.has(oldTab), 'its tab is still open');

  const second = browser(linkedin, { tabs: first.tabs, nextTab: first.nextTab });
  const done = await runTour(saved, second.deps);
  assert.deepEqual(lines(done), ['gen_ai:changed', 'research:changed', 'ads:changed', 'cookies:changed']);
  assert.equal(done.attempts[1], 1, 'a stopped background is no failed attempt of the page');
  assert.equal(first.tabs.has(oldTab), false, 'the old tab was closed');
  assert.equal(second.tabs.size, 0);
  assert.deepEqual(linkedin.optOutsSent, ['/a', '/b', '/c']);
});

test('stopped after the page turned its switches off and recorded them: that result is kept, nothing is done twice', async () => {
  const linkedin = site();
  const first = await firstBackgroundStops(linkedin, (e) => e === 'acted /b');
  const saved = first.last();
  assert.equal(saved.visit.acting, true);
  const second = browser(linkedin, { tabs: first.tabs, nextTab: first.nextTab });
  const done = await runTour(saved, second.deps);
  assert.deepEqual(lines(done), ['gen_ai:changed', 'research:changed', 'ads:changed', 'cookies:changed'], 'changed, not "already off"');
  assert.deepEqual(linkedin.optOutsSent, ['/a', '/b', '/c'], 'page /b was not opted out again');
  assert.equal(second.events.includes('open /b'), false, 'page /b was not opened again');
  assert.equal(second.tabs.size, 0);
});

test('stopped mid-change before the record was written: the page is looked at again; the change is this tour\'s, and the line says the record lacks it', async () => {
  const linkedin = site();
  const first = browser(linkedin, { stopAt: (e) => e === 'acted /b' });
  const origOpen = first.deps.openTab;
  first.deps.openTab = async (url) => {
    const id = await origOpen(url);
    first.tabs.get(id).recordFails = true; // the record request died with the background
    return id;
  };
  const tour = newTour('optout', structuredClone(PAGES), 1);
  await Promise.race([runTour(tour, first.deps), new Promise((r) => setTimeout(r, 50))]);
  assert.equal(first.isDead(), true);
  const second = browser(linkedin, { tabs: first.tabs, nextTab: first.nextTab });
  const done = await runTour(first.last(), second.deps);
  assert.deepEqual(lines(done), ['gen_ai:changed', 'research:changed', 'ads:changed', 'cookies:changed'], 'not "already off": this tour turned them off');
  const b = done.results.filter((r) => r.page === '/b');
  assert.deepEqual(b.map((r) => [r.before, r.after, r.recorded_at]), [['on', 'off', null], ['on', 'off', null]]);
  assert.ok(b.every((r) => /the record does not have this change/.test(r.reason)));
  assert.equal(done.results[0].reason, undefined);
  assert.deepEqual(linkedin.optOutsSent, ['/a', '/b', '/b', '/c'], 'the page was looked at (and asked) again');
  assert.equal(done.attempts[1], 1);
});

test('after a browser restart the stored tab id may belong to another tab: that tab is left alone, the page counts an attempt', async () => {
  const linkedin = site();
  const first = await firstBackgroundStops(linkedin, (e) => e === 'wait /b');
  const saved = first.last();
  const reused = saved.visit.tabId;
  const tabs = new Map([[reused, { path: '/unrelated', status: null }]]); // the member's own tab now
  const second = browser(linkedin, { tabs, nextTab: { id: 100 } });
  const done = await runTour(saved, second.deps);
  assert.deepEqual(lines(done), ['gen_ai:changed', 'research:changed', 'ads:changed', 'cookies:changed']);
  assert.equal(done.attempts[1], 2);
  assert.deepEqual([...tabs.keys()], [reused], 'the other tab is still open');
});

test('a page whose tab is gone (the browser crashed or quit there) counts an attempt; twice and it is skipped', async () => {
  const linkedin = site();
  const first = await firstBackgroundStops(linkedin, (e) => e === 'wait /b');
  first.tabs.clear(); // the browser went away with its tabs
  const second = await (async () => {
    const b = browser(linkedin, { stopAt: (e) => e === 'wait /b', tabs: first.tabs, nextTab: first.nextTab });
    await Promise.race([runTour(first.last(), b.deps), new Promise((r) => setTimeout(r, 50))]);
    assert.equal(b.isDead(), true);
    assert.equal(b.last().attempts[1], 2);
    return b;
  })();
  second.tabs.clear();
  const third = browser(linkedin, { tabs: second.tabs, nextTab: second.nextTab });
  const done = await runTour(second.last(), third.deps);
  assert.deepEqual(lines(done), ['gen_ai:changed', 'research:failed', 'ads:failed', 'cookies:changed']);
  assert.match(done.results[1].reason, /stopped twice on this page/);
  assert.equal(linkedin.on.has('research'), true, 'skipped, not changed');
});

test(`each attempt at a page is resumed at most ${MAX_RESUMES_PER_PAGE} times: a page that keeps stopping the background is skipped (no endless loop)`, async () => {
  const linkedin = site();
  let saved = (await firstBackgroundStops(linkedin, (e) => e === 'wait /b')).last();
  let tabs = null;
  let nextTab = { id: 100 };
  const attemptsSeen = [];
  for (let stop = 0; stop < 20 && !saved.finished_at; stop++) {
    const b = browser(linkedin, { stopAt: (e) => e === 'wait /b', tabs: tabs || new Map([[saved.visit.tabId, { path: '/b', status: null }]]), nextTab });
    const outcome = await Promise.race([runTour(saved, b.deps).then(() => 'finished'), new Promise((r) => setTimeout(() => r(stopped), 50))]);
    saved = b.last();
    if (outcome === stopped) attemptsSeen.push(saved.attempts[1]);
    tabs = b.tabs;
    nextTab = b.nextTab;
  }
  assert.ok(saved.finished_at, 'the tour finished');
  // Attempt 1 resumed MAX times, attempt 2 started and resumed MAX times, then the page is skipped.
  assert.deepEqual(attemptsSeen, [...Array(MAX_RESUMES_PER_PAGE).fill(1), ...Array(MAX_RESUMES_PER_PAGE + 1).fill(2)]);
  assert.deepEqual(lines(saved), ['gen_ai:changed', 'research:failed', 'ads:failed', 'cookies:changed']);
  assert.equal(tabs.size, 0, 'no tab left open');
});
