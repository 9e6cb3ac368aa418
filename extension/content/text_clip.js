// @ts-check
// Clips page text to the host's limits whatever its length or script. Limits are UTF-8 bytes
// (what the host counts) and optionally code points; a cut never falls inside a surrogate pair
// and, where the text allows, not inside a user-perceived character (a base letter and its
// combining marks, an emoji ZWJ sequence, a flag). Lone surrogates become U+FFFD: the JSON the
// host reads must be valid UTF-8, or it refuses the whole page.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  // How far around the cut to look for a grapheme boundary (UTF-16 units).
  const WINDOW = 64;

  function wellFormed(s) {
    return s.replace(LONE_SURROGATE, '\uFFFD');
  }

  function utf8Bytes(cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  function utf8Length(text) {
    let n = 0;
    for (const ch of wellFormed(String(text))) n += utf8Bytes(ch.codePointAt(0));
    return n;
  }

  // The last grapheme boundary at or before `cut` (a code point boundary). Falls back to `cut`
  // when no boundary is near (one "character" with hundreds of marks): text over nothing.
  function graphemeCut(s, cut) {
    if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return cut;
    let start = Math.max(0, cut - WINDOW);
    const c = s.charCodeAt(start);
    if (start > 0 && c >= 0xdc00 && c <= 0xdfff) start -= 1; // never begin inside a pair
    const segments = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
      .segment(s.slice(start, Math.min(s.length, cut + WINDOW)));
    let best = -1;
    for (const { index } of segments) {
      if (start + index > cut) break;
      best = start + index;
    }
    // A boundary at the window's own start is not trustworthy (the window may begin mid-cluster).
    return best > start ? best : cut;
  }

  // text: any string; maxBytes: UTF-8 byte limit; maxCodePoints: optional code point limit.
  function clipText(text, maxBytes, maxCodePoints = Infinity) {
    const s = wellFormed(String(text));
    let bytes = 0;
    let count = 0;
    let i = 0;
    while (i < s.length) {
      const cp = s.codePointAt(i);
      const b = utf8Bytes(cp);
      if (count + 1 > maxCodePoints || bytes + b > maxBytes) break;
      bytes += b;
      count += 1;
      i += cp > 0xffff ? 2 : 1;
    }
    return i >= s.length ? s : s.slice(0, graphemeCut(s, i));
  }

  OptOutContent.clipText = clipText;
  OptOutContent.utf8Length = utf8Length;
})();
