// @ts-check
// Service worker: relays LinkedIn tabs' requests to the native host, keeps the toolbar badge
// in step with each tab's status, runs tours (opt out of everything, preview, undo, re-check)
// and answers the popup, the options page and the receipt page.
import { NativeHost } from './native_host.js';
import { currentPlatform } from './browser_platform.js';
import { applyBadge, clearBadge } from './badge.js';
import { TabStatus } from './tab_status.js';
import { runTour, newTour, pagesOf, undoPlan } from './tour.js';
import { loadPrefs, RECHECK_CHOICES, prefsChanged } from './prefs.js';
import { compareWithKnown, recheckTourMode, withoutForcedOff } from './recheck.js';
import { allowedFromTab } from './relay_policy.js';
import { TabView, refuseFromTab } from './record_policy.js';
import { LINKEDIN, fromOurContentScript, fromOurExtensionPage } from './senders.js';
import { createUiText } from './ui_text.js';

export const OBJECTION_FORM_URL = `${LINKEDIN}/help/linkedin/ask/TS-DPRO`;
const RECHECK_ALARM = 'optout-recheck';
// While a tour runs: a periodic alarm, and a one-shot one set as the background is suspended,
// start the background again if it stopped mid-tour; it then resumes the tour (tour.js).
const TOUR_ALARM = 'optout-tour';
const TOUR_WAKE_ALARM = 'optout-tour-wake';
const TOUR_ALARM_MINUTES = 0.5;

const platform = currentPlatform();
const host = new NativeHost(undefined, platform);
const tabPorts = new Set();
const tabStatus = new TabStatus();
// tabId -> what the host last told that tab (record_policy.js decides what it may record).
const tabViews = new Map();
// The UI text a LinkedIn tab asks for, in its page's language (ui_text.js).
const uiText = createUiText();
/** @type {Promise<Tour> | null} */
let tourRunning = null;

const notAllowed = (message) => ({ ok: false, error: { code: 0, name: 'not_allowed', message } });

// A tab's request to the host: only the types a tab may send, and only records (and learns)
// that match what the host last told that tab.
async function relayFromTab(view, request) {
  if (!allowedFromTab(request)) return notAllowed('A LinkedIn tab may only classify, record and learn.');
  const refused = refuseFromTab(request, view);
  if (refused) return refused;
  const reply = await host.request(request);
  if (request.type === 'classify') view.classified(request, reply);
  return reply;
}

/** @param {number} tabId @param {TabStatusReport} status */
async function showBadge(tabId, status) {
  const { alerts } = await chrome.storage.local.get('alerts');
  // The tab may be gone by now (a tour closes its tabs): applyBadge ignores that.
  applyBadge(tabId, status, Array.isArray(alerts) ? alerts : []);
}

chrome.runtime.onConnect.addListener((port) => {
  const sender = port.sender;
  if (port.name !== 'optout-tab' || !fromOurContentScript(sender, chrome.runtime)) {
    port.disconnect();
    return;
  }
  const tabId = sender.tab.id;
  // A new content script (a new document in the tab) starts with nothing classified.
  const view = new TabView(sender.url);
  tabViews.set(tabId, view);
  tabPorts.add(port);
  // A tab connects when it arrives on a settings page, before the page has rendered its
  // switches: start the host now, so its start-up is not on the way to the banner.
  host.open();
  port.onMessage.addListener(async (msg) => {
    // Only this port's own tab gets here (checked above): it asks for its page's language.
    if (msg && msg.kind === 'uiText') { uiText.reply(msg.lang).then((m) => port.postMessage(m)).catch(() => {}); return; }
    if (msg && msg.kind === 'status') {
      tabStatus.update(tabId, msg.status);
      showBadge(tabId, msg.status);
      return;
    }
    if (msg && typeof msg.reqId === 'number') {
      const reply = await relayFromTab(view, msg.request);
      try {
        port.postMessage({ reqId: msg.reqId, reply });
      } catch {
        // The tab went away while the host was answering.
      }
    }
  });
  port.onDisconnect.addListener(() => {
    tabPorts.delete(port);
    // The tab left the settings pages (no newer port from it): its badge no longer applies.
    if (tabViews.get(tabId) === view) {
      tabViews.delete(tabId);
      tabStatus.forget(tabId);
      clearBadge(tabId);
    }
    // No LinkedIn tab left and no tour running: let the host process exit.
    if (tabPorts.size === 0 && !tourRunning) host.close();
  });
});

