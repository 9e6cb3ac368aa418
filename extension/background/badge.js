// Badge text for a tab's status: how many settings still share data. A re-check that found
// something switched back on or new shows "!" until the member looks.
export function badgeFor(status, alerts = []) {
  if (alerts && alerts.length) return { text: '!', color: '#b3261e', title: `OptOut: LinkedIn changed ${alerts.length} setting${alerts.length > 1 ? 's' : ''}; open OptOut` };
  if (!status) return { text: '', color: '#5b6b7a', title: 'OptOut' };
  if (status.hostError) return { text: '!', color: '#b3261e', title: 'OptOut: helper app not available' };
  if (!status.settings || status.settings.length === 0) {
    return { text: '', color: '#5b6b7a', title: 'OptOut: no data-sharing settings on this page' };
  }
  const n = status.sharing;
  if (n === 0) return { text: 'off', color: '#1d7f42', title: 'OptOut: every data-sharing setting here is off' };
  return { text: String(n), color: '#b3261e', title: `OptOut: ${n} setting${n > 1 ? 's' : ''} still share your data` };
}
