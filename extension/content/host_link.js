// @ts-check
// The content script's one port to the service worker, which owns the native host port:
// requests with a timeout (never a hang), status reports for the badge and tours, and closing
// the port when the tab leaves the settings pages, so the host can exit. And the UI text in
// LinkedIn's page language, which the service worker hands over this port (shared/i18n.js
// explains why: a content script cannot read extension files, and chrome.i18n only knows the
// browser's language).
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const REQUEST_TIMEOUT_MS = 15000;

  // --- UI text ---
  /** @type {Record<string, string> | null} key -> text with $1..$9, in the page's language */
  let pageText = null;
  /** @type {Array<() => void>} */
  const textListeners = [];

  // What LinkedIn's page is written in: <html lang>, else the `hl` URL parameter.
  OptOutContent.pageLanguage = () => (document.documentElement.lang || '').trim() || new URLSearchParams(location.search).get('hl') || '';

  // $1..$9 -> subs; $$ -> $. The same rule as fill() in shared/i18n.js (tests hold both to it).
  /** @param {string} text @param {Array<string | number | null | undefined>} subs */
  OptOutContent.fillText = (text, subs) => text.replace(/\$(\$|[1-9])/g, (_, d) => (d === '$' ? '$' : String(subs[Number(d) - 1] ?? '')));

  // The message `key` in the page's language once the service worker sent it, until then in
  // the browser's (chrome.i18n, English per missing key); '' for a key nobody has, never the key.
  /** @param {string} key @param {...(string | number | null | undefined)} subs */
  OptOutContent.t = function t(key, ...subs) {
    if (pageText && Object.hasOwn(pageText, key)) return OptOutContent.fillText(pageText[key], subs);
    try {
      return chrome.i18n.getMessage(key, subs.map((x) => String(x ?? '')));
    } catch {
      return '';
    }
  };

  // A table from the service worker: plain strings only; listeners re-render what they show.
  /** @param {unknown} table */
  OptOutContent.setUiText = function setUiText(table) {
    if (!table || typeof table !== 'object') return;
    pageText = Object.fromEntries(Object.entries(table).filter(([, v]) => typeof v === 'string'));
    for (const listener of textListeners) listener();
  };
  /** @param {() => void} listener */
  OptOutContent.onUiText = (listener) => { textListeners.push(listener); };

  // A classify reply too big with every verdict's `local` carries it only on the first verdict of
  // each setting (local_omitted "repeats", docs/protocol.md): the others of that setting get the
  // same texts here, so everything after reads `local` from its own verdict. "all" (none carries
  // it) and null leave the verdicts as they are: English is shown where `local` is null.
  /** @param {HostReply} reply @returns {HostReply} */
  OptOutContent.fillRepeatedLocal = function fillRepeatedLocal(reply) {
    if (!reply || !reply.ok || reply.local_omitted !== 'repeats' || !Array.isArray(reply.verdicts)) return reply;
    /** @type {Map<string, LocalText>} setting -> its first verdict's local */
    const first = new Map();
    for (const v of reply.verdicts) if (v && v.setting && v.local && !first.has(v.setting)) first.set(v.setting, v.local);
    const verdicts = reply.verdicts.map((v) => (v && v.setting && !v.local && first.has(v.setting) ? { ...v, local: first.get(v.setting) } : v));
    return { ...reply, verdicts };
  };

  // resync() -> the classify request this tab's verdicts came from (or null). A service worker
  // that restarted (Chromium stops an idle one, Firefox suspends its event page) knows nothing of
  // this tab, and refuses a record or learn the host never classified for it (record_policy.js):
  // so when the port had been lost and opens again, that classify goes first, before anything else.
  /** @param {number} [timeoutMs] @param {() => HostRequestBody | null} [resync] */
  OptOutContent.createHostLink = function createHostLink(timeoutMs = REQUEST_TIMEOUT_MS, resync = () => null) {
    /** @type {chrome.runtime.Port | null} */
    let port = null;
    let nextReqId = 1;
    const pending = new Map();
    // The port went away without our closing it: the worker on the other side may be a new one.
    let lost = false;
    /** @type {Promise<unknown> | null} the classify sent again on the new port */
    let resyncing = null;

    // -> the open port (opening it when needed).
    function connected() {
      if (port) return port;
      const opened = chrome.runtime.connect({ name: 'optout-tab' });
      opened.onMessage.addListener((msg) => {
        if (msg && msg.kind === 'uiText') {
          OptOutContent.setUiText(msg.messages);
          return;
        }
        const waiter = pending.get(msg && msg.reqId);
        if (!waiter) return;
        pending.delete(msg.reqId);
        clearTimeout(waiter.timer);
        waiter.resolve(msg.reply);
      });
      opened.onDisconnect.addListener(() => {
        if (port !== opened) return;
        port = null;
        lost = true;
        for (const [id, waiter] of pending) {
          clearTimeout(waiter.timer);
          waiter.resolve({ ok: false, error: { code: 0, name: 'extension_restarted', message: OptOutContent.t('error_restarted') } });
          pending.delete(id);
        }
      });
      port = opened;
      // The service worker answers {kind: 'uiText', messages} (an older one does not answer).
      opened.postMessage({ kind: 'uiText', lang: OptOutContent.pageLanguage() });
      return opened;
    }

    /** @param {any} request */
    function send(request) {
      const reqId = nextReqId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(reqId);
          resolve({ ok: false, error: { code: 0, name: 'timeout', message: OptOutContent.t('error_timeout') } });
        }, timeoutMs);
        pending.set(reqId, { resolve, timer });
        connected().postMessage({ reqId, request });
      });
    }

    // After a lost port: the tab's classify again, once, before the first other request (and
    // every request made meanwhile waits for it too). -> what to wait for first, or null.
    /** @param {any} request @returns {Promise<unknown> | null} */
    function resyncBefore(request) {
      const isClassify = Boolean(request && request.type === 'classify');
      if (lost && !resyncing) {
        lost = false;
        // A new classify tells the new worker by itself.
        const again = isClassify ? null : resync();
        if (again) resyncing = send(again).finally(() => { resyncing = null; });
      }
      return resyncing && !isClassify ? resyncing : null;
    }

    return {
      // Opening early lets the service worker start the host while the page still renders.
      open() {
        connected();
      },
      /** @param {any} request */
      request(request) {
        // Posted at once when nothing has to go first (the port opens now, as before).
        const first = resyncBefore(request);
        const reply = first ? first.then(() => send(request)) : send(request);
        return request && request.type === 'classify' ? reply.then(OptOutContent.fillRepeatedLocal) : reply;
      },
      status(status) {
        connected().postMessage({ kind: 'status', status });
      },
      // Only when nothing is waiting for an answer.
      close() {
        if (!port || pending.size) return;
        port.disconnect();
        port = null;
        lost = false;
      },
    };
  };
})();
