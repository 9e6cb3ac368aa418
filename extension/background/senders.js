// Who is talking to the service worker. Our content script speaks from a LinkedIn tab; our own
// pages (popup, options, receipt, also when opened in a tab) from our extension origin. Both
// checks need our id: a message from another extension is never ours. Pure (runtime passed in).
export const LINKEDIN = 'https://www.linkedin.com';

// runtime: {id, getURL(path)}, i.e. chrome.runtime.
export function fromOurContentScript(sender, runtime) {
  return Boolean(sender) && sender.id === runtime.id && Boolean(sender.tab) && typeof sender.tab.id === 'number' &&
    typeof sender.url === 'string' && sender.url.startsWith(`${LINKEDIN}/`);
}

// Never a content script: those carry a LinkedIn URL, not ours.
export function fromOurExtensionPage(sender, runtime) {
  return Boolean(sender) && sender.id === runtime.id && typeof sender.url === 'string' &&
    sender.url.startsWith(runtime.getURL(''));
}
