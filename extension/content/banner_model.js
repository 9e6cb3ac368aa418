// @ts-check
// What the banner says, per page state. The rule it exists for: never "off" or "nothing to do"
// while a switch on the page shares data, or might, or could not be told apart. Each state has
// its own wording (state names are on the banner as data-state, for tests and styles). Pure:
// main.js wires the buttons.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  const plural = (n, one, many) => (n === 1 ? one : many);
  const switches = (n) => `${n} switch${n === 1 ? '' : 'es'}`;

  function formatTime(iso) {
    const d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  }

  function learnNote(r) {
    if (!r.confirmed_by_user) return '';
    if (r.learned) return '; you confirmed it, and OptOut will recognise it from now on';
    if (r.learn_error) return `; you confirmed it, but OptOut could not remember it (${r.learn_error})`;
    return '; you confirmed it';
  }

  OptOutContent.resultLine = function resultLine(r) {
    const at = formatTime(r.recorded_at || new Date().toISOString());
    const note = learnNote(r);
    if (r.outcome === 'changed' && r.kind === 'radio') return `${r.title}: most private choice selected and verified at ${at}${note}`;
    if (r.outcome === 'changed') return `${r.title}: turned off and verified off at ${at}${note}`;
    if (r.outcome === 'already_off') return `${r.title}: was already off${note}`;
    return `${r.title}: NOT turned off (${r.reason})${note}`;
  };

  // hostError.install_command: set by the background for a missing helper. Older errors without
  // it (none expected) fall back to the Chromium command, which was the only one before.
  /** @param {HostError} hostError */
  function installCommandOf(hostError) {
    const named = /** @type {{install_command?: unknown}} */ (hostError).install_command;
    return typeof named === 'string' && /^optout-host install --browser [a-z]+$/.test(named) ? named : 'optout-host install --browser chromium';
  }

  const question = (v) => `This looks like ${v.title} - turn it off?`;

  // input: {verdicts, controlOf: Map ref -> snapshot control, results, busy, hostError}
  // -> null (nothing to show) or {state, tone, title, body, items, optOut: {label, disabled}, choices}
  OptOutContent.bannerModel = function bannerModel({ verdicts, controlOf, results, busy, hostError }) {
    if (hostError) {
      const missing = hostError.name === 'host_unavailable';
      return {
        state: 'error', tone: 'error',
        title: missing ? "OptOut's helper app is not installed" : 'OptOut could not check this page',
        body: missing
          ? 'Nothing on this page was checked or changed. Build the helper and register it for your browser, then reload this page:'
          : hostError.message,
        // The background names the command for this browser (browser_platform.js).
        code: missing ? installCommandOf(hostError) : undefined,
        items: [], choices: [],
      };
    }
    const p = OptOutContent.summarizePage(verdicts, controlOf);
    const done = results || [];
    const failed = done.filter((r) => r.outcome === 'failed');
    const items = done.map(OptOutContent.resultLine);
    for (const v of p.checkYourself) items.push(`Not sure: "${v.title}" looks like a data setting; check it yourself.`);
    for (const v of p.skipped) items.push(`${v.title}: shares your data, but is ${v.skip_reason}.`);
    if (p.unknown.length) {
      const on = p.unknownOn.length;
      items.push(`${switches(p.unknown.length)} OptOut does not recognise${on ? ` (${on} on)` : ''}: left alone.`);
    }
    // Two controls for one setting look the same in a question: name the control too.
    const titles = p.confirmable.map((v) => v.title);
    const choices = p.confirmable.map((v) => ({
      ref: v.ref, setting: v.setting, disabled: Boolean(busy), label: 'Turn it off',
      text: titles.filter((t) => t === v.title).length > 1 ? `${question(v)} ("${(controlOf.get(v.ref) || {}).label || ''}")` : question(v),
    }));
    const optOut = (label) => (p.flips.length ? { label: busy ? 'Opting out\u2026' : label, disabled: Boolean(busy) } : null);
    const base = { items, choices, optOut: null };

    if (failed.length) {
      return {
        ...base, state: 'failed', tone: 'error', optOut: optOut('Try again'),
        title: `${failed.length === 1 ? 'A setting' : `${failed.length} settings`} could not be turned off`,
        body: 'OptOut clicked and read the switch again: it did not turn off. Try again, or change it on the page yourself.',
      };
    }
    if (p.flips.length) {
      const one = p.flips[0];
      return {
        ...base, state: 'share', tone: 'warn', optOut: optOut('Opt out'),
        title: p.flips.length > 1 ? `${p.flips.length} settings share your data`
          : (controlOf.get(one.ref) || {}).kind === 'radio' ? `${one.title}: a more private choice is available` : `${one.title} is on`,
        body: p.flips.length === 1 ? one.explain : p.flips.map((v) => v.title).join('\n'),
      };
    }
    if (choices.length) {
      const one = choices.length === 1;
      return {
        ...base, state: 'maybe', tone: 'warn',
        title: one ? question(p.confirmable[0]) : `${switches(choices.length)} here might share your data`,
        body: `OptOut is not sure what ${plural(choices.length, 'this switch is', 'these switches are')}, so it changed nothing. ` +
          'If it is what OptOut thinks, click "Turn it off": OptOut switches it off, reads it back, and remembers it for next time.',
        choices: one ? [{ ...choices[0], text: p.confirmable[0].explain || '' }] : choices,
      };
    }
    if (p.checkYourself.length) {
      return { ...base, state: 'maybe', tone: 'warn', title: `${plural(p.checkYourself.length, 'A setting', 'Some settings')} here might share your data`, body: 'OptOut is not sure enough to change anything. Check the highlighted choice yourself.' };
    }
    const skipped = new Set(p.skipped.map((v) => v.setting)).size;
    if (skipped) {
      return { ...base, state: 'skipped', tone: 'warn', title: `${skipped} ${plural(skipped, 'setting here shares', 'settings here share')} your data`, body: 'You chose not to opt out of their category (Options), so OptOut left them on.' };
    }
    if (p.unknownOn.length) {
      const n = p.unknownOn.length;
      return {
        ...base, state: 'unknown_on', tone: 'info',
        title: p.known.length || done.length ? `OptOut could not tell whether ${switches(n)} here ${plural(n, 'shares', 'share')} your data`
          : 'OptOut did not recognise the switches on this page',
        body: `${n === 1 ? 'One switch here is' : `${n} switches here are`} on, and OptOut could not tell whether ${plural(n, 'it shares', 'they share')} your data. ` +
          `OptOut left ${plural(n, 'it', 'them')} alone: check ${plural(n, 'it', 'them')} yourself.`,
      };
    }
    if (done.length) return { ...base, state: 'done', tone: 'ok', title: 'Opted out', body: 'OptOut read each switch again after changing it.' };
    if (p.known.length) return { ...base, state: 'all_off', tone: 'ok', title: 'Your data-sharing settings on this page are off' };
    if (p.unknown.length) return { ...base, state: 'unknown', tone: 'info', title: 'OptOut did not recognise the switches on this page', body: 'They are off. OptOut left them alone.' };
    return null;
  };
})();
