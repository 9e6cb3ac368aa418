// @ts-check
// Wording for the popup, kept apart so it can be unit-tested without a browser. Every text is a
// message (shared/i18n.js); a count picks its _one or _other message, and a language whose
// plurals have more forms words both without a plural.
import { t } from '../shared/i18n.js';

/** @param {number} n @param {string} key key_one when n is 1, else key_other */
const counted = (n, key) => `${key}_${n === 1 ? 'one' : 'other'}`;

export function describeState(s) {
  const state = t(s.state === 'on' ? 'state_on' : 'state_off');
  // Two switches look like this setting: the row shows the one that matters most.
  if (s.controls > 1) return t(s.shares_data ? 'describe_two_controls_sharing' : 'describe_two_controls', state, s.controls);
  if (s.action === 'flip') return t('describe_shares', state);
  if (s.shares_data && s.skip_reason) return t(s.confidence === 'high' ? 'describe_skipped_sure' : 'describe_skipped_maybe', state);
  if (s.action === 'highlight') return t('describe_unsure', state);
  return s.shares_data ? t('describe_shares', state) : state;
}

// Never "all off" while something here shares data, might, or could not be told apart.
export function summaryText(status) {
  if (!status) return t('summary_open_page');
  if (status.hostError) return status.hostError.message;
  if (status.page_state === 'signed_out') return t('summary_signed_out');
  if (status.page_state === 'not_found') return t('summary_not_found');
  const n = status.settings.length;
  const sure = status.sharing || 0;
  const maybe = status.maybe || 0;
  const unknownOn = status.unknown_on || 0;
  const unknownText = unknownOn ? t(counted(unknownOn, 'summary_unknown_on'), unknownOn) : '';
  if (n === 0) {
    if (unknownOn) return unknownText;
    return status.unknown ? t('summary_unknown', status.unknown) : t('summary_none');
  }
  if (sure === 0 && maybe === 0) {
    if (!unknownOn) return t(counted(n, 'summary_all_off'), n);
    return `${t(counted(n, 'summary_recognised_off'), n)} ${unknownText}`;
  }
  const parts = [];
  if (sure) parts.push(t(counted(n, 'summary_sharing'), sure, n));
  if (maybe) {
    const might = sure ? t(counted(maybe, 'summary_maybe'), maybe) : t(counted(n, 'summary_maybe_of'), maybe, n);
    parts.push(`${might} ${t(counted(maybe, 'summary_confirm'))}`);
  }
  if (unknownOn) parts.push(unknownText);
  return parts.join(' ');
}

export function resultText(r) {
  if (r.outcome === 'changed') return r.recorded_at ? t('result_changed_at', r.title, r.recorded_at) : t('result_changed', r.title);
  if (r.outcome === 'already_off') return t('result_already_off', r.title);
  return t('result_failed', r.title, r.reason);
}

/** @param {string} category one of prefs.js's DATA_USE_CATEGORIES */
export function categoryName(category) {
  return t(`category_${category}`) || category;
}

const OUTCOMES = ['changed', 'already_off', 'failed', 'not_found', 'would_change', 'needs_review', 'restored', 'signed_out'];

// One line of a tour report.
export function tourLine(r) {
  const what = r.kind === 'radio' && r.outcome === 'changed' ? t('outcome_changed_choice')
    : OUTCOMES.includes(r.outcome) ? t(`outcome_${r.outcome}`) : String(r.outcome);
  return r.reason ? t('tour_line_reason', r.title, what, r.reason) : t('tour_line', r.title, what);
}

const VERBS = { preview: 'tour_verb_preview', optout: 'tour_verb_optout', undo: 'tour_verb_undo', recheck: 'tour_verb_recheck' };

export function tourProgress(tour) {
  if (!tour) return '';
  const verb = Object.hasOwn(VERBS, tour.mode) ? t(VERBS[tour.mode]) : String(tour.mode);
  if (tour.stopped === 'signed_out') return t('tour_stopped_signed_out', verb);
  if (tour.finished_at) return t(counted(tour.pages.length, 'tour_finished'), verb, tour.pages.length);
  return t('tour_page_of', verb, Math.min(tour.index + 1, tour.pages.length), tour.pages.length);
}

// A rule pack: name, version and where it comes from (built into the helper, or a file in
// the helper's data directory, which replaces a built-in pack of the same name).
export function packLine(p) {
  const origin = p.origin === 'data-dir' ? (p.path ? t('pack_from', p.path) : t('pack_from_data_dir'))
    : p.origin === 'built-in' ? t('pack_built_in') : t('pack_origin_unknown');
  return t('pack_line', p.name, p.version, origin);
}
