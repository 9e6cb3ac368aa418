// The content scripts are classic scripts that attach their functions to
// globalThis.OptOutContent (the browser runs them in order in one isolated world). Node runs
// the pure ones the same way, so the tests exercise the shipped files, not copies.
globalThis.OptOutContent = globalThis.OptOutContent || {};

export async function loadContentScripts(...names) {
  for (const name of names) await import(new URL(`../../extension/content/${name}`, import.meta.url));
  return globalThis.OptOutContent;
}
