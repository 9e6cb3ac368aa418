// scripts/package.sh: the store builds of the extension. Runs the script (into temporary
// dist directories) and reads what it wrote: the Chromium .zip carries no development `key`
// and no Firefox-only keys, the Firefox .xpi keeps browser_specific_settings.gecko; each holds
// every file its manifest (and the pages and modules it loads) references and nothing but
// extension/; two runs give the same bytes; web-ext lint finds no error or warning in the .xpi.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from './zip.mjs';
import { ICONS } from '../../extension/background/badge.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXT = join(ROOT, 'extension');
const devManifest = JSON.parse(readFileSync(join(EXT, 'manifest.json'), 'utf8'));
const ZIP = `optout-${devManifest.version}-chromium.zip`;
const XPI = `optout-${devManifest.version}-firefox.xpi`;

const dirs = [];
function packageInto(...steps) {
  const dist = mkdtempSync(join(tmpdir(), 'optout-dist-'));
  dirs.push(dist);
  execFileSync(join(ROOT, 'scripts/package.sh'), steps, { cwd: ROOT, env: { ...process.env, DIST: dist }, stdio: ['ignore', 'inherit', 'pipe'] });
  return dist;
}

let first;
let second;
before(() => {
  first = packageInto('icons', 'chromium', 'firefox');
  // Older than their SVGs: the second run renders every icon again, so the comparison covers
  // rendering too.
  for (const f of readdirSync(join(EXT, 'icons'))) if (f.endsWith('.png')) utimesSync(join(EXT, 'icons', f), 0, 0);
  second = packageInto('icons', 'chromium', 'firefox');
});
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const entriesOf = (dist, name) => readZip(join(dist, name));
const manifestOf = (entries) => JSON.parse(entries.find((e) => e.name === 'manifest.json').data.toString('utf8'));

function allKeys(value, keys = new Set()) {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { keys.add(k); allKeys(v, keys); }
  }
  return keys;
}

