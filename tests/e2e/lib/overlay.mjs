// Reads and clicks OptOut's in-page UI. It lives in a closed shadow root that page scripts
// (and Playwright's locators) cannot enter, so the tests go through the DevTools protocol,
// which sees closed roots, and click with the real mouse at the button's position.

async function documentTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    return { root, cdp };
  } catch (e) {
    await cdp.detach();
    throw e;
  }
}

function* walk(node) {
  yield node;
  for (const child of [...(node.shadowRoots || []), ...(node.children || [])]) yield* walk(child);
}

function attr(node, name) {
  const a = node.attributes || [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
}

function textOf(node) {
  let out = '';
  for (const n of walk(node)) if (n.nodeType === 3) out += n.nodeValue;
  return out;
}

function overlayRoot(root) {
  for (const n of walk(root)) {
    if (n.nodeName === 'OPTOUT-OVERLAY') return n.shadowRoots && n.shadowRoots[0];
  }
  return null;
}

// What the overlay shows now: banner state/title/body/items/code, the Opt out button, the
// per-switch "turn it off?" choices, highlight tags.
export async function readOverlay(page) {
  const { root, cdp } = await documentTree(page);
  await cdp.detach();
  const shadow = overlayRoot(root);
  if (!shadow) return null;
  const view = { shadowMode: shadow.shadowRootType, state: null, title: null, body: null, items: [], code: null, button: null, choices: [], highlights: [] };
  for (const n of walk(shadow)) {
    const role = attr(n, 'data-optout');
    if (role === 'banner') view.state = attr(n, 'data-state') || null;
    else if (role === 'banner-title') view.title = textOf(n);
    else if (role === 'banner-body') view.body = textOf(n);
    else if (role === 'banner-code') view.code = textOf(n);
    else if (role === 'opt-out-button') view.button = { text: textOf(n), disabled: attr(n, 'disabled') !== undefined };
    else if (role === 'banner-items') view.items = (n.children || []).map(textOf);
    else if (role === 'highlight') view.highlights.push({ kind: attr(n, 'data-kind'), tag: textOf(n) });
    else if (role === 'choice') {
      const parts = [...walk(n)];
      const text = parts.find((x) => attr(x, 'data-optout') === 'choice-text');
      const btn = parts.find((x) => attr(x, 'data-optout') === 'confirm-maybe');
      view.choices.push({
        text: text ? textOf(text) : '', button: btn ? textOf(btn) : null, disabled: btn ? attr(btn, 'disabled') !== undefined : null,
        ref: btn ? attr(btn, 'data-ref') : null, setting: btn ? attr(btn, 'data-setting') : null,
      });
    }
  }
  return view;
}

export async function waitForOverlay(page, predicate, { timeout = 10000, what = 'overlay state' } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await readOverlay(page);
    if (last && predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}; last overlay: ${JSON.stringify(last)}`);
}

// A real mouse click in the middle of the banner's "Opt out" button.
export function clickOptOut(page) {
  return clickButton(page, 'opt-out-button');
}

// A real mouse click on the banner button with data-optout=`name` (and, when given, the
// attributes in `where`, e.g. {'data-setting': 'ads_age'} for one "Turn it off" of several).
export async function clickButton(page, name, where = {}) {
  const { root, cdp } = await documentTree(page);
  try {
    const shadow = overlayRoot(root);
    const button = shadow && [...walk(shadow)].find((n) => attr(n, 'data-optout') === name &&
      Object.entries(where).every(([k, v]) => attr(n, k) === v));
    if (!button) throw new Error(`no ${name} button ${JSON.stringify(where)} in the banner`);
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId });
    const q = model.content;
    await page.mouse.click((q[0] + q[4]) / 2, (q[1] + q[5]) / 2);
  } finally {
    await cdp.detach();
  }
}

// Is the banner really visible to the member? Through the DevTools protocol (which sees the
// closed root): the computed opacity, visibility and display of our element and the banner,
// the banner's box against the viewport, and what is hit at the banner's centre (on top of
// everything the page laid over it, or not).
export async function bannerVisibility(page) {
  const { root, cdp } = await documentTree(page);
  try {
    let hostNode = null;
    for (const n of walk(root)) if (n.nodeName === 'OPTOUT-OVERLAY') { hostNode = n; break; }
    const shadow = hostNode && hostNode.shadowRoots && hostNode.shadowRoots[0];
    const banner = shadow && [...walk(shadow)].find((n) => attr(n, 'data-optout') === 'banner');
    if (!banner) return null;
    const style = async (node) => {
      await cdp.send('CSS.enable').catch(() => {});
      const { nodeIds } = await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [node.backendNodeId] });
      const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: nodeIds[0] });
      const pick = (name) => (computedStyle.find((p) => p.name === name) || {}).value;
      return { opacity: pick('opacity'), visibility: pick('visibility'), display: pick('display'), transform: pick('transform') };
    };
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: banner.backendNodeId });
    const q = model.border;
    const box = { left: q[0], top: q[1], right: q[4], bottom: q[5] };
    const { cssLayoutViewport } = await cdp.send('Page.getLayoutMetrics');
    const viewport = { width: cssLayoutViewport.clientWidth, height: cssLayoutViewport.clientHeight };
    const hit = await cdp.send('DOM.getNodeForLocation', {
      x: Math.round((box.left + box.right) / 2), y: Math.round((box.top + box.bottom) / 2), includeUserAgentShadowDOM: true,
    });
    const inBanner = new Set([...walk(banner)].map((n) => n.backendNodeId));
    return {
      host: await style(hostNode), banner: await style(banner), box, viewport,
      onScreen: box.left >= 0 && box.top >= 0 && box.right <= viewport.width && box.bottom <= viewport.height && box.right > box.left,
      onTop: inBanner.has(hit.backendNodeId),
    };
  } finally {
    await cdp.detach();
  }
}
