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
      if (w.tabId === tabId && w.ready(status)) w.finish(status);
    }
  }

  forget(tabId) {
    this.latest.delete(tabId);
  }

  // Resolves with the first status for tabId satisfying ready(), or with the latest (maybe
  // null) when timeoutMs passes: a page without the expected settings must not stall a tour.
  waitFor(tabId, ready, timeoutMs) {
    return new Promise((resolve) => {
      const current = this.latest.get(tabId);
      if (current && ready(current)) return resolve(current);
      const w = {
        tabId, ready,
        finish: (status) => { clearTimeout(w.timer); this.waiters.delete(w); resolve(status); },
      };
      w.timer = setTimeout(() => w.finish(this.latest.get(tabId) || null), timeoutMs);
      this.waiters.add(w);
    });
  }
}
