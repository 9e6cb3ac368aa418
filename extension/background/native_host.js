// @ts-check
// One connectNative port to optout-host, shared by every LinkedIn tab and kept only while
// at least one is open. Requests are matched to replies by id; when the host is missing or
// dies, every waiting request gets a clear error instead of hanging.
// The host answers strictly in order, so an error it could not give an id to (`id: null`: it
// could not read the request that far, e.g. invalid UTF-8) answers the oldest waiting request.
// How a browser reports a missing host, and the install command for it: browser_platform.js.
import { currentPlatform } from './browser_platform.js';

export const HOST_NAME = 'com.optout.host';
export const PROTOCOL_VERSION = 1;

/** @param {import('./browser_platform.js').BrowserPlatform} platform */
const installHint = (platform) =>
  "OptOut's helper app (optout-host) is not installed or not registered for this browser. " +
  `Build it and run: ${platform.installCommand}`;

export class NativeHost {
  /**
   * @param {(name: string) => chrome.runtime.Port} connectNative
   * @param {import('./browser_platform.js').BrowserPlatform} [platform] this browser's (detected when omitted)
   */
  constructor(connectNative = (name) => chrome.runtime.connectNative(name), platform = undefined) {
    this.connectNative = connectNative;
    this.platform = platform || currentPlatform();
    /** @type {chrome.runtime.Port | null} */
    this.port = null;
    this.nextId = 1;
    /** @type {Map<number, (reply: any) => void>} id -> resolves that request */
    this.pending = new Map();
    /** @type {object | null} the host's hello reply */
    this.hello = null;
    /** @type {{code: number, name: string, message: string, install_command?: string} | null} */
    this.lastError = null;
  }

  connected() {
    return this.port !== null;
  }

  // -> the open port (starting the host when needed).
  open() {
    if (this.port) return this.port;
    const port = this.connectNative(HOST_NAME);
    this.port = port;
    port.onMessage.addListener((msg) => this.onReply(msg));
    port.onDisconnect.addListener((p) => this.onDisconnect(p || port));
    this.request({ type: 'hello' }).then((reply) => {
      if (reply.ok) this.hello = reply;
    });
    return port;
  }

  close() {
    if (!this.port) return;
    const port = this.port;
    this.port = null;
    port.disconnect();
    this.failAll({ code: 0, name: 'host_closed', message: 'The connection to the OptOut helper was closed.' });
  }

  onReply(msg) {
    if (!msg || typeof msg !== 'object') return;
    const id = msg.id === null && msg.ok === false ? this.oldestPending() : msg.id;
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    waiter(msg);
  }

  // Map keeps insertion order, and ids only grow: the first key is the oldest request.
  oldestPending() {
    for (const id of this.pending.keys()) return id;
    return undefined;
  }

  /** @param {chrome.runtime.Port} [port] the port that closed */
  onDisconnect(port) {
    // A disconnect of a port we already replaced or closed says nothing about the current one.
    if (port && this.port !== null && port !== this.port) return;
    const why = this.platform.disconnectReason(port, globalThis.chrome && chrome.runtime) || 'the helper exited';
    this.port = null;
    this.hello = null;
    this.lastError = this.platform.hostMissing(why)
      ? { code: 0, name: 'host_unavailable', message: `${installHint(this.platform)} (browser said: ${why})`, install_command: this.platform.installCommand }
      : { code: 0, name: 'host_exited', message: `The OptOut helper stopped: ${why}` };
    this.failAll(this.lastError);
  }

  failAll(error) {
    for (const [id, waiter] of this.pending) {
      this.pending.delete(id);
      waiter({ ok: false, id, error });
    }
  }

  // request: a protocol request without v/id. Resolves with the host's reply or an error reply.
  /**
   * @param {{type: string, [field: string]: unknown}} request
   * @returns {Promise<any>} the reply: JSON from the host, checked by its readers
   */
  request(request) {
    const port = this.open();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        port.postMessage({ ...request, v: PROTOCOL_VERSION, id });
      } catch (e) {
        this.pending.delete(id);
        const why = e instanceof Error ? e.message : String(e);
        resolve({ ok: false, id, error: { code: 0, name: 'host_unavailable', message: `${installHint(this.platform)} (${why})`, install_command: this.platform.installCommand } });
      }
    });
  }
}
