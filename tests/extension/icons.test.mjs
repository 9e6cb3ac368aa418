// The toolbar icon per tab state (badge.js), and the icon files the manifest and badge.js name:
// present after scripts/setup.sh (scripts/icons.sh renders them), PNGs of the size they claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { badgeFor, applyBadge, clearBadge, ICONS, ICON_SIZES } from '../../extension/background/badge.js';
import { pngHeader, pngShape } from './png.mjs';

const EXT = new URL('../../extension/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', EXT), 'utf8'));
const fileOf = (path) => new URL(path.replace(/^\//, ''), EXT);

const setting = (over) => ({ setting: 'x', title: 'X', state: 'on', shares_data: true, action: 'flip', ...over });
const off = setting({ state: 'off', shares_data: false, action: 'none' });

test('each tab state has its toolbar icon', () => {
  const cases = [
    [null, [], 'default'],
    [{ settings: [off], sharing: 0 }, [], 'all_off'],
    [{ settings: [setting()], sharing: 1 }, [], 'shares'],
    [{ settings: [setting({ action: 'highlight' })], sharing: 0, maybe: 1 }, [], 'shares'],
    // An unrecognised switch that is on: never the calm icon.
    [{ settings: [off], sharing: 0, unknown_on: 1 }, [], 'shares'],
    [{ settings: [], unknown_on: 2 }, [], 'shares'],
    [{ hostError: { name: 'host_unavailable' } }, [], 'no_helper'],
    [{ page_state: 'signed_out', settings: [] }, [], 'default'],
    [{ page_state: 'not_found', settings: [] }, [], 'default'],
    [{ settings: [], sharing: 0 }, [], 'default'],
    // A re-check found a setting switched back on: attention, even over an all-off page.
    [{ settings: [off], sharing: 0 }, [{ setting: 'x' }], 'shares'],
  ];
  for (const [status, alerts, icon] of cases) {
    assert.equal(badgeFor(status, alerts).icon, icon, JSON.stringify({ status, alerts }));
  }
  // Every state badgeFor can name has a file set.
  for (const [, , icon] of cases) assert.ok(ICONS[icon], icon);
});

test('the states use different files, each in every toolbar size, from the extension root', () => {
  const names = Object.keys(ICONS);
  assert.deepEqual(names.sort(), ['all_off', 'default', 'no_helper', 'shares']);
  const files = names.map((n) => ICONS[n]['16']);
  assert.equal(new Set(files).size, names.length);
  for (const n of names) {
    assert.deepEqual(Object.keys(ICONS[n]).map(Number), [...ICON_SIZES], n);
    // Absolute: setIcon resolves a relative path against the service worker's own folder.
    for (const path of Object.values(ICONS[n])) assert.match(path, /^\/icons\/[a-z-]+-\d+\.png$/, path);
  }
  // The default toolbar icon is the manifest's.
  for (const [size, path] of Object.entries(manifest.action.default_icon)) assert.equal(ICONS.default[size], `/${path}`);
});

test('applyBadge sets text, colour, title and icon for the tab; clearBadge puts OptOut\'s own icon back', () => {
  const calls = [];
  const api = (name) => (details) => { calls.push([name, details]); return Promise.resolve(); };
  const saved = globalThis.chrome;
  globalThis.chrome = /** @type {any} */ ({
    action: { setBadgeText: api('text'), setBadgeBackgroundColor: api('color'), setTitle: api('title'), setIcon: api('icon') },
  });
  try {
    applyBadge(7, { settings: [setting()], sharing: 1 });
    assert.deepEqual(calls.find(([n]) => n === 'icon')[1], { tabId: 7, path: ICONS.shares });
    assert.deepEqual(calls.find(([n]) => n === 'text')[1], { tabId: 7, text: '1' });
    assert.equal(calls.find(([n]) => n === 'color')[1].tabId, 7);
    assert.match(calls.find(([n]) => n === 'title')[1].title, /1 setting still shares your data/);
    calls.length = 0;
    applyBadge(8, { hostError: { name: 'host_unavailable' } });
    assert.deepEqual(calls.find(([n]) => n === 'icon')[1], { tabId: 8, path: ICONS.no_helper });
    calls.length = 0;
    applyBadge(9, { settings: [off], sharing: 0 });
    assert.deepEqual(calls.find(([n]) => n === 'icon')[1], { tabId: 9, path: ICONS.all_off });
    calls.length = 0;
    clearBadge(9);
    assert.deepEqual(calls.find(([n]) => n === 'icon')[1], { tabId: 9, path: ICONS.default });
    assert.deepEqual(calls.find(([n]) => n === 'text')[1], { tabId: 9, text: '' });
    // A closed tab makes the API reject: no unhandled rejection escapes.
    globalThis.chrome.action.setIcon = () => Promise.reject(new Error('No tab with id: 9'));
    assert.doesNotThrow(() => applyBadge(9, null));
  } finally {
    globalThis.chrome = saved;
  }
});

// Every icon file the extension names: the manifest's icons and default_icon, and badge.js's.
function referencedIcons() {
  const refs = [];
  for (const [size, path] of Object.entries(manifest.icons)) refs.push({ from: 'manifest icons', size: Number(size), path });
  for (const [size, path] of Object.entries(manifest.action.default_icon)) refs.push({ from: 'manifest action.default_icon', size: Number(size), path });
  for (const [state, set] of Object.entries(ICONS)) {
    for (const [size, path] of Object.entries(set)) refs.push({ from: `badge.js ${state}`, size: Number(size), path });
  }
  return refs;
}

test('every icon the manifest and badge.js name exists (run scripts/setup.sh) and is a PNG of its size', () => {
  assert.deepEqual(Object.keys(manifest.icons).map(Number), [16, 32, 48, 128]);
  const refs = referencedIcons();
  assert.ok(refs.length >= 4 + 2 + 4 * ICON_SIZES.length);
  for (const { from, size, path } of refs) {
    const file = fileOf(path);
    assert.ok(existsSync(file), `${from}: ${path} is missing; scripts/setup.sh (scripts/icons.sh) renders it`);
    const h = pngHeader(file);
    assert.deepEqual([h.width, h.height], [size, size], `${from}: ${path}`);
  }
});

test('every icon has its SVG source in extension/icons/src', () => {
  for (const { path } of referencedIcons()) {
    const name = path.replace(/^\/?icons\//, '').replace(/-\d+\.png$/, '');
    assert.ok(existsSync(new URL(`icons/src/${name}.svg`, EXT)), `${path}: no icons/src/${name}.svg`);
  }
});

// Not by colour alone: the calm, attention and helper-missing icons differ in shape: which
// pixels are transparent, dark or light, whatever their hue.
test('the toolbar state icons differ in shape, not only in colour', () => {
  for (const size of ICON_SIZES) {
    const states = ['all_off', 'shares', 'no_helper', 'default'];
    const shape = Object.fromEntries(states.map((s) => [s, pngShape(fileOf(ICONS[s][String(size)]))]));
    for (let i = 0; i < states.length; i++) {
      for (let j = i + 1; j < states.length; j++) {
        const [a, b] = [shape[states[i]], shape[states[j]]];
        let differ = 0;
        for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) differ++;
        // At 16 px, 4% of the pixels is 10; the check mark alone is more than that.
        assert.ok(differ >= a.length * 0.04, `${states[i]} vs ${states[j]} at ${size}px: ${differ} pixels differ in shape`);
      }
    }
  }
});
