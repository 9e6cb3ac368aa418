// Options: which categories "Opt out" covers, and how often to re-check. Saved on change.
import { DATA_USE_CATEGORIES, loadPrefs } from '../background/prefs.js';
import { CATEGORY_NAMES } from '../popup/popup_text.js';

const form = document.getElementById('prefs');

async function main() {
  const prefs = await loadPrefs();
  const box = document.getElementById('categories');
  for (const c of DATA_USE_CATEGORIES) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'category';
    input.value = c;
    input.checked = prefs.categories.includes(c);
    label.append(input, ` ${CATEGORY_NAMES[c]}`);
    box.append(label, document.createElement('br'));
  }
  form.querySelector(`input[name=recheck][value=${prefs.recheck}]`).checked = true;
  form.addEventListener('change', async () => {
    const categories = [...form.querySelectorAll('input[name=category]:checked')].map((i) => i.value);
    const recheck = form.querySelector('input[name=recheck]:checked').value;
    await chrome.storage.local.set({ prefs: { categories, recheck } });
    document.getElementById('saved').textContent = 'Saved.';
  });
}

main();
