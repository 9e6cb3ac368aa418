// @ts-check
// A switch OptOut is not sure about, confirmed by the member's own click ("This looks like X -
// turn it off?"): the same re-read, real click and verify-after-settle as the opt-out (never
// toward sharing), recorded as confirmed by the user, then taught to the host so the next
// re-check or "Opt out of everything" recognises this switch without asking.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  async function learn(verdict, control, snapshot, hostRequest) {
    if (!control || !control.label) return { learned: false, learn_error: 'the switch has no label to remember', learn_error_msg: 'learn_error_no_label' };
    const reply = await hostRequest({
      type: 'learn',
      learn: { setting: verdict.setting, label: control.label, lang: snapshot.page.lang, url_path: snapshot.page.url_path },
    });
    if (reply && reply.ok) return { learned: true, learn_added: reply.added === true };
    const said = reply && reply.error && reply.error.message;
    return said ? { learned: false, learn_error: said } : { learned: false, learn_error: 'no answer', learn_error_msg: 'no_answer' };
  }

  // verdict: a maybe (low confidence, sharing) the member confirmed; returns [result].
  OptOutContent.confirmMaybe = async function confirmMaybe(verdict, snapshot, hostRequest) {
    const control = snapshot.controls.find((c) => c.ref === verdict.ref);
    const result = await OptOutContent.flipOne(verdict, control);
    result.kind = control ? control.kind : undefined;
    result.confirmed_by_user = true;
    await OptOutContent.recordResult(result, verdict, control, snapshot, hostRequest, { confirmed_by_user: true });
    // The member said what this switch is; that holds even if the page refused the change.
    // The host learns switches and checkboxes only (a choice is recognised by its question).
    const found = result.before === 'on' || result.before === 'off';
    if (found && control && control.kind !== 'radio') Object.assign(result, await learn(verdict, control, snapshot, hostRequest));
    return [result];
  };
})();
