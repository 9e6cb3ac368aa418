// Reading and clicking OptOut's own pages (popup, receipt) through Marionette, in the content
// context of the tab openExtensionPage selected. Clicks are WebDriver element clicks (trusted).
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export async function textsOf(m, selector) {
  await m.setContext('content');
  return m.call((s) => [...document.querySelectorAll(s)].map((e) => e.textContent), selector);
}

export async function textOf(m, selector) {
  const [first] = await textsOf(m, selector);
  return first === undefined ? null : first;
}

export async function waitForText(m, selector, predicate, { timeout = 15000, every = 200 } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await textOf(m, selector);
    if (last !== null && predicate(last)) return last;
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`timed out waiting for ${selector}; last text: ${JSON.stringify(last)}`);
}

export async function click(m, selector) {
  await m.setContext('content');
  const { value } = await m.send('WebDriver:FindElement', { using: 'css selector', value: selector });
  await m.send('WebDriver:ElementClick', { id: value[ELEMENT] });
}

// The id of the tab showing `url`, asked through the extension's own API from one of its pages.
export async function linkedInTabId(m, url) {
  await m.setContext('content');
  return m.call(async (u) => {
    const tabs = await window.wrappedJSObject.chrome.tabs.query({});
    const tab = [...tabs].find((t) => t.url === u);
    return tab ? tab.id : null;
  }, url);
}
