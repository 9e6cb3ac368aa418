// @ts-check
// Builds the compact snapshot the host classifies: roles, stable attributes, accessible
// names and nearby heading text. Never CSS class names: LinkedIn's are hashed per release.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  // UTF-8 byte limits of the host's classify request (docs/protocol.md); a context part is
  // also capped in code points so one long description cannot crowd out the headings.
  const LIMITS = { label: 4096, context: 8192, contextPart: 1024, attr: 256, title: 4096, path: 2048, lang: 16, controls: 2000 };
  const STABLE_ATTRS = ['id', 'name', 'aria-labelledby', 'aria-describedby'];
  const CONTROL_SELECTOR =
    'input[type=checkbox], input[type=radio], [role=switch], [role=checkbox], [role=radio]';
  OptOutContent.CONTROL_SELECTOR = CONTROL_SELECTOR;
  const CONTEXT_SELECTOR = 'h1, h2, h3, h4, h5, h6, [role=heading], p, legend';

  // Stable per-element refs, so a verdict still names the same control after re-renders
  // of other parts of the page.
  const refOf = new WeakMap();
  /** @type {Map<string, HTMLElement>} */
  const elementOf = new Map();
  let nextRef = 1;

  /** @param {HTMLElement} el */
  function refFor(el) {
    let ref = refOf.get(el);
    if (!ref) {
      ref = 'c' + nextRef++;
      refOf.set(el, ref);
    }
    elementOf.set(ref, el);
    return ref;
  }

  // Whitespace collapsed, then clipped by bytes (and code points) without splitting a character.
  function clip(text, maxBytes, maxCodePoints) {
    return OptOutContent.clipText(text.replace(/\s+/g, ' ').trim(), maxBytes, maxCodePoints);
  }

  // Text a screen reader would read: skips aria-hidden parts (such as artdeco's visual On/Off).
  function readableText(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.nodeValue;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    if (node.getAttribute('aria-hidden') === 'true') return '';
    const tag = node.tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') return '';
    let out = '';
    for (const child of node.childNodes) out += readableText(child) + ' ';
    return out;
  }

  function textOfIds(ids) {
    return ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id))
      .filter(Boolean)
      .map(readableText)
      .join(' ');
  }

  function accessibleName(el) {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      const t = textOfIds(labelledBy);
      if (t.trim()) return t;
    }
    const ariaLabel = el.getAttribute('aria-label');
    if (ariaLabel && ariaLabel.trim()) return ariaLabel;
    if (el.labels && el.labels.length) {
      return Array.from(el.labels).map(readableText).join(' ');
    }
    const wrapping = el.closest('label');
    return wrapping ? readableText(wrapping) : '';
  }

  // The closest ancestor that holds some heading/paragraph text besides the control's own label.
  function contextText(el, label) {
    let node = el.parentElement;
    for (let depth = 0; node && depth < 8; depth++, node = node.parentElement) {
      const parts = [];
      for (const t of node.querySelectorAll(CONTEXT_SELECTOR)) {
        if (t.contains(el)) continue;
        const text = clip(readableText(t), Infinity, LIMITS.contextPart);
        if (text && text !== label && !parts.includes(text)) parts.push(text);
      }
      if (parts.length) return OptOutContent.clipText(parts.join('\n'), LIMITS.context);
      if (node === document.body) break;
    }
    return '';
  }

  function kindOf(el) {
    const role = el.getAttribute('role');
    if (role === 'switch') return 'switch';
    if (role === 'radio' || (el instanceof HTMLInputElement && el.type === 'radio')) return 'radio';
    return 'checkbox';
  }

  function stableAttrs(el) {
    const attrs = {};
    for (const name of STABLE_ATTRS) {
      const v = el.getAttribute(name);
      if (v) attrs[name] = OptOutContent.clipText(v, LIMITS.attr);
    }
    return attrs;
  }

  OptOutContent.elementForRef = (ref) => {
    const el = elementOf.get(ref);
    return el && el.isConnected ? el : null;
  };

  // root: where our own UI lives, excluded from the snapshot.
  OptOutContent.buildSnapshot = function buildSnapshot(ownRoot) {
    const controls = [];
    for (const el of document.querySelectorAll(CONTROL_SELECTOR)) {
      if (controls.length >= LIMITS.controls) break;
      if (!(el instanceof HTMLElement)) continue; // an SVG "switch" cannot be clicked or read as one
      if (ownRoot && ownRoot.contains(el)) continue;
      const label = clip(accessibleName(el), LIMITS.label);
      controls.push({
        ref: refFor(el),
        kind: kindOf(el),
        checked: OptOutContent.readState(el) === 'on',
        attrs: stableAttrs(el),
        label,
        context: contextText(el, label),
      });
    }
    return {
      page: {
        url_path: OptOutContent.clipText(location.pathname, LIMITS.path),
        lang: OptOutContent.clipText(document.documentElement.lang || '', LIMITS.lang),
        title: clip(document.title || '', LIMITS.title),
      },
      controls,
    };
  };
})();
