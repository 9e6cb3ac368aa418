// @ts-check
// Who is talking to the service worker. Our content script speaks from a LinkedIn tab; our own
// pages (popup, options, receipt, also when opened in a tab) from our extension origin. Both
// checks need our id: a message from another extension is never ours. Pure (runtime passed in).
export const LINKEDIN = 'https://www.linkedin.com';

/**
 * @param {chrome.runtime.MessageSender | undefined} sender
 * @param {{id: string, getURL(path: string): string}} runtime chrome.runtime
 * @returns {sender is chrome.runtime.MessageSender & {tab: chrome.tabs.Tab & {id: number}, url: string}}
 */
export function fromOurContentScript(sender, runtime) {
  return sender != null && sender.id === runtime.id && sender.tab != null && typeof sender.tab.id === 'number' &&
    typeof sender.url === 'string' && sender.url.startsWith(`${LINKEDIN}/`);
}

// Never a content script: those carry a LinkedIn URL, not ours.
/**
 * @param {chrome.runtime.MessageSender | undefined} sender
 * @param {{id: string, getURL(path: string): string}} runtime chrome.runtime
 */
export function fromOurExtensionPage(sender, runtime) {
  return sender != null && sender.id === runtime.id && typeof sender.url === 'string' &&
    sender.url.startsWith(runtime.getURL(''));
}
