// Finding 8: any LinkedIn tab's port used to be able to `record` any outcome for any setting.
// Now a tab may only record what matches the host's latest answer for that tab. Pure policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TabView, refuseRecord, refuseLearn, refuseFromTab } from '../../extension/background/record_policy.js';

const PATH = '/mypreferences/d/settings/data-for-ai-improvement';
const AGE = '/mypreferences/d/settings/ads-by-age';
const LABEL = 'Use my data for training content creation AI models';

function verdict(ref, over = {}) {
  return { ref, setting: 'generative_ai_training', shares_when: 'on', state: 'on', shares_data: true, confidence: 'high', action: 'flip', doubt: null, ...over };
}

// A tab whose latest classify had: c1 gen AI (flip, on), c2 ads_age maybe (on), c3 research
// (off), c4 unknown, and a choice r1/r2 for profile discovery (r2 "Nobody" a maybe).
function tab(url = `https://www.linkedin.com${PATH}`) {
  const t = new TabView(url);
  const controls = [
    { ref: 'c1', kind: 'switch', label: LABEL }, { ref: 'c2', kind: 'switch', label: 'Use age range for ads' },
    { ref: 'c3', kind: 'switch', label: 'Research' }, { ref: 'c4', kind: 'switch', label: 'Dark mode' },
    { ref: 'r1', kind: 'radio', label: 'Everyone' }, { ref: 'r2', kind: 'radio', label: 'Nobody' },
  ];
  t.classified({ type: 'classify', page: { url_path: PATH }, controls }, {
    ok: true,
    verdicts: [
      verdict('c1'),
      verdict('c2', { setting: 'ads_age', confidence: 'low', action: 'highlight', doubt: 'no_anchor' }),
      verdict('c3', { setting: 'research', state: 'off', shares_data: false, action: 'none' }),
      { ref: 'c4', setting: null, shares_when: null, state: 'on', shares_data: false, confidence: 'none', action: 'none' },
      verdict('r1', { setting: 'discovery', shares_when: 'on', state: 'on', confidence: 'low', action: 'highlight' }),
      verdict('r2', { setting: 'discovery', shares_when: 'off', state: 'off', confidence: 'low', action: 'highlight' }),
    ],
  });
  return t;
}

const change = (over = {}) => ({ setting: 'generative_ai_training', url_path: PATH, before: 'on', after: 'off', verified: true, outcome: 'changed', label: LABEL, browser_time: 't', ...over });

test('a verified change of a setting the host said to flip, from the state it saw, is relayed', () => {
  assert.equal(refuseRecord(change(), tab()), null);
  assert.equal(refuseRecord(change({ outcome: 'failed', after: 'on', verified: false }), tab()), null);
  assert.equal(refuseRecord(change({ outcome: 'already_off', before: 'off', after: 'off' }), tab()), null, 'the page changed before the click');
  assert.equal(refuseRecord(change({ outcome: 'seen', before: 'on', after: 'on', label: '' }), tab()), null);
  assert.equal(refuseRecord(change({ setting: 'research', outcome: 'seen', before: 'off', after: 'off', label: '' }), tab()), null);
});

test('a maybe is recorded only as the member confirmed it', () => {
  const maybe = change({ setting: 'ads_age', label: 'Use age range for ads' });
  assert.match(refuseRecord(maybe, tab()), /did not ask to change this setting/);
  assert.equal(refuseRecord({ ...maybe, confirmed_by_user: true }, tab()), null);
  // The most private option of a choice is a confirmable maybe; selecting it turns it "on".
  assert.equal(refuseRecord(change({ setting: 'discovery', label: 'Nobody', before: 'off', after: 'on', confirmed_by_user: true }), tab()), null);
  assert.match(refuseRecord(change({ setting: 'discovery', label: 'Everyone', before: 'on', after: 'off', confirmed_by_user: true }), tab()), /label|did not ask/);
});

