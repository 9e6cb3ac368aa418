// @ts-check
// Messages to this tab from our own extension pages (the popup) and the service worker (tours).
// Only they may ask for the tab's status or start a change: never a LinkedIn page, another
// extension, or a compromised renderer speaking as a content script (its sender URL is a
// LinkedIn page, not our extension origin).
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

(function () {
  // runtime: chrome.runtime ({id, getURL}).
  OptOutContent.fromOurExtensionPage = function fromOurExtensionPage(sender, runtime) {
    return sender != null && sender.id === runtime.id && typeof sender.url === 'string' &&
      sender.url.startsWith(runtime.getURL(''));
  };

  // handlers: {kind: (msg) => answer | Promise<answer>}; anything else gets no answer.
  OptOutContent.listenToOurPages = function listenToOurPages(handlers) {
    chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
      if (!OptOutContent.fromOurExtensionPage(sender, chrome.runtime)) return false;
      if (!msg || typeof msg.kind !== 'string' || !Object.hasOwn(handlers, msg.kind)) return false;
      const answer = handlers[msg.kind](msg);
      if (answer instanceof Promise) {
        answer.then(sendResponse, () => sendResponse(null));
        return true;
      }
      sendResponse(answer);
      return false;
    });
  };
})();
