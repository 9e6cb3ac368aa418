import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeState, summaryText, resultText } from '../../extension/popup/popup_text.js';
import { badgeFor } from '../../extension/background/badge.js';

const setting = (over) => ({ setting: 'x', title: 'X', state: 'on', shares_data: true, action: 'flip', ...over });

test('state wording says when a setting shares data and when OptOut is unsure', () => {
  assert.equal(describeState(setting()), 'On (shares data)');
  assert.equal(describeState(setting({ action: 'highlight' })), 'On (not sure; check yourself)');
  assert.equal(describeState(setting({ state: 'off', shares_data: false, action: 'none' })), 'Off');
});

test('summary counts sharing settings and reports host errors verbatim', () => {
  assert.equal(summaryText(null), 'Open a LinkedIn settings page to check it.');
  assert.equal(summaryText({ settings: [setting(), setting({ shares_data: false })], sharing: 1 }), '1 of 2 settings here share your data.');
  assert.equal(summaryText({ settings: [setting({ shares_data: false })], sharing: 0 }), 'All 1 data-sharing setting here are off.');
  assert.equal(summaryText({ hostError: { message: 'not installed' } }), 'not installed');
  assert.equal(summaryText({ settings: [], unknown: 2 }), '2 unknown switch(es) here; OptOut leaves them alone.');
});

test('results are honest about failures', () => {
  assert.equal(resultText({ title: 'X', outcome: 'failed', reason: 'the switch is still on after clicking' }),
    'X: not turned off (the switch is still on after clicking)');
  assert.equal(resultText({ title: 'X', outcome: 'already_off' }), 'X: already off');
});

test('badge shows how many settings still share data', () => {
  assert.equal(badgeFor({ settings: [setting(), setting()], sharing: 2 }).text, '2');
  assert.equal(badgeFor({ settings: [setting({ shares_data: false })], sharing: 0 }).text, 'off');
  assert.equal(badgeFor({ settings: [], sharing: 0 }).text, '');
  assert.equal(badgeFor({ hostError: { name: 'host_unavailable' } }).text, '!');
});

test('tour lines say what happened, and a choice is described as a choice', async () => {
  const { tourLine } = await import('../../extension/popup/popup_text.js');
  assert.equal(tourLine({ title: 'Age range', outcome: 'changed' }), 'Age range: turned off, verified');
  assert.equal(tourLine({ title: 'Discovery by email', outcome: 'changed', kind: 'radio' }), 'Discovery by email: most private choice selected, verified');
  assert.equal(tourLine({ title: 'Connections', outcome: 'not_found', reason: 'LinkedIn did not show this setting' }), 'Connections: not found (LinkedIn did not show this setting)');
  assert.equal(tourLine({ title: 'Gender', outcome: 'needs_review', reason: 'not sure' }), 'Gender: needs your review (not sure)');
});
