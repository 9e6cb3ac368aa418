// @ts-check
// Which controls the overlay outlines, and the tag on each: sure and sharing, maybe, unknown,
// off. A choice (radio) marks only the private option OptOut would pick or asks about.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  // verdicts: after policy; controlOf: Map ref -> snapshot control; elementFor(ref) -> element or null.
  OptOutContent.highlightsFor = function highlightsFor(verdicts, controlOf, elementFor) {
    const list = [];
    const confirmable = new Set(OptOutContent.summarizePage(verdicts, controlOf).confirmable);
    for (const v of verdicts) {
      const el = elementFor(v.ref);
      if (!el) continue;
      if ((controlOf.get(v.ref) || {}).kind === 'radio') {
        if (v.action === 'flip') list.push({ el, kind: 'share', tag: `OptOut picks this: ${v.title}` });
        else if (confirmable.has(v)) list.push({ el, kind: 'maybe', tag: `Maybe the most private choice: ${v.title} (not sure, not changed)` });
        continue;
      }
      if (!v.setting) list.push({ el, kind: 'unknown', tag: v.state === 'on' ? 'Unknown switch, on: OptOut could not tell whether it shares data' : 'Unknown switch: OptOut leaves it alone' });
      else if (v.shares_when === 'never') continue;
      else if (v.action === 'flip') list.push({ el, kind: 'share', tag: `Shares your data: ${v.title}` });
      else if (v.shares_data && v.skip_reason && v.confidence === 'high') list.push({ el, kind: 'share', tag: `Shares your data: ${v.title} (not in your categories)` });
      else if (v.shares_data) list.push({ el, kind: 'maybe', tag: `Maybe ${v.title} (not sure, not changed)` });
      else list.push({ el, kind: 'off', tag: `Off: ${v.title}` });
    }
    return list;
  };
})();
