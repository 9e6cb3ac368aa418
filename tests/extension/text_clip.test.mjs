// Clipping page text to the host's byte limits: any script, any length, and never a lone
// surrogate (which would make the snapshot invalid UTF-8 and the host refuse the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContentScripts } from './content_loader.mjs';

const { clipText, utf8Length } = await loadContentScripts('text_clip.js');
const bytes = (s) => Buffer.byteLength(s, 'utf8');
const wellFormed = (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

test('short text is returned as it is', () => {
  assert.equal(clipText('Use my data for training', 4096), 'Use my data for training');
  assert.equal(clipText('', 10), '');
});

test('CJK is clipped by UTF-8 bytes, not by UTF-16 length', () => {
  const ja = 'データ'.repeat(7000); // 21,000 characters, 63,000 bytes
  const clipped = clipText(ja, 8192);
  assert.equal(bytes(clipped), 8190); // 2730 characters of 3 bytes
  assert.ok(ja.startsWith(clipped));
  assert.equal(clipText('年齢層を広告に使用する', 10), '年齢層');
  assert.equal(utf8Length('年齢層'), 9);
});

test('an emoji at the boundary is kept whole or dropped, never split', () => {
  assert.equal(clipText('ab😀', 5), 'ab');
  assert.equal(clipText('ab😀', 6), 'ab😀');
  assert.equal(clipText('😀😀😀', 100, 2), '😀😀');
  // A ZWJ family is one character for the reader: cut before it, not after "woman + ZWJ".
  assert.equal(clipText('x👩‍👩‍👧', 10), 'x');
  // Regional indicators pair into flags.
  assert.equal(clipText('🇩🇪🇫🇷', 12), '🇩🇪');
  // A skin-tone modifier stays with its emoji.
  assert.equal(clipText('ok👍🏽', 7), 'ok');
});

test('combining marks stay with their base letter', () => {
  assert.equal(clipText('cafe\u0301 au lait', 4), 'caf');
  assert.equal(clipText('cafe\u0301 au lait', 6), 'cafe\u0301');
  // Hindi: a consonant with its vowel sign is not split.
  assert.equal(clipText('\u0915\u093F\u0924\u093E\u092C', 8), '\u0915\u093F');
  assert.equal(clipText('\u0915\u093F\u0924\u093E\u092C', 6), '\u0915\u093F');
  // When not even the first character fits whole, cut inside it rather than return nothing.
  assert.equal(clipText('\u0915\u093F', 5), '\u0915');
  // One base with hundreds of marks: clip inside it rather than return nothing.
  const zalgo = 'a' + '\u0301'.repeat(300);
  const clipped = clipText(zalgo, 100);
  assert.ok(clipped.length > 0 && bytes(clipped) <= 100 && zalgo.startsWith(clipped));
});

test('lone surrogates become U+FFFD, so the JSON is valid UTF-8', () => {
  assert.equal(clipText('a\uD800b', 100), 'a\uFFFDb');
  assert.equal(clipText('a\uDC00', 100), 'a\uFFFD');
  const s = clipText('x'.repeat(10) + '\uD83D', 11);
  assert.ok(wellFormed(s));
  assert.equal(Buffer.from(s, 'utf8').toString('utf8'), s);
});

test('a code point limit alone is respected', () => {
  assert.equal(clipText('abcdef', Infinity, 3), 'abc');
  assert.equal(clipText('é'.repeat(300), Infinity, 200), 'é'.repeat(200));
});

test('random text in many scripts: always a well-formed prefix within the limit', () => {
  const alphabet = ['a', 'Z', ' ', 'é', 'e\u0301', 'ß', 'д', 'ع', '中', 'あ', '한', '😀', '👩‍💻', '🇯🇵', '\u0915\u093F', '\uD800', '\uDFFF'];
  let seed = 7;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let round = 0; round < 2000; round++) {
    let s = '';
    for (let k = rand(60); k > 0; k--) s += alphabet[rand(alphabet.length)];
    const max = rand(80);
    const out = clipText(s, max);
    const fixed = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
    assert.ok(fixed.startsWith(out), JSON.stringify([s, max, out]));
    assert.ok(bytes(out) <= max, JSON.stringify([s, max, out]));
    assert.ok(wellFormed(out));
    assert.equal(utf8Length(out), bytes(out));
  }
});
