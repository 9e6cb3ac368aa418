// @ts-check
// "Opt out of everything": visits each known settings page in a background tab, applies the
// user's policy there (or only looks, for a preview or re-check), and keeps the progress in
// storage after every page, so a tour resumes after the browser closes and never loops.
// LinkedIn's sign-in wall stops the tour at once (every other page would show it too); its
// "page not found" skips that page at once.
import { reportForPage } from './tour_report.js';

export const MODES = ['preview', 'optout', 'undo', 'recheck'];
const PAGE_TIMEOUT_MS = 20000;
const MAX_ATTEMPTS_PER_PAGE = 2;

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
 * @param {Tour} tour
 * @param {TourDeps} deps the browser, faked in tests
 * @param {(tour: Tour) => void} [onProgress]
 * @returns {Promise<Tour>}
 */
export async function runTour(tour, deps, onProgress = () => {}) {
  while (tour.index < tour.pages.length) {
    const page = tour.pages[tour.index];
    const attempt = (tour.attempts[tour.index] || 0) + 1;
    tour.attempts[tour.index] = attempt;
    await deps.save(tour); // before acting: a crash mid-page counts as an attempt
    /** @type {string | null} */
    let stop = null;
    if (attempt > MAX_ATTEMPTS_PER_PAGE) {
      tour.results.push(...page.settings.map((s) => ({ setting: s.id, title: s.title, page: page.path, outcome: 'failed', reason: 'the browser stopped twice on this page; skipped' })));
    } else {
      const visited = await visit(tour, page, deps);
      tour.results.push(...visited.results);
      stop = visited.stop;
    }
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

// -> {results: report lines for this page, stop: 'signed_out' | null}
async function visit(tour, page, deps) {
  const wanted = new Set(page.settings.map((s) => s.id));
  const tabId = await deps.openTab(`${deps.origin}${page.path}`);
  try {
    const status = await deps.waitForStatus(
      tabId,
      (st) => st.hostError || st.page_state || [...wanted].every((id) => (st.settings || []).some((v) => v.setting === id)),
      PAGE_TIMEOUT_MS,
    );
    if (status && status.page_state) {
      return { results: reportForPage(tour.mode, page, page.settings, status), stop: status.page_state === 'signed_out' ? 'signed_out' : null };
    }
    let final = status;
    const present = Boolean(status && !status.hostError && (status.settings || []).some((v) => wanted.has(v.setting)));
    if (present && tour.mode === 'optout') {
      final = await deps.sendToTab(tabId, { kind: 'optOut', only: [...wanted] });
    } else if (present && tour.mode === 'undo') {
      const restore = (tour.restore || []).filter((r) => wanted.has(r.setting));
      final = await deps.sendToTab(tabId, { kind: 'restore', settings: restore });
    }
    if (present && !final) final = { hostError: { message: 'the page stopped answering while OptOut worked on it' } };
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
