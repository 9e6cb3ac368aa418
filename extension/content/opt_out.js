// Turns off the switches the host marked `flip`, through the page's own control (a real
// click), then reads each one back. A switch only counts as off when we saw it off after a
// settle delay: pages that revert a change are reported as failed, never as success.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const CHANGE_TIMEOUT_MS = 3000;
  const SETTLE_MS = 700;

  // React may replace the node after a click: find the control again by what identifies it.
  function refind(original) {
    const snap = OptOutContent.buildSnapshot();
    const same = snap.controls.find(
      (c) => c.label === original.label && JSON.stringify(c.attrs) === JSON.stringify(original.attrs),
    );
    return same ? OptOutContent.elementForRef(same.ref) : null;
  }

  function currentState(ref, original) {
    const el = OptOutContent.elementForRef(ref) || refind(original);
    return el ? OptOutContent.readState(el) : 'missing';
  }

  async function flipOne(verdict, control) {
    const result = { ref: verdict.ref, setting: verdict.setting, title: verdict.title, before: null, after: null };
    const el = OptOutContent.elementForRef(verdict.ref);
    if (!el) return { ...result, outcome: 'failed', reason: 'the switch is no longer on the page' };
    const before = OptOutContent.readState(el);
    result.before = before;
    // Re-check at the moment of acting: never click toward sharing.
    if (before !== verdict.shares_when) return { ...result, after: before, outcome: 'already_off', verified: true };
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') {
      return { ...result, after: before, outcome: 'failed', reason: 'LinkedIn shows the switch as disabled' };
    }
    const target = verdict.shares_when === 'on' ? 'off' : 'on';
    el.click();
    await OptOutContent.waitForValue(() => currentState(verdict.ref, control), target, CHANGE_TIMEOUT_MS);
    await OptOutContent.sleep(SETTLE_MS);
    const after = currentState(verdict.ref, control);
    result.after = after;
    if (after === target) return { ...result, outcome: 'changed', verified: true };
    return {
      ...result,
      outcome: 'failed',
      verified: false,
      reason: after === 'missing' ? 'the switch disappeared after the click' : `the switch is still ${after} after clicking`,
    };
  }

  // verdicts: host verdicts; snapshot: the request they answer; hostRequest: sends to the host.
  OptOutContent.optOut = async function optOut(verdicts, snapshot, hostRequest) {
    const byRef = new Map(snapshot.controls.map((c) => [c.ref, c]));
    const results = [];
    for (const verdict of verdicts) {
      if (verdict.action !== 'flip') continue;
      const control = byRef.get(verdict.ref);
      const result = await flipOne(verdict, control);
      const reply = await hostRequest({
        type: 'record',
        change: {
          setting: verdict.setting,
          url_path: snapshot.page.url_path,
          before: result.before || 'on',
          after: result.after === 'on' || result.after === 'off' ? result.after : result.before || 'on',
          verified: result.verified === true,
          outcome: result.outcome,
          label: control ? control.label : '',
          browser_time: new Date().toISOString(),
        },
      });
      result.recorded_at = reply && reply.ok ? reply.recorded_at : null;
      result.record_error = reply && !reply.ok ? reply.error.message : null;
      results.push(result);
    }
    return results;
  };
})();