// Every file the manifest names, then what those HTML pages load (script src, link href) and
// what those ES modules import, followed to the end.
function referencedFiles(manifest, read) {
  const wanted = [
    ...Object.values(manifest.icons || {}),
    ...Object.values(manifest.action?.default_icon || {}),
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts || []),
    ...(manifest.content_scripts || []).flatMap((cs) => [...(cs.js || []), ...(cs.css || [])]),
  ].filter(Boolean);
  const seen = new Set();
  while (wanted.length) {
    const file = posix.normalize(wanted.pop().replace(/^\//, ''));
    if (seen.has(file)) continue;
    seen.add(file);
    const text = read(file);
    if (text === null) continue;
    const dir = posix.dirname(file);
    const local = (ref) => !/^[a-z-]+:/i.test(ref) && !ref.startsWith('#');
    const resolve = (ref) => (ref.startsWith('/') ? ref.slice(1) : posix.join(dir, ref));
    if (file.endsWith('.html')) {
      for (const [, ref] of text.matchAll(/<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) if (local(ref)) wanted.push(resolve(ref));
    } else if (file.endsWith('.js')) {
      for (const [, ref] of text.matchAll(/^\s*(?:import|export)\b[^'"]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm)) wanted.push(resolve(ref));
    }
  }
  return [...seen].sort();
}

function checkArchive(entries, label) {
  const names = entries.map((e) => e.name);
  const byName = new Map(entries.map((e) => [e.name, e]));
  assert.equal(new Set(names).size, names.length, `${label}: duplicate entries`);
  assert.deepEqual(names, [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))), `${label}: entries sorted`);
  // Same date, mode and compression for every entry; no directory entries, no extra fields.
  const commit = Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' }));
  const d = new Date(Math.max(commit, 315532800) * 1000);
  const dosDate = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  const dosTime = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
  for (const e of entries) {
    assert.deepEqual([e.dosDate, e.dosTime], [dosDate, dosTime], `${label}: ${e.name} dated the last commit (UTC)`);
    assert.equal(e.mode, 0o100644, `${label}: ${e.name} mode`);
    assert.equal(e.system, 3, `${label}: ${e.name} made on unix`);
    assert.equal(e.extra, 0, `${label}: ${e.name} extra fields`);
    assert.equal(e.method, 8, `${label}: ${e.name} deflated`);
    assert.ok(!e.name.endsWith('/'), `${label}: ${e.name} is a directory entry`);
  }
  // Built from extension/: each file but the manifest byte for byte, every shipped file there,
  // the SVG sources and dotfiles not.
  const onDisk = [];
  const walk = (dir, prefix) => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix + ent.name;
      if (ent.name.startsWith('.') || rel === 'icons/src') continue;
      if (ent.isDirectory()) walk(join(dir, ent.name), `${rel}/`);
      else onDisk.push(rel);
    }
  };
  walk(EXT, '');
  assert.deepEqual([...names].sort(), onDisk.sort(), `${label}: the files of extension/ (without icons/src)`);
  for (const e of entries) {
    if (e.name !== 'manifest.json') assert.ok(e.data.equals(readFileSync(join(EXT, e.name))), `${label}: ${e.name} as in extension/`);
  }
  // Every file the manifest, its pages and modules reference, and every toolbar icon.
  const manifest = manifestOf(entries);
  const refs = referencedFiles(manifest, (f) => (byName.has(f) ? byName.get(f).data.toString('utf8') : null));
  assert.ok(refs.length > 30, `${label}: ${refs.length} references found`);
  for (const ref of refs) assert.ok(byName.has(ref), `${label}: ${ref} is referenced but not in the archive`);
  for (const set of Object.values(ICONS)) for (const path of Object.values(set)) assert.ok(byName.has(path.slice(1)), `${label}: badge.js icon ${path}`);
  assert.ok(refs.includes('background/badge.js') && refs.includes('popup/popup.js'), `${label}: imports and page scripts followed`);
  return manifest;
}

test('the Chromium zip: no key, no Firefox-only keys, every referenced file, only extension/', () => {
  const manifest = checkArchive(entriesOf(first, ZIP), 'zip');
  assert.equal(allKeys(manifest).has('key'), false, 'no key anywhere in the manifest');
  assert.equal(manifest.browser_specific_settings, undefined);
  assert.equal(manifest.background.scripts, undefined);
  assert.equal(manifest.background.service_worker, 'background/service_worker.js');
  // Nothing else changed.
  const expected = structuredClone(devManifest);
  delete expected.key;
  delete expected.browser_specific_settings;
  delete expected.background.scripts;
  assert.deepEqual(manifest, expected);
});

test('the Firefox xpi: no key, browser_specific_settings.gecko with the id and data_collection_permissions, background scripts', () => {
  const manifest = checkArchive(entriesOf(first, XPI), 'xpi');
  assert.equal(allKeys(manifest).has('key'), false, 'no key anywhere in the manifest');
  assert.equal(manifest.browser_specific_settings.gecko.id, devManifest.browser_specific_settings.gecko.id);
  assert.deepEqual(manifest.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  assert.deepEqual(manifest.background.scripts, ['background/service_worker.js']);
  assert.equal(manifest.background.service_worker, undefined);
  const expected = structuredClone(devManifest);
  delete expected.key;
  delete expected.background.service_worker;
  delete expected.minimum_chrome_version;
  assert.deepEqual(manifest, expected);
});

test('two runs give the same bytes (icons rendered again in between)', () => {
  for (const name of [ZIP, XPI]) {
    const a = readFileSync(join(first, name));
    const b = readFileSync(join(second, name));
    assert.ok(a.length > 10000, `${name}: ${a.length} bytes`);
    assert.ok(a.equals(b), `${name} differs between two runs`);
  }
});

test('web-ext lint: no errors and no warnings in the Firefox xpi', () => {
  const xpi = join(first, XPI);
  const run = spawnSync('npx', ['--no-install', 'web-ext', 'lint', '--source-dir', xpi, '--output', 'json', '--no-input'], { cwd: ROOT, encoding: 'utf8' });
  const report = JSON.parse(run.stdout);
  const problems = [...report.errors, ...report.warnings].map((m) => `${m._type} ${m.code}: ${m.message}`);
  assert.deepEqual(problems, []);
  assert.equal(report.summary.errors, 0);
  // And the script's own lint step agrees.
  const step = spawnSync(join(ROOT, 'scripts/package.sh'), ['lint'], { cwd: ROOT, env: { ...process.env, DIST: first }, encoding: 'utf8' });
  assert.equal(step.status, 0, step.stderr);
});

test('the lint step fails on a warning, and an unknown step is refused', () => {
  // The development manifest as it is (with background.service_worker) warns in Firefox.
  const dist = mkdtempSync(join(tmpdir(), 'optout-dist-'));
  dirs.push(dist);
  // python3's zipfile (setup installs python3; zip and unzip may be missing on a fresh Debian).
  execFileSync('python3', ['-c', `
import sys, zipfile
src, dst, manifest = sys.argv[1:4]
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as b:
    for name in a.namelist():
        b.writestr(name, open(manifest, 'rb').read() if name == 'manifest.json' else a.read(name))
`, join(first, XPI), join(dist, XPI), join(EXT, 'manifest.json')]);
  const step = spawnSync(join(ROOT, 'scripts/package.sh'), ['lint'], { cwd: ROOT, env: { ...process.env, DIST: dist }, encoding: 'utf8' });
  assert.notEqual(step.status, 0);
  assert.match(step.stderr, /BACKGROUND_SERVICE_WORKER_IGNORED/);
  const unknown = spawnSync(join(ROOT, 'scripts/package.sh'), ['deb-typo'], { cwd: ROOT, env: { ...process.env, DIST: dist }, encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.ok(!existsSync(join(dist, ZIP)));
});
