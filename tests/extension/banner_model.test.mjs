// What the banner says in each page state. The rule: never "off" while a switch here shares
// data, might, or is on and could not be told apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContentScripts } from './content_loader.mjs';
import { readFileSync } from 'node:fs';
import { textTable } from '../../extension/shared/i18n.js';

const C = await loadContentScripts('text_clip.js', 'page_summary.js', 'banner_model.js', 'policy.js', 'host_link.js');
// The banner's words come from the messages (host_link.js's t): an English page's table.
C.setUiText(textTable(JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8')), null));

const verdict = (ref, over = {}) => ({
  ref, setting: 'ads_age', title: 'Age range', category: 'advertising', shares_when: 'on', state: 'on',
  shares_data: true, confidence: 'high', action: 'flip', doubt: null, explain: 'Uses your age range.', ...over,
});
const maybe = (ref, over = {}) => verdict(ref, { confidence: 'low', action: 'highlight', doubt: 'no_anchor', ...over });
const unknown = (ref, state = 'on') => ({
  ref, setting: null, title: null, category: 'unknown', shares_when: null, state, shares_data: false, confidence: 'none', action: 'none', doubt: null,
});
function controls(...list) {
  return new Map(list.map(([ref, kind = 'switch', label = `label ${ref}`]) => [ref, { ref, kind, label }]));
}
const model = (verdicts, ctl, extra = {}) => C.bannerModel({ verdicts, controlOf: ctl, results: null, busy: false, hostError: null, ...extra });
const saysOff = (m) => /\boff\b|nothing to do/i.test(`${m.title} ${m.body || ''}`) && !/turn it off|turned off/i.test(m.title);

test('a sure, sharing switch: its title "is on" and an Opt out button', () => {
  const m = model([verdict('c1')], controls(['c1']));
  assert.equal(m.state, 'share');
  assert.equal(m.title, 'Age range is on');
  assert.deepEqual(m.optOut, { label: 'Opt out', disabled: false });
  assert.deepEqual(m.choices.map((c) => c.ref), []);
});

test('a maybe that shares data is never reported as off: it asks "turn it off?" with its own button', () => {
  const m = model([maybe('c1')], controls(['c1']));
  assert.equal(m.state, 'maybe');
  assert.equal(m.title, 'This looks like Age range - turn it off?');
  assert.equal(m.optOut, null);
  assert.deepEqual(m.choices.map((c) => [c.ref, c.setting, c.label]), [['c1', 'ads_age', 'Turn it off']]);
  assert.ok(!saysOff(m), m.title);
});

test('the old bug: an off setting beside a sharing maybe must not read "settings on this page are off"', () => {
  const m = model([verdict('c1', { setting: 'ads_gender', title: 'Gender', state: 'off', shares_data: false, action: 'none' }), maybe('c2')], controls(['c1'], ['c2']));
  assert.equal(m.state, 'maybe');
  assert.doesNotMatch(m.title, /are off/);
});

test('several maybes: a count in the title and one question and button per switch', () => {
  const m = model([maybe('c1'), maybe('c2', { setting: 'ads_gender', title: 'Gender' })], controls(['c1'], ['c2']));
  assert.equal(m.title, '2 switches here might share your data');
  assert.deepEqual(m.choices.map((c) => c.text), ['This looks like Age range - turn it off?', 'This looks like Gender - turn it off?']);
});

test('two controls for one setting: each question names its own control', () => {
  const m = model([maybe('c1', { doubt: 'two_controls' }), maybe('c2', { doubt: 'two_controls' })], controls(['c1', 'switch', 'Age for ads'], ['c2', 'switch', 'Age range']));
  assert.deepEqual(m.choices.map((c) => c.text), [
    'This looks like Age range - turn it off? ("Age for ads")', 'This looks like Age range - turn it off? ("Age range")',
  ]);
});

test('a maybe choice offers its most private option, never the selected sharing one', () => {
  const ctl = controls(['c1', 'radio'], ['c2', 'radio']);
  const m = model([
    maybe('c1', { setting: 'discover_by_email', title: 'Discovery by email', shares_when: 'on', state: 'on' }),
    maybe('c2', { setting: 'discover_by_email', title: 'Discovery by email', shares_when: 'off', state: 'off' }),
  ], ctl);
  assert.deepEqual(m.choices.map((c) => c.ref), ['c2']);
});

test('a maybe outside the chosen categories is not offered, and the banner still says it shares data', () => {
  const v = C.applyPolicy([maybe('c1')], ['generative_ai']);
  const m = model(v, controls(['c1']));
  assert.equal(m.state, 'skipped');
  assert.equal(m.title, '1 setting here shares your data');
  assert.deepEqual(m.choices, []);
  assert.match(m.items.join('\n'), /not in the categories you chose/);
});

test('unknown switches that are on: "could not tell", never "off"', () => {
  const onlyUnknown = model([unknown('c1'), unknown('c2', 'off')], controls(['c1'], ['c2']));
  assert.equal(onlyUnknown.state, 'unknown_on');
  assert.equal(onlyUnknown.title, 'OptOut did not recognise the switches on this page');
  assert.match(onlyUnknown.body, /^One switch here is on, and OptOut could not tell whether it shares your data/);
  const withKnownOff = model([verdict('c1', { state: 'off', shares_data: false, action: 'none' }), unknown('c2')], controls(['c1'], ['c2']));
  assert.equal(withKnownOff.state, 'unknown_on');
  assert.equal(withKnownOff.title, 'OptOut could not tell whether 1 switch here shares your data');
  assert.ok(!saysOff(withKnownOff));
});

test('all recognised settings off and no unknown switch on: the only "off" banner', () => {
  const m = model([verdict('c1', { state: 'off', shares_data: false, action: 'none' }), unknown('c2', 'off')], controls(['c1'], ['c2']));
  assert.equal(m.state, 'all_off');
  assert.equal(m.title, 'Your data-sharing settings on this page are off');
});

test('a failed change is its own state, with a way to try again while the switch still shares', () => {
  const results = [{ title: 'Age range', outcome: 'failed', reason: 'the switch is still on after clicking', recorded_at: '2026-11-29T10:00:00.000Z' }];
  const m = model([verdict('c1')], controls(['c1']), { results });
  assert.equal(m.state, 'failed');
  assert.equal(m.title, 'A setting could not be turned off');
  assert.equal(m.optOut.label, 'Try again');
  assert.match(m.items[0], /^Age range: NOT turned off \(the switch is still on after clicking\)/);
});

test('after a confirmed change: "Opted out", and the line says the member confirmed it and OptOut learned it', () => {
  const results = [{ title: 'Age range', outcome: 'changed', confirmed_by_user: true, learned: true, recorded_at: '2026-11-29T10:00:00.000Z' }];
  const m = model([maybe('c1', { state: 'off', shares_data: false, action: 'none' })], controls(['c1']), { results });
  assert.equal(m.state, 'done');
  assert.match(m.items[0], /^Age range: turned off and verified off at .*; you confirmed it, and OptOut will recognise it from now on$/);
  const notLearned = model([], controls(), { results: [{ ...results[0], learned: false, learn_error: 'unknown request type' }] });
  assert.match(notLearned.items[0], /could not remember it \(unknown request type\)$/);
});

test('busy: buttons are disabled; host missing: install instructions', () => {
  const m = model([verdict('c1'), maybe('c2', { setting: 'ads_gender', title: 'Gender' })], controls(['c1'], ['c2']), { busy: true });
  assert.deepEqual([m.optOut.disabled, m.optOut.label, m.choices[0].disabled], [true, 'Opting out\u2026', true]);
  const e = model([], controls(), { hostError: { name: 'host_unavailable', message: 'x' } });
  assert.equal(e.state, 'error');
  assert.equal(e.code, 'optout-host install --browser chromium');
});

test('nothing on the page: no banner', () => {
  assert.equal(model([], controls()), null);
});
