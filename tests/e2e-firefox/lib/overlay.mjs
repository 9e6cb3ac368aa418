// Reads and clicks OptOut's in-page UI in Firefox. It lives in a closed shadow root that page
// scripts cannot enter; WebDriver BiDi serializes it anyway (includeShadowTree: 'all'), and a
// trusted click is a BiDi pointer action whose origin is the button itself.

const walkValue = (n) => (n && n.value) || {};

function* walk(node) {
  yield node;
  const v = walkValue(node);
  for (const child of [...(v.shadowRoot ? [v.shadowRoot] : []), ...(v.children || [])]) yield* walk(child);
}

const attr = (node, name) => (walkValue(node).attributes || {})[name];

function textOf(node) {
  let out = '';
  for (const n of walk(node)) if (walkValue(n).nodeType === 3) out += walkValue(n).nodeValue;
  return out;
}

// The overlay element with its (closed) shadow tree, serialized in full; null when absent.
async function overlayNode(bidi, context) {
  const r = await bidi.send('script.evaluate', {
    expression: 'document.querySelector("optout-overlay")',
    target: { context }, awaitPromise: false, resultOwnership: 'none',
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: null },
  });
  return r.type === 'success' && r.result.type === 'node' ? r.result : null;
}

// What the overlay shows now: banner state/title/body/items/code, the Opt out button,
// highlight tags (the same view as tests/e2e/lib/overlay.mjs reads in Chromium).
export async function readOverlay(bidi, context) {
  const host = await overlayNode(bidi, context);
  const shadow = host && walkValue(host).shadowRoot;
  if (!shadow) return null;
  const view = { shadowMode: walkValue(shadow).mode, state: null, title: null, body: null, items: [], code: null, button: null, highlights: [] };
  for (const n of walk(shadow)) {
    const role = attr(n, 'data-optout');
    if (role === 'banner') view.state = attr(n, 'data-state') || null;
    else if (role === 'banner-title') view.title = textOf(n);
    else if (role === 'banner-body') view.body = textOf(n);
    else if (role === 'banner-code') view.code = textOf(n);
    else if (role === 'opt-out-button') view.button = { text: textOf(n), disabled: attr(n, 'disabled') !== undefined };
    else if (role === 'banner-items') view.items = (walkValue(n).children || []).map(textOf);
    else if (role === 'highlight') view.highlights.push({ kind: attr(n, 'data-kind'), tag: textOf(n) });
  }
  return view;
}

export async function waitForOverlay(bidi, context, predicate, { timeout = 15000, what = 'overlay state' } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await readOverlay(bidi, context);
    if (last && predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}; last overlay: ${JSON.stringify(last)}`);
}

// A trusted mouse click in the middle of the banner's "Opt out" button.
export async function clickOptOut(bidi, context) {
  const host = await overlayNode(bidi, context);
  const button = host && [...walk(host)].find((n) => attr(n, 'data-optout') === 'opt-out-button');
  if (!button) throw new Error('no Opt out button in the banner');
  await bidi.send('input.performActions', {
    context,
    actions: [{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId: button.sharedId } } },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ],
    }],
  });
  await bidi.send('input.releaseActions', { context });
}

// The page's switches as the page itself sees them.
export async function pageSwitchState(bidi, context) {
  const r = await bidi.send('script.evaluate', {
    expression: 'JSON.stringify([...document.querySelectorAll("input[role=switch]")].map((i) => ({ checked: i.checked, aria: i.getAttribute("aria-checked") })))',
    target: { context }, awaitPromise: false,
  });
  if (r.type !== 'success') throw new Error(`page script failed: ${JSON.stringify(r.exceptionDetails)}`);
  return JSON.parse(r.result.value);
}
