// The banner in the page's language: every line of the banner model comes from the messages of
// the page's locale (here German, as the service worker hands it to the tab), dates in the page's
// locale, and a failure's reason said in German while the English reason stays for the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadContentScripts } from './content_loader.mjs';
import { textTable, fill } from '../../extension/shared/i18n.js';

const C = await loadContentScripts('text_clip.js', 'page_summary.js', 'policy.js', 'two_controls.js', 'host_link.js', 'opt_out.js', 'confirm_maybe.js', 'banner_model.js');
const messagesOf = (locale) => JSON.parse(readFileSync(new URL(`../../extension/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
const EN = textTable(messagesOf('en'), null);
const DE = textTable(messagesOf('en'), messagesOf('de'));
const de = (key, ...subs) => fill(DE[key], subs);

function onPage(lang, table) {
  globalThis.document = { documentElement: { lang } };
  globalThis.location = { search: '' };
  C.setUiText(table);
}

const verdict = (ref, over = {}) => ({
  ref, setting: 'ads_age', title: 'Altersgruppe', category: 'advertising', shares_when: 'on', state: 'on',
  shares_data: true, confidence: 'high', action: 'flip', doubt: null, explain: 'Nutzt Ihre Altersgruppe.', ...over,
});
const unknown = (ref, state = 'on') => ({ ref, setting: null, title: null, category: 'unknown', shares_when: null, state, shares_data: false, confidence: 'none', action: 'none', doubt: null });
const controls = (...refs) => new Map(refs.map((ref) => [ref, { ref, kind: 'switch', label: `label ${ref}` }]));
const model = (verdicts, ctl, extra = {}) => C.bannerModel({ verdicts, controlOf: ctl, results: null, busy: false, hostError: null, ...extra });
const AT = '2026-11-30T01:27:24.000Z';

test('German page: the share, done, failed, maybe, unknown and error banners say German messages', () => {
  onPage('de', DE);
  const share = model([verdict('c1')], controls('c1'));
  assert.equal(share.title, 'Altersgruppe ist an');
  assert.equal(share.title, de('banner_share_title_on', 'Altersgruppe'));
  assert.deepEqual(share.optOut, { label: de('opt_out'), disabled: false });
  assert.equal(model([verdict('c1')], controls('c1'), { busy: true }).optOut.label, de('opting_out'));
  const two = model([verdict('c1'), verdict('c2', { setting: 'ads_gender', title: 'Geschlecht' })], controls('c1', 'c2'));
  assert.equal(two.title, de('banner_share_title_many', 2));

  const done = model([verdict('c1', { state: 'off', action: 'none' })], controls('c1'), {
    results: [{ title: 'Altersgruppe', outcome: 'changed', kind: 'switch', recorded_at: AT }],
  });
  assert.deepEqual([done.title, done.body], ['Deaktiviert', de('banner_done_body')]);
  assert.match(done.items[0], /^Altersgruppe: ausgeschaltet und als aus geprüft am \d\d\.\d\d\.\d{4}, \d\d:\d\d:\d\d$/);

  const failedResult = { title: 'Altersgruppe', outcome: 'failed', ...C.failureReason('reason_still_on', 'the switch is still on after clicking') };
  const failed = model([verdict('c1')], controls('c1'), { results: [failedResult] });
  assert.equal(failed.title, de('banner_failed_title_one'));
  assert.equal(failed.optOut.label, de('banner_try_again'));
  assert.equal(failed.items[0], `Altersgruppe: NICHT ausgeschaltet (${de('reason_still_on')})`);
  assert.equal(failedResult.reason, 'the switch is still on after clicking', 'the record keeps the English reason');

  const maybe = model([verdict('c1', { confidence: 'low', action: 'highlight', doubt: 'no_anchor' })], controls('c1'));
  assert.equal(maybe.title, de('confirm_question', 'Altersgruppe'));
  assert.equal(maybe.body, de('banner_maybe_body_one', de('turn_it_off')));
  assert.match(maybe.body, /„Ausschalten“/);

  const unknownOn = model([unknown('u1'), unknown('u2')], controls('u1', 'u2'));
  assert.deepEqual([unknownOn.title, unknownOn.body], [de('banner_unrecognised_title'), de('banner_unknown_on_body_other', 2)]);
  assert.deepEqual(unknownOn.items, [de('banner_unknown_on_item_other', 2, 2)]);

  const missing = model([], new Map(), { hostError: { name: 'host_unavailable', message: '' } });
  assert.deepEqual([missing.title, missing.body], [de('banner_helper_missing_title'), de('banner_helper_missing_body')]);

  // No English sentence leaks into any of them (titles from the page are German here).
  for (const m of [share, two, done, failed, maybe, unknownOn, missing]) {
    const text = [m.title, m.body, ...m.items, m.optOut && m.optOut.label].join('\n');
    assert.doesNotMatch(text, /\b(?:is on|the switch|OptOut is|turned off|Opt out|could not|check it)\b/, text);
  }
});

test('every banner message differs from English in German (translated, not copied)', () => {
  const keys = Object.keys(EN).filter((k) => /^(?:banner_|reason_)/.test(k) || k === 'learn_error_no_label');
  assert.ok(keys.length >= 50, `${keys.length} banner keys`);
  for (const k of keys) assert.notEqual(DE[k], EN[k], k);
});

test('English page: the same banner lines as before, dates in English', () => {
  onPage('en', EN);
  const done = model([verdict('c1', { title: 'Age range', state: 'off', action: 'none' })], controls('c1'), {
    results: [
      { title: 'Age range', outcome: 'changed', kind: 'switch', recorded_at: AT, confirmed_by_user: true, learned: true },
      { title: 'Gender', outcome: 'failed', ...C.failureReason('reason_two_controls_restore', `${C.twoControlsReason(2)}: put it back yourself`, 2) },
      { title: 'X', outcome: 'already_off', confirmed_by_user: true, learn_error: 'no answer', learn_error_msg: 'no_answer' },
    ],
  });
  assert.equal(done.title, 'A setting could not be turned off');
  const at = new Date(AT).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'medium' });
  assert.deepEqual(done.items, [
    `Age range: turned off and verified off at ${at}; you confirmed it, and OptOut will recognise it from now on`,
    'Gender: NOT turned off (2 switches on this page look like this setting: put it back yourself)',
    'X: was already off; you confirmed it, but OptOut could not remember it (no answer)',
  ]);
  assert.match(at, /^Nov 30, 2026, \d{1,2}:27:24\s[AP]M$/);
});

test('German learn errors: ours in German, the helper\'s own message as it came', () => {
  onPage('de', DE);
  const line = (r) => C.resultLine({ title: 'T', outcome: 'already_off', confirmed_by_user: true, ...r });
  assert.equal(line({ learn_error: 'the switch has no label to remember', learn_error_msg: 'learn_error_no_label' }), `T: war schon aus${de('banner_note_learn_failed', de('learn_error_no_label'))}`);
  assert.equal(line({ learn_error: 'rules: disk full' }), `T: war schon aus${de('banner_note_learn_failed', 'rules: disk full')}`);
});
