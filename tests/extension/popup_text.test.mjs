import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeState, summaryText, resultText, tourProgress, packLine } from '../../extension/popup/popup_text.js';
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

test('the summary never says "all off" while a maybe or an unknown switch is on', () => {
  const maybe = setting({ action: 'highlight', confidence: 'low' });
  const off = setting({ shares_data: false, state: 'off', action: 'none' });
  assert.equal(summaryText({ settings: [maybe], sharing: 0, maybe: 1 }),
    '1 of 1 setting here might share your data: OptOut is not sure. Confirm it below or in the banner on the page.');
  assert.equal(summaryText({ settings: [setting(), maybe], sharing: 1, maybe: 1 }),
    '1 of 2 settings here share your data. 1 setting here might share your data: OptOut is not sure. Confirm it below or in the banner on the page.');
  assert.equal(summaryText({ settings: [off], sharing: 0, maybe: 0, unknown: 1, unknown_on: 1 }),
    'The 1 recognised setting here is off. 1 unknown switch here is on: OptOut could not tell whether it shares your data, and left it alone.');
  assert.equal(summaryText({ settings: [], unknown: 2, unknown_on: 2 }),
    '2 unknown switches here are on: OptOut could not tell whether they share your data, and left them alone.');
  for (const status of [{ settings: [maybe], sharing: 0, maybe: 1 }, { settings: [off], sharing: 0, unknown_on: 1 }]) {
    assert.doesNotMatch(summaryText(status), /^All /);
  }
});

test('signed out and page not found are said as such', () => {
  assert.equal(summaryText({ page_state: 'signed_out', settings: [] }), 'LinkedIn shows its sign-in page. Sign in to LinkedIn, then check again.');
  assert.equal(summaryText({ page_state: 'not_found', settings: [] }), 'LinkedIn says this page does not exist.');
});

test('a setting outside the chosen categories still reads as sharing', () => {
  assert.equal(describeState(setting({ action: 'highlight', skip_reason: 'x', confidence: 'high' })), 'On (shares data; not in your categories)');
  assert.equal(describeState(setting({ action: 'highlight', skip_reason: 'x', confidence: 'low' })), 'On (might share data; not in your categories)');
});

test('the badge counts maybes too, marks them with "?", and is never "off" over an unknown switch that is on', () => {
  const maybe = setting({ action: 'highlight', confidence: 'low' });
  assert.deepEqual(badgeFor({ settings: [maybe], sharing: 0, maybe: 1 }).text, '1?');
  const both = badgeFor({ settings: [setting(), maybe], sharing: 1, maybe: 1 });
  assert.equal(both.text, '2?');
  assert.equal(both.title, 'OptOut: 1 setting still shares your data; 1 more might (OptOut is not sure; check it in the banner)');
  const unknownOn = badgeFor({ settings: [setting({ shares_data: false })], sharing: 0, maybe: 0, unknown_on: 1 });
  assert.equal(unknownOn.text, '?');
  assert.match(unknownOn.title, /could not tell whether 1 unrecognised switch shares data/);
  assert.equal(badgeFor({ settings: [], unknown_on: 2 }).text, '?');
  assert.equal(badgeFor({ page_state: 'signed_out', settings: [] }).text, '');
});

test('a tour stopped by the sign-in wall tells the member what to do', () => {
  assert.equal(tourProgress({ mode: 'optout', stopped: 'signed_out', finished_at: 't', pages: [1, 2] }),
    'Opt out of everything: stopped, LinkedIn asked you to sign in. Sign in to LinkedIn, then run it again.');
});

test('rule packs are listed with name, version and origin', () => {
  assert.equal(packLine({ name: 'linkedin', version: '2026.11.29.2', origin: 'built-in' }), 'linkedin 2026.11.29.2 (built in)');
  assert.equal(packLine({ name: 'user', version: '3', origin: 'data-dir', path: '/home/m/.local/share/optout/rules/user.json' }),
    'user 3 (from /home/m/.local/share/optout/rules/user.json)');
});
