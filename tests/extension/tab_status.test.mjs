import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TabStatus } from '../../extension/background/tab_status.js';

const has = (id) => (st) => st.settings.some((s) => s.setting === id);

test('resolves as soon as the tab reports what the tour expects', async () => {
  const t = new TabStatus();
  const p = t.waitFor(7, has('gen_ai'), 5000, 1000);
  t.update(7, { settings: [] });
  t.update(8, { settings: [{ setting: 'gen_ai' }] }); // another tab: ignored
  t.update(7, { settings: [{ setting: 'gen_ai' }] });
  assert.deepEqual(await p, { settings: [{ setting: 'gen_ai' }] });
});

test('a page that settles without the setting resolves after the quiet period, not the timeout', async () => {
  const t = new TabStatus();
  const started = Date.now();
  const p = t.waitFor(7, has('gen_ai'), 5000, 100);
  t.update(7, { settings: [] });
  assert.deepEqual(await p, { settings: [] });
  assert.ok(Date.now() - started < 2000);
});

test('a tab that never reports resolves null at the timeout', async () => {
  const t = new TabStatus();
  assert.equal(await t.waitFor(7, has('gen_ai'), 50, 10), null);
});