chrome.tabs.onRemoved.addListener((tabId) => {
  tabStatus.forget(tabId);
  tabViews.delete(tabId);
});

// Our undo tour asks a tab to put settings back: only then may that tab record "restored".
async function sendToTab(tabId, msg) {
  const view = tabViews.get(tabId);
  const restoring = msg.kind === 'restore' && view ? new Map(msg.settings.map((r) => [r.setting, r.state])) : null;
  if (restoring) view.restoring = restoring;
  try {
    return await chrome.tabs.sendMessage(tabId, msg);
  } catch {
    return null;
  } finally {
    if (restoring && view.restoring === restoring) view.restoring = null;
  }
}

// --- tours ---
/** @type {import('./tour.js').ResumableTourDeps} */
const tourDeps = {
  origin: LINKEDIN,
  save: (tour) => chrome.storage.local.set({ tour }),
  openTab: async (url) => {
    const tab = await chrome.tabs.create({ url, active: false });
    if (tab.id === undefined) throw new Error('the browser opened a tab without an id');
    return tab.id;
  },
  closeTab: (tabId) => chrome.tabs.remove(tabId).catch(() => {}),
  sendToTab,
  waitForStatus: (tabId, ready, ms) => tabStatus.waitFor(tabId, ready, ms),
  // Still the tab the tour opened: the page's URL (loaded, or still loading).
  tabAlive: (tabId, url) => chrome.tabs.get(tabId).then((tab) => [tab.url, tab.pendingUrl].some((u) => typeof u === 'string' && u.startsWith(url)), () => false),
  askStatus: (tabId) => sendToTab(tabId, { kind: 'getStatus' }),
  now: () => Date.now(),
};

async function finishTour(tour) {
  // A run stopped by the sign-in wall before changing anything must not replace the run that
  // "Undo last run" would undo.
  const changedSomething = tour.results.some((r) => r.outcome === 'changed');
  if (tour.mode === 'optout' && (!tour.stopped || changedSomething)) await chrome.storage.local.set({ lastRun: tour });
  if (tour.mode === 'optout' || tour.mode === 'recheck') {
    const { known } = await chrome.storage.local.get('known');
    const { alerts, known: updated } = compareWithKnown(known || {}, tour);
    await chrome.storage.local.set({ known: updated, alerts: tour.mode === 'recheck' ? alerts : [] });
    // Shown on every tab until the member opens the popup and looks.
    if (alerts.length && tour.mode === 'recheck') {
      chrome.action.setBadgeText({ text: '!' });
      chrome.action.setBadgeBackgroundColor({ color: '#b3261e' });
    }
  }
}

async function continueTour(tour) {
  if (tourRunning) return tourRunning;
  tourRunning = (async () => {
    // The open host port keeps the background running in both browsers (Firefox does not
    // suspend an event page with a native port open): open it now, not when a tab first asks.
    host.open();
    chrome.alarms.create(TOUR_ALARM, { periodInMinutes: TOUR_ALARM_MINUTES, delayInMinutes: TOUR_ALARM_MINUTES });
    try {
      const done = await runTour(tour, tourDeps);
      await finishTour(done);
      return done;
    } finally {
      tourRunning = null;
      await chrome.alarms.clear(TOUR_ALARM);
      await chrome.alarms.clear(TOUR_WAKE_ALARM);
      if (tabPorts.size === 0) host.close();
    }
  })();
  return tourRunning;
}

