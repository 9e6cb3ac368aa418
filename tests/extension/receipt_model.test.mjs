// The receipt's rows: titles in the reader's language with fallbacks, local dates that still
// carry the record's UTC value, state words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { receiptRow, localTime } from '../../extension/receipt/receipt_model.js';
import { titlesById } from '../../extension/shared/setting_titles.js';
import { receiptText } from '../../extension/receipt/receipt_text.js';

test('titles: the pack\'s title in the reader\'s language, else English, never empty', () => {
  const titles = titlesById([
    { id: 'generative_ai_training', title: 'Data for Generative AI Improvement', local: { lang: 'de', title: 'Daten zur Verbesserung generativer KI' } },
    { id: 'research', title: 'Social, economic and workplace research', local: null },
    { id: 'odd', title: '' },
    { id: 42 },
    null,
  ]);
  assert.equal(titles.get('generative_ai_training'), 'Daten zur Verbesserung generativer KI');
  assert.equal(titles.get('research'), 'Social, economic and workplace research');
  assert.equal(titles.has('odd'), false);
  assert.equal(titles.size, 2);
  assert.equal(titlesById(null).size, 0);
});

test('local time: in the reader\'s locale with the zone; nothing for a missing or bad time', () => {
  const iso = '2026-11-29T10:00:02.000Z';
  const de = localTime(iso, 'de');
  const en = localTime(iso, 'en-US');
  assert.match(de, /November 2026/);
  assert.match(en, /November 29, 2026/);
  assert.notEqual(de, en);
  assert.equal(localTime('', 'de'), '');
  assert.equal(localTime('not a time', 'de'), '');
  assert.equal(localTime(null, 'de'), '');
});

test('a row keeps the record\'s values and shows the reader\'s words', () => {
  const titles = new Map([['generative_ai_training', 'Daten zur Verbesserung generativer KI']]);
  const words = { on: 'Ein', off: 'Aus' };
  const row = receiptRow({
    setting: 'generative_ai_training', first_seen: '2026-11-29T10:00:01.000Z', state_before: 'on',
    switched_off_at: '2026-11-29T10:00:02.000Z', verified_after: 'off',
  }, titles, 'de', (s) => words[s]);
  assert.equal(row.title, 'Daten zur Verbesserung generativer KI');
  assert.deepEqual(row.cells.map((c) => c.value), ['2026-11-29T10:00:01.000Z', 'on', '2026-11-29T10:00:02.000Z', 'off']);
  assert.deepEqual([row.cells[1].text, row.cells[3].text], ['Ein', 'Aus']);
  assert.match(row.cells[0].text, /29\. November 2026/);
  // Never switched off: empty, not a made-up time; an unknown setting is named by its id.
  const seen = receiptRow({ setting: 'new_one', first_seen: '2026-11-29T10:00:01.000Z', state_before: 'off' }, titles, 'de', (s) => words[s]);
  assert.equal(seen.title, 'new_one');
  assert.deepEqual(seen.cells.map((c) => c.text).slice(2), ['', '']);
});

test('the text file keeps the record\'s values and adds the titles', () => {
  const history = {
    summary: [{ setting: 'research', first_seen: '2026-11-29T10:00:01.000Z', state_before: 'on', switched_off_at: '2026-11-29T10:00:02.000Z', verified_after: 'off' }],
    entries: [{ seq: 1 }],
  };
  const text = receiptText(history, new Date('2026-11-30T08:00:00.000Z'), new Map([['research', 'Social, economic and workplace research']]));
  assert.match(text, /^OptOut receipt\nGenerated: 2026-11-30T08:00:00.000Z\n.*stops future use only/);
  assert.match(text, /\nresearch \| 2026-11-29T10:00:01.000Z \| on \| 2026-11-29T10:00:02.000Z \| off\n/);
  assert.match(text, /\nSettings by name:\nresearch: Social, economic and workplace research\n/);
  assert.doesNotMatch(receiptText(history, new Date(), new Map()), /Settings by name/);
});
