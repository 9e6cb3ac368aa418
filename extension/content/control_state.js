// @ts-check
// Reading and waiting for a control's on/off state. The page's own control is the only
// source of truth: we never assume a click worked, we read it back.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

// 'on' | 'off' for switches and checkboxes; native inputs first, aria-checked otherwise.
OptOutContent.readState = function readState(el) {
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
    return el.checked ? 'on' : 'off';
  }
  return el.getAttribute('aria-checked') === 'true' ? 'on' : 'off';
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
OptOutContent.sleep = sleep;

// Polls until read() returns `want` or the deadline passes; returns the last value read.
OptOutContent.waitForValue = async function waitForValue(read, want, timeoutMs, stepMs = 50) {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (value !== want && Date.now() < deadline) {
    await sleep(stepMs);
    value = read();
  }
  return value;
};
