// Wording for the popup, kept apart so it can be unit-tested without a browser.
export function describeState(s) {
  const state = s.state === 'on' ? 'On' : 'Off';
  if (s.action === 'flip') return `${state} (shares data)`;
  if (s.action === 'highlight') return `${state} (not sure; check yourself)`;
  return s.shares_data ? `${state} (shares data)` : state;
}

export function summaryText(status) {
  if (!status) return 'Open a LinkedIn settings page to check it.';
  if (status.hostError) return status.hostError.message;
  const n = status.settings.length;
  if (n === 0) return status.unknown ? `${status.unknown} unknown switch(es) here; OptOut leaves them alone.` : 'No data-sharing settings on this page.';
  if (status.sharing === 0) return `All ${n} data-sharing setting${n > 1 ? 's' : ''} here are off.`;
  return `${status.sharing} of ${n} setting${n > 1 ? 's' : ''} here share your data.`;
}

export function resultText(r) {
  if (r.outcome === 'changed') return `${r.title}: turned off, verified${r.recorded_at ? ` (${r.recorded_at})` : ''}`;
  if (r.outcome === 'already_off') return `${r.title}: already off`;
  return `${r.title}: not turned off (${r.reason})`;
}

export const CATEGORY_NAMES = {
  generative_ai: 'Generative AI training',
  research: 'Research',
  advertising: 'Advertising',
  partners: 'Sharing with partners and affiliates',
  visibility: 'Visibility to partners and discovery',
  cookies: 'Non-essential cookies',
};

const OUTCOME_TEXT = {
  changed: 'turned off, verified',
  already_off: 'already off',
  failed: 'FAILED',
  not_found: 'not found',
  would_change: 'would be turned off',
  needs_review: 'needs your review',
  restored: 'restored',
};

// One line of a tour report.
export function tourLine(r) {
  const reason = r.reason ? ` (${r.reason})` : '';
  const what = r.kind === 'radio' && r.outcome === 'changed' ? 'most private choice selected, verified' : OUTCOME_TEXT[r.outcome] || r.outcome;
  return `${r.title}: ${what}${reason}`;
}

export function tourProgress(tour) {
  if (!tour) return '';
  const verb = { preview: 'Preview', optout: 'Opt out of everything', undo: 'Undo', recheck: 'Re-check' }[tour.mode];
  if (tour.finished_at) return `${verb}: finished, ${tour.pages.length} page${tour.pages.length === 1 ? '' : 's'} visited.`;
  return `${verb}: page ${Math.min(tour.index + 1, tour.pages.length)} of ${tour.pages.length}\u2026`;
}
