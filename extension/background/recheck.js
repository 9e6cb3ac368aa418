// @ts-check
// After an opt-out or a scheduled re-check: which settings LinkedIn switched back on, and
// which ones are new since we last looked. Pure, for unit tests.

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
