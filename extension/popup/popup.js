// @ts-check
// Toolbar popup: the current tab's data-sharing settings, their state, and the same
// one-click opt-out as the banner. Everything shown is set through textContent. Settings are
// named in the browser's language (the pack's titles, shared/setting_titles.js), else in English.
import { describeState, summaryText, resultText, tourLine, tourProgress } from './popup_text.js';
import { byId } from './dom.js';
import { t, localizePage } from '../shared/i18n.js';
import { loadTitles, withTitle } from '../shared/setting_titles.js';
import { loadPrefs } from '../background/prefs.js';

/** @param {string} id */
const $ = (id) => byId(id, HTMLElement);
const buttonById = (/** @type {string} */ id) => byId(id, HTMLButtonElement);
/** @type {number | null} */
let tabId = null;
/** @type {Map<string, string>} setting id -> its title in the browser's language (filled once the helper answers) */
let titles = new Map();
/** What is on screen, drawn again when the titles arrive: undefined until drawn once.
 * @type {{status: any, tour: {tour: any, alerts: any} | undefined}} */
const shown = { status: undefined, tour: undefined };
/** @template {{setting?: string | null, title?: string | null}} T @param {T} row */
const named = (row) => withTitle(titles, row);
// The member started something here: a late redraw with the titles must not bring back an
// older state (an Opt out button enabled again while it works).
let acted = false;
// How long the first drawing waits for the titles (the helper usually answers in milliseconds).
const TITLES_WAIT_MS = 1000;

// `?tab=N` lets the popup be opened as a normal page for a given tab (used by the e2e tests
// and handy when debugging); otherwise it looks at the active tab.
async function targetTabId() {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab && tab.id !== undefined ? tab.id : null;
}

/** @param {number | null} tabId @param {{kind: string, [field: string]: unknown}} message */
async function askTab(tabId, message) {
  if (tabId === null) return null;
  try {
    return await chrome.tabs.sendMessage(tabId, message);
  } catch {
    return null; // no OptOut content script in that tab (not a LinkedIn page)
  }
}

function render(status) {
  shown.status = status;
  $('summary').textContent = summaryText(status);
  $('summary').className = status && status.hostError ? 'error' : '';
  const rows = $('rows');
  rows.replaceChildren();
  const settings = (status && status.settings) || [];
  for (const s of settings.map(named)) {
    const tr = document.createElement('tr');
    tr.dataset.setting = s.setting;
    const name = document.createElement('td');
    name.textContent = s.title;
    const state = document.createElement('td');
    state.textContent = describeState(s);
    state.className = s.shares_data ? 'state-on' : 'state-off';
    tr.append(name, state);
    if (s.confirmable) tr.append(confirmCell(s, Boolean(status.busy)));
    rows.append(tr);
  }
  $('settings').hidden = settings.length === 0;
  const results = $('results');
  results.replaceChildren();
  for (const r of (status && status.results) || []) {
    const li = document.createElement('li');
    li.textContent = resultText(named(r));
    results.append(li);
  }
  results.hidden = results.childElementCount === 0;
  const flippable = settings.filter((s) => s.action === 'flip').length;
  const optOut = buttonById('opt-out');
  optOut.hidden = flippable === 0;
  optOut.disabled = Boolean(status && status.busy);
}

// A maybe: the member confirms it here or in the banner; the page does the same verified click.
function confirmCell(s, busy) {
  const td = document.createElement('td');
  const button = document.createElement('button');
  button.className = 'small';
  button.textContent = t('turn_it_off');
  button.title = t('confirm_question', s.title);
  button.dataset.optout = 'popup-confirm';
  button.dataset.setting = s.setting;
  button.disabled = busy;
  button.addEventListener('click', async (ev) => {
    if (!ev.isTrusted) return; // only the member's own click confirms
    button.disabled = true;
    acted = true;
    render(await askTab(tabId, { kind: 'confirmMaybe', ref: s.ref }));
  });
  td.append(button);
  return td;
}

