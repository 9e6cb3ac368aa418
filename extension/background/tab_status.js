// @ts-check
// The latest status each LinkedIn tab reported (after each classification), and waiters that
// want a tab's status once it shows what they expect.
export class TabStatus {
  constructor() {
    this.latest = new Map();
    this.waiters = new Set();
  }

  update(tabId, status) {
    this.latest.set(tabId, status);
    for (const w of this.waiters) {
      if (w.tabId !== tabId) continue;
      if (w.ready(status)) w.finish(status);
      else w.quiet();
    }
  }

  forget(tabId) {
    this.latest.delete(tabId);
  }

  // Resolves with the first status for tabId satisfying ready(); or with the latest once the
  // tab has reported and then stayed quiet for quietMs (the page settled without what we
  // expected); or with the latest (maybe null) after timeoutMs. A page without the expected
  // settings must not stall a tour.
  waitFor(tabId, ready, timeoutMs, quietMs = 3000) {
    return new Promise((resolve) => {
      const current = this.latest.get(tabId);
      if (current && ready(current)) return resolve(current);
      const w = {
        tabId, ready,
        finish: (status) => {
          clearTimeout(w.timer);
          clearTimeout(w.quietTimer);
          this.waiters.delete(w);
          resolve(status);
        },
        quiet: () => {
          clearTimeout(w.quietTimer);
          w.quietTimer = setTimeout(() => w.finish(this.latest.get(tabId)), quietMs);
        },
      };
      w.timer = setTimeout(() => w.finish(this.latest.get(tabId) || null), timeoutMs);
      this.waiters.add(w);
    });
  }
}
