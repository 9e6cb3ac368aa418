// Setting titles for our own pages (shared/setting_titles.js): the popup and the receipt ask the
// service worker for the settings in the browser's language and name each setting with the
// pack's title in it (`local`), else the English title they have, else the id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { titlesById, loadTitles, withTitle } from '../../extension/shared/setting_titles.js';

const SETTINGS = [
  { id: 'generative_ai_training', title: 'Data for Generative AI Improvement', local: { lang: 'de', title: 'Daten zur Verbesserung generativer KI', explain: '…' } },
  { id: 'research', title: 'Social, economic and workplace research', local: null },
];

test('loadTitles asks for the settings in the given language and maps them (local, else English)', async () => {
  const sent = [];
  const titles = await loadTitles('de', async (m) => { sent.push(m); return { ok: true, type: 'settings', settings: SETTINGS }; });
  assert.deepEqual(sent, [{ kind: 'settings', lang: 'de' }]);
  assert.deepEqual([...titles], [['generative_ai_training', 'Daten zur Verbesserung generativer KI'], ['research', 'Social, economic and workplace research']]);
});

test('loadTitles: no helper, an error reply, an odd reply or a refused message give no titles, never a throw', async () => {
  for (const send of [
    async () => ({ ok: false, error: { code: 0, name: 'host_unavailable', message: 'x' } }),
    async () => undefined,
    async () => ({ ok: true, settings: 'nope' }),
    async () => { throw new Error('Could not establish connection'); },
  ]) assert.equal((await loadTitles('de', send)).size, 0);
});

test('withTitle: the reader\'s title when known, else the row\'s own (English), else the id; the row is not changed', () => {
  const titles = titlesById(SETTINGS);
  const row = { setting: 'generative_ai_training', title: 'Data for Generative AI Improvement', state: 'on' };
  assert.deepEqual(withTitle(titles, row), { ...row, title: 'Daten zur Verbesserung generativer KI' });
  assert.equal(row.title, 'Data for Generative AI Improvement');
  assert.equal(withTitle(titles, { setting: 'ads_age', title: 'Age range' }).title, 'Age range');
  assert.equal(withTitle(titles, { setting: 'ads_age' }).title, 'ads_age');
  assert.equal(withTitle(new Map(), { setting: null, title: null }).title, '');
});

test('an English browser (no local anywhere): every row keeps the English title it has', () => {
  const english = titlesById(SETTINGS.map((s) => ({ ...s, local: null })));
  for (const s of SETTINGS) assert.equal(withTitle(english, { setting: s.id, title: s.title }).title, s.title);
  assert.equal(withTitle(english, { setting: 'research', title: 'Social, economic and workplace research' }).title, 'Social, economic and workplace research');
});