// JSON a member can paste into a bug report: the switches OptOut was unsure about or did not
// know on this page (the content script builds it, redacted), plus which rules were in use.
async function reportUnrecognised() {
  const report = tabId ? await askTab(tabId, { kind: 'unrecognisedReport' }) : null;
  if (!report) {
    $('report-status').textContent = t('report_open_page');
    return;
  }
  const info = await chrome.runtime.sendMessage({ kind: 'hostInfo' });
  const packs = ((info && info.hello && info.hello.rule_packs) || []).map((p) => `${p.name}@${p.version}`);
  const { controls, ...page } = report;
  const text = JSON.stringify({ ...page, optout: { extension: chrome.runtime.getManifest().version, rule_packs: packs }, controls }, null, 2);
  byId('report-text', HTMLTextAreaElement).value = text;
  $('report-text').hidden = false;
  const what = controls.length ? t(controls.length === 1 ? 'report_what_one' : 'report_what_other', controls.length) : t('report_what_none');
  try {
    await navigator.clipboard.writeText(text);
    $('report-status').textContent = t('report_copied', what);
  } catch {
    $('report-status').textContent = t('report_below', what);
  }
}

function renderTour({ tour, alerts }) {
  shown.tour = { tour, alerts };
  $('tour-progress').textContent = tourProgress(tour);
  const report = $('tour-report');
  report.replaceChildren();
  for (const r of (tour && tour.results) || []) {
    const li = document.createElement('li');
    li.textContent = tourLine(named(r));
    li.dataset.outcome = r.outcome;
    li.dataset.setting = r.setting;
    if (r.outcome === 'failed') li.className = 'failed';
    report.append(li);
  }
  const running = Boolean(tour && !tour.finished_at);
  for (const id of ['preview', 'tour-optout', 'undo']) buttonById(id).disabled = running;
  const list = $('alert-list');
  list.replaceChildren();
  for (const a of alerts || []) {
    const li = document.createElement('li');
    li.textContent = t(a.kind === 'new' ? 'alert_new' : 'alert_back_on', named(a).title);
    list.append(li);
  }
  $('alerts').hidden = list.childElementCount === 0;
}

async function refreshTour() {
  renderTour(await chrome.runtime.sendMessage({ kind: 'getTour' }));
}

async function startTour(mode) {
  acted = true;
  // A click must never come to nothing: a background that did not answer is said so.
  const reply = await chrome.runtime.sendMessage({ kind: 'startTour', mode }).catch((e) => ({ ok: false, error: String(e && e.message || e) }));
  if (!reply || !reply.ok) $('tour-progress').textContent = reply && reply.error ? reply.error : t('no_answer');
  else await refreshTour();
}

// The helper names the settings in the browser's language (the service worker passes `lang`
// on). The first drawing waits a moment for them; what was drawn before they came is drawn
// again with them. Without them (no helper, an older one): the English titles.
async function loadSettingTitles() {
  titles = await loadTitles(chrome.i18n.getUILanguage());
  if (!titles.size || acted) return;
  if (shown.status !== undefined) render(shown.status);
  if (shown.tour !== undefined) renderTour(shown.tour);
}

async function main() {
  localizePage(document);
  const titlesOrLater = Promise.race([loadSettingTitles(), new Promise((resolve) => setTimeout(resolve, TITLES_WAIT_MS))]);
  $('preview').addEventListener('click', () => startTour('preview'));
  $('tour-optout').addEventListener('click', () => startTour('optout'));
  $('undo').addEventListener('click', () => startTour('undo'));
  // Organization policy (prefs.js): no undo offered with hideUndo, nor with forceOff (undo
  // would leave every managed setting off anyway).
  loadPrefs().then((prefs) => { $('undo').hidden = prefs.hideUndo || prefs.forceOff; });
  $('objection').addEventListener('click', () => chrome.runtime.sendMessage({ kind: 'openObjectionForm' }));
  $('report').addEventListener('click', reportUnrecognised);
  chrome.storage.onChanged.addListener((changes) => {
    if (changes.tour || changes.alerts) refreshTour();
  });
  titlesOrLater.then(refreshTour);

  tabId = await targetTabId();
  const status = tabId ? await askTab(tabId, { kind: 'getStatus' }) : null;
  await titlesOrLater;
  render(status);
  $('opt-out').addEventListener('click', async () => {
    acted = true;
    buttonById('opt-out').disabled = true;
    $('opt-out').textContent = t('opting_out');
    render(await askTab(tabId, { kind: 'optOut' }));
    $('opt-out').textContent = t('opt_out');
  });
  const info = await chrome.runtime.sendMessage({ kind: 'hostInfo' });
  if (info && info.hello) {
    const packs = info.hello.rule_packs.map((p) => `${p.name} ${p.version}`).join(', ');
    $('host-info').textContent = t('host_info', info.hello.host.version, packs);
  }
}

main();
