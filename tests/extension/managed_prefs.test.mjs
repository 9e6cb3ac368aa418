// Organization policy over the member's preferences (background/prefs.js, the one place they
// are merged): no policy, a partial one, invalid values ignored with a logged reason, and
// force-off (re-checks turn settings off again, undo leaves managed settings off). The schema
// the browser validates against says the same as the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  DATA_USE_CATEGORIES, RECHECK_CHOICES, POLICY_KEYS, normalizePrefs, validatePolicy, mergePrefs, loadPolicy, loadPrefs, prefsChanged,
} from '../../extension/background/prefs.js';
import { recheckTourMode, withoutForcedOff } from '../../extension/background/recheck.js';

const readJson = (rel) => JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8'));
const NOTHING_MANAGED = { categories: false, recheck: false, forceOff: false, hideUndo: false };
const member = { categories: ['research', 'advertising'], recheck: 'off' };

/** validatePolicy with the warnings it logged */
function validated(raw) {
  const warnings = [];
  const policy = validatePolicy(raw, (m) => warnings.push(m));
  return { policy, warnings };
}

/** chrome.storage with a local area holding `prefs` and a managed area answering `managed` */
function fakeStorage(prefs, managed) {
  return {
    local: { get: async () => (prefs === undefined ? {} : { prefs }) },
    managed: { get: async () => (managed instanceof Error ? Promise.reject(managed) : managed) },
  };
}

test('no policy: the member\'s choices in force, nothing managed', async () => {
  assert.deepEqual(validated({}), { policy: {}, warnings: [] });
  assert.deepEqual(validated(undefined), { policy: {}, warnings: [] });
  assert.deepEqual(mergePrefs(member, {}), { ...member, forceOff: false, hideUndo: false, managed: NOTHING_MANAGED });
  // Chromium answers {} without policy, Firefox rejects, a test double may have no managed area.
  assert.deepEqual(await loadPolicy(fakeStorage(undefined, {})), {});
  assert.deepEqual(await loadPolicy(fakeStorage(undefined, new Error('Managed storage manifest not found'))), {});
  assert.deepEqual(await loadPolicy({ local: fakeStorage().local }), {});
  assert.deepEqual(await loadPolicy(undefined), {});
});

test('a partial policy manages only what it sets; the rest stays the member\'s', () => {
  const recheckOnly = mergePrefs(member, validatePolicy({ recheck: 'daily' }));
  assert.equal(recheckOnly.recheck, 'daily');
  assert.deepEqual(recheckOnly.categories, ['research', 'advertising']);
  assert.deepEqual(recheckOnly.managed, { ...NOTHING_MANAGED, recheck: true });

  const categories = mergePrefs(member, validatePolicy({ categories: ['cookies', 'generative_ai'], hideUndo: true }));
  assert.deepEqual(categories.categories, ['generative_ai', 'cookies'], 'in the extension\'s order');
  assert.equal(categories.recheck, 'off');
  assert.equal(categories.hideUndo, true);
  assert.equal(categories.forceOff, false);
  assert.deepEqual(categories.managed, { ...NOTHING_MANAGED, categories: true, hideUndo: true });

  // An empty list is a choice: opt out of no category.
  assert.deepEqual(mergePrefs(member, validatePolicy({ categories: [] })).categories, []);
  // hideUndo: false is set by the organization too (managed), and shows undo.
  const shown = mergePrefs(member, validatePolicy({ hideUndo: false }));
  assert.equal(shown.hideUndo, false);
  assert.equal(shown.managed.hideUndo, true);
});

test('invalid policy values are ignored, each with a logged reason', () => {
  const { policy, warnings } = validated({ recheck: 'hourly', hideUndo: 'yes', forceOff: 1, categories: 'all', colour: 'red' });
  assert.deepEqual(policy, {});
  assert.equal(warnings.length, 5, warnings.join('\n'));
  const about = (key) => warnings.find((w) => w.includes(`"${key}"`)) || '';
  assert.match(about('recheck'), /"hourly" is not one of off, daily, weekly/);
  assert.match(about('hideUndo'), /"yes" is not true or false/);
  assert.match(about('forceOff'), /1 is not true or false/);
  assert.match(about('categories'), /not a list/);
  assert.match(about('colour'), /not a known setting/);
  // The merge then leaves the member's choices alone.
  assert.deepEqual(mergePrefs(member, policy), { ...member, forceOff: false, hideUndo: false, managed: NOTHING_MANAGED });

  // Unknown category names are left out (and said); a list of nothing but unknown names is
  // ignored whole rather than narrowing the opt-out to nothing.
  const some = validated({ categories: ['advertising', 'ads'] });
  assert.deepEqual(some.policy, { categories: ['advertising'] });
  assert.match(some.warnings.join('\n'), /unknown \["ads"\] left out/);
  const none = validated({ categories: ['ads', 42] });
  assert.deepEqual(none.policy, {});
  assert.match(none.warnings.join('\n'), /"categories" ignored: no known category in it/);

  assert.deepEqual(validated('weekly').policy, {});
  assert.match(validated(['x']).warnings[0], /not an object/);
});

