// @ts-check
// The member's choices, and an organization's policy over them: the one place they are merged.
//
// The member's own choices are kept in chrome.storage.local ('prefs'). Defaults: every
// data-use category, a weekly re-check.
//
// An organization may set policy (chrome.storage.managed, schema in ../managed_schema.json;
// Chrome/Edge read it from the `3rdparty` extension policy, Firefox from policies.json's
// `3rdparty` or a managed storage manifest). Its keys:
// - categories: the categories OptOut opts out of (exactly these; the member cannot change it).
// - forceOff: the member cannot take back the opt-out of a managed category: scheduled
//   re-checks turn those settings off again (recheckTourMode in recheck.js) and undo leaves them
//   off (withoutForcedOff in recheck.js). forceOff without categories manages every category.
// - recheck: 'off' | 'daily' | 'weekly'.
// - hideUndo: the popup does not offer "Undo last run".
// A policy value wins over the member's and is marked managed (Options shows it disabled with
// "Set by your organization"). A value that is not valid is ignored, and the reason is logged.
export const DATA_USE_CATEGORIES = ['generative_ai', 'research', 'advertising', 'partners', 'visibility', 'cookies'];
export const RECHECK_CHOICES = { off: 0, daily: 24 * 60, weekly: 7 * 24 * 60 };

export const DEFAULT_PREFS = Object.freeze({
  categories: DATA_USE_CATEGORIES,
  recheck: 'weekly',
});

/** @typedef {{categories: string[], recheck: string}} MemberPrefs */
/** @typedef {{categories?: string[], forceOff?: boolean, recheck?: string, hideUndo?: boolean}} Policy */
/**
 * @typedef {MemberPrefs & {forceOff: boolean, hideUndo: boolean,
 *   managed: {categories: boolean, recheck: boolean, forceOff: boolean, hideUndo: boolean}}} Prefs
 */

export const POLICY_KEYS = Object.freeze(['categories', 'forceOff', 'recheck', 'hideUndo']);

// Anything malformed in storage falls back to the default rather than widening the opt-out.
/** @returns {MemberPrefs} */
export function normalizePrefs(stored) {
  const p = stored || {};
  const categories = Array.isArray(p.categories)
    ? DATA_USE_CATEGORIES.filter((c) => p.categories.includes(c))
    : DEFAULT_PREFS.categories;
  const recheck = Object.hasOwn(RECHECK_CHOICES, p.recheck) ? p.recheck : DEFAULT_PREFS.recheck;
  return { categories, recheck };
}

/**
 * The valid part of what chrome.storage.managed holds. Every value left out is logged with why.
 * categories: unknown names are dropped; a list with none left is ignored as a whole (a typo
 * must not narrow the opt-out to nothing), an empty list is valid (opt out of no category).
 * @param {unknown} raw
 * @param {(message: string) => void} [warn]
 * @returns {Policy}
 */
export function validatePolicy(raw, warn = (m) => console.warn(m)) {
  /** @type {Policy} */
  const policy = {};
  if (raw === null || raw === undefined) return policy;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn('OptOut: managed policy ignored: it is not an object');
    return policy;
  }
  const given = /** @type {Record<string, unknown>} */ (raw);
  const ignore = (key, why) => warn(`OptOut: managed policy "${key}" ignored: ${why}`);
  for (const key of Object.keys(given)) {
    if (!POLICY_KEYS.includes(key)) ignore(key, 'not a known setting');
  }
  if (Object.hasOwn(given, 'categories')) {
    const c = given.categories;
    if (!Array.isArray(c)) {
      ignore('categories', 'not a list');
    } else {
      const unknown = c.filter((x) => !DATA_USE_CATEGORIES.includes(x));
      if (unknown.length) warn(`OptOut: managed policy "categories": unknown ${JSON.stringify(unknown)} left out`);
      if (c.length > 0 && unknown.length === c.length) ignore('categories', 'no known category in it');
      else policy.categories = DATA_USE_CATEGORIES.filter((x) => c.includes(x));
    }
  }
  for (const key of ['forceOff', 'hideUndo']) {
    if (!Object.hasOwn(given, key)) continue;
    if (typeof given[key] === 'boolean') policy[key] = given[key];
    else ignore(key, `${JSON.stringify(given[key])} is not true or false`);
  }
  if (Object.hasOwn(given, 'recheck')) {
    const r = given.recheck;
    if (typeof r === 'string' && Object.hasOwn(RECHECK_CHOICES, r)) policy.recheck = r;
    else ignore('recheck', `${JSON.stringify(r)} is not one of ${Object.keys(RECHECK_CHOICES).join(', ')}`);
  }
  return policy;
}

/**
 * The preferences in force: the policy's values win over the member's and are marked managed.
 * @param {MemberPrefs} member normalized (normalizePrefs)
 * @param {Policy} policy validated (validatePolicy)
 * @returns {Prefs}
 */
export function mergePrefs(member, policy) {
  const forceOff = policy.forceOff === true;
  const categories = policy.categories || (forceOff ? DATA_USE_CATEGORIES : member.categories);
  return {
    categories: [...categories],
    recheck: policy.recheck || member.recheck,
    forceOff,
    hideUndo: policy.hideUndo === true,
    managed: {
      categories: policy.categories !== undefined || forceOff,
      recheck: policy.recheck !== undefined,
      forceOff: policy.forceOff !== undefined,
      hideUndo: policy.hideUndo !== undefined,
    },
  };
}

/** @returns {Promise<MemberPrefs>} the member's own choices (what Options saves) */
export async function loadMemberPrefs() {
  const { prefs } = await chrome.storage.local.get('prefs');
  return normalizePrefs(prefs);
}

/**
 * The organization's policy, validated; {} when there is none. Chromium answers {} without a
 * policy; Firefox rejects ("Managed storage manifest not found"); a browser or test double
 * without storage.managed has none either.
 * @param {{managed?: {get: (keys: null) => Promise<Record<string, unknown>>}}} [storage] chrome.storage
 * @param {(message: string) => void} [warn]
 * @returns {Promise<Policy>}
 */
export async function loadPolicy(storage = globalThis.chrome && chrome.storage, warn = undefined) {
  if (!storage || !storage.managed || typeof storage.managed.get !== 'function') return {};
  let raw;
  try {
    raw = await storage.managed.get(null);
  } catch {
    return {};
  }
  return validatePolicy(raw, warn);
}

/** @returns {Promise<Prefs>} the preferences in force (the member's, with the policy over them) */
export async function loadPrefs() {
  const [member, policy] = await Promise.all([loadMemberPrefs(), loadPolicy()]);
  return mergePrefs(member, policy);
}

/**
 * Whether a storage change alters the preferences in force: the member's (local 'prefs') or
 * the organization's (any change in the 'managed' area). For the service worker's
 * chrome.storage.onChanged listener, to schedule the re-check again.
 * @param {Record<string, unknown>} changes
 * @param {string} [areaName]
 */
export function prefsChanged(changes, areaName) {
  return areaName === 'managed' || Boolean(changes && changes.prefs);
}
