// @ts-check
// When to snapshot a settings page. The first snapshot is taken as soon as a switch appears
// (the banner should follow the switch within a frame, not a quiet period); after that,
// LinkedIn re-renders in bursts, so re-snapshots wait until the DOM has been quiet for a
// moment. The DOM is observed only while the tab is on a settings page: elsewhere on LinkedIn
// (the feed, messages) OptOut costs nothing per DOM change.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const RESCAN_DEBOUNCE_MS = 250;
  const OBSERVE = {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ['aria-checked', 'checked', 'aria-labelledby', 'id', 'lang'],
  };

  // scan: () => void, takes a snapshot; isOwn(mutation): a change of OptOut's own UI, ignored.
  OptOutContent.createScanSchedule = function createScanSchedule(scan, isOwn, debounceMs = RESCAN_DEBOUNCE_MS) {
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    /** @type {MutationObserver | null} */
    let observer = null;
    let waitingForFirstSwitch = false;

    const hasSwitch = () => document.querySelector(OptOutContent.CONTROL_SELECTOR) !== null;

    function later() {
      clearTimeout(timer);
      timer = setTimeout(scan, debounceMs);
    }

    function now() {
      clearTimeout(timer);
      timer = undefined;
      scan();
    }

    function onMutations(mutations) {
      if (mutations.every(isOwn)) return;
      if (waitingForFirstSwitch && hasSwitch()) {
        waitingForFirstSwitch = false;
        now();
      } else {
        later();
      }
    }

    return {
      running: () => observer !== null,
      // Entering the settings pages: on a new document, or by an in-app navigation.
      start(byNavigation = false) {
        if (!observer) {
          const watching = new MutationObserver(onMutations);
          watching.observe(document.documentElement, OBSERVE);
          observer = watching;
          // A checkbox's .checked changes without any DOM mutation.
          document.addEventListener('change', later, true);
        }
        this.look(byNavigation);
      },
      // A new document shows its own switches: snapshot them at once. After an in-app
      // navigation the switches still in the DOM may be the previous page's, which the app is
      // about to replace: wait for quiet then. No switch yet: snapshot the first one to appear,
      // and take one look after a quiet moment anyway (a 404 or a sign-in wall has none).
      look(byNavigation = true) {
        waitingForFirstSwitch = !hasSwitch();
        if (!waitingForFirstSwitch && !byNavigation) now(); else later();
      },
      stop() {
        if (observer) observer.disconnect();
        observer = null;
        document.removeEventListener('change', later, true);
        clearTimeout(timer);
        timer = undefined;
        waitingForFirstSwitch = false;
      },
      later,
      now,
    };
  };
})();
