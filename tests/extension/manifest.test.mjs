// The extension asks for the fewest permissions and its fixed id matches what the host
// installer writes into allowed_origins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';

const manifest = JSON.parse(readFileSync(new URL('../../extension/manifest.json', import.meta.url)));

// alarms: the scheduled re-check. No tabs, scripting, notifications, downloads or <all_urls>.
test('permissions are exactly nativeMessaging, storage and alarms, hosts only www.linkedin.com', () => {
  assert.deepEqual([...manifest.permissions].sort(), ['alarms', 'nativeMessaging', 'storage']);
  assert.deepEqual(manifest.host_permissions, ['https://www.linkedin.com/*']);
  assert.equal(manifest.optional_permissions, undefined);
  for (const cs of manifest.content_scripts) assert.deepEqual(cs.matches, ['https://www.linkedin.com/*']);
});

test('the key gives the fixed development id', () => {
  const der = Buffer.from(manifest.key, 'base64');
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  const id = [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  assert.equal(id, 'ckjgoakhngifaebchaaffcpfmbkojdni');
});

test('extension pages run only packaged scripts', () => {
  assert.match(manifest.content_security_policy.extension_pages, /script-src 'self';/);
  assert.doesNotMatch(JSON.stringify(manifest), /unsafe-eval|unsafe-inline|https?:\/\/(?!www\.linkedin\.com)/);
});

// docs/security.md "Web pages": no page can message the extension or load anything from it.
// Read as JSON, not matched as text: a key anywhere in the manifest counts.
test('no externally_connectable and no web_accessible_resources', () => {
  const keys = new Set();
  const walk = (v) => {
    if (!v || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) { keys.add(k); walk(child); }
  };
  walk(manifest);
  assert.equal(Object.hasOwn(manifest, 'externally_connectable'), false);
  assert.equal(Object.hasOwn(manifest, 'web_accessible_resources'), false);
  assert.equal(keys.has('externally_connectable'), false);
  assert.equal(keys.has('web_accessible_resources'), false);
  assert.equal(keys.has('matches') && manifest.content_scripts.every((cs) => cs.all_frames !== true), true, 'top frame only');
});

test('every content script the manifest lists exists, and main.js runs last', () => {
  const [cs] = manifest.content_scripts;
  for (const f of cs.js) assert.ok(existsSync(new URL(`../../extension/${f}`, import.meta.url)), f);
  assert.equal(cs.js.at(-1), 'content/main.js');
  assert.equal(new Set(cs.js).size, cs.js.length);
});
