// @ts-check
// Which controls the overlay outlines, and the tag on each: sure and sharing, maybe, unknown,
// off. A choice (radio) marks only the private option OptOut would pick or asks about.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  // verdicts: after policy; controlOf: Map ref -> snapshot control; elementFor(ref) -> element or null.
  OptOutContent.highlightsFor = function highlightsFor(verdicts, controlOf, elementFor) {
    const t = OptOutContent.t;
    // The setting's name in the page's language when the pack has it (page_summary.js).
    const title = OptOutContent.titleOf;
    const list = [];
    const confirmable = new Set(OptOutContent.summarizePage(verdicts, controlOf).confirmable);
    for (const v of verdicts) {
      const el = elementFor(v.ref);
      if (!el) continue;
      if ((controlOf.get(v.ref) || {}).kind === 'radio') {
        if (v.action === 'flip') list.push({ el, kind: 'share', tag: t('tag_picks', title(v)) });
        else if (confirmable.has(v)) list.push({ el, kind: 'maybe', tag: t('tag_maybe_private', title(v)) });
        continue;
      }
      if (!v.setting) list.push({ el, kind: 'unknown', tag: t(v.state === 'on' ? 'tag_unknown_on' : 'tag_unknown') });
      else if (v.shares_when === 'never') continue;
      else if (v.action === 'flip') list.push({ el, kind: 'share', tag: t('tag_shares', title(v)) });
      else if (v.shares_data && v.skip_reason && v.confidence === 'high') list.push({ el, kind: 'share', tag: t('tag_shares_skipped', title(v)) });
      else if (v.shares_data) list.push({ el, kind: 'maybe', tag: t('tag_maybe', title(v)) });
      else list.push({ el, kind: 'off', tag: t('tag_off', title(v)) });
    }
    return list;
  };
})();
