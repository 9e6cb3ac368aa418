// The background's one browser layer (browser_platform.js): which browser this is, how each
// reports a missing helper, and the install command the member is shown, through the real
// NativeHost and the real banner model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { platformOf, CHROMIUM, FIREFOX } from '../../extension/background/browser_platform.js';
import { NativeHost } from '../../extension/background/native_host.js';
import { loadContentScripts } from './content_loader.mjs';
import { readFileSync } from 'node:fs';
import { textTable } from '../../extension/shared/i18n.js';

const C = await loadContentScripts('text_clip.js', 'page_summary.js', 'banner_model.js', 'policy.js', 'host_link.js');
// The banner's words come from the messages (host_link.js's t): an English page's table.
C.setUiText(textTable(JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8')), null));

function fakePort() {
  const listeners = { message: [], disconnect: [] };
  return {
    error: null,
    onMessage: { addListener: (f) => listeners.message.push(f) },
    onDisconnect: { addListener: (f) => listeners.disconnect.push(f) },
    postMessage() {},
    disconnect() {},
    // As the browser does: the port itself is the listener's argument.
    die() { listeners.disconnect.forEach((f) => f(this)); },
  };
}

function hostWith(platform) {
  const ports = [];
  const host = new NativeHost(() => {
    const p = fakePort();
    ports.push(p);
    return p;
  }, platform);
  return { host, ports };
}

const bannerFor = (hostError) => C.bannerModel({ verdicts: [], controlOf: new Map(), results: null, busy: false, hostError });

test('the platform comes from the extension origin: moz-extension:// is Firefox, anything else the Chromium family', () => {
  assert.equal(platformOf({ getURL: (p) => `moz-extension://6f1c2a1e-0b7d-4c59-9a51-0d2b8e4f7a31/${p}` }), FIREFOX);
  assert.equal(platformOf({ getURL: (p) => `chrome-extension://ckjgoakhngifaebchaaffcpfmbkojdni/${p}` }), CHROMIUM);
  assert.equal(platformOf(undefined), CHROMIUM);
  assert.equal(FIREFOX.installCommand, 'optout-host install --browser firefox');
  assert.equal(CHROMIUM.installCommand, 'optout-host install --browser chromium');
});

test('Firefox: a missing host reported on port.error (runtime.lastError unset) gives the Firefox install hint', async () => {
  globalThis.chrome = { runtime: { lastError: undefined } };
  const { host, ports } = hostWith(FIREFOX);
  const pending = host.request({ type: 'classify' });
  ports[0].error = { message: 'No such native application com.optout.host' };
  ports[0].die();
  const reply = await pending;
  assert.equal(reply.error.name, 'host_unavailable');
  assert.equal(reply.error.install_command, 'optout-host install --browser firefox');
  assert.match(reply.error.message, /run: optout-host install --browser firefox \(browser said: No such native application com\.optout\.host\)$/);
  assert.doesNotMatch(reply.error.message, /chromium/);
  // The banner shows the command the background named.
  const banner = bannerFor(reply.error);
  assert.equal(banner.title, "OptOut's helper app is not installed");
  assert.equal(banner.code, 'optout-host install --browser firefox');
  assert.deepEqual(host.lastError, reply.error, 'the popup and options see the same error');
});

test('Firefox: an add-on id the host manifest does not allow is a missing host too', async () => {
  globalThis.chrome = { runtime: {} };
  const { host, ports } = hostWith(FIREFOX);
  const pending = host.request({ type: 'classify' });
  ports[0].error = { message: 'This extension does not have permission to use native application com.optout.host (or the application is not installed)' };
  ports[0].die();
  assert.equal((await pending).error.name, 'host_unavailable');
});

test('Firefox: a host that starts and then dies is "stopped", not "not installed"', async () => {
  globalThis.chrome = { runtime: {} };
  const { host, ports } = hostWith(FIREFOX);
  const pending = host.request({ type: 'classify' });
  ports[0].error = { message: 'An unexpected error occurred' };
  ports[0].die();
  const reply = await pending;
  assert.equal(reply.error.name, 'host_exited');
  assert.equal(reply.error.install_command, undefined);
  assert.equal(reply.error.message, 'The OptOut helper stopped: An unexpected error occurred');
  assert.equal(bannerFor(reply.error).code, undefined);
});

test('Chromium: a missing host reported on runtime.lastError gives the Chromium install hint', async () => {
  globalThis.chrome = { runtime: { lastError: { message: 'Specified native messaging host not found.' } } };
  const { host, ports } = hostWith(CHROMIUM);
  const pending = host.request({ type: 'classify' });
  ports[0].die();
  const reply = await pending;
  assert.equal(reply.error.name, 'host_unavailable');
  assert.equal(reply.error.install_command, 'optout-host install --browser chromium');
  assert.equal(bannerFor(reply.error).code, 'optout-host install --browser chromium');
});

test('a disconnect of a port already replaced does not fail the requests on the new one', async () => {
  globalThis.chrome = { runtime: {} };
  const { host, ports } = hostWith(FIREFOX);
  host.open();
  const old = ports[0];
  old.error = { message: 'An unexpected error occurred' };
  old.die();
  const waiting = host.request({ type: 'classify' });
  assert.equal(ports.length, 2, 'a new port for the next request');
  old.die(); // a late second notice about the old port
  const settled = await Promise.race([waiting, new Promise((r) => setTimeout(() => r('still waiting'), 50))]);
  assert.equal(settled, 'still waiting');
  assert.equal(host.connected(), true);
});
