// @ts-check
// After an opt-out or a scheduled re-check: which settings LinkedIn switched back on, and
// which ones are new since we last looked; and what force-off (organization policy) changes
// about re-checks and undo. Pure, for unit tests.

// known: {settingId: 'off' | 'on' | ...}; tour: a finished tour. Returns new alerts and known.
export function compareWithKnown(known, tour) {
  const alerts = [];
  const updated = { ...known };
  for (const r of tour.results) {
    const state = r.outcome === 'changed' || r.outcome === 'already_off' ? 'off'
      : r.outcome === 'would_change' || r.outcome === 'needs_review' || r.outcome === 'failed' ? 'on' : null;
    if (state === null) continue; // not found: keep what we knew
    if (!Object.hasOwn(known, r.setting)) {
      if (tour.mode === 'recheck' && Object.keys(known).length) alerts.push({ setting: r.setting, title: r.title, kind: 'new', page: r.page });
    } else if (known[r.setting] === 'off' && state === 'on') {
      alerts.push({ setting: r.setting, title: r.title, kind: 'switched_back_on', page: r.page });
    }
    updated[r.setting] = state;
  }
  return { alerts, known: updated };
}

// Force-off (organization policy, prefs.js): the member cannot take back the opt-out of a
// managed category. A scheduled re-check then turns settings off again rather than only
// looking: it is an opt-out tour over the categories in force.
/** @param {{forceOff?: boolean}} prefs the preferences in force (loadPrefs) @returns {'optout' | 'recheck'} */
export function recheckTourMode(prefs) {
  return prefs && prefs.forceOff === true ? 'optout' : 'recheck';
}

/**
 * The undo plan less what force-off keeps off: a setting in a managed category, or one whose
 * category the host's settings do not tell (it stays off rather than being turned back on).
 * @template {{setting: string}} P
 * @param {P[]} plan undoPlan(lastRun) of tour.js
 * @param {{id: string, category?: string}[]} settings the host's settings
 * @param {{forceOff?: boolean, categories: string[]}} prefs the preferences in force
 * @returns {P[]}
 */
export function withoutForcedOff(plan, settings, prefs) {
  if (!prefs || prefs.forceOff !== true) return plan;
  const categoryOf = new Map((settings || []).map((s) => [s.id, s.category]));
  return plan.filter((p) => {
    const category = categoryOf.get(p.setting);
    return typeof category === 'string' && !prefs.categories.includes(category);
  });
}
