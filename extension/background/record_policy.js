// @ts-check
// The record is the member's proof of what LinkedIn had set and what OptOut changed, so a
// LinkedIn tab may only record what matches what the host told THAT tab: a change to a setting
// the host's latest answer for the tab said to flip (or a maybe the member confirmed), from the
// state the host saw; "seen" for a setting in that answer; "restored" only while our own undo
// tour is putting that setting back in that tab. The same holds for `learn`. Pure: the service
// worker keeps the tab's state (TabView) and asks here before relaying.

export const NOT_ALLOWED = 'not_allowed';
export const OBJECTION_FORM_PATH = '/help/linkedin/ask/TS-DPRO';

// What the worker knows about one LinkedIn tab.
export class TabView {
  constructor(url = '') {
    this.url = url; // the page the tab's content script connected from
    this.classify = null; // {request, reply}: the latest classify the host answered for this tab
    this.restoring = null; // Map setting -> state, while our undo tour restores in this tab
  }

  classified(request, reply) {
    if (reply && reply.ok && Array.isArray(reply.verdicts)) this.classify = { request, reply };
  }
}

const privateState = (v) => (v.shares_when === 'on' ? 'off' : 'on');

function kindOf(classify, ref) {
  const control = (classify.request.controls || []).find((c) => c.ref === ref);
  return control ? control.kind : undefined;
}

function labelOf(classify, ref) {
  const control = (classify.request.controls || []).find((c) => c.ref === ref);
  return control ? control.label : undefined;
}

// A maybe the member may confirm (as the content script offers it): sharing, not sure, and a
// switch or checkbox, or the most private option of a choice.
function confirmable(v, classify) {
  return Boolean(v.setting) && v.shares_when !== 'never' && v.shares_data === true && v.confidence !== 'high' &&
    (kindOf(classify, v.ref) !== 'radio' || v.shares_when === 'off');
}

function pathOf(url) {
  try {
    return new URL(url).pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
}

// -> null when `change` may go to the host, else why not (for the error message).
export function refuseRecord(change, tab) {
  if (!change || typeof change !== 'object') return 'a record needs a change';
  if (change.outcome === 'objection_form_opened') {
    return change.setting === 'data_processing_objection' && pathOf(tab.url) === OBJECTION_FORM_PATH
      ? null : 'only the objection form page may note that it was opened';
  }
  const restoring = tab.restoring && tab.restoring.has(change.setting);
  if (change.outcome === 'restored' && !restoring) return 'OptOut is not putting this setting back in this tab';
  const c = tab.classify;
  if (!c) return 'the helper has not classified this page yet';
  if (change.url_path !== c.request.page.url_path) return 'the record is for another page than the one the helper classified';
  let ofSetting = c.reply.verdicts.filter((v) => v.setting !== null && v.setting === change.setting);
  if (!ofSetting.length) return 'the helper did not find this setting on this page';
  // A label names the control the record is about (the content script sends the one it clicked).
  if (typeof change.label === 'string' && change.label !== '') {
    ofSetting = ofSetting.filter((v) => labelOf(c, v.ref) === change.label);
    if (!ofSetting.length) return 'the label is not the one of this setting\'s switch';
  }
  const sawState = (state) => ofSetting.some((v) => v.state === state);

  if (change.outcome === 'seen') {
    return sawState(change.before) && change.after === change.before ? null : 'the state is not the one the helper saw';
  }
  if (restoring && (change.outcome === 'restored' || change.outcome === 'failed')) {
    if (!sawState(change.before)) return 'the state before is not the one the helper saw';
    return change.outcome === 'failed' || change.after === tab.restoring.get(change.setting)
      ? null : 'undo may only put back the state from before the last run';
  }
  if (!['changed', 'failed', 'already_off'].includes(change.outcome)) return `a tab may not record "${change.outcome}"`;
  const asked = ofSetting.filter((v) => v.action === 'flip' || (change.confirmed_by_user === true && confirmable(v, c)));
  if (!asked.length) return 'the helper did not ask to change this setting on this page';
  if (change.outcome === 'already_off') {
    // The page changed between the helper's look and the click: it already showed the private state.
    return asked.some((v) => change.before === privateState(v) && change.after === change.before)
      ? null : 'already off must say the private state';
  }
  const from = asked.filter((v) => v.state === change.before);
  if (!from.length) return 'the state before is not the one the helper saw';
  if (change.outcome === 'changed' && !from.some((v) => change.after === privateState(v))) {
    return 'a change may only go toward privacy';
  }
  return null;
}

// learn: only a maybe of the latest answer, with its own label, on its own page.
export function refuseLearn(learn, tab) {
  const c = tab.classify;
  if (!learn || typeof learn !== 'object') return 'learn needs a switch';
  if (!c) return 'the helper has not classified this page yet';
  if (learn.url_path !== c.request.page.url_path) return 'learn is for another page than the one the helper classified';
  const ok = c.reply.verdicts.some((v) => v.setting === learn.setting && confirmable(v, c) && labelOf(c, v.ref) === learn.label);
  return ok ? null : 'the helper did not offer this switch as a maybe on this page';
}

// -> null, or an error reply for the tab.
export function refuseFromTab(request, tab) {
  const why = request.type === 'record' ? refuseRecord(request.change, tab)
    : request.type === 'learn' ? refuseLearn(request.learn, tab) : null;
  return why === null ? null : { ok: false, error: { code: 0, name: NOT_ALLOWED, message: `OptOut refused to ${request.type} this: ${why}.` } };
}
