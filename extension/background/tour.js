// @ts-check
// "Opt out of everything": visits each known settings page in a background tab, applies the
// user's policy there (or only looks, for a preview or re-check), and keeps the progress in
// storage after every page, so a tour resumes after the browser closes and never loops.
// LinkedIn's sign-in wall stops the tour at once (every other page would show it too); its
// "page not found" skips that page at once.
//
// The page in progress is stored too (`tour.visit`: its tab, and whether the page was already
// asked to change something), because the background itself may stop mid-page: Firefox
// suspends an idle event page, Chromium may stop a service worker. When it starts again the
// tour resumes at that page: if the tab it had opened is still there, the browser did not crash
// there, so this is no new attempt (a crash or quit closes the tab and counts); if the page had
// finished its change meanwhile, and recorded it, that result is the page's; otherwise the
// page is done again in a fresh tab. A page is resumed at most MAX_RESUMES_PER_PAGE times.
import { reportForPage } from './tour_report.js';

export const MODES = ['preview', 'optout', 'undo', 'recheck'];
const PAGE_TIMEOUT_MS = 20000;
const MAX_ATTEMPTS_PER_PAGE = 2;
export const MAX_RESUMES_PER_PAGE = 3;

/**
 * The page a tour is working on (stored with the tour).
 * @typedef {{index: number, tabId: number, acting: boolean, resumes: number}} TourVisit
 * @typedef {Tour & {visit?: TourVisit | null}} ResumableTour
 * What a tour needs from the browser, besides TourDeps: whether a tab still exists and shows
 * the page at `url` (after a browser restart the id may belong to another tab), and a tab's
 * status asked for directly (a restarted background has not heard from the tab yet).
 * @typedef {TourDeps & {tabAlive(tabId: number, url: string): Promise<boolean>, askStatus(tabId: number): Promise<TabStatusReport | null>}} ResumableTourDeps
 */

// settings: [{id, title, page}] from the host -> [{path, settings: [{id, title}]}] in order.
export function pagesOf(settings) {
  const byPath = new Map();
  for (const s of settings) {
    if (!s.page) continue;
    if (!byPath.has(s.page)) byPath.set(s.page, { path: s.page, settings: [] });
    byPath.get(s.page).settings.push({ id: s.id, title: s.title });
  }
  return [...byPath.values()];
}

export function newTour(mode, pages, now, extra = {}) {
  if (!MODES.includes(mode)) throw new Error(`unknown tour mode ${mode}`);
  return { id: `${mode}-${now}`, mode, started_at: new Date(now).toISOString(), pages, index: 0, attempts: {}, results: [], finished_at: null, ...extra };
}

/**
 * @param {ResumableTour} tour
 * @param {ResumableTourDeps} deps the browser, faked in tests
 * @param {(tour: Tour) => void} [onProgress]
 * @returns {Promise<ResumableTour>}
 */
export async function runTour(tour, deps, onProgress = () => {}) {
  while (tour.index < tour.pages.length) {
    const page = tour.pages[tour.index];
    const interrupted = await interruptedVisit(tour, deps);
    const attempt = (tour.attempts[tour.index] || 0) + (interrupted ? 0 : 1);
    tour.attempts[tour.index] = attempt;
    await deps.save(tour); // before acting: a crash mid-page counts as an attempt
    /** @type {string | null} */
    let stop = null;
    if (attempt > MAX_ATTEMPTS_PER_PAGE) {
      tour.results.push(...page.settings.map((s) => ({ setting: s.id, title: s.title, page: page.path, outcome: 'failed', reason: 'the browser stopped twice on this page; skipped' })));
    } else {
      const visited = await visit(tour, page, deps, interrupted);
      tour.results.push(...visited.results);
      stop = visited.stop;
    }
    tour.visit = null;
    tour.index += 1;
    if (stop === 'signed_out') stopSignedOut(tour);
    await deps.save(tour);
    onProgress(tour);
  }
  tour.finished_at = new Date(deps.now()).toISOString();
  await deps.save(tour);
  onProgress(tour);
  return tour;
}

// Signed out: no later page can be checked either. Every remaining setting says so.
function stopSignedOut(tour) {
  for (const rest of tour.pages.slice(tour.index)) {
    tour.results.push(...rest.settings.map((s) => ({ setting: s.id, title: s.title, page: rest.path, outcome: 'signed_out', reason: 'LinkedIn asked you to sign in' })));
  }
  tour.index = tour.pages.length;
  tour.stopped = 'signed_out';
}

// The stored visit of the current page when the background stopped mid-page and its tab is
// still open (see the top of this file); null when the page starts afresh. A visit whose tab
// is gone, or resumed too often, is dropped (its tab closed): the page counts an attempt.
/** @param {ResumableTour} tour @param {ResumableTourDeps} deps @returns {Promise<TourVisit | null>} */
async function interruptedVisit(tour, deps) {
  const v = tour.visit;
  if (!v || v.index !== tour.index) return null;
  const alive = await deps.tabAlive(v.tabId, `${deps.origin}${tour.pages[tour.index].path}`);
  if (alive && v.resumes < MAX_RESUMES_PER_PAGE) return v;
  tour.visit = null;
  if (alive) await deps.closeTab(v.tabId);
  return null;
}

