// @ts-check
// Sorts the host's verdicts for one page into what the banner, the popup and the badge must
// tell apart: sure and sharing (flip), maybe sharing (needs the member), sharing but outside the
// member's categories, off, and switches OptOut does not recognise (on or off). Pure.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  // What the member reads for a setting: the pack's texts in the page's language (the host's
  // `local`, docs/protocol.md), else the English ones. For a verdict, or a result that carries
  // its verdict's `local`; what is recorded keeps the setting id and English.
  /** @param {{local?: LocalText | null}} x @param {'title' | 'explain'} field */
  const localText = (x, field) => {
    const local = x.local;
    return local && typeof local === 'object' && typeof local[field] === 'string' && local[field] ? local[field] : '';
  };
  /** @param {{title?: string | null, local?: LocalText | null}} x */
  OptOutContent.titleOf = (x) => localText(x, 'title') || x.title || '';
  /** @param {{explain?: string | null, local?: LocalText | null}} x */
  OptOutContent.explainOf = (x) => localText(x, 'explain') || x.explain || '';

  // verdicts: the host's, after the category policy; controlOf: Map ref -> snapshot control.
  OptOutContent.summarizePage = function summarizePage(verdicts, controlOf) {
    const kind = (v) => (controlOf.get(v.ref) || {}).kind;
    const known = verdicts.filter((v) => v.setting && v.shares_when !== 'never');
    const sharing = known.filter((v) => v.shares_data);
    const sure = sharing.filter((v) => v.confidence === 'high');
    const unsure = sharing.filter((v) => v.confidence !== 'high');
    const unknown = verdicts.filter((v) => !v.setting);
    // A maybe the member can settle with one click: a switch or checkbox, or the most private
    // option of a choice (clicking it selects it). Never the selected sharing option of a choice.
    const confirmable = unsure.filter((v) => !v.skip_reason && (kind(v) !== 'radio' || v.shares_when === 'off'));
    const settingsOf = (list) => new Set(list.map((v) => v.setting));
    const confirmableSettings = settingsOf(confirmable);
    return {
      known,
      flips: known.filter((v) => v.action === 'flip'),
      // Maybes in the member's categories, one entry per control the member may confirm...
      confirmable,
      // ...and those OptOut can only point at (a choice whose private option is not on the page).
      checkYourself: unsure.filter((v) => !v.skip_reason && !confirmableSettings.has(v.setting) && kind(v) === 'radio'),
      skipped: sharing.filter((v) => v.skip_reason),
      off: known.filter((v) => !v.shares_data),
      unknown,
      // A choice always has a selected option, so only switches and checkboxes count as "on".
      unknownOn: unknown.filter((v) => kind(v) !== 'radio' && v.state === 'on'),
      // Per setting, for counts the member reads ("2 settings share your data").
      sharingSettings: settingsOf(sure).size,
      // Maybes count even outside the member's categories: the count must never read "off".
      maybeSettings: [...settingsOf(unsure)].filter((s) => !settingsOf(sure).has(s)).length,
    };
  };

  // One row per setting for the popup, the badge and the tours: a choice (radio) has several
  // controls but is one setting, and so are two switches that look alike. The row shows the
  // control that matters most (sure and sharing, then a maybe to confirm, then anything sharing),
  // so a sharing control is never hidden behind an off one; `controls` says how many claimed it.
  OptOutContent.settingsView = function settingsView(summary, controlOf) {
    const confirmable = new Set(summary.confirmable);
    const rank = (x) => (x.action === 'flip' ? 3 : confirmable.has(x) ? 2 : x.shares_data ? 1 : 0);
    const counts = OptOutContent.controlsPerSetting(summary.known, controlOf);
    const bySetting = new Map();
    for (const v of summary.known) {
      const prev = bySetting.get(v.setting);
      if (!prev || rank(v) > rank(prev)) bySetting.set(v.setting, v);
    }
    return [...bySetting.values()].map((v) => ({
      ref: v.ref, setting: v.setting, title: v.title, category: v.category, kind: (controlOf.get(v.ref) || {}).kind,
      state: v.shares_data ? 'on' : 'off', shares_data: v.shares_data,
      confidence: v.confidence, doubt: v.doubt || null, action: v.action, skip_reason: v.skip_reason,
      confirmable: confirmable.has(v), controls: counts.get(v.setting) || 1,
    }));
  };
})();
