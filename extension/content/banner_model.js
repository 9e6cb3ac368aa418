// @ts-check
// What the banner says, per page state. The rule it exists for: never "off" or "nothing to do"
// while a switch on the page shares data, or might, or could not be told apart. Each state has
// its own wording (state names are on the banner as data-state, for tests and styles). Every
// word is a message (_locales), looked up through OptOutContent.t, so the banner speaks the
// page's language (host_link.js). Pure: main.js wires the buttons.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const t = (/** @type {string} */ key, /** @type {Array<string | number | null | undefined>} */ ...subs) => OptOutContent.t(key, ...subs);
  // key_one for 1, key_other for any other count (the count is $1 where the wording has it).
  const PLURAL = ['_other', '_one'];
  const counted = (/** @type {number} */ n, /** @type {string} */ key, /** @type {Array<string | number>} */ ...more) => t(key + PLURAL[Number(n === 1)], n, ...more);
  // A setting's title and explanation in the page's language when the pack has them (page_summary.js).
  const title = (/** @type {{title?: string | null, local?: LocalText | null}} */ x) => OptOutContent.titleOf(x);
  const explain = (/** @type {{explain?: string | null, local?: LocalText | null}} */ x) => OptOutContent.explainOf(x);

  // The language the banner speaks: its dates in the page's own locale when that is the same
  // language (de-AT), else in the language of the text.
  function timeLocale() {
    const text = t('ui_lang') || 'en';
    const page = OptOutContent.pageLanguage ? OptOutContent.pageLanguage() : '';
    const tag = page && page.split(/[-_]/)[0].toLowerCase() === text.split('-')[0].toLowerCase() ? page.replace(/_/g, '-') : text;
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([tag]).length ? tag : text;
    } catch {
      return text;
    }
  }

  function formatTime(iso) {
    const d = new Date(iso);
    if (isNaN(d.getTime())) return iso;
    try {
      return d.toLocaleString(timeLocale(), { dateStyle: 'medium', timeStyle: 'medium' });
    } catch {
      return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    }
  }

  // A reason a content script gave in English (for the record) -> in the page's language when
  // it came with a message key (reason_msg: {key, subs}).
  /** @param {{reason?: string, reason_msg?: {key: string, subs?: Array<string | number>}}} r */
  OptOutContent.reasonText = function reasonText(r) {
    const m = r.reason_msg;
    const said = m && typeof m.key === 'string' ? t(m.key, ...(Array.isArray(m.subs) ? m.subs : [])) : '';
    return said || r.reason || '';
  };

  function learnNote(r) {
    if (!r.confirmed_by_user) return '';
    if (r.learned) return t('banner_note_learned');
    if (r.learn_error) return t('banner_note_learn_failed', r.learn_error_msg ? t(r.learn_error_msg) || r.learn_error : r.learn_error);
    return t('banner_note_confirmed');
  }

  OptOutContent.resultLine = function resultLine(r) {
    const at = formatTime(r.recorded_at || new Date().toISOString());
    const note = learnNote(r);
    if (r.outcome === 'changed' && r.kind === 'radio') return t('banner_result_choice', title(r), at) + note;
    if (r.outcome === 'changed') return t('banner_result_changed', title(r), at) + note;
    if (r.outcome === 'already_off') return t('banner_result_already_off', title(r)) + note;
    return t('banner_result_failed', title(r), OptOutContent.reasonText(r)) + note;
  };

  // hostError.install_command: set by the background for a missing helper. Older errors without
  // it (none expected) fall back to the Chromium command, which was the only one before.
  /** @param {HostError} hostError */
  function installCommandOf(hostError) {
    const named = /** @type {{install_command?: unknown}} */ (hostError).install_command;
    return typeof named === 'string' && /^optout-host install --browser [a-z]+$/.test(named) ? named : 'optout-host install --browser chromium';
  }

  const question = (v) => t('confirm_question', title(v));

  // A skipped setting's line: the category reason (policy.js) in words; another reason as given.
  const skippedLine = (v) => (v.skip_reason === OptOutContent.SKIPPED_CATEGORY
    ? t('banner_skipped_category', title(v)) : t('banner_skipped_item', title(v), v.skip_reason));

  // input: {verdicts, controlOf: Map ref -> snapshot control, results, busy, hostError}
  // -> null (nothing to show) or {state, tone, title, body, items, optOut: {label, disabled}, choices}
  OptOutContent.bannerModel = function bannerModel({ verdicts, controlOf, results, busy, hostError }) {
    if (hostError) {
      const missing = hostError.name === 'host_unavailable';
      return {
        state: 'error', tone: 'error',
        title: missing ? t('banner_helper_missing_title') : t('banner_check_failed_title'),
        body: missing ? t('banner_helper_missing_body') : hostError.message,
        // The background names the command for this browser (browser_platform.js).
        code: missing ? installCommandOf(hostError) : undefined,
        items: [], choices: [],
      };
    }
    const p = OptOutContent.summarizePage(verdicts, controlOf);
    const done = results || [];
    const failed = done.filter((r) => r.outcome === 'failed');
    const items = done.map(OptOutContent.resultLine);
    for (const v of p.checkYourself) items.push(t('banner_not_sure_item', title(v)));
    for (const v of p.skipped) items.push(skippedLine(v));
    if (p.unknown.length) {
      const on = p.unknownOn.length;
      items.push(on ? counted(p.unknown.length, 'banner_unknown_on_item', on) : counted(p.unknown.length, 'banner_unknown_item'));
    }
    // Two controls for one setting look the same in a question: name the control too.
    const titles = p.confirmable.map(title);
    const choices = p.confirmable.map((v) => ({
      ref: v.ref, setting: v.setting, disabled: Boolean(busy), label: t('turn_it_off'),
      text: titles.filter((x) => x === title(v)).length > 1 ? t('banner_question_labelled', question(v), (controlOf.get(v.ref) || {}).label || '') : question(v),
    }));
    const optOut = (label) => (p.flips.length ? { label: busy ? t('opting_out') : label, disabled: Boolean(busy) } : null);
    const base = { items, choices, optOut: null };

    if (failed.length) {
      return {
        ...base, state: 'failed', tone: 'error', optOut: optOut(t('banner_try_again')),
        title: counted(failed.length, 'banner_failed_title'),
        body: t('banner_failed_body'),
      };
    }
    if (p.flips.length) {
      const one = p.flips[0];
      return {
        ...base, state: 'share', tone: 'warn', optOut: optOut(t('opt_out')),
        title: p.flips.length > 1 ? t('banner_share_title_many', p.flips.length)
          : (controlOf.get(one.ref) || {}).kind === 'radio' ? t('banner_share_title_choice', title(one)) : t('banner_share_title_on', title(one)),
        body: p.flips.length === 1 ? explain(one) : p.flips.map(title).join('\n'),
      };
    }
    if (choices.length) {
      const one = choices.length === 1;
      return {
        ...base, state: 'maybe', tone: 'warn',
        title: one ? question(p.confirmable[0]) : t('banner_maybe_title_many', choices.length),
        body: t(one ? 'banner_maybe_body_one' : 'banner_maybe_body_other', t('turn_it_off')),
        choices: one ? [{ ...choices[0], text: explain(p.confirmable[0]) }] : choices,
      };
    }
    if (p.checkYourself.length) {
      return { ...base, state: 'maybe', tone: 'warn', title: counted(p.checkYourself.length, 'banner_check_title'), body: t('banner_check_body') };
    }
    const skipped = new Set(p.skipped.map((v) => v.setting)).size;
    if (skipped) {
      return { ...base, state: 'skipped', tone: 'warn', title: counted(skipped, 'banner_skipped_title'), body: t('banner_skipped_body') };
    }
    if (p.unknownOn.length) {
      const n = p.unknownOn.length;
      return {
        ...base, state: 'unknown_on', tone: 'info',
        title: p.known.length || done.length ? counted(n, 'banner_unknown_on_title') : t('banner_unrecognised_title'),
        body: counted(n, 'banner_unknown_on_body'),
      };
    }
    if (done.length) return { ...base, state: 'done', tone: 'ok', title: t('banner_done_title'), body: t('banner_done_body') };
    if (p.known.length) return { ...base, state: 'all_off', tone: 'ok', title: t('banner_all_off_title') };
    if (p.unknown.length) return { ...base, state: 'unknown', tone: 'info', title: t('banner_unrecognised_title'), body: t('banner_unknown_body') };
    return null;
  };
})();
