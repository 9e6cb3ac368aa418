// @ts-check
// Keeps OptOut's element on the page, in place and visible, whatever the page does to it.
// Page CSS for `optout-overlay` used to beat our `:host` rules (opacity .01, moved off screen):
// now every property that places or shows it is set `!important` both inline (which beats any
// page rule) and in our shadow CSS (which beats even the page's inline `!important`), and it
// sits in the top layer where the browser has one, above anything the page stacks. A page
// that removes or moves it, hides it or closes its popover gets it back at once: observers on
// its parent and on itself, not the next snapshot.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  // Fills the viewport and lets clicks through; the banner inside takes its own clicks.
  const HOST_STYLE = {
    display: 'block', position: 'fixed', top: '0px', right: '0px', bottom: '0px', left: '0px',
    width: 'auto', height: 'auto', 'min-width': '0px', 'min-height': '0px', 'max-width': 'none', 'max-height': 'none',
    margin: '0px', padding: '0px', border: 'none', background: 'transparent', overflow: 'visible',
    opacity: '1', visibility: 'visible', transform: 'none', translate: 'none', rotate: 'none', scale: 'none',
    filter: 'none', 'clip-path': 'none', mask: 'none', zoom: '1', contain: 'none', 'content-visibility': 'visible',
    transition: 'none', animation: 'none', 'pointer-events': 'none', 'z-index': '2147483647',
  };
  OptOutContent.HOST_CSS = `:host { all: initial !important; ${Object.entries(HOST_STYLE).map(([p, v]) => `${p}: ${v} !important;`).join(' ')} }`;

  // A page that fights back in a loop must not keep the main thread busy: after this many
  // repairs within a second, repair once a second.
  const MAX_REPAIRS_PER_SECOND = 20;

  OptOutContent.guardOverlayHost = function guardOverlayHost(host) {
    let wanted = false;
    let inTopLayer = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let retry;
    const repairs = [];

    // Written only when the page changed it, so our own write does not wake us again.
    /** @type {string | null} */
    let applied = null;
    function inlineStyle() {
      if (applied === null || host.getAttribute('style') !== applied) {
        host.removeAttribute('style');
        for (const [p, v] of Object.entries(HOST_STYLE)) host.style.setProperty(p, v, 'important');
        applied = host.getAttribute('style');
      }
      for (const a of ['hidden', 'inert']) if (host.hasAttribute(a)) host.removeAttribute(a);
    }

    function tooOften() {
      const now = performance.now();
      while (repairs.length && now - repairs[0] > 1000) repairs.shift();
      if (repairs.length < MAX_REPAIRS_PER_SECOND) {
        repairs.push(now);
        return false;
      }
      if (!retry) retry = setTimeout(() => { retry = undefined; repair(); }, 1000);
      return true;
    }

    function repair() {
      if (!wanted || tooOften()) return;
      const root = document.documentElement;
      if (host.parentNode !== root) root.append(host);
      watchParent();
      inlineStyle();
      inTopLayer = OptOutContent.platform.showInTopLayer(host);
    }

    // Our element is a child of <html>: watch <html> (removal, a move) and the document (a new <html>).
    // Our own writes wake the observers too: repair only what the page changed.
    const tampered = () => host.parentNode !== document.documentElement || host.getAttribute('style') !== applied ||
      host.hasAttribute('hidden') || host.hasAttribute('inert') || (inTopLayer && OptOutContent.platform.leftTopLayer(host));
    const parentObserver = new MutationObserver(() => {
      if (tampered()) repair();
    });
    /** @type {Element | null} */
    let watched = null;
    function watchParent() {
      const root = document.documentElement;
      if (watched === root) return;
      parentObserver.disconnect();
      watched = root;
      parentObserver.observe(document, { childList: true });
      parentObserver.observe(root, { childList: true });
      selfObserver.observe(host, { attributes: true });
    }
    const selfObserver = new MutationObserver(() => {
      if (tampered()) repair();
    });
    host.addEventListener('toggle', (ev) => {
      if (ev.newState === 'closed') repair();
    });

    return {
      mount() {
        wanted = true;
        if (host.parentNode !== document.documentElement || !host.isConnected) repair();
      },
      unmount() {
        wanted = false;
        parentObserver.disconnect();
        selfObserver.disconnect();
        watched = null;
        clearTimeout(retry);
        retry = undefined;
        host.remove();
      },
    };
  };
})();
