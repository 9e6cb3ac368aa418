// The tour runner with fake tabs: progress saved after every page, resumable, never loops,
// and a report line for every expected setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTour, newTour, pagesOf, undoPlan } from '../../extension/background/tour.js';

const SETTINGS = [
  { id: 'gen_ai', title: 'Gen AI', page: '/a' },
  { id: 'ads_age', title: 'Age', page: '/b' },
  { id: 'ads_gender', title: 'Gender', page: '/c' },
  { id: 'hirers', title: 'Hirers', page: '/a' },
  { id: 'nowhere', title: 'No page', page: null },
];

const setting = (id, over = {}) => ({ setting: id, title: id, state: 'on', shares_data: true, action: 'flip', ...over });

// pages: path -> {status, afterOptOut}
function fakeDeps(pages) {
  const saved = [];
  const opened = [];
  const closed = [];
  const sent = [];
  let nextTab = 1;
  const tabPath = new Map();
  return {
    saved, opened, closed, sent,
    deps: {
      origin: 'https://www.linkedin.com',
      save: async (t) => { saved.push(structuredClone(t)); },
      openTab: async (url) => { opened.push(url); const id = nextTab++; tabPath.set(id, new URL(url).pathname); return id; },
      closeTab: async (id) => { closed.push(id); },
      sendToTab: async (id, msg) => { sent.push({ path: tabPath.get(id), msg }); return pages[tabPath.get(id)].afterOptOut; },
      waitForStatus: async (id) => (pages[tabPath.get(id)] || {}).status || null,
      now: () => Date.UTC(2026, 10, 29, 12, 0, 0),
    },
  };
}

test('pagesOf groups settings by page and skips settings without one', () => {
  assert.deepEqual(pagesOf(SETTINGS).map((p) => [p.path, p.settings.map((s) => s.id)]),
    [['/a', ['gen_ai', 'hirers']], ['/b', ['ads_age']], ['/c', ['ads_gender']]]);
});

test('opt-out tour reports changed, already off, failed and not found, and closes every tab', async () => {
  const f = fakeDeps({
    '/a': {
      status: { settings: [setting('gen_ai'), setting('hirers', { shares_data: false, state: 'off', action: 'none' })] },
      afterOptOut: {
        settings: [setting('gen_ai', { shares_data: false, state: 'off', action: 'none' }), setting('hirers', { shares_data: false, state: 'off', action: 'none' })],
        results: [{ setting: 'gen_ai', outcome: 'changed', before: 'on', after: 'off', recorded_at: 't' }],
      },
    },
    '/b': {
      status: { settings: [setting('ads_age')] },
      afterOptOut: { settings: [setting('ads_age')], results: [{ setting: 'ads_age', outcome: 'failed', reason: 'the switch is still on after clicking', before: 'on', after: 'on' }] },
    },
    '/c': { status: { settings: [] } },
  });
  const tour = await runTour(newTour('optout', pagesOf(SETTINGS), f.deps.now()), f.deps);
  assert.deepEqual(tour.results.map((r) => [r.setting, r.outcome]),
    [['gen_ai', 'changed'], ['hirers', 'already_off'], ['ads_age', 'failed'], ['ads_gender', 'not_found']]);
  assert.equal(tour.results[2].reason, 'the switch is still on after clicking');
  assert.deepEqual(f.opened, ['https://www.linkedin.com/a', 'https://www.linkedin.com/b', 'https://www.linkedin.com/c']);
  assert.deepEqual(f.closed, [1, 2, 3]);
  // Only pages that showed their settings get the opt-out, limited to that page's settings.
  assert.deepEqual(f.sent.map((s) => [s.path, s.msg.kind, s.msg.only]), [['/a', 'optOut', ['gen_ai', 'hirers']], ['/b', 'optOut', ['ads_age']]]);
  assert.ok(tour.finished_at);
  assert.equal(f.saved.at(-1).finished_at, tour.finished_at);
});

test('preview changes nothing and says what would change', async () => {
  const f = fakeDeps({ '/a': { status: { settings: [setting('gen_ai'), setting('hirers', { action: 'highlight', skip_reason: 'not in the categories you chose to opt out of' })] } } });
  const tour = await runTour(newTour('preview', pagesOf(SETTINGS.slice(0, 1).concat(SETTINGS[3])), 0), f.deps);
  assert.deepEqual(tour.results.map((r) => [r.setting, r.outcome]), [['gen_ai', 'would_change'], ['hirers', 'needs_review']]);
  assert.equal(tour.results[1].reason, 'not in the categories you chose to opt out of');
  assert.deepEqual(f.sent, []);
});

