// Finding 1: two controls for one setting. Which one is the real switch is a guess, so neither
// is flipped; and no per-setting view (tour report, undo, popup row, badge) may show a failed or
// sharing control as if the setting were fine because another control for it went well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportForPage } from '../../extension/background/tour_report.js';
import { badgeFor } from '../../extension/background/badge.js';
import { loadContentScripts } from './content_loader.mjs';

const C = await loadContentScripts('text_clip.js', 'page_summary.js', 'two_controls.js', 'policy.js', 'control_state.js', 'opt_out.js');

const PAGE = { path: '/mypreferences/d/settings/data-for-ai-improvement' };
const GEN_AI = [{ id: 'generative_ai_training', title: 'Gen AI' }];
const row = (over = {}) => ({ setting: 'generative_ai_training', title: 'Gen AI', state: 'off', shares_data: false, action: 'none', confidence: 'high', controls: 1, ...over });
const result = (over) => ({ setting: 'generative_ai_training', title: 'Gen AI', ...over });

test('tour report: a setting with a changed and a failed control is reported failed', () => {
  const status = {
    settings: [row({ controls: 2 })],
    results: [
      result({ ref: 'c1', outcome: 'changed', before: 'on', after: 'off', verified: true, recorded_at: 't1' }),
      result({ ref: 'c2', outcome: 'failed', before: 'on', after: 'on', reason: 'the switch is still on after clicking' }),
    ],
  };
  const [line] = reportForPage('optout', PAGE, GEN_AI, status);
  assert.equal(line.outcome, 'failed');
  assert.match(line.reason, /still on after clicking/);
  assert.equal(line.controls, 2, 'the line says there were two controls');
  assert.match(line.reason, /2 switches on this page look like this setting/);
});

test('tour report: the order does not matter, and the worst wins over every good outcome', () => {
  const results = [
    result({ ref: 'c2', outcome: 'failed', reason: 'x' }),
    result({ ref: 'c1', outcome: 'changed', before: 'on', after: 'off' }),
    result({ ref: 'c3', outcome: 'already_off', before: 'off', after: 'off' }),
  ];
  for (const order of [results, [...results].reverse()]) {
    assert.equal(reportForPage('optout', PAGE, GEN_AI, { settings: [row({ controls: 3 })], results: order })[0].outcome, 'failed');
  }
});

test('tour report: a changed control does not hide another control of the setting that still shares data', () => {
  const status = {
    // After the run the page still shows a switch for this setting that shares data (a maybe).
    settings: [row({ state: 'on', shares_data: true, action: 'highlight', confidence: 'low', doubt: 'two_controls', controls: 2 })],
    results: [result({ ref: 'c1', outcome: 'changed', before: 'on', after: 'off', verified: true })],
  };
  const [line] = reportForPage('optout', PAGE, GEN_AI, status);
  assert.equal(line.outcome, 'needs_review');
  assert.equal(line.before, 'on');
});

test('tour report: two controls the host would not flip are a review, said as such', () => {
  const status = { settings: [row({ state: 'on', shares_data: true, action: 'highlight', confidence: 'low', doubt: 'two_controls', controls: 2 })] };
  const [line] = reportForPage('preview', PAGE, GEN_AI, status);
  assert.equal(line.outcome, 'needs_review');
  assert.match(line.reason, /^2 switches on this page look like this setting; OptOut cannot tell which one is the real switch/);
});

test('undo report: a restored and a failed control make a failed line', () => {
  const status = {
    settings: [row({ controls: 2 })],
    results: [result({ outcome: 'restored', before: 'off', after: 'on' }), result({ outcome: 'failed', reason: 'the switch is off after clicking' })],
  };
  assert.equal(reportForPage('undo', PAGE, GEN_AI, status)[0].outcome, 'failed');
});

const verdict = (ref, over = {}) => ({
  ref, setting: 'generative_ai_training', title: 'Gen AI', category: 'generative_ai', shares_when: 'on', state: 'on',
  shares_data: true, confidence: 'high', action: 'flip', doubt: null, ...over,
});
const controls = (...refs) => new Map(refs.map(([ref, kind = 'switch']) => [ref, { ref, kind, label: `label ${ref}` }]));

test('two sure controls for one setting: neither is flipped, both are maybes (an older host flipped both)', () => {
  const ctl = controls(['c1'], ['c2']);
  const marked = C.markTwoControls([verdict('c1'), verdict('c2', { state: 'off', shares_data: false, action: 'none' })], ctl);
  assert.deepEqual(marked.map((v) => [v.ref, v.confidence, v.doubt, v.action]),
    [['c1', 'low', 'two_controls', 'highlight'], ['c2', 'low', 'two_controls', 'none']]);
  const summary = C.summarizePage(marked, ctl);
  assert.equal(summary.flips.length, 0);
  assert.equal(summary.sharingSettings, 0);
  assert.equal(summary.maybeSettings, 1, 'counted as a maybe');
  // One sure control and other settings are left alone; so are the options of one choice.
  const single = [verdict('c1'), verdict('c3', { setting: 'research' })];
  assert.deepEqual(C.markTwoControls(single, controls(['c1'], ['c3'])), single);
  const radio = [verdict('r1', { shares_when: 'off', state: 'off' }), verdict('r2', { shares_when: 'on', state: 'on', action: 'none' })];
  assert.deepEqual(C.markTwoControls(radio, controls(['r1', 'radio'], ['r2', 'radio'])), radio);
});

test('popup row and badge: a setting with an off control and a sharing one reads as sharing, with its control count', () => {
  const ctl = controls(['c1'], ['c2']);
  const verdicts = [
    verdict('c1', { state: 'off', shares_data: false, action: 'none', confidence: 'low', doubt: 'two_controls' }),
    verdict('c2', { action: 'highlight', confidence: 'low', doubt: 'two_controls' }),
  ];
  for (const order of [verdicts, [...verdicts].reverse()]) {
    const summary = C.summarizePage(order, ctl);
    const rows = C.settingsView(summary, ctl);
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0].ref, rows[0].state, rows[0].controls], ['c2', 'on', 2]);
    const badge = badgeFor({ settings: rows, sharing: summary.sharingSettings, maybe: summary.maybeSettings });
    assert.equal(badge.text, '1?');
  }
});

test('undo on the page: with two controls for the setting, neither is clicked and the line says why', async () => {
  const snapshot = { page: { url_path: PAGE.path }, controls: [{ ref: 'c1', kind: 'switch', label: 'a' }, { ref: 'c2', kind: 'switch', label: 'b' }] };
  const verdicts = [verdict('c1', { state: 'off', shares_data: false, action: 'none' }), verdict('c2', { state: 'off', shares_data: false, action: 'none' })];
  const sent = [];
  const results = await C.restore(verdicts, snapshot, async (r) => { sent.push(r); return { ok: true }; }, [{ setting: 'generative_ai_training', state: 'on' }]);
  assert.deepEqual(results.map((r) => r.outcome), ['failed']);
  assert.match(results[0].reason, /2 switches on this page look like this setting/);
  assert.deepEqual(sent, [], 'nothing clicked, nothing recorded');
});
