// @ts-check
// Options: which categories "Opt out" covers, and how often to re-check. Saved on change.
// What an organization's policy sets (prefs.js) is shown as set, disabled, with "Set by your
// organization"; saving keeps the member's own choice for it, which applies if the policy goes.
import { DATA_USE_CATEGORIES, loadMemberPrefs, loadPolicy, mergePrefs } from '../background/prefs.js';
import { categoryName, packLine } from '../popup/popup_text.js';
import { byId } from '../popup/dom.js';
import { t, localizePage } from '../shared/i18n.js';

const form = byId('prefs', HTMLFormElement);
/** @param {string} selector */
const inputs = (selector) => [...form.querySelectorAll(selector)].filter((el) => el instanceof HTMLInputElement);

/** @param {string} noteId @param {boolean} managed */
function markManaged(noteId, managed) {
  const note = byId(noteId, HTMLElement);
  note.hidden = !managed;
  const set = note.closest('fieldset');
  if (set) {
    if (managed) set.dataset.managed = 'true';
    else delete set.dataset.managed;
  }
}

async function main() {
  const member = await loadMemberPrefs();
  const prefs = mergePrefs(member, await loadPolicy());
  const box = byId('categories', HTMLElement);
  for (const c of DATA_USE_CATEGORIES) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'category';
    input.value = c;
    input.checked = prefs.categories.includes(c);
    input.disabled = prefs.managed.categories;
    if (prefs.managed.categories) input.setAttribute('aria-describedby', 'categories-managed');
    label.append(input, ` ${categoryName(c)}`);
    box.append(label, document.createElement('br'));
  }
  for (const input of inputs(`input[name=recheck][value=${prefs.recheck}]`)) input.checked = true;
  for (const input of inputs('input[name=recheck]')) {
    input.disabled = prefs.managed.recheck;
    if (prefs.managed.recheck) input.setAttribute('aria-describedby', 'recheck-managed');
  }
  markManaged('categories-managed', prefs.managed.categories);
  markManaged('recheck-managed', prefs.managed.recheck);
  byId('force-off-note', HTMLElement).hidden = !prefs.forceOff;
  form.addEventListener('change', async () => {
    const categories = prefs.managed.categories ? member.categories : inputs('input[name=category]:checked').map((i) => i.value);
    const [chosen] = inputs('input[name=recheck]:checked');
    const recheck = prefs.managed.recheck || !chosen ? member.recheck : chosen.value;
    await chrome.storage.local.set({ prefs: { categories, recheck } });
    byId('saved', HTMLElement).textContent = t('options_saved');
  });
  // The organization changed its policy while this page is open: show the new one.
  chrome.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') location.reload();
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
