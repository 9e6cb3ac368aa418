// Static guards for the extension's security promises (docs/security.md): no HTML sinks for
// page text, no dynamic code, no remote resources, and tabs limited to classify/record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allowedFromTab } from '../../extension/background/relay_policy.js';

const ROOT = new URL('../../extension/', import.meta.url).pathname;
function files(dir, ext) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}
const scripts = files(ROOT, '.js');

test('no script writes HTML or evaluates strings', () => {
  assert.ok(scripts.length >= 10, 'found the extension scripts');
  const sinks = /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(\s*['"`]|createContextualFragment/;
  for (const f of scripts) assert.doesNotMatch(readFileSync(f, 'utf8'), sinks, f);
});

test('no remote code or resources: every URL is LinkedIn or the extension itself', () => {
  for (const f of [...scripts, ...files(ROOT, '.html'), ...files(ROOT, '.css')]) {
    for (const url of readFileSync(f, 'utf8').match(/https?:\/\/[^\s'"`)]+/g) || []) {
      assert.match(url, /^https:\/\/www\.linkedin\.com(\/|$)/, `${f}: ${url}`);
    }
  }
  for (const f of files(ROOT, '.html')) assert.doesNotMatch(readFileSync(f, 'utf8'), /<script(?![^>]*\bsrc=)[^>]*>/, `${f} has an inline script`);
});

test('our UI lives in a closed shadow root and acts only on trusted clicks', () => {
  const overlay = readFileSync(join(ROOT, 'content/overlay.js'), 'utf8');
  assert.match(overlay, /attachShadow\(\{ mode: 'closed' \}\)/);
  assert.match(overlay, /if \(!ev\.isTrusted\) return;/);
  // Every banner button goes through the one guarded helper.
  assert.equal((overlay.match(/el\('button'/g) || []).length, 2, 'the guarded helper and the close button');
  assert.match(overlay, /'data-optout': 'opt-out-button'/);
  assert.match(overlay, /actionButton\(\{ class: 'primary small', 'data-optout': 'confirm-maybe'/);
});

test('a LinkedIn tab may only classify, record and learn through the service worker', () => {
  assert.equal(allowedFromTab({ type: 'classify' }), true);
  assert.equal(allowedFromTab({ type: 'record' }), true);
  assert.equal(allowedFromTab({ type: 'learn' }), true);
  for (const bad of [{ type: 'history' }, { type: 'settings' }, { type: 'hello' }, {}, null, 'classify']) {
    assert.equal(allowedFromTab(bad), false, JSON.stringify(bad));
  }
});
