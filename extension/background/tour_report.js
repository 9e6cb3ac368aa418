// Turns what a settings page reported into one report line per expected setting. Pure, so
// the wording of every outcome is unit-tested.

// status: the tab's status (or null if it never reported); expected: [{id, title}] on that page.
export function reportForPage(mode, page, expected, status) {
  return expected.map((s) => {
    const base = { setting: s.id, title: s.title, page: page.path };
    if (!status) return { ...base, outcome: 'not_found', reason: 'the page did not load or showed no settings' };
    if (status.page_state === 'signed_out') return { ...base, outcome: 'signed_out', reason: 'LinkedIn showed its sign-in page instead' };
    if (status.page_state === 'not_found') return { ...base, outcome: 'not_found', reason: 'LinkedIn says this page does not exist' };
    if (status.hostError) return { ...base, outcome: 'failed', reason: status.hostError.message };
    const result = (status.results || []).find((r) => r.setting === s.id);
    const seen = (status.settings || []).find((v) => v.setting === s.id);
    if (seen && seen.kind === 'radio') base.kind = 'radio';
    if (mode === 'undo') {
      if (!result) return { ...base, outcome: seen ? 'failed' : 'not_found', reason: seen ? 'not restored' : 'the setting was not on the page' };
      return result.outcome === 'restored' || result.outcome === 'already_off'
        ? { ...base, outcome: 'restored', before: result.before, after: result.after }
        : { ...base, outcome: 'failed', reason: result.reason, before: result.before, after: result.after };
    }
    if (result) {
      return { ...base, outcome: result.outcome, reason: result.reason, before: result.before, after: result.after, recorded_at: result.recorded_at };
    }
    if (!seen) return { ...base, outcome: 'not_found', reason: 'LinkedIn did not show this setting (moved, renamed, or not offered in your region)' };
    if (!seen.shares_data) return { ...base, outcome: 'already_off', before: seen.state, after: seen.state };
    if (seen.action === 'flip') {
      return mode === 'optout'
        ? { ...base, outcome: 'failed', reason: 'was not changed', before: seen.state }
        : { ...base, outcome: 'would_change', before: seen.state };
    }
    return { ...base, outcome: 'needs_review', before: seen.state, reason: seen.skip_reason || 'OptOut is not sure it is this setting; open the page and confirm it in the banner' };
  });
}

export function summarize(results) {
  const counts = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] || 0) + 1;
  return counts;
}
