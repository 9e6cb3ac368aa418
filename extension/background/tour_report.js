// @ts-check
// Turns what a settings page reported into one report line per expected setting. Pure, so
// the wording of every outcome is unit-tested.
// A setting may have several controls on a page (two switches that look alike, or a control the
// run changed beside one it could not): its line is the WORST of them, so a failed or still
// sharing control is never hidden behind one that went well.

// Higher is worse. Ties keep the first candidate: a run's own result before the page's view.
const SEVERITY = { failed: 5, would_change: 4, needs_review: 4, changed: 3, restored: 3, already_off: 2, not_found: 1 };
const severity = (line) => SEVERITY[line.outcome] || 0;

function worst(lines) {
  return lines.reduce((a, b) => (severity(b) > severity(a) ? b : a));
}

const TWO_CONTROLS_REVIEW = 'OptOut cannot tell which one is the real switch: open the page and check them';
const NOT_SURE_REVIEW = 'OptOut is not sure it is this setting; open the page and confirm it in the banner';

function lineOfResult(mode, base, r) {
  const states = { before: r.before, after: r.after };
  if (mode === 'undo') {
    return r.outcome === 'restored' || r.outcome === 'already_off'
      ? { ...base, outcome: 'restored', ...states }
      : { ...base, outcome: 'failed', reason: r.reason, ...states };
  }
  return { ...base, outcome: r.outcome, reason: r.reason, ...states, recorded_at: r.recorded_at };
}

// The setting as the page shows it now (`seen`: its row in the tab's status).
function lineOfView(mode, base, seen) {
  if (mode === 'undo') return { ...base, outcome: 'failed', reason: 'not restored' };
  if (!seen.shares_data) return { ...base, outcome: 'already_off', before: seen.state, after: seen.state };
  if (seen.action === 'flip') {
    return mode === 'optout'
      ? { ...base, outcome: 'failed', reason: 'was not changed', before: seen.state }
      : { ...base, outcome: 'would_change', before: seen.state };
  }
  const reason = seen.skip_reason || (seen.doubt === 'two_controls' ? TWO_CONTROLS_REVIEW : NOT_SURE_REVIEW);
  return { ...base, outcome: 'needs_review', before: seen.state, reason };
}

// status: the tab's status (or null if it never reported); expected: [{id, title}] on that page.
export function reportForPage(mode, page, expected, status) {
  return expected.map((s) => {
    const base = { setting: s.id, title: s.title, page: page.path };
    if (!status) return { ...base, outcome: 'not_found', reason: 'the page did not load or showed no settings' };
    if (status.page_state === 'signed_out') return { ...base, outcome: 'signed_out', reason: 'LinkedIn showed its sign-in page instead' };
    if (status.page_state === 'not_found') return { ...base, outcome: 'not_found', reason: 'LinkedIn says this page does not exist' };
    if (status.hostError) return { ...base, outcome: 'failed', reason: status.hostError.message };
    const results = (status.results || []).filter((r) => r.setting === s.id);
    const seen = (status.settings || []).find((v) => v.setting === s.id);
    if (seen && seen.kind === 'radio') base.kind = 'radio';
    const candidates = results.map((r) => lineOfResult(mode, base, r));
    if (seen) candidates.push(lineOfView(mode, base, seen));
    if (!candidates.length) {
      return mode === 'undo'
        ? { ...base, outcome: 'not_found', reason: 'the setting was not on the page' }
        : { ...base, outcome: 'not_found', reason: 'LinkedIn did not show this setting (moved, renamed, or not offered in your region)' };
    }
    // After an undo the page shows the setting back on: that is the result, not a problem.
    const line = mode === 'undo' && results.length ? worst(candidates.slice(0, results.length)) : worst(candidates);
    const controls = Math.max(results.length, (seen && seen.controls) || 1);
    if (controls < 2) return line;
    const note = `${controls} switches on this page look like this setting`;
    return { ...line, controls, reason: line.reason ? `${note}; ${line.reason}` : note };
  });
}

export function summarize(results) {
  const counts = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] || 0) + 1;
  return counts;
}
