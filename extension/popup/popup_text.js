// @ts-check
// Wording for the popup, kept apart so it can be unit-tested without a browser.
const plural = (n, one, many) => (n === 1 ? one : many);

export function describeState(s) {
  const state = s.state === 'on' ? 'On' : 'Off';
  // Two switches look like this setting: the row shows the one that matters most.
  if (s.controls > 1) return `${state} (${s.controls} switches look like this setting; ${s.shares_data ? 'one shares data; ' : ''}check them yourself)`;
  if (s.action === 'flip') return `${state} (shares data)`;
  if (s.shares_data && s.skip_reason) {
    return `${state} (${s.confidence === 'high' ? 'shares' : 'might share'} data; not in your categories)`;
  }
  if (s.action === 'highlight') return `${state} (not sure; check yourself)`;
  return s.shares_data ? `${state} (shares data)` : state;
}

// Never "all off" while something here shares data, might, or could not be told apart.
export function summaryText(status) {
  if (!status) return 'Open a LinkedIn settings page to check it.';
  if (status.hostError) return status.hostError.message;
  if (status.page_state === 'signed_out') return 'LinkedIn shows its sign-in page. Sign in to LinkedIn, then check again.';
  if (status.page_state === 'not_found') return 'LinkedIn says this page does not exist.';
  const n = status.settings.length;
  const sure = status.sharing || 0;
  const maybe = status.maybe || 0;
  const unknownOn = status.unknown_on || 0;
  const unknownText = unknownOn
    ? `${unknownOn} unknown switch${unknownOn === 1 ? ' here is' : 'es here are'} on: OptOut could not tell whether ${plural(unknownOn, 'it shares', 'they share')} your data, and left ${plural(unknownOn, 'it', 'them')} alone.`
    : '';
  const settings = (k) => `setting${k === 1 ? '' : 's'}`;
  if (n === 0) {
    if (unknownOn) return unknownText;
    return status.unknown ? `${status.unknown} unknown switch(es) here; OptOut leaves them alone.` : 'No data-sharing settings on this page.';
  }
  if (sure === 0 && maybe === 0) {
    if (!unknownOn) return `All ${n} data-sharing ${settings(n)} here are off.`;
    return `The ${n} recognised ${settings(n)} here ${plural(n, 'is', 'are')} off. ${unknownText}`;
  }
  const parts = [];
  if (sure) parts.push(`${sure} of ${n} ${settings(n)} here share your data.`);
  if (maybe) {
    parts.push(`${sure ? maybe : `${maybe} of ${n}`} ${settings(sure ? maybe : n)} here might share your data: OptOut is not sure. ` +
      `Confirm ${plural(maybe, 'it', 'them')} below or in the banner on the page.`);
  }
  if (unknownOn) parts.push(unknownText);
  return parts.join(' ');
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
  signed_out: 'not checked',
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
  if (tour.stopped === 'signed_out') return `${verb}: stopped, LinkedIn asked you to sign in. Sign in to LinkedIn, then run it again.`;
  if (tour.finished_at) return `${verb}: finished, ${tour.pages.length} page${tour.pages.length === 1 ? '' : 's'} visited.`;
  return `${verb}: page ${Math.min(tour.index + 1, tour.pages.length)} of ${tour.pages.length}\u2026`;
}

// A rule pack: name, version and where it comes from (built into the helper, or a file in
// the helper's data directory, which replaces a built-in pack of the same name).
export function packLine(p) {
  const origin = p.origin === 'data-dir' ? `from ${p.path || "the helper's data directory"}`
    : p.origin === 'built-in' ? 'built in' : 'origin not reported';
  return `${p.name} ${p.version} (${origin})`;
}