async function startTour(mode) {
  if (tourRunning) return { ok: false, error: 'A tour is already running.' };
  let tour;
  if (mode === 'undo') {
    const { lastRun } = await chrome.storage.local.get('lastRun');
    let plan = undoPlan(lastRun);
    // An organization's force-off keeps its categories off: undo leaves them alone.
    const prefs = await loadPrefs();
    if (prefs.forceOff && plan.length) {
      const reply = await host.request({ type: 'settings' });
      plan = reply.ok ? withoutForcedOff(plan, reply.settings, prefs) : [];
    }
    if (plan.length === 0) return { ok: false, error: 'Nothing to undo: the last opt-out changed no setting.' };
    const pages = pagesOf(plan.map((p) => ({ id: p.setting, title: p.title, page: p.page })));
    tour = newTour('undo', pages, Date.now(), { restore: plan.map(({ setting, state }) => ({ setting, state })) });
  } else {
    const reply = await host.request({ type: 'settings' });
    if (!reply.ok) return { ok: false, error: reply.error.message };
    const prefs = await loadPrefs();
    const chosen = reply.settings.filter((s) => s.shares_when !== 'never' && prefs.categories.includes(s.category));
    tour = newTour(mode, pagesOf(chosen), Date.now());
  }
  await chrome.storage.local.set({ tour });
  continueTour(tour);
  return { ok: true, tour };
}

// A tour interrupted by the browser closing, or by the background stopping, resumes when the
// background starts again (this module runs again then), and on the tour alarms.
async function resumeTour() {
  /** @type {{tour?: Tour}} what this worker stored */
  const { tour } = await chrome.storage.local.get('tour');
  if (tour && !tour.finished_at) continueTour(tour);
}

// --- scheduled re-check ---
async function scheduleRecheck() {
  const prefs = await loadPrefs();
  await chrome.alarms.clear(RECHECK_ALARM);
  const minutes = RECHECK_CHOICES[prefs.recheck];
  if (minutes) chrome.alarms.create(RECHECK_ALARM, { periodInMinutes: minutes, delayInMinutes: minutes });
}

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RECHECK_ALARM) loadPrefs().then((prefs) => startTour(recheckTourMode(prefs)));
  if (alarm.name === TOUR_ALARM || alarm.name === TOUR_WAKE_ALARM) resumeTour();
});
// Suspended mid-tour (Firefox says so first; Chromium's service worker may not): be woken as
// soon as the browser allows, rather than at the next periodic tour alarm.
if (chrome.runtime.onSuspend) {
  chrome.runtime.onSuspend.addListener(() => {
    if (tourRunning) chrome.alarms.create(TOUR_WAKE_ALARM, { when: Date.now() + platform.minAlarmMinutes * 60000 });
  });
}
chrome.storage.onChanged.addListener((changes, areaName) => {
  if (prefsChanged(changes, areaName)) scheduleRecheck();
});
chrome.runtime.onInstalled.addListener(scheduleRecheck);
chrome.runtime.onStartup.addListener(scheduleRecheck);

// --- the Data Processing Objection Form ---
async function openObjectionForm() {
  const tab = await chrome.tabs.create({ url: OBJECTION_FORM_URL, active: true });
  return { ok: true, tabId: tab.id };
}

// --- messages from our pages ---
const handlers = {
  hostInfo: async () => ({ hello: host.hello, error: host.lastError, connected: host.connected() }),
  // A fresh hello (Options lists the rule packs, which change when the member confirms a switch).
  hello: () => host.request({ type: 'hello' }),
  startTour: (msg) => startTour(msg.mode),
  getTour: async () => chrome.storage.local.get(['tour', 'lastRun', 'alerts']),
  history: (msg) => host.request({ type: 'history', limit: msg.limit || 500 }),
  // `lang`: our page's UI language, so the host adds each setting's title in it (`local`).
  settings: (msg) => host.request({ type: 'settings', ...(typeof msg.lang === 'string' && msg.lang ? { lang: msg.lang.slice(0, 16) } : {}) }),
  openObjectionForm,
  dismissAlerts: async () => { await chrome.storage.local.set({ alerts: [] }); return { ok: true }; },
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!fromOurExtensionPage(sender, chrome.runtime) || !msg || !Object.hasOwn(handlers, msg.kind)) return false;
  handlers[msg.kind](msg).then(sendResponse, (e) => sendResponse({ ok: false, error: String(e && e.message) }));
  return true;
});

resumeTour();
