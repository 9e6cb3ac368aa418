// The service worker's host client: replies matched by id, and a clear error (never a hang)
// when the host is missing or goes away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NativeHost, HOST_NAME } from '../../extension/background/native_host.js';

function fakePort() {
  const listeners = { message: [], disconnect: [] };
  return {
    sent: [],
    disconnected: false,
    onMessage: { addListener: (f) => listeners.message.push(f) },
    onDisconnect: { addListener: (f) => listeners.disconnect.push(f) },
    postMessage(m) { this.sent.push(m); },
    disconnect() { this.disconnected = true; },
    reply: (m) => listeners.message.forEach((f) => f(m)),
    die: () => listeners.disconnect.forEach((f) => f()),
  };
}

function setup() {
  const ports = [];
  const host = new NativeHost((name) => {
    assert.equal(name, HOST_NAME);
    const p = fakePort();
    ports.push(p);
    return p;
  });
  return { host, ports };
}

test('requests carry v and a fresh id, replies resolve the matching request', async () => {
  globalThis.chrome = { runtime: {} };
  const { host, ports } = setup();
  const a = host.request({ type: 'classify', controls: [] });
  const b = host.request({ type: 'history' });
  const [hello, ca, cb] = ports[0].sent;
  assert.equal(hello.type, 'hello');
  assert.deepEqual([ca.v, ca.type, cb.type], [1, 'classify', 'history']);
  assert.notEqual(ca.id, cb.id);
  ports[0].reply({ id: cb.id, ok: true, which: 'b' });
  ports[0].reply({ id: ca.id, ok: true, which: 'a' });
  assert.equal((await a).which, 'a');
  assert.equal((await b).which, 'b');
  assert.equal(ports.length, 1, 'one port for all requests');
});

test('a missing host fails every waiting request with install instructions', async () => {
  globalThis.chrome = { runtime: {} };
  const { host, ports } = setup();
  const pending = host.request({ type: 'classify' });
  chrome.runtime.lastError = { message: 'Specified native messaging host not found.' };
  ports[0].die();
  const reply = await pending;
  assert.equal(reply.ok, false);
  assert.equal(reply.error.name, 'host_unavailable');
  assert.match(reply.error.message, /optout-host install --browser chromium/);
  assert.equal(host.connected(), false);
  // The next request tries again with a new port instead of reusing the dead one.
  host.request({ type: 'hello' });
  assert.equal(ports.length, 2);
});

test('close disconnects and releases waiting requests', async () => {
  globalThis.chrome = { runtime: {} };
  const { host, ports } = setup();
  const pending = host.request({ type: 'classify' });
  host.close();
  assert.equal(ports[0].disconnected, true);
  assert.equal((await pending).error.name, 'host_closed');
});
