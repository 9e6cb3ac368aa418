// @ts-check
// The receipt: per setting, when OptOut first saw it, its state then, when it was switched
// off and the state read back after. Read from the host's record; saved as a text file.
import { receiptText } from './receipt_text.js';
import { byId } from '../popup/dom.js';
import { t, localizePage } from '../shared/i18n.js';

/** @param {string} id */
const $ = (id) => byId(id, HTMLElement);

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text || '\u2014';
  return td;
}

async function main() {
  localizePage(document);
  const reply = await chrome.runtime.sendMessage({ kind: 'history', limit: 500 });
  if (!reply || !reply.ok) {
    $('status').textContent = t('receipt_read_error', reply && reply.error ? reply.error.message || reply.error : t('no_answer'));
    return;
  }
  const rows = $('summary-rows');
  for (const s of reply.summary) {
    const tr = document.createElement('tr');
    tr.dataset.setting = s.setting;
    tr.append(cell(s.setting), cell(s.first_seen), cell(s.state_before), cell(s.switched_off_at), cell(s.verified_after));
    rows.append(tr);
  }
  $('summary').hidden = reply.summary.length === 0;
  const n = reply.entries.length;
  const key = `receipt_entries${reply.damaged_lines ? '_damaged' : ''}_${n === 1 ? 'one' : 'other'}`;
  $('status').textContent = t(key, n, reply.damaged_lines || 0);
  $('entries').textContent = reply.entries.map((e) => JSON.stringify(e)).join('\n');
  const save = $('save');
  save.hidden = false;
  save.addEventListener('click', () => {
    const blob = new Blob([receiptText(reply, new Date())], { type: 'text/plain' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `optout-receipt-${new Date().toISOString().slice(0, 10)}.txt`;
    a.click();
    URL.revokeObjectURL(a.href);
  });
}

main();
