// @ts-check
// The one way our pages (popup, options, receipt) find their own elements: by id, of the type
// the page's HTML gives them. A missing element is a bug in our HTML, said at once.

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new (...args: any[]) => T} type e.g. HTMLButtonElement
 * @returns {T}
 */
export function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`this page has no <${type.name}> #${id}`);
  return el;
}
