// The content script's one port to the service worker, which owns the native host port:
// requests with a timeout (never a hang), status reports for the badge and tours, and closing
// the port when the tab leaves the settings pages, so the host can exit.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const REQUEST_TIMEOUT_MS = 15000;

  OptOutContent.createHostLink = function createHostLink(timeoutMs = REQUEST_TIMEOUT_MS) {
    let port = null;
    let nextReqId = 1;
    const pending = new Map();

    function connect() {
      port = chrome.runtime.connect({ name: 'optout-tab' });
      port.onMessage.addListener((msg) => {
        const p = pending.get(msg && msg.reqId);
        if (!p) return;
        pending.delete(msg.reqId);
        clearTimeout(p.timer);
        p.resolve(msg.reply);
      });
      port.onDisconnect.addListener(() => {
        port = null;
        for (const [id, p] of pending) {
          clearTimeout(p.timer);
          p.resolve({ ok: false, error: { code: 0, name: 'extension_restarted', message: 'OptOut restarted; try again.' } });
          pending.delete(id);
        }
      });
    }

    return {
      // Opening early lets the service worker start the host while the page still renders.
      open() {
        if (!port) connect();
      },
      request(request) {
        if (!port) connect();
        const reqId = nextReqId++;
        return new Promise((resolve) => {
          const timer = setTimeout(() => {
            pending.delete(reqId);
            resolve({ ok: false, error: { code: 0, name: 'timeout', message: 'The OptOut helper did not answer in time.' } });
          }, timeoutMs);
          pending.set(reqId, { resolve, timer });
          port.postMessage({ reqId, request });
        });
      },
      status(status) {
        if (!port) connect();
        port.postMessage({ kind: 'status', status });
      },
      // Only when nothing is waiting for an answer.
      close() {
        if (!port || pending.size) return;
        port.disconnect();
        port = null;
      },
    };
  };
})();
