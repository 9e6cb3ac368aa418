/* global Services */
// A minimal Marionette client (Firefox's own remote protocol over TCP: "length:json" frames,
// commands [0, id, name, params], replies [1, id, error, result]). Used for what WebDriver BiDi
// refuses: moz-extension:// pages, and the chrome context (the add-on's background state).
import { connect } from 'node:net';

export class Marionette {
  static async connect(port) {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const m = new Marionette(socket);
    await m.greeting;
    return m;
  }

  constructor(socket) {
    this.socket = socket;
    this.nextId = 1;
    this.pending = new Map();
    let buffer = Buffer.alloc(0);
    let greeted;
    this.greeting = new Promise((resolve) => { greeted = resolve; });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const colon = buffer.indexOf(':');
        if (colon < 0) return;
        const length = Number(buffer.subarray(0, colon).toString());
        if (buffer.length < colon + 1 + length) return;
        const msg = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
        buffer = buffer.subarray(colon + 1 + length);
        if (!Array.isArray(msg)) {
          greeted(msg);
          continue;
        }
        const [, id, error, result] = msg;
        const waiter = this.pending.get(id);
        if (!waiter) continue;
        this.pending.delete(id);
        if (error) waiter.reject(new Error(`Marionette ${waiter.name}: ${error.error}: ${error.message}`));
        else waiter.resolve(result);
      }
    });
    socket.on('close', () => {
      for (const w of this.pending.values()) w.reject(new Error(`Marionette connection closed during ${w.name}`));
      this.pending.clear();
    });
  }

  send(name, params = {}) {
    const id = this.nextId++;
    const body = Buffer.from(JSON.stringify([0, id, name, params]), 'utf8');
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, name });
      this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`), body]));
    });
  }

  close() {
    this.socket.destroy();
  }

  setContext(context) {
    return this.send('Marionette:SetContext', { value: context });
  }

  // Runs `fn` (its source) with JSON-able args in the current context; resolves with its result.
  async call(fn, ...args) {
    const { value } = await this.send('WebDriver:ExecuteAsyncScript', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((${fn}).apply(null, Array.from(arguments).slice(0, -1))).then(done, (e) => done({ __error: String(e && e.stack || e) }));`,
      args,
      sandbox: 'optout',
    });
    if (value && value.__error) throw new Error(`script failed: ${value.__error}`);
    return value;
  }

  // --- chrome context helpers ---
  // Opens `url` (a moz-extension:// page) in a new tab as the browser itself would, selects it,
  // and switches to the content context in it.
  async openExtensionPage(url) {
    await this.setContext('chrome');
    await this.call((u) => {
      const win = Services.wm.getMostRecentWindow('navigator:browser');
      const tab = win.gBrowser.addTab(u, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
      win.gBrowser.selectedTab = tab;
    }, url);
    const deadline = Date.now() + 10000;
    for (;;) {
      const handles = await this.send('WebDriver:GetWindowHandles');
      for (const handle of handles) {
        await this.send('WebDriver:SwitchToWindow', { handle, focus: true });
        await this.setContext('content');
        const { value } = await this.send('WebDriver:GetCurrentURL');
        if (value === url) return handle;
        await this.setContext('chrome');
      }
      if (Date.now() > deadline) throw new Error(`no tab shows ${url}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
