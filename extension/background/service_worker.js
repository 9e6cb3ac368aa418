// Service worker: relays LinkedIn tabs' requests to the native host, keeps the toolbar badge
// in step with each tab's status, and answers the popup.
import { NativeHost } from './native_host.js';
import { badgeFor } from './badge.js';

const host = new NativeHost();
const tabPorts = new Set();

function fromOurContentScript(sender) {
  return sender.id === chrome.runtime.id && sender.tab && typeof sender.url === 'string' &&
    sender.url.startsWith('https://www.linkedin.com/');
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'optout-tab' || !fromOurContentScript(port.sender)) {
    port.disconnect();
    return;
  }
  const tabId = port.sender.tab.id;
  tabPorts.add(port);
  port.onMessage.addListener(async (msg) => {
    if (msg && msg.kind === 'status') {
      const badge = badgeFor(msg.status);
      chrome.action.setBadgeText({ tabId, text: badge.text });
      chrome.action.setBadgeBackgroundColor({ tabId, color: badge.color });
      chrome.action.setTitle({ tabId, title: badge.title });
      return;
    }
    if (msg && typeof msg.reqId === 'number' && msg.request && typeof msg.request.type === 'string') {
      const reply = await host.request(msg.request);
      try {
        port.postMessage({ reqId: msg.reqId, reply });
      } catch {
        // The tab went away while the host was answering.
      }
    }
  });
  port.onDisconnect.addListener(() => {
    tabPorts.delete(port);
    // No LinkedIn tab left: let the host process exit.
    if (tabPorts.size === 0) host.close();
  });
});

// Our own extension pages (the popup, even when opened in a tab), never content scripts.
function fromOurExtensionPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === 'string' &&
    sender.url.startsWith(chrome.runtime.getURL(''));
}

// The popup asks for the host's handshake (versions) for its footer.
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!fromOurExtensionPage(sender)) return false;
  if (msg && msg.kind === 'hostInfo') {
    sendResponse({ hello: host.hello, error: host.lastError, connected: host.connected() });
  }
  return false;
});