test('forged records are refused: any setting, outcome, page, state, direction or label the host did not give the tab', () => {
  const cases = {
    'a setting not on the page': change({ setting: 'ads_gender' }),
    'an unrecognised control': change({ setting: null }),
    'a setting that is off': change({ setting: 'research', label: 'Research', before: 'off', after: 'on' }),
    'another page': change({ url_path: AGE }),
    'a before state the host did not see': change({ before: 'off', after: 'on' }),
    'a change toward sharing': change({ after: 'on' }),
    'already off while it was on': change({ outcome: 'already_off', before: 'on', after: 'on' }),
    'seen in another state': change({ outcome: 'seen', before: 'off', after: 'off', label: '' }),
    'seen for a setting not in the answer': change({ setting: 'ads_gender', outcome: 'seen', before: 'on', after: 'on', label: '' }),
    'restored without an undo': change({ outcome: 'restored', before: 'off', after: 'on' }),
    'an unknown outcome': change({ outcome: 'deleted' }),
    'the objection form, from a settings page': change({ setting: 'data_processing_objection', outcome: 'objection_form_opened', label: '' }),
    'another label': change({ label: 'I agree to everything' }),
    'no change at all': undefined,
  };
  for (const [what, c] of Object.entries(cases)) assert.ok(refuseRecord(c, tab()), what);
  assert.ok(refuseRecord(change(), new TabView(`https://www.linkedin.com${PATH}`)), 'nothing classified yet');
  const errorReply = tab();
  errorReply.classified({ type: 'classify', page: { url_path: AGE }, controls: [] }, { ok: false, error: {} });
  assert.equal(refuseRecord(change(), errorReply), null, 'an error answer does not replace the latest verdicts');
});

test('restored only while our undo restores that setting in that tab, back to the state from before', () => {
  const t = tab();
  t.classified(t.classify.request, { ok: true, verdicts: [verdict('c1', { state: 'off', shares_data: false, action: 'none' })] });
  const restored = change({ outcome: 'restored', before: 'off', after: 'on' });
  assert.match(refuseRecord(restored, t), /not putting this setting back/);
  t.restoring = new Map([['generative_ai_training', 'on']]);
  assert.equal(refuseRecord(restored, t), null);
  assert.equal(refuseRecord(change({ outcome: 'failed', before: 'off', after: 'off', verified: false }), t), null);
  assert.match(refuseRecord(change({ outcome: 'restored', before: 'on', after: 'on' }), t), /state before/);
  t.restoring = new Map([['generative_ai_training', 'off']]);
  assert.match(refuseRecord(restored, t), /state from before the last run/);
  t.restoring = new Map([['research', 'on']]);
  assert.match(refuseRecord(restored, t), /not putting this setting back/);
});

test('the objection form page may note that it was opened, and nothing else may', () => {
  const form = new TabView('https://www.linkedin.com/help/linkedin/ask/TS-DPRO');
  const opened = { setting: 'data_processing_objection', url_path: '/help/linkedin/ask/TS-DPRO', outcome: 'objection_form_opened', verified: false, label: '' };
  assert.equal(refuseRecord(opened, form), null);
  assert.ok(refuseRecord({ ...opened, setting: 'generative_ai_training' }, form));
  assert.ok(refuseRecord(change(), form));
});

test('learn: only a maybe of the latest answer, with its own label and page', () => {
  const learn = { setting: 'ads_age', label: 'Use age range for ads', lang: 'en', url_path: PATH };
  assert.equal(refuseLearn(learn, tab()), null);
  assert.ok(refuseLearn({ ...learn, label: 'Use my data for anything' }, tab()));
  assert.ok(refuseLearn({ ...learn, url_path: AGE }, tab()));
  assert.ok(refuseLearn({ ...learn, setting: 'generative_ai_training', label: LABEL }, tab()), 'a sure switch needs no learning');
  assert.ok(refuseLearn(learn, new TabView('')));
});

test('the refusal is a clear not_allowed error; classify passes', () => {
  const reply = refuseFromTab({ type: 'record', change: change({ after: 'on' }) }, tab());
  assert.equal(reply.ok, false);
  assert.equal(reply.error.name, 'not_allowed');
  assert.match(reply.error.message, /^OptOut refused to record this: a change may only go toward privacy\.$/);
  assert.equal(refuseFromTab({ type: 'classify', page: { url_path: PATH }, controls: [] }, new TabView('')), null);
  assert.equal(refuseFromTab({ type: 'record', change: change() }, tab()), null);
});
