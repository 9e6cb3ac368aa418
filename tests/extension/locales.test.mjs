// The UI text: every locale has exactly English's messages, with the same placeholders and no
// empty one; every message the extension's code or pages name exists in English; the manifest
// takes its name and description from the messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, localeFor } from '../../extension/shared/i18n.js';
import { DATA_USE_CATEGORIES } from '../../extension/background/prefs.js';

const EXT = new URL('../../extension/', import.meta.url).pathname;
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const messagesOf = (locale) => readJson(join(EXT, '_locales', locale, 'messages.json'));
const en = messagesOf('en');
// $NAME$ references in a message, lower-cased as Chrome matches them.
const used = (message) => [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()))].sort();
const declared = (entry) => Object.keys(entry.placeholders || {}).map((k) => k.toLowerCase()).sort();

test('the locale folders are exactly the 11 UI languages the rule packs know', () => {
  assert.deepEqual(readdirSync(join(EXT, '_locales')).sort(), [...LOCALES].sort());
  // The languages the rule pack has labels in: pt-BR and zh-Hans among them.
  const pack = readJson(new URL('../../native-host/rules/linkedin.json', import.meta.url));
  const wanted = [...new Set(pack.settings.flatMap((s) => Object.keys(s.labels || {})))].sort();
  assert.deepEqual(wanted, ['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt-BR', 'sv', 'zh-Hans']);
  assert.deepEqual(wanted.map(localeFor).sort(), [...LOCALES].sort(), 'one locale per pack language');
});

test('English: every message has text, and declares exactly the placeholders it uses, as $1..$9', () => {
  assert.ok(Object.keys(en).length > 50);
  for (const [key, entry] of Object.entries(en)) {
    assert.match(key, /^[a-zA-Z0-9_]+$/, key);
    assert.equal(typeof entry.message, 'string', key);
    assert.notEqual(entry.message.trim(), '', `${key} is empty`);
    assert.deepEqual(used(entry.message), declared(entry), `${key}: placeholders used vs declared`);
    const contents = Object.values(entry.placeholders || {}).map((p) => p.content).sort();
    assert.deepEqual(contents, contents.map((_, i) => `$${i + 1}`), `${key}: placeholders are $1..$${contents.length}`);
  }
});

for (const locale of LOCALES.filter((l) => l !== 'en')) {
  test(`${locale}: the same keys as English, none empty, the same placeholders`, () => {
    const messages = messagesOf(locale);
    const missing = Object.keys(en).filter((k) => !Object.hasOwn(messages, k));
    const extra = Object.keys(messages).filter((k) => !Object.hasOwn(en, k));
    assert.deepEqual(missing, [], `${locale} lacks these keys`);
    assert.deepEqual(extra, [], `${locale} has keys English does not`);
    for (const [key, entry] of Object.entries(messages)) {
      assert.equal(typeof entry.message, 'string', `${locale} ${key}`);
      assert.notEqual(entry.message.trim(), '', `${locale} ${key} is empty`);
      assert.deepEqual(used(entry.message), used(en[key].message), `${locale} ${key}: uses other placeholders than English`);
      const mine = Object.fromEntries(Object.entries(entry.placeholders || {}).map(([k, v]) => [k.toLowerCase(), v.content]));
      const theirs = Object.fromEntries(Object.entries(en[key].placeholders || {}).map(([k, v]) => [k.toLowerCase(), v.content]));
      assert.deepEqual(mine, theirs, `${locale} ${key}: placeholders declared unlike English's`);
    }
    // The tag the pages set as <html lang> is this locale's.
    assert.equal(localeFor(messages.ui_lang.message), locale);
  });
}

