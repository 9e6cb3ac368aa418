// @ts-check
// Two or more controls on one page that look like the same setting: which one is the real
// switch is a guess. The host answers doubt "two_controls" and flips neither; this does the same
// on our side, so an older host or pack cannot make us click one of them, and the counts, the
// badge and undo treat such a setting as ambiguous. The options of one choice (radio) are one
// setting: only its most private option counts as "a control" of it.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  // The controls that each claim to be `setting` (switches, checkboxes, a choice's private option).
  function claims(v, controlOf) {
    if (!v.setting || v.shares_when === 'never') return false;
    return (controlOf.get(v.ref) || {}).kind !== 'radio' || v.shares_when === 'off';
  }

  // setting id -> how many controls on the page claim it (any confidence).
  OptOutContent.controlsPerSetting = function controlsPerSetting(verdicts, controlOf) {
    const counts = new Map();
    for (const v of verdicts) if (claims(v, controlOf)) counts.set(v.setting, (counts.get(v.setting) || 0) + 1);
    return counts;
  };

  // Two sure controls for one setting: every verdict of that setting becomes a maybe.
  OptOutContent.markTwoControls = function markTwoControls(verdicts, controlOf) {
    const sure = OptOutContent.controlsPerSetting(verdicts.filter((v) => v.confidence === 'high'), controlOf);
    return verdicts.map((v) => {
      if (!v.setting || (sure.get(v.setting) || 0) < 2) return v;
      return { ...v, confidence: 'low', doubt: 'two_controls', action: v.shares_data ? 'highlight' : 'none' };
    });
  };

  OptOutContent.twoControlsReason = (n) => `${n} switches on this page look like this setting`;
})();
