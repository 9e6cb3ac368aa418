// End to end: the host answers only the extensions it was installed for (issue 8, finding 6).
// A manifest that lets the browser start the host for OptOut's development id is not enough when
// `optout-host install` recorded another id: every request is refused, the banner says why and
// how to fix it, and nothing on the page is touched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { withFreshBrowser, runHost, EXTENSION_ID } from './lib/browser.mjs';
import { waitForOverlay } from './lib/overlay.mjs';

const GEN_AI = '/mypreferences/d/settings/data-for-ai-improvement';
const STORE_LIKE_ID = 'abcdefghijklmnopabcdefghijklmnop';
let server;

before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

test('a manifest written for the development id does not make the host serve it', async () => {
  await withFreshBrowser(server, { registerHost: false }, async ({ context, userDataDir, dataDir }) => {
    // What install records: only the store id.
    runHost(['install', '--browser', 'chromium', '--extension-id', STORE_LIKE_ID, '--user-data-dir', userDataDir], dataDir);
    const manifestPath = join(userDataDir, 'NativeMessagingHosts', 'com.optout.host.json');
    // A hand-written (or someone else's) manifest that lets the browser start the host for the unpacked id.
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.allowed_origins = [`chrome-extension://${EXTENSION_ID}/`];
    writeFileSync(manifestPath, JSON.stringify(manifest));

    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com${GEN_AI}?hl=en`);
    const view = await waitForOverlay(page, (v) => v.title, { what: 'refusal banner' });
    assert.match(view.body, new RegExp(`not installed for chrome-extension://${EXTENSION_ID}/`));
    assert.match(view.body, new RegExp(`--extension-id ${EXTENSION_ID}`));
    assert.equal(view.button, null, 'no Opt out button while the host refuses');
    const switches = await page.evaluate(() => [...document.querySelectorAll('input[role=switch]')].map((i) => i.checked));
    assert.deepEqual(switches, [true]);
    // Nothing was recorded for the refused caller.
    assert.equal(existsSync(join(dataDir, 'record.log')), false);
  });
});
