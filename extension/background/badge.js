// @ts-check
// Badge text for a tab's status: how many settings share data, counting the ones OptOut is
// not sure about ("2?": the "?" says some of them are maybes). "off" only when nothing on the
// page shares data and no unrecognised switch is on. A re-check that found something switched
// back on or new shows "!" until the member looks.
//
// The toolbar icon follows the same state (`icon` in badgeFor's answer; ICONS has the files,
// rendered from extension/icons/src/ by scripts/icons.sh): 'all_off' (the calm switch with a
// check), 'shares' (the switch ON with "!": something shares or might, or LinkedIn changed a
// setting), 'no_helper' (the struck-through outline) and 'default' (OptOut's own mark: nothing
// to say). The states differ in shape, not only in colour.
export const ICON_SIZES = /** @type {const} */ ([16, 32]);
const iconSet = (name) => Object.freeze(Object.fromEntries(ICON_SIZES.map((size) => [String(size), `/icons/${name}-${size}.png`])));
/** @type {Readonly<Record<'default' | 'all_off' | 'shares' | 'no_helper', Readonly<Record<string, string>>>>} */
export const ICONS = Object.freeze({
  default: iconSet('optout'),
  all_off: iconSet('state-all-off'),
  shares: iconSet('state-shares'),
  no_helper: iconSet('state-no-helper'),
});

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : word.endsWith('ch') ? 'es' : 's'}`;

/**
 * @param {any} status a tab's status report (or null: nothing known)
 * @param {unknown[]} [alerts] re-check alerts the member has not looked at
 * @returns {{ text: string, color: string, icon: keyof typeof ICONS, title: string }}
 */
export function badgeFor(status, alerts = []) {
  if (alerts && alerts.length) return { text: '!', color: '#b3261e', icon: 'shares', title: `OptOut: LinkedIn changed ${plural(alerts.length, 'setting')}; open OptOut` };
  if (!status) return { text: '', color: '#5b6b7a', icon: 'default', title: 'OptOut' };
  if (status.hostError) return { text: '!', color: '#b3261e', icon: 'no_helper', title: 'OptOut: helper app not available' };
  if (status.page_state === 'signed_out') return { text: '', color: '#5b6b7a', icon: 'default', title: 'OptOut: LinkedIn shows its sign-in page; sign in to check your settings' };
  if (status.page_state === 'not_found') return { text: '', color: '#5b6b7a', icon: 'default', title: 'OptOut: LinkedIn says this page does not exist' };
  const sure = status.sharing || 0;
  const maybe = status.maybe || 0;
  const unknownOn = status.unknown_on || 0;
  const unsureText = unknownOn ? `; could not tell whether ${plural(unknownOn, 'unrecognised switch')} ${unknownOn === 1 ? 'shares' : 'share'} data` : '';
  if (sure + maybe > 0) {
    const parts = [];
    if (sure) parts.push(`${plural(sure, 'setting')} still ${sure === 1 ? 'shares' : 'share'} your data`);
    if (maybe) parts.push(`${maybe} more might (OptOut is not sure; check ${maybe === 1 ? 'it' : 'them'} in the banner)`);
    return { text: `${sure + maybe}${maybe ? '?' : ''}`, color: '#b3261e', icon: 'shares', title: `OptOut: ${parts.join('; ')}${unsureText}` };
  }
  if (unknownOn) return { text: '?', color: '#c37d16', icon: 'shares', title: `OptOut: no recognised setting shares data here${unsureText}` };
  if (!status.settings || status.settings.length === 0) {
    return { text: '', color: '#5b6b7a', icon: 'default', title: 'OptOut: no data-sharing settings on this page' };
  }
  return { text: 'off', color: '#1d7f42', icon: 'all_off', title: 'OptOut: every data-sharing setting here is off' };
}

/**
 * Shows a tab's state on the toolbar: badge text and colour, title and icon. Errors (the tab
 * closed meanwhile) are ignored.
 * @param {number} tabId
 * @param {any} status as for badgeFor
 * @param {unknown[]} [alerts] as for badgeFor
 */
export function applyBadge(tabId, status, alerts = []) {
  const badge = badgeFor(status, alerts);
  const quiet = (/** @type {Promise<unknown> | undefined} */ p) => { if (p && typeof p.catch === 'function') p.catch(() => {}); };
  quiet(chrome.action.setBadgeText({ tabId, text: badge.text }));
  quiet(chrome.action.setBadgeBackgroundColor({ tabId, color: badge.color }));
  quiet(chrome.action.setTitle({ tabId, title: badge.title }));
  quiet(chrome.action.setIcon({ tabId, path: { ...ICONS[badge.icon] } }));
  return badge;
}

/** The tab left the settings pages: no badge, OptOut's own icon. @param {number} tabId */
export function clearBadge(tabId) {
  return applyBadge(tabId, null);
}
