// @ts-check
// The content script's one port to the service worker, which owns the native host port:
// requests with a timeout (never a hang), status reports for the badge and tours, and closing
// the port when the tab leaves the settings pages, so the host can exit.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const REQUEST_TIMEOUT_MS = 15000;

  OptOutContent.createHostLink = function createHostLink(timeoutMs = REQUEST_TIMEOUT_MS) {
    /** @type {chrome.runtime.Port | null} */
    let port = null;
    let nextReqId = 1;
    const pending = new Map();

    // -> the open port (opening it when needed).
    function connected() {
      if (port) return port;
      const opened = chrome.runtime.connect({ name: 'optout-tab' });
      opened.onMessage.addListener((msg) => {
        const waiter = pending.get(msg && msg.reqId);
        if (!waiter) return;
        pending.delete(msg.reqId);
        clearTimeout(waiter.timer);
        waiter.resolve(msg.reply);
      });
      opened.onDisconnect.addListener(() => {
        port = null;
        for (const [id, waiter] of pending) {
          clearTimeout(waiter.timer);
          waiter.resolve({ ok: false, error: { code: 0, name: 'extension_restarted', message: 'OptOut restarted; try again.' } });
          pending.delete(id);
        }
      });
      port = opened;
      return opened;
    }

    return {
      // Opening early lets the service worker start the host while the page still renders.
      open() {
        connected();
      },
      request(request) {
        const reqId = nextReqId++;
        return new Promise((resolve) => {
          const timer = setTimeout(() => {
            pending.delete(reqId);
            resolve({ ok: false, error: { code: 0, name: 'timeout', message: 'The OptOut helper did not answer in time.' } });
          }, timeoutMs);
          pending.set(reqId, { resolve, timer });
          connected().postMessage({ reqId, request });
        });
      },
      status(status) {
        connected().postMessage({ kind: 'status', status });
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
