// @ts-check
// The one place where browsers differ for the content script (Chromium, Firefox). Everything
// else calls these and never checks which browser it runs in.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  // Without the Navigation API, how often to look whether the page moved to another path.
  const PATH_POLL_MS = 1000;

  OptOutContent.platform = {
    // The top layer (a manual popover) is above anything the page can stack, whatever its
    // z-index; Chromium and Firefox 125+ have it. Returns whether `el` is there now.
    showInTopLayer(el) {
      if (typeof el.showPopover !== 'function') return false;
      if (el.getAttribute('popover') !== 'manual') el.setAttribute('popover', 'manual');
      try {
        if (!el.matches(':popover-open')) el.showPopover();
        return true;
      } catch {
        return false; // not connected, or the page made it something that cannot be a popover
      }
    },

    // `el`, which showInTopLayer put there, is not in the top layer any more (the page closed
    // its popover or took the attribute away).
    leftTopLayer(el) {
      return el.getAttribute('popover') !== 'manual' || !el.matches(':popover-open');
    },

    // Calls onChange(pathname) when the page moves to another path without loading a new
    // document (LinkedIn is a single-page app). The page's history.pushState runs in its own
    // world, where we cannot hook it; the Navigation API's currententrychange reaches every
    // world, popstate covers back/forward, and where neither tells us a rare timer looks.
    // Cheap on every page: no DOM observer. Returns a function that stops watching.
    watchPath(onChange) {
      let last = location.pathname;
      const check = () => {
        if (location.pathname === last) return;
        last = location.pathname;
        onChange(last);
      };
      const nav = globalThis.navigation;
      const hasNavigationApi = Boolean(nav && typeof nav.addEventListener === 'function');
      if (hasNavigationApi) nav.addEventListener('currententrychange', check);
      addEventListener('popstate', check);
      const timer = hasNavigationApi ? null : setInterval(check, PATH_POLL_MS);
      return () => {
        if (hasNavigationApi) nav.removeEventListener('currententrychange', check);
        removeEventListener('popstate', check);
        if (timer !== null) clearInterval(timer);
      };
    },
  };
})();
