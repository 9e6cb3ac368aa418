// Orchestrates the content script: snapshot -> host verdicts -> highlights + banner, re-scans
// when LinkedIn renders late or re-renders, and runs the one-click opt-out.
'use strict';

(function () {
  const C = globalThis.OptOutContent;
  const SCAN_DEBOUNCE_MS = 250;
  const REQUEST_TIMEOUT_MS = 15000;

  let overlay = null;
  let port = null;
  let nextReqId = 1;
  const pending = new Map();
  const state = { snapshot: null, verdicts: [], hostError: null, results: null, busy: false, lastKey: '', pageState: null, categories: C.DEFAULT_CATEGORIES };

  // --- talking to the service worker (which owns the native host port) ---
  function connect() {
    port = chrome.runtime.connect({ name: 'optout-tab' });
    port.onMessage.addListener((msg) => {
      const p = pending.get(msg.reqId);
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

  function hostRequest(request) {
    if (!port) connect();
    const reqId = nextReqId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(reqId);
        resolve({ ok: false, error: { code: 0, name: 'timeout', message: 'The OptOut helper did not answer in time.' } });
      }, REQUEST_TIMEOUT_MS);
      pending.set(reqId, { resolve, timer });
      port.postMessage({ reqId, request });
    });
  }

  // --- what the page shows ---
  // ref -> the snapshot control (kind, label, ...) the verdict with that ref describes.
  function controlsByRef() {
    return new Map(((state.snapshot && state.snapshot.controls) || []).map((c) => [c.ref, c]));
  }

  function statusForPopup() {
    const controlOf = controlsByRef();
    const summary = C.summarizePage(state.verdicts, controlOf);
    return {
      url_path: location.pathname,
      page_state: state.pageState,
      hostError: state.hostError,
      busy: state.busy,
      settings: C.settingsView(summary, controlOf),
      unknown: summary.unknown.length,
      unknown_on: summary.unknownOn.length,
      sharing: summary.sharingSettings,
      maybe: summary.maybeSettings,
      skipped: new Set(summary.skipped.map((v) => v.setting)).size,
      results: state.results,
    };
  }

  function reportStatus() {
    if (!port) connect();
    port.postMessage({ kind: 'status', status: statusForPopup() });
  }

  function highlightsFor(verdicts, controlOf) {
    const list = [];
    const confirmable = new Set(C.summarizePage(verdicts, controlOf).confirmable);
    for (const v of verdicts) {
      const el = C.elementForRef(v.ref);
      if (!el) continue;
      if ((controlOf.get(v.ref) || {}).kind === 'radio') {
        // A choice: mark only the private option OptOut would pick (or asks the member about).
        if (v.action === 'flip') list.push({ el, kind: 'share', tag: `OptOut picks this: ${v.title}` });
        else if (confirmable.has(v)) list.push({ el, kind: 'maybe', tag: `Maybe the most private choice: ${v.title} (not sure, not changed)` });
        continue;
      }
      if (!v.setting) list.push({ el, kind: 'unknown', tag: v.state === 'on' ? 'Unknown switch, on: OptOut could not tell whether it shares data' : 'Unknown switch: OptOut leaves it alone' });
      else if (v.shares_when === 'never') continue;
      else if (v.action === 'flip') list.push({ el, kind: 'share', tag: `Shares your data: ${v.title}` });
      else if (v.shares_data && v.skip_reason && v.confidence === 'high') list.push({ el, kind: 'share', tag: `Shares your data: ${v.title} (not in your categories)` });
      else if (v.shares_data) list.push({ el, kind: 'maybe', tag: `Maybe ${v.title} (not sure, not changed)` });
      else list.push({ el, kind: 'off', tag: `Off: ${v.title}` });
    }
    return list;
  }

  function render() {
    if (!overlay) overlay = C.createOverlay();
    const controlOf = controlsByRef();
    overlay.setHighlights(highlightsFor(state.verdicts, controlOf));
    const model = C.bannerModel({ verdicts: state.verdicts, controlOf, results: state.results, busy: state.busy, hostError: state.hostError });
    if (!model) {
      overlay.hideBanner();
      return;
    }
    overlay.showBanner({
      ...model,
      button: model.optOut && { ...model.optOut, onClick: () => runOptOut() },
      choices: model.choices.map((c) => ({
        ...c, attrs: { 'data-ref': c.ref, 'data-setting': c.setting }, onClick: () => confirmMaybe(c.ref),
      })),
    });
  }

  // A sign-in wall or LinkedIn's "page not found": say so to the service worker (a tour waits
  // for it) and nothing else; no snapshot, nothing to the host, no banner over LinkedIn's page.
  function reportPageProblem(problem) {
    const key = `problem:${problem}:${location.pathname}`;
    if (key === state.lastKey) return;
    state.lastKey = key;
    state.pageState = problem;
    state.snapshot = null;
    state.verdicts = [];
    state.hostError = null;
    if (overlay) {
      overlay.setHighlights([]);
      overlay.hideBanner();
    }
    reportStatus();
  }

  // --- scanning ---
  async function scan() {
    if (state.busy) return;
    const problem = C.readPageProblem();
    if (problem) {
      reportPageProblem(problem);
      return;
    }
    if (!C.isSettingsPath(location.pathname)) return;
    state.pageState = null;
    const snapshot = C.buildSnapshot();
    const key = JSON.stringify(snapshot);
    if (key === state.lastKey) return;
    state.lastKey = key;
    if (!snapshot.controls.length) {
      state.snapshot = snapshot;
      state.verdicts = [];
      render();
      reportStatus();
      return;
    }
    const reply = await hostRequest({ type: 'classify', page: snapshot.page, controls: snapshot.controls });
    if (key !== state.lastKey) return; // a newer scan superseded this one
    if (reply && reply.ok) {
      state.hostError = null;
      state.snapshot = snapshot;
      const controlOf = new Map(snapshot.controls.map((c) => [c.ref, c]));
      state.verdicts = C.applyPolicy(C.markTwoControls(reply.verdicts, controlOf), state.categories);
      recordFirstSeen(snapshot);
    } else {
      state.hostError = reply.error;
      state.lastKey = ''; // retry on the next change
    }
    render();
    reportStatus();
  }

  let timer = null;
  function scheduleScan() {
    clearTimeout(timer);
    timer = setTimeout(scan, SCAN_DEBOUNCE_MS);
  }

  // The record keeps when each setting was first seen and in which state: proof of what
  // LinkedIn had set before OptOut changed anything. Once per setting per browser profile.
  async function recordFirstSeen(snapshot) {
    // One control per setting: for a choice, the option OptOut would pick (its state is what flips).
    const fresh = new Map();
    for (const v of state.verdicts) {
      if (!v.setting || v.confidence !== 'high' || v.shares_when === 'never') continue;
      if (!fresh.has(v.setting) || v.action === 'flip') fresh.set(v.setting, v);
    }
    if (!fresh.size) return;
    const { seenSettings = {} } = await chrome.storage.local.get('seenSettings');
    for (const v of fresh.values()) {
      if (seenSettings[v.setting]) continue;
      const reply = await hostRequest({
        type: 'record',
        change: { setting: v.setting, url_path: snapshot.page.url_path, before: v.state, after: v.state, verified: true, outcome: 'seen', label: '', browser_time: new Date().toISOString() },
      });
      if (reply && reply.ok) seenSettings[v.setting] = reply.recorded_at;
    }
    await chrome.storage.local.set({ seenSettings });
  }

  // action: (verdicts, snapshot, hostRequest) => results
  async function runOptOut(action = (v, snap, req) => C.optOut(v, snap, req)) {
    if (state.busy || !state.snapshot) return [];
    state.busy = true;
    render();
    let results = [];
    try {
      results = await action(state.verdicts, state.snapshot, hostRequest);
      state.results = results;
    } finally {
      state.busy = false;
      state.lastKey = '';
    }
    await scan();
    render();
    reportStatus();
    return results;
  }

  // The member confirmed a maybe (banner or popup): turn that one switch off, verify, learn.
  async function confirmMaybe(ref) {
    const verdict = state.verdicts.find((v) => v.ref === ref);
    if (!verdict || !C.summarizePage(state.verdicts, controlsByRef()).confirmable.includes(verdict)) return [];
    return runOptOut((verdicts, snap, req) => C.confirmMaybe(verdict, snap, req));
  }

  // The popup asks for status and can start the opt-out; only our own extension pages may.
  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    const fromOurPage = sender.id === chrome.runtime.id && typeof sender.url === 'string' &&
      sender.url.startsWith(chrome.runtime.getURL(''));
    if (!fromOurPage) return false;
    if (msg && msg.kind === 'getStatus') {
      sendResponse(statusForPopup());
      return false;
    }
    if (msg && msg.kind === 'optOut') {
      const only = Array.isArray(msg.only) ? msg.only : undefined;
      runOptOut((v, snap, req) => C.optOut(v, snap, req, only)).then(() => sendResponse(statusForPopup()));
      return true;
    }
    if (msg && msg.kind === 'confirmMaybe' && typeof msg.ref === 'string') {
      confirmMaybe(msg.ref).then(() => sendResponse(statusForPopup()));
      return true;
    }
    if (msg && msg.kind === 'unrecognisedReport') {
      sendResponse(state.snapshot ? C.unrecognisedReport(state.snapshot, state.verdicts) : null);
      return false;
    }
    if (msg && msg.kind === 'restore' && Array.isArray(msg.settings)) {
      runOptOut((v, snap, req) => C.restore(v, snap, req, msg.settings)).then(() => sendResponse(statusForPopup()));
      return true;
    }
    return false;
  });

  async function start() {
    state.categories = await C.loadCategories();
    chrome.storage.onChanged.addListener(async (changes) => {
      if (!changes.prefs) return;
      state.categories = await C.loadCategories();
      state.lastKey = '';
      scheduleScan();
    });
    const observer = new MutationObserver((mutations) => {
      if (overlay && mutations.every((m) => m.target === overlay.host || [...m.addedNodes].includes(overlay.host))) return;
      scheduleScan();
    });
    observer.observe(document.documentElement, {
      subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: ['aria-checked', 'checked', 'aria-labelledby', 'id', 'lang'],
    });
    // A checkbox's .checked changes without any DOM mutation.
    document.addEventListener('change', scheduleScan, true);
    addEventListener('popstate', scheduleScan);
    scheduleScan();
  }

  if (C.isObjectionFormPath(location.pathname)) C.prefillObjectionForm(hostRequest);
  else start();
})();