test('force-off: the managed categories are kept off by re-checks, and undo leaves them off', () => {
  const all = mergePrefs(member, validatePolicy({ forceOff: true }));
  assert.deepEqual(all.categories, DATA_USE_CATEGORIES, 'force-off without categories: every category');
  assert.equal(all.managed.categories, true);
  assert.equal(all.forceOff, true);

  const some = mergePrefs(member, validatePolicy({ forceOff: true, categories: ['generative_ai', 'advertising'] }));
  assert.deepEqual(some.categories, ['generative_ai', 'advertising']);
  assert.equal(recheckTourMode(some), 'optout', 'a re-check turns them off again');
  assert.equal(recheckTourMode(mergePrefs(member, {})), 'recheck', 'without force-off a re-check only looks');
  assert.equal(recheckTourMode(mergePrefs(member, validatePolicy({ forceOff: false }))), 'recheck');

  const settings = [
    { id: 'gen_ai', category: 'generative_ai' },
    { id: 'ads_age', category: 'advertising' },
    { id: 'visible', category: 'visibility' },
  ];
  const plan = [
    { setting: 'gen_ai', state: 'on' }, { setting: 'ads_age', state: 'on' },
    { setting: 'visible', state: 'on' }, { setting: 'unknown_to_host', state: 'on' },
  ];
  assert.deepEqual(withoutForcedOff(plan, settings, some).map((p) => p.setting), ['visible']);
  assert.deepEqual(withoutForcedOff(plan, settings, all), []);
  assert.equal(withoutForcedOff(plan, settings, mergePrefs(member, {})), plan, 'no force-off: the whole plan');
});

test('loadPrefs reads the member\'s prefs and the policy, and the policy wins', async () => {
  const saved = globalThis.chrome;
  try {
    globalThis.chrome = /** @type {any} */ ({ storage: fakeStorage({ categories: ['cookies'], recheck: 'daily' }, { recheck: 'off', categories: ['partners'] }) });
    const prefs = await loadPrefs();
    assert.deepEqual(prefs.categories, ['partners']);
    assert.equal(prefs.recheck, 'off');
    assert.deepEqual(prefs.managed, { ...NOTHING_MANAGED, categories: true, recheck: true });

    globalThis.chrome = /** @type {any} */ ({ storage: fakeStorage({ categories: ['cookies'], recheck: 'daily' }, new Error('no policy')) });
    const mine = await loadPrefs();
    assert.deepEqual([mine.categories, mine.recheck, mine.managed], [['cookies'], 'daily', NOTHING_MANAGED]);
  } finally {
    globalThis.chrome = saved;
  }
});

test('a change to the policy, like one to the member\'s prefs, reschedules the re-check', () => {
  assert.equal(prefsChanged({ recheck: { newValue: 'daily' } }, 'managed'), true);
  assert.equal(prefsChanged({ prefs: { newValue: {} } }, 'local'), true);
  assert.equal(prefsChanged({ tour: { newValue: {} } }, 'local'), false);
});

test('the managed schema and the manifest say what the code accepts', () => {
  const manifest = readJson('../../extension/manifest.json');
  assert.deepEqual(manifest.storage, { managed_schema: 'managed_schema.json' });
  const schema = readJson('../../extension/managed_schema.json');
  assert.equal(schema.type, 'object');
  assert.deepEqual(Object.keys(schema.properties).sort(), [...POLICY_KEYS].sort());
  assert.deepEqual(schema.properties.categories.items.enum, DATA_USE_CATEGORIES);
  assert.deepEqual(schema.properties.recheck.enum, Object.keys(RECHECK_CHOICES));
  assert.equal(schema.properties.forceOff.type, 'boolean');
  assert.equal(schema.properties.hideUndo.type, 'boolean');
  // Every value the schema allows is valid for the code, with no warning.
  const { policy, warnings } = validated({ categories: DATA_USE_CATEGORIES, forceOff: true, recheck: 'daily', hideUndo: true });
  assert.deepEqual(warnings, []);
  assert.deepEqual(Object.keys(policy).sort(), [...POLICY_KEYS].sort());
  // The member's stored prefs are read as before.
  assert.deepEqual(normalizePrefs({ categories: ['cookies'], recheck: 'daily' }), { categories: ['cookies'], recheck: 'daily' });
});
