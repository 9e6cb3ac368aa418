// @ts-check
// LinkedIn's Data Processing Objection Form covers uses no switch turns off. OptOut only
// pre-fills an objection the member can read, edit and send themselves; it never submits.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const OBJECTION_TEXT =
    'I object, under Article 21 GDPR (and any equivalent right where I live), to LinkedIn processing my ' +
    'personal data, including my profile, activity, inferred data and the content I create, on the basis of ' +
    'legitimate interests: for training or improving AI and machine-learning models (including non-generative ' +
    'models used for personalization and content moderation), for research, and for advertising or ' +
    'personalization. Please stop this processing, confirm in writing that you have done so, and tell me ' +
    'which of my data has already been used for these purposes.';

  OptOutContent.OBJECTION_TEXT = OBJECTION_TEXT;
  OptOutContent.isObjectionFormPath = (pathname) => /^\/help\/linkedin\/ask\/TS-DPRO\/?$/i.test(pathname);

  // React-managed fields ignore a plain .value assignment: use the native setter + input event.
  function fill(textarea, text) {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    if (setter) setter.call(textarea, text);
    else textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    textarea.dispatchEvent(new Event('change', { bubbles: true }));
  }

  OptOutContent.prefillObjectionForm = function prefillObjectionForm(hostRequest) {
    const overlay = OptOutContent.createOverlay();
    let done = false;
    const tryFill = () => {
      if (done) return;
      const textarea = document.querySelector('form textarea, textarea');
      if (!(textarea instanceof HTMLTextAreaElement)) return;
      done = true;
      observer.disconnect();
      // Never overwrite what the member already wrote.
      if (!textarea.value.trim()) fill(textarea, OBJECTION_TEXT);
      const show = () => overlay.showBanner({ tone: 'info', title: OptOutContent.t('objection_banner_title'), body: OptOutContent.t('objection_banner_body') });
      show();
      OptOutContent.onUiText(show); // the page's language arrived: say it again in that
      hostRequest({
        type: 'record',
        change: { setting: 'data_processing_objection', url_path: location.pathname, outcome: 'objection_form_opened', verified: false, label: '', browser_time: new Date().toISOString() },
      });
    };
    const observer = new MutationObserver(tryFill);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    tryFill();
  };
})();
