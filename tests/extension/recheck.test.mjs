import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareWithKnown } from '../../extension/background/recheck.js';
import { normalizePrefs, DATA_USE_CATEGORIES } from '../../extension/background/prefs.js';
import { receiptText } from '../../extension/receipt/receipt_text.js';

test('re-check reports settings switched back on and new settings', () => {
  const known = { gen_ai: 'off', ads_age: 'off' };
  const tour = { mode: 'recheck', results: [
    { setting: 'gen_ai', title: 'Gen AI', outcome: 'would_change', page: '/a' },
    { setting: 'ads_age', title: 'Age', outcome: 'already_off', page: '/b' },
    { setting: 'brand_new', title: 'New', outcome: 'would_change', page: '/c' },
    { setting: 'gone', title: 'Gone', outcome: 'not_found', page: '/d' },
  ] };
  const { alerts, known: updated } = compareWithKnown(known, tour);
  assert.deepEqual(alerts.map((a) => [a.setting, a.kind]), [['gen_ai', 'switched_back_on'], ['brand_new', 'new']]);
  assert.deepEqual(updated, { gen_ai: 'on', ads_age: 'off', brand_new: 'on' });
});

test('the first run only learns; it raises no alerts', () => {
  const { alerts, known } = compareWithKnown({}, { mode: 'optout', results: [{ setting: 'gen_ai', outcome: 'changed' }] });
  assert.deepEqual(alerts, []);
  assert.deepEqual(known, { gen_ai: 'off' });
});

test('malformed preferences fall back to safe defaults, unknown categories dropped', () => {
  assert.deepEqual(normalizePrefs(undefined), { categories: DATA_USE_CATEGORIES, recheck: 'weekly' });
  assert.deepEqual(normalizePrefs({ categories: ['advertising', 'evil'], recheck: 'hourly' }), { categories: ['advertising'], recheck: 'weekly' });
  assert.deepEqual(normalizePrefs({ categories: 'all', recheck: 'off' }), { categories: DATA_USE_CATEGORIES, recheck: 'off' });
});

test('the saved receipt lists each setting and every entry', () => {
  const text = receiptText({
    summary: [{ setting: 'gen_ai', first_seen: '2026-11-29T10:00:00.000Z', state_before: 'on', switched_off_at: '2026-11-29T10:01:00.000Z', verified_after: 'off' }],
    entries: [{ seq: 1, setting: 'gen_ai', outcome: 'changed' }],
    damaged_lines: 1,
  }, new Date('2026-11-29T12:00:00Z'));
  assert.match(text, /^OptOut receipt\nGenerated: 2026-11-29T12:00:00.000Z\n/);
  assert.match(text, /gen_ai \| 2026-11-29T10:00:00.000Z \| on \| 2026-11-29T10:01:00.000Z \| off/);
  assert.match(text, /\{"seq":1,"setting":"gen_ai","outcome":"changed"\}/);
  assert.match(text, /Damaged lines in the record file \(kept as they are\): 1/);
});
