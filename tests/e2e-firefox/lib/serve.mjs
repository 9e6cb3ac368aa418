// Serves one page at `url` from the test through WebDriver BiDi network interception (the same
// shell and fake-linkedin.js as the fixture site), so a test keeps its page's wording with it.
// Switch states still persist on the fixture server, which fake-linkedin.js reports to.
export async function servePage(bidi, url, { lang, title, switches, renderDelayMs = 300 }) {
  const config = { lang, markup: 'switch', renderDelayMs, switches };
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title} | LinkedIn</title></head>
<body><main id="app"><p>Loading…</p></main><script type="application/json" id="fixture-config">${json}</script>
<script src="/static/fake-linkedin.js"></script></body></html>`;
  await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
  const { intercept } = await bidi.send('network.addIntercept', { phases: ['beforeRequestSent'], urlPatterns: [{ type: 'string', pattern: url }] });
  bidi.on('network.beforeRequestSent', (p) => {
    if (!p.isBlocked || !(p.intercepts || []).includes(intercept)) return;
    bidi.send('network.provideResponse', {
      request: p.request.request,
      statusCode: 200,
      reasonPhrase: 'OK',
      headers: [{ name: 'content-type', value: { type: 'string', value: 'text/html; charset=utf-8' } }],
      body: { type: 'string', value: html },
    }).catch((e) => console.error(`serving ${url} failed: ${e.message}`));
  });
}
