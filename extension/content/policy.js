// @ts-check
// Applies the user's choice of categories to the host's verdicts: a setting outside the
// chosen categories is still shown, but only highlighted, never flipped, and a maybe outside
// them is not offered for confirmation either.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

OptOutContent.DEFAULT_CATEGORIES = ['generative_ai', 'research', 'advertising', 'partners', 'visibility', 'cookies'];

// A setting outside the chosen categories: why it was left on (English; the banner words it).
OptOutContent.SKIPPED_CATEGORY = 'not in the categories you chose to opt out of';

OptOutContent.applyPolicy = function applyPolicy(verdicts, categories) {
  return verdicts.map((v) => {
    if ((v.action !== 'flip' && v.action !== 'highlight') || !v.setting || categories.includes(v.category)) return v;
    return { ...v, action: 'highlight', skip_reason: OptOutContent.SKIPPED_CATEGORY };
  });
};

OptOutContent.loadCategories = async function loadCategories() {
  const all = OptOutContent.DEFAULT_CATEGORIES;
  // An organization's policy (chrome.storage.managed, background/prefs.js) wins over the
  // member's choice, as it does for tours.
  try {
    const managed = chrome.storage.managed ? await chrome.storage.managed.get(['categories', 'forceOff']) : {};
    const listed = managed && Array.isArray(managed.categories) ? managed.categories : null;
    if (listed && (listed.length === 0 || listed.some((c) => all.includes(c)))) return all.filter((c) => listed.includes(c));
    if (managed && managed.forceOff === true) return all;
  } catch {
    // no policy (Firefox rejects without one)
  }
  try {
    const { prefs } = await chrome.storage.local.get('prefs');
    const chosen = prefs && typeof prefs === 'object' && 'categories' in prefs ? prefs.categories : undefined;
    if (Array.isArray(chosen)) return OptOutContent.DEFAULT_CATEGORIES.filter((c) => chosen.includes(c));
  } catch {
    // storage unavailable: fall back to the defaults
  }
  return OptOutContent.DEFAULT_CATEGORIES;
};
