// @ts-check
// "Copy a report of unrecognised switches": what a member can paste into a bug report so the
// rule packs learn LinkedIn's wording. Only the controls OptOut was unsure about or did not
// know (confidence low or none), and only what identifies a switch: the page path and
// language, labels, nearby headings, stable attributes, state and OptOut's verdict. No page
// title; e-mail addresses and long digit runs (member, phone, order numbers) are blanked.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const HEADING_CODE_POINTS = 200;
  const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g;
  const LONG_NUMBER = /\d{5,}/g;

  function redact(text) {
    return String(text).replace(EMAIL, '[email]').replace(LONG_NUMBER, '[number]');
  }

  OptOutContent.redactForReport = redact;

  // snapshot: the classify request sent for the page; verdicts: the host's answer (may be []).
  OptOutContent.unrecognisedReport = function unrecognisedReport(snapshot, verdicts) {
    const byRef = new Map(verdicts.map((v) => [v.ref, v]));
    const controls = [];
    for (const c of snapshot.controls) {
      const v = byRef.get(c.ref);
      if (v && v.confidence === 'high') continue;
      controls.push({
        kind: c.kind,
        label: redact(c.label),
        context: c.context.split('\n').filter(Boolean)
          .map((h) => redact(OptOutContent.clipText(h, Infinity, HEADING_CODE_POINTS))),
        attrs: Object.fromEntries(Object.entries(c.attrs).map(([k, val]) => [k, redact(val)])),
        checked: c.checked,
        verdict: v ? { setting: v.setting, confidence: v.confidence, doubt: v.doubt || null } : null,
      });
    }
    return {
      report: 'optout-unrecognised-switches',
      version: 1,
      url_path: redact(snapshot.page.url_path),
      lang: snapshot.page.lang,
      controls,
    };
  };
})();