test('the manifest: default_locale en, name and description from the messages, within the stores\' limits', () => {
  const manifest = readJson(join(EXT, 'manifest.json'));
  assert.equal(manifest.default_locale, 'en');
  assert.equal(manifest.name, '__MSG_extName__');
  assert.equal(manifest.description, '__MSG_extDescription__');
  for (const locale of LOCALES) {
    const m = messagesOf(locale);
    assert.ok([...m.extName.message].length <= 75, `${locale}: name at most 75 characters`);
    assert.ok([...m.extDescription.message].length <= 132, `${locale}: description at most 132 characters`);
  }
});

// --- every key the code names exists in English ---
function files(dir, exts) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, exts) : exts.some((e) => p.endsWith(e)) ? [p] : [];
  });
}

// The first argument of each call to t(...) (any receiver: t, C.t, OptOutContent.t) or
// chrome.i18n.getMessage(...), as source text.
function firstArguments(source) {
  const args = [];
  for (const m of source.matchAll(/(?<![\w$])(?:t|getMessage)\(/g)) {
    let depth = 0;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') { if (depth === 0) break; depth--; }
      else if (c === ',' && depth === 0) break;
    }
    args.push(source.slice(start, i));
  }
  return args;
}

test('every message key the extension\'s scripts and pages name is in English', () => {
  const sources = files(EXT, ['.js', '.html']).filter((f) => !f.includes('/_locales/'));
  const named = new Map(); // key -> file
  const families = new Map(); // prefix of a key built at run time -> file
  for (const f of sources) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]*)"/g)) named.set(m[1], f);
    for (const whole of firstArguments(text)) {
      // counted(n, 'base') is checked below; an attribute name is no key.
      const arg = whole.replace(/(?:counted|getAttribute)\([^)]*\)/g, '');
      // Every quoted word is a key, but what a condition compares with (s.state === 'on').
      for (const lit of arg.matchAll(/'([^'\\]*)'/g)) {
        if (lit[1] && !/[=!]==\s*$/.test(arg.slice(0, lit.index))) named.set(lit[1], f);
      }
      for (const tpl of arg.matchAll(/`([a-z_]+)\$\{/g)) families.set(tpl[1], f);
    }
    // counted(n, 'base') picks base_one or base_other (popup_text.js).
    for (const m of text.matchAll(/counted\([^,]+, '([a-z_]+)'\)/g)) {
      named.set(`${m[1]}_one`, f);
      named.set(`${m[1]}_other`, f);
    }
  }
  assert.ok(named.size > 60, `found ${named.size} keys in the source`);
  for (const [key, file] of named) assert.ok(Object.hasOwn(en, key), `${file} names "${key}", which _locales/en does not have`);
  for (const [prefix, file] of families) {
    assert.ok(Object.keys(en).some((k) => k.startsWith(prefix)), `${file} builds keys "${prefix}...", none in _locales/en`);
  }
  // The keys built at run time, one by one.
  for (const c of DATA_USE_CATEGORIES) assert.ok(Object.hasOwn(en, `category_${c}`), c);
  for (const o of ['changed', 'already_off', 'failed', 'not_found', 'would_change', 'needs_review', 'restored', 'signed_out']) {
    assert.ok(Object.hasOwn(en, `outcome_${o}`), o);
  }
  for (const d of ['', '_damaged']) for (const n of ['one', 'other']) assert.ok(Object.hasOwn(en, `receipt_entries${d}_${n}`));
  // The manifest's __MSG_ names too.
  for (const m of readFileSync(join(EXT, 'manifest.json'), 'utf8').matchAll(/__MSG_(\w+)__/g)) assert.ok(Object.hasOwn(en, m[1]), m[1]);
});

test('no translated text becomes HTML: the pages set it as text', () => {
  for (const f of files(EXT, ['.js'])) {
    const text = readFileSync(f, 'utf8');
    assert.doesNotMatch(text, /\.innerHTML|\.outerHTML|insertAdjacentHTML|createContextualFragment|DOMParser/, f);
  }
  const i18n = readFileSync(join(EXT, 'shared/i18n.js'), 'utf8');
  assert.match(i18n, /el\.textContent = t\(/);
});
