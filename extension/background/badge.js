// @ts-check
// Badge text for a tab's status: how many settings share data, counting the ones OptOut is
// not sure about ("2?": the "?" says some of them are maybes). "off" only when nothing on the
// page shares data and no unrecognised switch is on. A re-check that found something switched
// back on or new shows "!" until the member looks.
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : word.endsWith('ch') ? 'es' : 's'}`;

export function badgeFor(status, alerts = []) {
  if (alerts && alerts.length) return { text: '!', color: '#b3261e', title: `OptOut: LinkedIn changed ${plural(alerts.length, 'setting')}; open OptOut` };
  if (!status) return { text: '', color: '#5b6b7a', title: 'OptOut' };
  if (status.hostError) return { text: '!', color: '#b3261e', title: 'OptOut: helper app not available' };
  if (status.page_state === 'signed_out') return { text: '', color: '#5b6b7a', title: 'OptOut: LinkedIn shows its sign-in page; sign in to check your settings' };
  if (status.page_state === 'not_found') return { text: '', color: '#5b6b7a', title: 'OptOut: LinkedIn says this page does not exist' };
  const sure = status.sharing || 0;
  const maybe = status.maybe || 0;
  const unknownOn = status.unknown_on || 0;
  const unsureText = unknownOn ? `; could not tell whether ${plural(unknownOn, 'unrecognised switch')} ${unknownOn === 1 ? 'shares' : 'share'} data` : '';
  if (sure + maybe > 0) {
    const parts = [];
    if (sure) parts.push(`${plural(sure, 'setting')} still ${sure === 1 ? 'shares' : 'share'} your data`);
    if (maybe) parts.push(`${maybe} more might (OptOut is not sure; check ${maybe === 1 ? 'it' : 'them'} in the banner)`);
    return { text: `${sure + maybe}${maybe ? '?' : ''}`, color: '#b3261e', title: `OptOut: ${parts.join('; ')}${unsureText}` };
  }
  if (unknownOn) return { text: '?', color: '#c37d16', title: `OptOut: no recognised setting shares data here${unsureText}` };
  if (!status.settings || status.settings.length === 0) {
    return { text: '', color: '#5b6b7a', title: 'OptOut: no data-sharing settings on this page' };
  }
  return { text: 'off', color: '#1d7f42', title: 'OptOut: every data-sharing setting here is off' };
}