// The interrupted page's tab already holds the outcome of the change it was asked for, and
// the record has it: the change is not done again (it would then read "was already off").
/** @param {TabStatusReport | null} status @param {Set<string>} wanted */
function finishedChange(status, wanted) {
  if (!status || status.busy || status.hostError || !Array.isArray(status.results)) return false;
  const done = status.results.filter((r) => r.setting !== null && wanted.has(r.setting));
  return done.length > 0 && done.every((r) => typeof r.recorded_at === 'string' && r.recorded_at !== '');
}

// A setting the interrupted tab had turned off (verified there) reads "already off" when the
// page is done again: it was this tour that changed it, so the line says "changed", with the
// state it had before; when its record had not been written, the line says so.
/** @param {TourLine} line @param {TabStatusReport} earlier */
function withEarlierChange(line, earlier) {
  if (line.outcome !== 'already_off') return line;
  const r = (earlier.results || []).find((x) => x.setting === line.setting && x.outcome === 'changed');
  if (!r) return line;
  const recorded = typeof r.recorded_at === 'string' && r.recorded_at !== '' ? r.recorded_at : null;
  const changed = { ...line, outcome: 'changed', before: r.before, recorded_at: recorded };
  return recorded ? changed : { ...changed, reason: 'turned off just before OptOut restarted; the record does not have this change' };
}

// -> {results: report lines for this page, stop: 'signed_out' | null}
/** @param {ResumableTour} tour @param {TourPage} page @param {ResumableTourDeps} deps @param {TourVisit | null} interrupted */
async function visit(tour, page, deps, interrupted) {
  const wanted = new Set(page.settings.map((s) => s.id));
  /** @type {TabStatusReport | null} */
  let earlier = null;
  if (interrupted) {
    earlier = interrupted.acting ? await deps.askStatus(interrupted.tabId) : null;
    await deps.closeTab(interrupted.tabId);
    if (earlier && finishedChange(earlier, wanted)) {
      return { results: reportForPage(tour.mode, page, page.settings, earlier), stop: null };
    }
  }
  const visited = await visitInNewTab(tour, page, deps, interrupted);
  if (!earlier || tour.mode !== 'optout') return visited;
  const before = earlier;
  return { ...visited, results: visited.results.map((line) => withEarlierChange(line, before)) };
}

/** @param {ResumableTour} tour @param {TourPage} page @param {ResumableTourDeps} deps @param {TourVisit | null} interrupted */
async function visitInNewTab(tour, page, deps, interrupted) {
  const wanted = new Set(page.settings.map((s) => s.id));
  const tabId = await deps.openTab(`${deps.origin}${page.path}`);
  const visitNow = { index: tour.index, tabId, acting: false, resumes: interrupted ? interrupted.resumes + 1 : 0 };
  tour.visit = visitNow;
  await deps.save(tour);
  try {
    const status = await deps.waitForStatus(
      tabId,
      (st) => Boolean(st.hostError || st.page_state || [...wanted].every((id) => (st.settings || []).some((v) => v.setting === id))),
      PAGE_TIMEOUT_MS,
    );
    if (status && status.page_state) {
      return { results: reportForPage(tour.mode, page, page.settings, status), stop: status.page_state === 'signed_out' ? 'signed_out' : null };
    }
    let final = status;
    const present = Boolean(status && !status.hostError && (status.settings || []).some((v) => wanted.has(v.setting)));
    if (present && (tour.mode === 'optout' || tour.mode === 'undo')) {
      visitNow.acting = true;
      await deps.save(tour); // from here the page may change settings
    }
    if (present && tour.mode === 'optout') {
      final = await deps.sendToTab(tabId, { kind: 'optOut', only: [...wanted] });
    } else if (present && tour.mode === 'undo') {
      const restore = (tour.restore || []).filter((r) => wanted.has(r.setting));
      final = await deps.sendToTab(tabId, { kind: 'restore', settings: restore });
    }
    if (present && !final) final = { hostError: { code: 0, name: 'no_answer', message: 'the page stopped answering while OptOut worked on it' } };
    return { results: reportForPage(tour.mode, page, page.settings, final), stop: null };
  } finally {
    await deps.closeTab(tabId);
  }
}

// The settings a finished opt-out changed, with the state to go back to.
export function undoPlan(lastRun) {
  if (!lastRun || lastRun.mode !== 'optout') return [];
  return lastRun.results.filter((r) => r.outcome === 'changed').map((r) => ({ setting: r.setting, state: r.before, page: r.page, title: r.title }));
}
