// platform.js, the one place where browsers differ: in-app navigation is noticed through the
// Navigation API where the browser has it (no timer then), and through popstate plus a rare
// look at location.pathname where it does not (Firefox before the API).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContentScripts } from './content_loader.mjs';

const C = await loadContentScripts('platform.js');

function fakeWindow({ withNavigationApi }) {
  const listeners = { popstate: [], currententrychange: [] };
  const timers = [];
  const win = {
    location: { pathname: '/feed/' },
    addEventListener: (type, f) => listeners[type].push(f),
    removeEventListener: (type, f) => listeners[type].splice(listeners[type].indexOf(f), 1),
    setInterval: (f, ms) => { timers.push({ f, ms }); return timers.length; },
    clearInterval: (id) => { timers[id - 1] = null; },
    navigation: withNavigationApi ? {
      addEventListener: (type, f) => listeners[type].push(f),
      removeEventListener: (type, f) => listeners[type].splice(listeners[type].indexOf(f), 1),
    } : undefined,
  };
  const saved = {};
  for (const k of Object.keys(win)) { saved[k] = globalThis[k]; globalThis[k] = win[k]; }
  return { win, listeners, timers, restore: () => { for (const k of Object.keys(saved)) globalThis[k] = saved[k]; } };
}

test('with the Navigation API: a pushState (currententrychange) and back (popstate) are seen, no timer runs', () => {
  const f = fakeWindow({ withNavigationApi: true });
  try {
    const seen = [];
    const stop = C.platform.watchPath((p) => seen.push(p));
    assert.equal(f.timers.length, 0, 'no polling where the browser tells us');
    f.win.location.pathname = '/mypreferences/d/settings/data-for-ai-improvement';
    f.listeners.currententrychange.forEach((l) => l());
    f.listeners.currententrychange.forEach((l) => l()); // same path again: not a change
    f.win.location.pathname = '/feed/';
    f.listeners.popstate.forEach((l) => l());
    assert.deepEqual(seen, ['/mypreferences/d/settings/data-for-ai-improvement', '/feed/']);
    stop();
    assert.equal(f.listeners.currententrychange.length + f.listeners.popstate.length, 0);
  } finally {
    f.restore();
  }
});

test('without it: a low-frequency look at the path (and popstate) catches the page\'s own pushState', () => {
  const f = fakeWindow({ withNavigationApi: false });
  try {
    const seen = [];
    const stop = C.platform.watchPath((p) => seen.push(p));
    assert.equal(f.timers.length, 1);
    assert.ok(f.timers[0].ms >= 500, `a rare look, every ${f.timers[0].ms} ms`);
    f.timers[0].f();
    assert.deepEqual(seen, [], 'nothing moved');
    f.win.location.pathname = '/psettings/data-sharing';
    f.timers[0].f();
    assert.deepEqual(seen, ['/psettings/data-sharing']);
    stop();
    assert.equal(f.timers[0], null, 'the timer stops');
  } finally {
    f.restore();
  }
});
