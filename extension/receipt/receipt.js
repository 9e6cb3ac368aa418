// @ts-check
// The receipt: a document the member keeps. Per setting, in the reader's language: when OptOut
// first saw it, its state then, when it was switched off and the state read back after, with
// local dates (the record's UTC times stay in each <time datetime>). Saved as text or as the
// record's JSON, and printable.
import { receiptText } from './receipt_text.js';
import { receiptRow, localTime } from './receipt_model.js';
import { loadTitles } from '../shared/setting_titles.js';
import { byId } from '../popup/dom.js';
import { t, localizePage } from '../shared/i18n.js';

/** @param {string} id */
const $ = (id) => byId(id, HTMLElement);
const locale = chrome.i18n.getUILanguage();

/** @param {Blob} blob @param {string} name */
function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** @param {ReturnType<typeof receiptRow>} row */
function tableRow(row) {
  const tr = document.createElement('tr');
  tr.dataset.setting = row.setting;
  const name = document.createElement('td');
  name.dataset.value = row.setting;
  const id = document.createElement('span');
  id.className = 'setting-id';
  id.textContent = row.setting;
  name.append(row.title, id);
  tr.append(name);
  for (const c of row.cells) {
    const td = document.createElement('td');
    td.dataset.value = c.value;
    if (c.iso && c.value) {
      const time = document.createElement('time');
      time.dateTime = c.value;
      time.textContent = c.text;
      td.append(time);
    } else {
      td.textContent = c.text || '\u2014';
    }
    tr.append(td);
  }
  return tr;
}

async function main() {
  localizePage(document);
  const now = new Date();
  $('generated').textContent = t('receipt_generated', localTime(now.toISOString(), locale));
  const reply = await chrome.runtime.sendMessage({ kind: 'history', limit: 500 });
  if (!reply || !reply.ok) {
    $('status').textContent = t('receipt_read_error', reply && reply.error ? reply.error.message || reply.error : t('no_answer'));
    return;
  }
  // Titles are a courtesy: without them (an older helper) the receipt names settings by id.
  const titles = await loadTitles(locale);
  const stateWord = (/** @type {string} */ s) => (s === 'on' ? t('state_on') : s === 'off' ? t('state_off') : s);
  const rows = $('summary-rows');
  for (const s of reply.summary) rows.append(tableRow(receiptRow(s, titles, locale, stateWord)));
  $('summary').hidden = reply.summary.length === 0;
  const n = reply.entries.length;
  const key = `receipt_entries${reply.damaged_lines ? '_damaged' : ''}_${n === 1 ? 'one' : 'other'}`;
  $('status').textContent = t(key, n, reply.damaged_lines || 0);
  $('entries').textContent = reply.entries.map((e) => JSON.stringify(e)).join('\n');
  $('actions').hidden = false;
  const day = now.toISOString().slice(0, 10);
  $('save').addEventListener('click', () => {
    download(new Blob([receiptText(reply, now, titles)], { type: 'text/plain' }), `optout-receipt-${day}.txt`);
  });
  $('save-json').addEventListener('click', () => {
    const doc = { generated_at: now.toISOString(), summary: reply.summary, entries: reply.entries, damaged_lines: reply.damaged_lines || 0 };
    download(new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' }), `optout-record-${day}.json`);
  });
  $('print').addEventListener('click', () => window.print());
}

main();
