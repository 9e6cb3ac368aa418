// @ts-check
// Orchestrates the content script: on LinkedIn's settings pages, snapshot -> host verdicts ->
// highlights + banner, again when LinkedIn re-renders, and the one-click opt-out. Elsewhere on
// LinkedIn it only notices when the page moves into settings (platform.js), and sends nothing.
'use strict';

(function () {
  const C = globalThis.OptOutContent;

  /** @type {Overlay | null} */
  let overlay = null;
  // A restarted service worker is told again what the host said about this page (host_link.js).
  const link = C.createHostLink(undefined, () => {
    const snap = state.snapshot;
    return snap && snap.controls.length ? { type: 'classify', page: snap.page, controls: snap.controls } : null;
  });
  /** @type {HostRequest} */
  const hostRequest = (request) => link.request(request);
  /**
   * What this tab knows about its page.
   * @type {{snapshot: Snapshot | null, verdicts: Verdict[], hostError: HostError | null, results: Result[] | null,
   *         busy: boolean, lastKey: string, pageState: PageProblem | null, categories: string[]}}
   */
  const state = { snapshot: null, verdicts: [], hostError: null, results: null, busy: false, lastKey: '', pageState: null, categories: C.DEFAULT_CATEGORIES };
  /** @param {MutationRecord} m */
  const isOwnMutation = (m) => overlay !== null && overlay.isOwnMutation(m);
  const schedule = C.createScanSchedule(() => scan(), isOwnMutation);

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
    link.status(statusForPopup());
  }

  function render() {
    const ui = overlay || (overlay = C.createOverlay());
    const controlOf = controlsByRef();
    ui.setHighlights(C.highlightsFor(state.verdicts, controlOf, C.elementForRef));
    const model = C.bannerModel({ verdicts: state.verdicts, controlOf, results: state.results, busy: state.busy, hostError: state.hostError });
    if (!model) {
      ui.hideBanner();
      return;
    }
    ui.showBanner({
      ...model,
      button: model.optOut && { ...model.optOut, onClick: () => runOptOut() },
      choices: model.choices.map((c) => ({
        ...c, attrs: { 'data-ref': c.ref, 'data-setting': c.setting || '' }, onClick: () => confirmMaybe(c.ref),
      })),
    });
  }

  function forgetPage() {
    state.snapshot = null;
    state.verdicts = [];
    state.hostError = null;
    state.results = null;
    state.lastKey = '';
  }

  // A sign-in wall or LinkedIn's "page not found": say so to the service worker (a tour waits
  // for it) and nothing else; no snapshot, nothing to the host, no banner over LinkedIn's page.
  function reportPageProblem(problem) {
    const key = `problem:${problem}:${location.pathname}`;
    if (key === state.lastKey) return;
    forgetPage();
    state.lastKey = key;
    state.pageState = problem;
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
      state.verdicts = C.applyPolicy(C.markTwoControls(reply.verdicts || [], controlOf), state.categories);
      recordFirstSeen(snapshot);
    } else {
      state.hostError = reply.error || { code: 0, name: 'no_reply', message: C.t('error_no_reply') };
      state.lastKey = ''; // retry on the next change
    }
    render();
    reportStatus();
  }

  // The record keeps when each setting was first seen and in which state: proof of what
  // LinkedIn had set before OptOut changed anything. Once per setting per browser profile.
  /** @param {Snapshot} snapshot */
  async function recordFirstSeen(snapshot) {
    // One control per setting: for a choice, the option OptOut would pick (its state is what flips).
    /** @type {Map<string, Verdict>} */
    const fresh = new Map();
    for (const v of state.verdicts) {
      if (!v.setting || v.confidence !== 'high' || v.shares_when === 'never') continue;
      if (!fresh.has(v.setting) || v.action === 'flip') fresh.set(v.setting, v);
    }
    if (!fresh.size) return;
    const stored = (await chrome.storage.local.get('seenSettings')).seenSettings;
    /** @type {Record<string, string>} setting -> when the record first had it */
    const seenSettings = stored && typeof stored === 'object' ? { ...stored } : {};
    for (const v of fresh.values()) {
      if (!v.setting || seenSettings[v.setting]) continue;
      const reply = await hostRequest({
        type: 'record',
        change: { setting: v.setting, url_path: snapshot.page.url_path, before: v.state, after: v.state, verified: true, outcome: 'seen', label: '', browser_time: new Date().toISOString() },
      });
      if (reply && reply.ok && typeof reply.recorded_at === 'string') seenSettings[v.setting] = reply.recorded_at;
    }
    await chrome.storage.local.set({ seenSettings });
  }

  /**
   * Runs one change on the page (opt out, confirm a maybe, restore), then looks again.
   * @param {(verdicts: Verdict[], snapshot: Snapshot, hostRequest: HostRequest) => Promise<Result[]>} action
   * @returns {Promise<Result[]>}
   */
  async function runOptOut(action = (v, snap, req) => C.optOut(v, snap, req)) {
    const snapshot = state.snapshot;
    if (state.busy || !snapshot) return [];
    state.busy = true;
    render();
    try {
      state.results = await action(state.verdicts, snapshot, hostRequest);
    } finally {
      state.busy = false;
      state.lastKey = '';
    }
    const results = state.results;
    await scan();
    render();
    reportStatus();
    return results;
  }

  // The member confirmed a maybe (banner or popup): turn that one switch off, verify, learn.
  /** @param {string} ref */
  async function confirmMaybe(ref) {
    const verdict = state.verdicts.find((v) => v.ref === ref);
    if (!verdict || !C.summarizePage(state.verdicts, controlsByRef()).confirmable.includes(verdict)) return [];
    return runOptOut((verdicts, snap, req) => C.confirmMaybe(verdict, snap, req));
  }

  // The popup asks for status and can start the opt-out; tours also restore. Only our own pages.
  C.listenToOurPages({
    getStatus: () => statusForPopup(),
    optOut: (msg) => {
      const only = Array.isArray(msg.only) ? msg.only : undefined;
      return runOptOut((v, snap, req) => C.optOut(v, snap, req, only)).then(statusForPopup);
    },
    confirmMaybe: (msg) => (typeof msg.ref === 'string' ? confirmMaybe(msg.ref).then(statusForPopup) : null),
    unrecognisedReport: () => (state.snapshot ? C.unrecognisedReport(state.snapshot, state.verdicts) : null),
    restore: (msg) => {
      const wanted = msg.settings;
      return Array.isArray(wanted) ? runOptOut((v, snap, req) => C.restore(v, snap, req, wanted)).then(statusForPopup) : null;
    },
  });

  // --- where the tab is ---
  // Settings pages: observe the DOM and snapshot. Anywhere else: no observer, no port, no banner.
  /** @param {string} pathname @param {boolean} byNavigation */
  function onPath(pathname, byNavigation) {
    if (C.isSettingsPath(pathname)) {
      link.open(); // the service worker starts the host while the page renders
      if (schedule.running()) {
        // Another settings page: what the banner said was about the previous one.
        forgetPage();
        if (overlay) render();
        schedule.look();
      } else {
        schedule.start(byNavigation);
      }
      return;
    }
    if (schedule.running()) {
      schedule.stop();
      forgetPage();
      state.pageState = null;
      if (overlay) overlay.destroy();
      overlay = null;
      link.close();
    }
    // A sign-in page (the path says so): tell a waiting tour at once.
    if (C.readPageProblem()) scan();
  }

  async function start() {
    // The page's language arrived from the service worker: say everything again in it.
    C.onUiText(() => { if (overlay) render(); });
    state.categories = await C.loadCategories();
    chrome.storage.onChanged.addListener(async (changes, area) => {
      if (!changes.prefs && area !== 'managed') return;
      state.categories = await C.loadCategories();
      state.lastKey = '';
      if (schedule.running()) schedule.later();
    });
    C.platform.watchPath((pathname) => onPath(pathname, true));
    onPath(location.pathname, false);
  }

  if (C.isObjectionFormPath(location.pathname)) C.prefillObjectionForm(hostRequest);
  else start();
})();
