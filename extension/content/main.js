// Orchestrates the content script: snapshot -> host verdicts -> highlights + banner, re-scans
// when LinkedIn renders late or re-renders, and runs the one-click opt-out.
'use strict';

(function () {
  const C = globalThis.OptOutContent;
  const SCAN_DEBOUNCE_MS = 250;
  const REQUEST_TIMEOUT_MS = 15000;
  const INSTALL_COMMAND = 'optout-host install --browser chromium';

  let overlay = null;
  let port = null;
  let nextReqId = 1;
  const pending = new Map();
  const state = { snapshot: null, verdicts: [], hostError: null, results: null, busy: false, lastKey: '', categories: C.DEFAULT_CATEGORIES };

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
  // ref -> switch | checkbox | radio, for the controls the verdicts describe.
  function kindsByRef() {
    return new Map(((state.snapshot && state.snapshot.controls) || []).map((c) => [c.ref, c.kind]));
  }

  function knownSettings() {
    return state.verdicts.filter((v) => v.setting && v.shares_when !== 'never');
  }

  // One entry per setting: a radio choice has several controls but is one setting. `state`
  // is 'on' while the setting shares data, whichever control carries it.
  function settingsForPopup() {
    const bySetting = new Map();
    for (const v of knownSettings()) {
      const prev = bySetting.get(v.setting);
      const rank = (x) => (x.action === 'flip' ? 2 : x.shares_data ? 1 : 0);
      if (!prev || rank(v) > rank(prev)) bySetting.set(v.setting, v);
    }
    const kindOf = kindsByRef();
    return [...bySetting.values()].map((v) => ({
      ref: v.ref, setting: v.setting, title: v.title, category: v.category, kind: kindOf.get(v.ref),
      state: v.shares_data ? 'on' : 'off', shares_data: v.shares_data,
      confidence: v.confidence, action: v.action, skip_reason: v.skip_reason,
    }));
  }

  function statusForPopup() {
    return {
      url_path: location.pathname,
      hostError: state.hostError,
      busy: state.busy,
      settings: settingsForPopup(),
      unknown: state.verdicts.filter((v) => !v.setting).length,
      sharing: new Set(knownSettings().filter((v) => v.shares_data).map((v) => v.setting)).size,
      results: state.results,
    };
  }

  function reportStatus() {
    if (!port) connect();
    port.postMessage({ kind: 'status', status: statusForPopup() });
  }

  function formatTime(iso) {
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  }

  function highlightsFor(verdicts) {
    const list = [];
    const kindOf = kindsByRef();
    for (const v of verdicts) {
      const el = C.elementForRef(v.ref);
      if (!el) continue;
      if (kindOf.get(v.ref) === 'radio') {
        // A choice: mark only the private option OptOut would pick.
        if (v.action === 'flip') list.push({ el, kind: 'share', tag: `OptOut picks this: ${v.title}` });
        continue;
      }
      if (!v.setting) list.push({ el, kind: 'unknown', tag: 'Unknown switch: OptOut leaves it alone' });
      else if (v.shares_when === 'never') continue;
      else if (v.action === 'flip') list.push({ el, kind: 'share', tag: `Shares your data: ${v.title}` });
      else if (v.action === 'highlight') list.push({ el, kind: 'maybe', tag: `Maybe ${v.title} (not sure, not changed)` });
      else if (!v.shares_data) list.push({ el, kind: 'off', tag: `Off: ${v.title}` });
    }
    return list;
  }

  function isChoice(verdict) {
    return kindsByRef().get(verdict.ref) === 'radio';
  }

  function resultLine(r) {
    const at = formatTime(r.recorded_at || new Date().toISOString());
    if (r.outcome === 'changed' && r.kind === 'radio') return `${r.title}: most private choice selected and verified at ${at}`;
    if (r.outcome === 'changed') return `${r.title}: turned off and verified off at ${at}`;
    if (r.outcome === 'already_off') return `${r.title}: was already off`;
    return `${r.title}: NOT turned off (${r.reason})`;
  }

  function render() {
    if (!overlay) overlay = C.createOverlay();
    overlay.setHighlights(highlightsFor(state.verdicts));

    if (state.hostError) {
      const missing = state.hostError.name === 'host_unavailable';
      overlay.showBanner({
        tone: 'error',
        title: missing ? "OptOut's helper app is not installed" : 'OptOut could not check this page',
        body: missing
          ? 'Nothing on this page was checked or changed. Build the helper and register it for your browser, then reload this page:'
          : state.hostError.message,
        code: missing ? INSTALL_COMMAND : undefined,
      });
      return;
    }
    const known = knownSettings();
    const flips = known.filter((v) => v.action === 'flip');
    const maybes = known.filter((v) => v.action === 'highlight');
    const unknown = state.verdicts.filter((v) => !v.setting).length;
    const items = [];
    if (state.results) items.push(...state.results.map(resultLine));
    for (const v of maybes) items.push(`Not sure: "${v.title}" looks like a data setting; check it yourself.`);
    if (unknown) items.push(`${unknown} unknown switch${unknown > 1 ? 'es' : ''}: not recognised, left alone.`);

    if (flips.length) {
      overlay.showBanner({
        tone: 'warn',
        title: flips.length > 1 ? `${flips.length} settings share your data`
          : isChoice(flips[0]) ? `${flips[0].title}: a more private choice is available` : `${flips[0].title} is on`,
        body: flips.length === 1 ? flips[0].explain : flips.map((v) => v.title).join('\n'),
        items,
        button: { label: state.busy ? 'Opting out\u2026' : 'Opt out', disabled: state.busy, onClick: runOptOut },
      });
    } else if (state.results && state.results.length) {
      const failed = state.results.some((r) => r.outcome === 'failed');
      overlay.showBanner({
        tone: failed ? 'error' : 'ok',
        title: failed ? 'Some settings could not be turned off' : 'Opted out',
        body: 'OptOut read each switch again after changing it.',
        items,
      });
    } else if (known.length) {
      overlay.showBanner({ tone: 'ok', title: 'Your data-sharing settings on this page are off', items });
    } else if (unknown) {
      overlay.showBanner({ tone: 'info', title: 'OptOut did not recognise the switches on this page', items });
    } else {
      overlay.hideBanner();
    }
  }

  // --- scanning ---
  async function scan() {
    if (state.busy || !C.isSettingsPath(location.pathname)) return;
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
      state.verdicts = C.applyPolicy(reply.verdicts, state.categories);
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
