// @ts-check
// The user's choices, kept in chrome.storage.local. Defaults: every data-use category.
export const DATA_USE_CATEGORIES = ['generative_ai', 'research', 'advertising', 'partners', 'visibility', 'cookies'];
export const RECHECK_CHOICES = { off: 0, daily: 24 * 60, weekly: 7 * 24 * 60 };

export const DEFAULT_PREFS = Object.freeze({
  categories: DATA_USE_CATEGORIES,
  recheck: 'weekly',
});

// Anything malformed in storage falls back to the default rather than widening the opt-out.
export function normalizePrefs(stored) {
  const p = stored || {};
  const categories = Array.isArray(p.categories)
    ? DATA_USE_CATEGORIES.filter((c) => p.categories.includes(c))
    : DEFAULT_PREFS.categories;
  const recheck = Object.hasOwn(RECHECK_CHOICES, p.recheck) ? p.recheck : DEFAULT_PREFS.recheck;
  return { categories, recheck };
}

export async function loadPrefs() {
  const { prefs } = await chrome.storage.local.get('prefs');
  return normalizePrefs(prefs);
}
