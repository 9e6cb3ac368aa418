// @ts-check
// Turns off the switches the host marked `flip`, through the page's own control (a real
// click), then reads each one back. A switch only counts as off when we saw it off after a
// settle delay: pages that revert a change are reported as failed, never as success.
// A result keeps the verdict's English title and its `local` texts (the banner shows those);
// the record sent to the host names the setting by id.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const CHANGE_TIMEOUT_MS = 3000;
  const SETTLE_MS = 700;

  // A failure's reason: in English for the record and the host (`reason`), and as a message
  // with its values for the banner, which says it in the page's language (reasonText).
  /** @param {string} key '' when there is no message for it @param {string} english @param {...(string | number)} subs */
  const because = (key, english, ...subs) => (key ? { reason: english, reason_msg: { key, subs } } : { reason: english });
  OptOutContent.failureReason = because;

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

  // Clicks `el` and waits until it reads `target`, then re-reads after a settle delay.
  async function clickAndVerify(el, verdict, control, target) {
    el.click();
    await OptOutContent.waitForValue(() => currentState(verdict.ref, control), target, CHANGE_TIMEOUT_MS);
    await OptOutContent.sleep(SETTLE_MS);
    return currentState(verdict.ref, control);
  }

  /** @type {(verdict: Verdict, control: Control | undefined) => Promise<Result>} */
  async function flipOne(verdict, control) {
    /** @type {Omit<Result, 'outcome'>} */
    const result = { ref: verdict.ref, setting: verdict.setting, title: verdict.title, local: verdict.local || null, before: null, after: null };
    const el = OptOutContent.elementForRef(verdict.ref);
    if (!el) return { ...result, outcome: 'failed', ...because('reason_gone', 'the switch is no longer on the page') };
    const before = OptOutContent.readState(el);
    result.before = before;
    // Re-check at the moment of acting: never click toward sharing.
    if (before !== verdict.shares_when) return { ...result, after: before, outcome: 'already_off', verified: true };
    if (el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true') {
      return { ...result, after: before, outcome: 'failed', ...because('reason_disabled', 'LinkedIn shows the switch as disabled') };
    }
    const target = verdict.shares_when === 'on' ? 'off' : 'on';
    const after = await clickAndVerify(el, verdict, control, target);
    result.after = after;
    if (after === target) return { ...result, outcome: 'changed', verified: true };
    return {
      ...result,
      outcome: 'failed',
      verified: false,
      ...(after === 'missing' ? because('reason_disappeared', 'the switch disappeared after the click')
        : because(after === 'on' ? 'reason_still_on' : after === 'off' ? 'reason_still_off' : '', `the switch is still ${after} after clicking`)),
    };
  }

  // Undo puts a setting back the way it was before OptOut changed it. This is the only path
  // that may click toward sharing, and only for a setting the user's own undo names.
  /** @type {(verdict: Verdict, control: Control | undefined, want: OnOff) => Promise<Result>} */
  async function restoreOne(verdict, control, want) {
    /** @type {Omit<Result, 'outcome'>} */
    const result = { ref: verdict.ref, setting: verdict.setting, title: verdict.title, local: verdict.local || null };
    const el = OptOutContent.elementForRef(verdict.ref);
    if (!el) return { ...result, outcome: 'failed', ...because('reason_gone', 'the switch is no longer on the page') };
    result.before = OptOutContent.readState(el);
    if (result.before === want) return { ...result, after: want, outcome: 'restored', verified: true };
    const after = await clickAndVerify(el, verdict, control, want);
    return after === want
      ? { ...result, after, outcome: 'restored', verified: true }
      : { ...result, after, outcome: 'failed', verified: false, ...because(after === 'on' ? 'reason_is_on' : after === 'off' ? 'reason_is_off' : '', `the switch is ${after} after clicking`) };
  }

  // extra: more record fields, e.g. {confirmed_by_user: true} when the member confirmed a maybe.
  async function record(result, verdict, control, snapshot, hostRequest, extra = {}) {
    const known = (s) => (s === 'on' || s === 'off' ? s : null);
    const reply = await hostRequest({
      type: 'record',
      change: {
        setting: verdict.setting,
        url_path: snapshot.page.url_path,
        before: known(result.before) || verdict.state,
        after: known(result.after) || known(result.before) || verdict.state,
        verified: result.verified === true,
        outcome: result.outcome,
        label: control ? control.label : '',
        browser_time: new Date().toISOString(),
        ...extra,
      },
    });
    result.recorded_at = reply && reply.ok ? reply.recorded_at : null;
    result.record_error = reply && !reply.ok ? reply.error.message : null;
    return result;
  }

  OptOutContent.flipOne = flipOne;
  OptOutContent.recordResult = record;

  // verdicts: host verdicts after policy; snapshot: the request they answer; only: optional
  // list of setting ids to limit the run to; hostRequest: sends to the host.
  OptOutContent.optOut = async function optOut(verdicts, snapshot, hostRequest, only) {
    const byRef = new Map(snapshot.controls.map((c) => [c.ref, c]));
    const results = [];
    for (const verdict of verdicts) {
      if (verdict.action !== 'flip' || !verdict.setting || (only && !only.includes(verdict.setting))) continue;
      const control = byRef.get(verdict.ref);
      const result = await flipOne(verdict, control);
      result.kind = control ? control.kind : undefined;
      results.push(await record(result, verdict, control, snapshot, hostRequest));
    }
    return results;
  };

  // wanted: [{setting, state}]; only high-confidence verdicts are touched, and never a setting
  // that two controls on the page claim (putting back the wrong one would share data).
  OptOutContent.restore = async function restore(verdicts, snapshot, hostRequest, wanted) {
    const byRef = new Map(snapshot.controls.map((c) => [c.ref, c]));
    const perSetting = OptOutContent.controlsPerSetting(verdicts, byRef);
    const results = [];
    for (const { setting, state } of wanted) {
      const claimed = perSetting.get(setting) || 0;
      if (claimed > 1) {
        const { title, local } = verdicts.find((v) => v.setting === setting) || {};
        results.push({ setting, title, local: local || null, outcome: 'failed', ...because('reason_two_controls_restore', `${OptOutContent.twoControlsReason(claimed)}: put it back yourself`, claimed) });
        continue;
      }
      const verdict = verdicts.find((v) => v.setting === setting && v.confidence === 'high');
      const control = verdict && byRef.get(verdict.ref);
      if (!verdict || (state !== 'on' && state !== 'off')) {
        results.push({ setting, outcome: 'failed', ...because('reason_not_confident', 'OptOut could not find this switch with confidence') });
        continue;
      }
      if (control && control.kind === 'radio') {
        // Unselecting "Nobody" has no single right answer: the member picks the option again.
        results.push({ setting, title: verdict.title, local: verdict.local || null, outcome: 'failed', ...because('reason_choice_restore', 'a choice, not a switch: pick your previous option yourself') });
        continue;
      }
      results.push(await record(await restoreOne(verdict, control, state), verdict, control, snapshot, hostRequest));
    }
    return results;
  };
})();