test('a tour interrupted on a page resumes there, and a page that stopped it twice is skipped', async () => {
  const f = fakeDeps({ '/a': { status: { settings: [setting('gen_ai'), setting('hirers')] } }, '/b': { status: { settings: [setting('ads_age')] } }, '/c': { status: { settings: [setting('ads_gender')] } } });
  const tour = newTour('preview', pagesOf(SETTINGS), 0);
  // As stored after the browser died twice while on page 2 (index 1).
  tour.index = 1;
  tour.attempts = { 0: 1, 1: 2 };
  tour.results = [{ setting: 'gen_ai', outcome: 'would_change' }, { setting: 'hirers', outcome: 'would_change' }];
  const done = await runTour(tour, f.deps);
  assert.deepEqual(done.results.map((r) => [r.setting, r.outcome]),
    [['gen_ai', 'would_change'], ['hirers', 'would_change'], ['ads_age', 'failed'], ['ads_gender', 'would_change']]);
  assert.match(done.results[2].reason, /stopped twice/);
  assert.deepEqual(f.opened, ['https://www.linkedin.com/c']);
});

test('undo plans only what the last opt-out changed, back to the state before', () => {
  const lastRun = { mode: 'optout', results: [
    { setting: 'gen_ai', title: 'Gen AI', page: '/a', outcome: 'changed', before: 'on' },
    { setting: 'ads_age', title: 'Age', page: '/b', outcome: 'already_off', before: 'off' },
    { setting: 'ads_gender', title: 'Gender', page: '/c', outcome: 'failed', before: 'on' },
  ] };
  assert.deepEqual(undoPlan(lastRun), [{ setting: 'gen_ai', state: 'on', page: '/a', title: 'Gen AI' }]);
  assert.deepEqual(undoPlan({ mode: 'preview', results: lastRun.results }), []);
  assert.deepEqual(undoPlan(undefined), []);
});

test('an unknown mode is refused', () => {
  assert.throws(() => newTour('everything', [], 0), /unknown tour mode/);
});

test('signed out: the tour stops at the first page and every setting says so', async () => {
  const f = fakeDeps({ '/a': { status: { page_state: 'signed_out', settings: [] } } });
  const tour = await runTour(newTour('optout', pagesOf(SETTINGS), 0), f.deps);
  assert.deepEqual(f.opened, ['https://www.linkedin.com/a'], 'no other page is opened');
  assert.deepEqual(f.closed, [1]);
  assert.equal(tour.stopped, 'signed_out');
  assert.ok(tour.finished_at);
  assert.deepEqual(tour.results.map((r) => [r.setting, r.outcome]),
    [['gen_ai', 'signed_out'], ['hirers', 'signed_out'], ['ads_age', 'signed_out'], ['ads_gender', 'signed_out']]);
  assert.equal(tour.results[0].reason, 'LinkedIn showed its sign-in page instead');
  assert.equal(tour.results[2].reason, 'LinkedIn asked you to sign in');
  assert.equal(f.saved.at(-1).index, 3, 'stored as finished: it does not resume');
});

test("LinkedIn's page not found is skipped at once and the tour goes on", async () => {
  const f = fakeDeps({
    '/a': { status: { settings: [setting('gen_ai', { shares_data: false, state: 'off', action: 'none' }), setting('hirers', { shares_data: false, state: 'off', action: 'none' })] } },
    '/b': { status: { page_state: 'not_found', settings: [] } },
    '/c': { status: { settings: [setting('ads_gender', { shares_data: false, state: 'off', action: 'none' })] } },
  });
  const tour = await runTour(newTour('preview', pagesOf(SETTINGS), 0), f.deps);
  assert.deepEqual(tour.results.map((r) => [r.setting, r.outcome]),
    [['gen_ai', 'already_off'], ['hirers', 'already_off'], ['ads_age', 'not_found'], ['ads_gender', 'already_off']]);
  assert.equal(tour.results[2].reason, 'LinkedIn says this page does not exist');
  assert.equal(tour.stopped, undefined);
});

test('the tour waits for a page problem as for the settings themselves', async () => {
  const f = fakeDeps({});
  let ready;
  f.deps.waitForStatus = async (id, r) => { ready = r; return { page_state: 'not_found', settings: [] }; };
  await runTour(newTour('preview', pagesOf(SETTINGS.slice(1, 2)), 0), f.deps);
  assert.ok(ready({ page_state: 'signed_out', settings: [] }));
  assert.ok(ready({ page_state: 'not_found', settings: [] }));
  assert.ok(!ready({ page_state: null, settings: [] }));
});
