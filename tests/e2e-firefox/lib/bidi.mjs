// A minimal WebDriver BiDi client over the `ws` package: commands resolve with their result
// (or reject with the remote error), events go to listeners by method name.
import WebSocket from 'ws';

export class Bidi {
  static async connect(url) {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new Bidi(ws);
  }

  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Map();
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (msg.type === 'event') {
        for (const f of this.listeners.get(msg.method) || []) f(msg.params);
        return;
      }
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.type === 'error') waiter.reject(new Error(`BiDi ${waiter.method}: ${msg.error}: ${msg.message}`));
      else waiter.resolve(msg.result);
    });
    ws.on('close', () => {
      for (const w of this.pending.values()) w.reject(new Error(`BiDi connection closed during ${w.method}`));
      this.pending.clear();
    });
  }

  send(method, params = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  on(method, f) {
    if (!this.listeners.has(method)) this.listeners.set(method, []);
    this.listeners.get(method).push(f);
  }

  close() {
    this.ws.close();
  }

  // --- helpers the tests use ---
  async installExtension(path) {
    const { extension } = await this.send('webExtension.install', { extensionData: { type: 'path', path } });
    return extension;
  }

  async newTab(url) {
    const { context } = await this.send('browsingContext.create', { type: 'tab' });
    if (url) await this.send('browsingContext.navigate', { context, url, wait: 'complete' });
    return context;
  }
}
