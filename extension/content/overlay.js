// @ts-check
// OptOut's in-page UI: one banner and highlight boxes, inside our own closed shadow root so
// the page's CSS and scripts cannot restyle or read it; overlay_guard.js keeps our element
// itself in place and visible. Page text only ever goes through textContent, never into HTML.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const CSS = `
    ${OptOutContent.HOST_CSS}
    .layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647;
             font: 14px/1.4 system-ui, sans-serif; }
    .banner { position: fixed; top: 12px; right: 12px; width: 360px; pointer-events: auto;
              background: #fff; color: #1d2226; border-radius: 10px; padding: 12px 14px;
              box-shadow: 0 4px 18px rgba(0,0,0,.25); border-left: 6px solid #5b6b7a; }
    .banner[data-tone=warn] { border-left-color: #c37d16; }
    .banner[data-tone=ok] { border-left-color: #1d7f42; }
    .banner[data-tone=error] { border-left-color: #b3261e; }
    .title { font-weight: 600; margin: 0 24px 4px 0; }
    .body { margin: 0 0 6px; white-space: pre-line; }
    ul { margin: 4px 0 8px; padding-left: 18px; }
    code { font: 12px ui-monospace, monospace; background: #eef1f4; padding: 1px 4px; }
    button.primary { font: inherit; font-weight: 600; background: #0a66c2; color: #fff; border: 0;
                     border-radius: 16px; padding: 6px 16px; cursor: pointer; }
    button.primary[disabled] { background: #8aa9c8; cursor: default; }
    .choice { display: flex; gap: 8px; align-items: center; justify-content: space-between; margin: 6px 0; }
    .choice span { flex: 1; }
    button.primary.small { padding: 4px 12px; white-space: nowrap; }
    button.close { position: absolute; top: 6px; right: 8px; background: none; border: 0;
                   font-size: 18px; cursor: pointer; color: #5b6b7a; }
    .box { position: fixed; border: 3px solid #b3261e; border-radius: 8px; }
    .box[data-kind=maybe] { border-color: #c37d16; border-style: dashed; }
    .box[data-kind=unknown] { border-color: #8a949e; border-style: dotted; }
    .box[data-kind=off] { border-color: #1d7f42; }
    .tag { position: absolute; left: 0; top: -22px; white-space: nowrap; font-size: 12px;
           background: #b3261e; color: #fff; padding: 1px 6px; border-radius: 4px; }
    .box[data-kind=maybe] .tag { background: #c37d16; }
    .box[data-kind=unknown] .tag { background: #8a949e; }
    .box[data-kind=off] .tag { background: #1d7f42; }
  `;

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Every button that changes something acts only on a real user gesture: a page script cannot
  // reach this closed root, and synthetic events are refused as a second guard.
  function actionButton(attrs, label, disabled, onClick) {
    const btn = el('button', attrs, label);
    if (disabled) btn.disabled = true;
    btn.addEventListener('click', (ev) => {
      if (!ev.isTrusted) return;
      onClick();
    });
    return btn;
  }

  OptOutContent.createOverlay = function createOverlay() {
    const host = el('optout-overlay');
    const shadow = host.attachShadow({ mode: 'closed' });
    if ('adoptedStyleSheets' in shadow) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      shadow.append(el('style', {}, CSS));
    }
    const layer = el('div', { class: 'layer' });
    const boxes = el('div');
    layer.append(boxes);
    shadow.append(layer);
    /** @type {HTMLElement | null} */
    let banner = null;
    let dismissed = false;
    let highlights = [];
    const guard = OptOutContent.guardOverlayHost(host);
    const mount = () => guard.mount();

    function placeBoxes() {
      boxes.replaceChildren();
      for (const h of highlights) {
        if (!h.el.isConnected) continue;
        const r = h.el.getBoundingClientRect();
        if (!r.width && !r.height) continue;
        const box = el('div', { class: 'box', 'data-kind': h.kind, 'data-optout': 'highlight' });
        Object.assign(box.style, {
          left: `${r.left - 6}px`, top: `${r.top - 6}px`,
          width: `${r.width + 12}px`, height: `${r.height + 12}px`,
        });
        box.append(el('span', { class: 'tag' }, h.tag));
        boxes.append(box);
      }
    }
    let scheduled = false;
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => { scheduled = false; placeBoxes(); });
    };
    addEventListener('scroll', schedule, { passive: true, capture: true });
    addEventListener('resize', schedule, { passive: true });

    return {
      host,
      // A DOM change that is only our element being added, removed or touched.
      isOwnMutation(m) {
        if (m.target === host) return true;
        return m.type === 'childList' && [...m.addedNodes, ...m.removedNodes].every((n) => n === host) &&
          m.addedNodes.length + m.removedNodes.length > 0;
      },
      // Leaving the settings pages: take everything away.
      destroy() {
        removeEventListener('scroll', schedule, { capture: true });
        removeEventListener('resize', schedule);
        guard.unmount();
      },
      // list of {el, kind: share|maybe|unknown|off, tag}
      setHighlights(list) {
        highlights = list;
        // Nothing to show: leave the page's DOM alone.
        if (list.length) mount();
        placeBoxes();
      },
      // model: {state, tone, title, body, items: [string], code, button: {label, onClick, disabled},
      //         choices: [{text, label, disabled, attrs, onClick}]}
      showBanner(model) {
        if (dismissed) return;
        mount();
        const b = el('section', { class: 'banner', 'data-optout': 'banner', 'data-tone': model.tone || 'info', 'data-state': model.state || '', role: 'status' });
        const close = el('button', { class: 'close', 'data-optout': 'close', 'aria-label': OptOutContent.t('banner_close') }, '\u00d7');
        close.addEventListener('click', () => { dismissed = true; b.remove(); });
        b.append(close, el('p', { class: 'title', 'data-optout': 'banner-title' }, model.title));
        if (model.body) b.append(el('p', { class: 'body', 'data-optout': 'banner-body' }, model.body));
        if (model.items && model.items.length) {
          const ul = el('ul', { 'data-optout': 'banner-items' });
          for (const item of model.items) ul.append(el('li', {}, item));
          b.append(ul);
        }
        if (model.code) b.append(el('p', { class: 'body' }), el('code', { 'data-optout': 'banner-code' }, model.code));
        for (const c of model.choices || []) {
          const row = el('div', { class: 'choice', 'data-optout': 'choice' });
          row.append(el('span', { 'data-optout': 'choice-text' }, c.text),
            actionButton({ class: 'primary small', 'data-optout': 'confirm-maybe', ...c.attrs }, c.label, c.disabled, c.onClick));
          b.append(row);
        }
        if (model.button) {
          const row = el('p');
          row.append(actionButton({ class: 'primary', 'data-optout': 'opt-out-button' }, model.button.label, model.button.disabled, model.button.onClick));
          b.append(row);
        }
        if (banner) banner.replaceWith(b); else layer.append(b);
        banner = b;
      },
      hideBanner() {
        if (banner) banner.remove();
        banner = null;
      },
    };
  };
})();
