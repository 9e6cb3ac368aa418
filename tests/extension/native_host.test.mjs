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

// Finding 2: the host answers strictly in order, and a request it could not read far enough to
// know the id (e.g. invalid UTF-8) is answered with `id: null`. That error belongs to the oldest
// request still waiting; it used to be dropped, and the request hung until the tab's 15 s timeout.
const settledWithin = (promise, ms) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

test('an error with id null resolves the oldest waiting request with the real error', async () => {
  globalThis.chrome = { runtime: {} };
  const { host, ports } = setup();
  const first = host.request({ type: 'classify', controls: [] });
  const second = host.request({ type: 'record', change: {} });
  const [hello] = ports[0].sent;
  ports[0].reply({ v: 1, id: hello.id, type: 'hello', ok: true });
  const invalidUtf8 = { v: 1, id: null, type: 'error', ok: false, error: { code: 1101, name: 'invalid_utf8', message: 'body is not valid UTF-8 at byte 42' } };
  ports[0].reply(invalidUtf8);
  const reply = await settledWithin(first, 200);
  assert.notEqual(reply, 'still waiting', 'the oldest request is answered at once');
  assert.equal(reply.ok, false);
  assert.deepEqual(reply.error, invalidUtf8.error, 'the real error, not a timeout');
  assert.equal(await settledWithin(second, 50), 'still waiting', 'a younger request keeps waiting for its own reply');
  ports[0].reply({ v: 1, id: ports[0].sent[2].id, type: 'record', ok: true, seq: 1 });
  assert.equal((await second).seq, 1);
  assert.equal(host.pending.size, 0, 'nothing leaks');
});

test('an id null reply with nothing waiting is dropped, and a success never matches by age', async () => {
  globalThis.chrome = { runtime: {} };
  const { host, ports } = setup();
  host.open();
  const port = ports[0];
  port.reply({ v: 1, id: port.sent[0].id, type: 'hello', ok: true });
  port.reply({ v: 1, id: null, type: 'error', ok: false, error: { code: 1102, name: 'invalid_json', message: 'x' } });
  const waiting = host.request({ type: 'classify' });
  port.reply({ v: 1, id: null, type: 'classify', ok: true });
  assert.equal(await settledWithin(waiting, 50), 'still waiting');
});
