// The report a member can paste into a bug report: only unsure or unknown controls, only what
// identifies a switch, with e-mail addresses and long numbers blanked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContentScripts } from './content_loader.mjs';

const { unrecognisedReport } = await loadContentScripts('text_clip.js', 'unrecognised_report.js');

const snapshot = {
  page: { url_path: '/mypreferences/d/settings/ads-by-age', lang: 'en', title: 'Age range | Jane Doe | LinkedIn' },
  controls: [
    { ref: 'c1', kind: 'switch', checked: true, attrs: { 'aria-labelledby': 'allowAdsByAge' }, label: 'Use my age range for ads', context: 'Age range' },
    { ref: 'c2', kind: 'switch', checked: true, attrs: { id: 'ember123456', 'aria-labelledby': 'digestToggle' }, label: 'Send a digest to jane.doe@example.com (member 84512963)', context: `Weekly digest\n${'説明'.repeat(300)}` },
    { ref: 'c3', kind: 'checkbox', checked: false, attrs: {}, label: 'Use gender for ads', context: 'Gender' },
  ],
};
const verdicts = [
  { ref: 'c1', setting: 'ads_age', confidence: 'high', doubt: null },
  { ref: 'c2', setting: null, confidence: 'none', doubt: null },
  { ref: 'c3', setting: 'ads_gender', confidence: 'low', doubt: 'no_anchor' },
];

test('only low and none controls, with kind, label, headings, stable attributes, state and verdict', () => {
  const r = unrecognisedReport(snapshot, verdicts);
  assert.equal(r.url_path, '/mypreferences/d/settings/ads-by-age');
  assert.equal(r.lang, 'en');
  assert.equal(r.title, undefined, 'no page title (it can hold a name)');
  assert.deepEqual(r.controls.map((c) => c.label), ['Send a digest to [email] (member [number])', 'Use gender for ads']);
  const [digest, gender] = r.controls;
  assert.deepEqual(digest.attrs, { id: 'ember[number]', 'aria-labelledby': 'digestToggle' });
  assert.equal(digest.context[0], 'Weekly digest');
  assert.equal([...digest.context[1]].length, 200, 'each heading clipped to 200 characters');
  assert.deepEqual(digest.verdict, { setting: null, confidence: 'none', doubt: null });
  assert.deepEqual(gender, { kind: 'checkbox', label: 'Use gender for ads', context: ['Gender'], attrs: {}, checked: false, verdict: { setting: 'ads_gender', confidence: 'low', doubt: 'no_anchor' } });
  assert.doesNotMatch(JSON.stringify(r), /jane|84512963|123456/);
});

test('without verdicts (the host did not answer) every control is reported', () => {
  const r = unrecognisedReport(snapshot, []);
  assert.equal(r.controls.length, 3);
  assert.equal(r.controls[0].verdict, null);
});
