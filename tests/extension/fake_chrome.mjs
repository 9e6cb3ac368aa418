// Just enough of the extension APIs to load the real service worker in node: listeners are
// kept so a test can play the browser (connect a tab, send a message from a page), and the
// native port is a fake that records what would reach optout-host and answers like it.
export const EXTENSION_ID = 'ckjgoakhngifaebchaaffcpfmbkojdni';
export const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

function event() {
  const listeners = [];
  return { listeners, addListener: (f) => listeners.push(f), removeListener: (f) => listeners.splice(listeners.indexOf(f), 1), hasListener: (f) => listeners.includes(f) };
}

// A port as the worker sees it: messages it posts are kept in `posted`.
export function fakePort(name, sender) {
  const onMessage = event();
  const onDisconnect = event();
  return {
    name, sender, onMessage, onDisconnect, posted: [], disconnected: false,
    postMessage(m) { this.posted.push(m); },
    disconnect() { this.disconnected = true; },
    // Plays the other end: a message arriving at the worker.
    async send(m) { for (const f of onMessage.listeners) await f(m, this); },
  };
}

// answer(request) -> the host's reply fields (default: ok).
export function installFakeChrome({ answer = (req) => ({ ok: true, type: req.type }) } = {}) {
  const toHost = [];
  const store = {};
  const chrome = {
    runtime: {
      id: EXTENSION_ID,
      lastError: undefined,
      getURL: (p) => `${ORIGIN}${p}`,
      getManifest: () => ({ version: '0.1.0' }),
      onConnect: event(), onMessage: event(), onInstalled: event(), onStartup: event(),
      connectNative() {
        const port = fakePort('native', null);
        port.postMessage = (m) => {
          toHost.push(m);
          queueMicrotask(() => port.send({ v: 1, id: m.id, ...answer(m) }));
        };
        return port;
      },
    },
    storage: {
      local: {
        get: async (keys) => {
          const list = keys == null ? Object.keys(store) : [].concat(keys);
          return Object.fromEntries(list.filter((k) => k in store).map((k) => [k, structuredClone(store[k])]));
        },
        set: async (items) => { Object.assign(store, structuredClone(items)); },
      },
      onChanged: event(),
    },
    alarms: { clear: async () => true, create: () => {}, onAlarm: event() },
    tabs: { onRemoved: event(), create: async () => ({ id: 99 }), remove: async () => {}, sendMessage: async () => null },
    action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {}, setTitle: async () => {}, setIcon: async () => {} },
  };
  globalThis.chrome = chrome;
  return {
    chrome, toHost, store,
    // Connects a port to the worker as the browser would, with this sender.
    connect(name, sender) {
      const port = fakePort(name, sender);
      for (const f of chrome.runtime.onConnect.listeners) f(port);
      return port;
    },
    // Sends a runtime message to the worker; resolves with its response (or 'no response').
    message(msg, sender) {
      return new Promise((resolve) => {
        let kept = false;
        for (const f of chrome.runtime.onMessage.listeners) kept = f(msg, sender, resolve) === true || kept;
        if (!kept) resolve('no response');
      });
    },
  };
}

let loads = 0;
// A fresh copy of the real service worker module against this fake chrome.
export async function loadServiceWorker() {
  return import(`../../extension/background/service_worker.js?load=${++loads}`);
}
