// @ts-check
// Pages a settings tour can land on that will never show a switch: LinkedIn's sign-in wall
// (the member is signed out; every settings URL redirects there) and LinkedIn's own "page not
// found". Recognising them lets a tour stop or skip at once instead of waiting for switches.
// On these pages the content script reports only this one word; it reads no control.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const SIGN_IN_PATH = /^\/(?:login|uas\/login|authwall|checkpoint|signup)(?:[/-]|$)/;
  // LinkedIn's 404 wording (title or main heading) in the UI languages we cover best.
  const NOT_FOUND_TEXT = [
    /\bpage not found\b/i, /\bthis page (?:doesn[’']t|does not) exist\b/i,
    /\bseite nicht gefunden\b/i, /\bdiese seite (?:existiert nicht|gibt es nicht)\b/i,
    /\bpage introuvable\b/i, /\bcette page n[’']existe pas\b/i,
    /\bp[aá]gina no encontrada\b/i, /\besta p[aá]gina no existe\b/i,
    /\bp[aá]gina n[aã]o encontrada\b/i,
    /ページが見つかりません/, /このページは存在しません/,
  ];

  // facts: {pathname, isSettingsPath, title, headings: [string], hasSignInForm, hasControls}
  // -> 'signed_out' | 'not_found' | null (an ordinary page).
  OptOutContent.pageProblemOf = function pageProblemOf(facts) {
    if (SIGN_IN_PATH.test(facts.pathname)) return 'signed_out';
    if (!facts.isSettingsPath) return null;
    if (facts.hasSignInForm) return 'signed_out';
    if (!facts.hasControls && [facts.title, ...facts.headings].some((t) => NOT_FOUND_TEXT.some((re) => re.test(t || '')))) {
      return 'not_found';
    }
    return null;
  };

  // A sign-in form asks for a member name or email and a password. A settings page may have
  // password fields of its own (changing the password), but not next to a username field.
  function hasSignInForm() {
    for (const pw of document.querySelectorAll('input[type=password]')) {
      const form = (pw instanceof HTMLInputElement && pw.form) || pw.closest('form') || document;
      if (form.querySelector('input[type=email], input[autocomplete=username], input[name=session_key], input[name=username]')) return true;
    }
    return false;
  }

  // Reads the facts from the current document. Cheap on ordinary pages: the path decides first.
  OptOutContent.readPageProblem = function readPageProblem() {
    const pathname = location.pathname;
    const isSettingsPath = OptOutContent.isSettingsPath(pathname);
    if (!isSettingsPath && !SIGN_IN_PATH.test(pathname)) return null;
    return OptOutContent.pageProblemOf({
      pathname,
      isSettingsPath,
      title: document.title,
      headings: [...document.querySelectorAll('h1')].slice(0, 5).map((h) => h.textContent),
      hasSignInForm: isSettingsPath && hasSignInForm(),
      hasControls: isSettingsPath && Boolean(document.querySelector(OptOutContent.CONTROL_SELECTOR)),
    });
  };
})();
