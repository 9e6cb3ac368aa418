// @ts-check
// Options: which categories "Opt out" covers, and how often to re-check. Saved on change.
import { DATA_USE_CATEGORIES, loadPrefs } from '../background/prefs.js';
import { categoryName, packLine } from '../popup/popup_text.js';
import { byId } from '../popup/dom.js';
import { t, localizePage } from '../shared/i18n.js';

const form = byId('prefs', HTMLFormElement);
/** @param {string} selector */
const inputs = (selector) => [...form.querySelectorAll(selector)].filter((el) => el instanceof HTMLInputElement);

async function main() {
  const prefs = await loadPrefs();
  const box = byId('categories', HTMLElement);
  for (const c of DATA_USE_CATEGORIES) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'category';
    input.value = c;
    input.checked = prefs.categories.includes(c);
    label.append(input, ` ${categoryName(c)}`);
    box.append(label, document.createElement('br'));
  }
  for (const input of inputs(`input[name=recheck][value=${prefs.recheck}]`)) input.checked = true;
  form.addEventListener('change', async () => {
    const categories = inputs('input[name=category]:checked').map((i) => i.value);
    const [chosen] = inputs('input[name=recheck]:checked');
    await chrome.storage.local.set({ prefs: { categories, recheck: chosen ? chosen.value : prefs.recheck } });
    byId('saved', HTMLElement).textContent = t('options_saved');
  });
}

// One line per rule pack; asks the helper afresh, as a confirmed switch adds a pack.
async function showPacks() {
  const list = byId('packs', HTMLElement);
  const reply = await chrome.runtime.sendMessage({ kind: 'hello' });
  list.replaceChildren();
  if (!reply || !reply.ok) {
    const li = document.createElement('li');
    li.className = 'error';
    li.textContent = t('options_no_answer', (reply && reply.error && reply.error.message) || t('no_reply'));
    list.append(li);
    return;
  }
  for (const p of reply.rule_packs || []) {
    const li = document.createElement('li');
    li.dataset.pack = p.name;
    li.dataset.origin = p.origin || '';
    li.textContent = packLine(p);
    list.append(li);
  }
}

// The pack name `user` stays code inside the translated sentence: the message has it as a
// placeholder, and the text on either side of it goes in as text.
function showPacksText() {
  const MARK = '\u0001';
  const [before, after = ''] = t('options_packs_text', MARK).split(MARK);
  const code = document.createElement('code');
  code.textContent = 'user';
  byId('packs-text', HTMLElement).replaceChildren(before, code, after);
}

localizePage(document);
showPacksText();
main();
showPacks();
