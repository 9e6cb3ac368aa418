// Setting texts in the page's language (docs/protocol.md, "Setting texts in the user's
// language"): the host adds `local` {lang, title, explain} to each verdict; when its reply would
// be too big it keeps `local` on the first verdict of each setting only (local_omitted
// "repeats") and the content script copies it to the others (host_link.js). Wherever the
// banner and the highlights name a setting they use `local`, else the English title/explain;
// results keep the English title for the record's side and carry `local` for the banner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadContentScripts } from './content_loader.mjs';
import { textTable, fill } from '../../extension/shared/i18n.js';

const C = await loadContentScripts('text_clip.js', 'page_summary.js', 'policy.js', 'two_controls.js', 'host_link.js', 'opt_out.js', 'confirm_maybe.js', 'highlights.js', 'banner_model.js');
const messagesOf = (locale) => JSON.parse(readFileSync(new URL(`../../extension/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
const EN = textTable(messagesOf('en'), null);
const DE = textTable(messagesOf('en'), messagesOf('de'));
const de = (key, ...subs) => fill(DE[key], subs);
const en = (key, ...subs) => fill(EN[key], subs);

function onPage(lang, table) {
  globalThis.document = { documentElement: { lang } };
  globalThis.location = { search: '' };
  C.setUiText(table);
}

const AGE_DE = { lang: 'de', title: 'Altersgruppe', explain: 'Nutzt Ihre Altersgruppe für Anzeigen.' };
const GENDER_DE = { lang: 'de', title: 'Geschlecht', explain: 'Nutzt Ihr Geschlecht für Anzeigen.' };
const verdict = (ref, over = {}) => ({
  ref, setting: 'ads_age', title: 'Age range', category: 'advertising', shares_when: 'on', state: 'on',
  shares_data: true, confidence: 'high', action: 'flip', doubt: null, explain: 'Uses your age range.', local: AGE_DE, ...over,
});
const maybe = (ref, over = {}) => verdict(ref, { confidence: 'low', action: 'highlight', doubt: 'no_anchor', ...over });
const unknown = (ref) => ({ ref, setting: null, title: null, category: 'unknown', shares_when: null, state: 'on', shares_data: false, confidence: 'none', action: 'none', doubt: null, local: null });
const controls = (...list) => new Map(list.map(([ref, label = `label ${ref}`]) => [ref, { ref, kind: 'switch', label }]));
const model = (verdicts, ctl, extra = {}) => C.bannerModel({ verdicts, controlOf: ctl, results: null, busy: false, hostError: null, ...extra });
const tags = (verdicts, ctl) => C.highlightsFor(verdicts, ctl, () => ({})).map((h) => h.tag);

// --- local_omitted: "repeats" ---

const reply = (local_omitted, verdicts) => ({ ok: true, type: 'classify', local_omitted, verdicts });

test('repeats: every verdict of a setting gets the texts of that setting\'s first verdict, and nothing else changes', () => {
  const sent = reply('repeats', [
    verdict('c1'), verdict('c2', { local: null }), verdict('c3', { setting: 'ads_gender', title: 'Gender', local: GENDER_DE }),
    unknown('c4'), verdict('c5', { local: null }), verdict('c6', { setting: 'ads_gender', title: 'Gender', local: null }),
    verdict('c7', { setting: 'research', title: 'Research', local: null }),
  ]);
  const before = structuredClone(sent);
  const filled = C.fillRepeatedLocal(sent);
  assert.deepEqual(filled.verdicts.map((v) => [v.ref, v.local && v.local.title]), [
    ['c1', 'Altersgruppe'], ['c2', 'Altersgruppe'], ['c3', 'Geschlecht'], ['c4', null], ['c5', 'Altersgruppe'], ['c6', 'Geschlecht'],
    ['c7', null], // its setting has no verdict with texts (an English page, or a language the pack lacks)
  ]);
  assert.deepEqual(filled.verdicts[1], { ...before.verdicts[1], local: AGE_DE }, 'only `local` is added');
  assert.deepEqual(sent, before, 'the reply as received is not changed');
  assert.equal(filled.local_omitted, 'repeats');
});

test('repeats: a verdict that has its own texts keeps them', () => {
  const own = { lang: 'de', title: 'Alter', explain: 'x' };
  const filled = C.fillRepeatedLocal(reply('repeats', [verdict('c1'), verdict('c2', { local: own })]));
  assert.deepEqual(filled.verdicts.map((v) => v.local), [AGE_DE, own]);
});

test('"all", null, an error or an odd reply: the verdicts stay as they came (English where local is null)', () => {
  for (const omitted of ['all', null, undefined, 'other']) {
    const sent = reply(omitted, [verdict('c1'), verdict('c2', { local: null })]);
    assert.equal(C.fillRepeatedLocal(sent), sent, String(omitted));
    assert.equal(sent.verdicts[1].local, null);
  }
  const error = { ok: false, error: { code: 1, name: 'x', message: 'y' }, local_omitted: 'repeats' };
  assert.equal(C.fillRepeatedLocal(error), error);
  const noVerdicts = { ok: true, local_omitted: 'repeats' };
  assert.equal(C.fillRepeatedLocal(noVerdicts), noVerdicts);
});

test('the host link fills repeats on classify replies, where they are received, and leaves other replies alone', async () => {
  onPage('de', DE);
  const answers = {
    classify: reply('repeats', [verdict('c1'), verdict('c2', { local: null })]),
    record: { ok: true, type: 'record', local_omitted: 'repeats', verdicts: [verdict('c1'), verdict('c2', { local: null })] },
  };
  const listeners = [];
  globalThis.chrome = {
    runtime: {
      connect: () => ({
        onMessage: { addListener: (f) => listeners.push(f) },
        onDisconnect: { addListener: () => {} },
        postMessage: (m) => { if (m.reqId) queueMicrotask(() => { for (const f of listeners) f({ reqId: m.reqId, reply: structuredClone(answers[m.request.type]) }); }); },
        disconnect: () => {},
      }),
    },
    i18n: { getMessage: () => '' },
  };
  try {
    const link = C.createHostLink(1000);
    const classified = await link.request({ type: 'classify', page: { url_path: '/', lang: 'de', title: '' }, controls: [] });
    assert.deepEqual(classified.verdicts.map((v) => v.local), [AGE_DE, AGE_DE]);
    const recorded = await link.request({ type: 'record', change: {} });
    assert.equal(recorded.verdicts[1].local, null);
  } finally {
    delete globalThis.chrome;
  }
});

// --- which text is shown ---

test('titleOf / explainOf: the local text when there is one, else the English one, never null', () => {
  assert.equal(C.titleOf(verdict('c1')), 'Altersgruppe');
  assert.equal(C.explainOf(verdict('c1')), 'Nutzt Ihre Altersgruppe für Anzeigen.');
  for (const local of [null, undefined, {}, { lang: 'de', title: '', explain: '' }, { lang: 'de', title: 7 }, 'Altersgruppe']) {
    assert.equal(C.titleOf(verdict('c1', { local })), 'Age range', JSON.stringify(local));
    assert.equal(C.explainOf(verdict('c1', { local })), 'Uses your age range.', JSON.stringify(local));
  }
  // A title in the language but no explanation: each text falls back on its own.
  assert.equal(C.explainOf(verdict('c1', { local: { lang: 'de', title: 'Altersgruppe' } })), 'Uses your age range.');
  assert.equal(C.titleOf(unknown('c1')), '');
  assert.equal(C.explainOf(unknown('c1')), '');
});

test('German page: the banner names the setting and explains it in German (the pack\'s texts)', () => {
  onPage('de', DE);
  const share = model([verdict('c1')], controls(['c1']));
  assert.equal(share.title, de('banner_share_title_on', 'Altersgruppe'));
  assert.equal(share.body, 'Nutzt Ihre Altersgruppe für Anzeigen.');
  const many = model([verdict('c1'), verdict('c2', { setting: 'ads_gender', title: 'Gender', local: GENDER_DE })], controls(['c1'], ['c2']));
  assert.equal(many.body, 'Altersgruppe\nGeschlecht');

  const asked = model([maybe('c1')], controls(['c1']));
  assert.equal(asked.title, de('confirm_question', 'Altersgruppe'));
  assert.deepEqual(asked.choices.map((c) => c.text), ['Nutzt Ihre Altersgruppe für Anzeigen.']);
  const two = model([maybe('c1', { doubt: 'two_controls' }), maybe('c2', { doubt: 'two_controls' })], controls(['c1', 'Alter für Anzeigen'], ['c2', 'Altersgruppe']));
  assert.deepEqual(two.choices.map((c) => c.text), [
    de('banner_question_labelled', de('confirm_question', 'Altersgruppe'), 'Alter für Anzeigen'),
    de('banner_question_labelled', de('confirm_question', 'Altersgruppe'), 'Altersgruppe'),
  ]);

  const skipped = model([verdict('c1', { action: 'none', skip_reason: C.SKIPPED_CATEGORY })], controls(['c1']));
  assert.deepEqual(skipped.items, [de('banner_skipped_category', 'Altersgruppe')]);

  const text = JSON.stringify([share, many, asked, two, skipped]);
  assert.doesNotMatch(text, /Age range|Uses your age/, 'no English setting text on a German page');
});

test('German page: result lines name the setting in German, from the verdict\'s local the result carries', async () => {
  onPage('de', DE);
  const at = '2026-11-30T01:27:24.000Z';
  const result = { ref: 'c1', setting: 'ads_age', title: 'Age range', local: AGE_DE, outcome: 'changed', recorded_at: at };
  const done = model([verdict('c1', { state: 'off', shares_data: false, action: 'none' })], controls(['c1']), { results: [result] });
  assert.match(done.items[0], new RegExp(`^${de('banner_result_changed', 'Altersgruppe', '.+')}$`));
  assert.equal(C.resultLine({ ...result, outcome: 'already_off' }), de('banner_result_already_off', 'Altersgruppe'));
  // No local (an English page, or an older result): the English title.
  assert.equal(C.resultLine({ ...result, local: null, outcome: 'already_off' }), de('banner_result_already_off', 'Age range'));

  // A restore that cannot choose between two switches: its result carries the texts too.
  const [failed] = await C.restore([verdict('c1'), verdict('c2')], { page: { url_path: '/', lang: 'de', title: '' }, controls: [...controls(['c1'], ['c2']).values()] },
    async () => ({ ok: true }), [{ setting: 'ads_age', state: 'on' }]);
  assert.deepEqual([failed.title, failed.local], ['Age range', AGE_DE], 'English title kept, local beside it');
  assert.match(C.resultLine(failed), new RegExp(`^${de('banner_result_failed', 'Altersgruppe', '')}`));
});

test('highlight tags name the setting in the page\'s language', () => {
  onPage('de', DE);
  const ctl = controls(['c1'], ['c2'], ['c3'], ['c4']);
  assert.deepEqual(tags([
    verdict('c1'), maybe('c2', { setting: 'ads_gender', title: 'Gender', local: GENDER_DE }),
    verdict('c3', { setting: 'research', title: 'Research', local: null, state: 'off', shares_data: false, action: 'none' }), unknown('c4'),
  ], ctl), [de('tag_shares', 'Altersgruppe'), de('tag_maybe', 'Geschlecht'), de('tag_off', 'Research'), de('tag_unknown_on')]);
});

test('English page (local null): the banner and tags are as before, in English', () => {
  onPage('en', EN);
  const english = (v) => ({ ...v, local: null });
  const share = model([english(verdict('c1'))], controls(['c1']));
  assert.deepEqual([share.title, share.body], ['Age range is on', 'Uses your age range.']);
  assert.equal(model([english(maybe('c1'))], controls(['c1'])).title, en('confirm_question', 'Age range'));
  assert.deepEqual(tags([english(verdict('c1'))], controls(['c1'])), [en('tag_shares', 'Age range')]);
  // Without an explanation the body is empty, as before (the overlay leaves it out).
  assert.ok(!model([english(verdict('c1', { explain: null }))], controls(['c1'])).body);
});
