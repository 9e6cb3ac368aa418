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
