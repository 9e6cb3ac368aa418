// Starts Debian's Chromium headless with the unpacked extension, the real optout-host
// registered in the test profile, and www.linkedin.com mapped to the local fixture server.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// OPTOUT_EXTENSION_DIR: another copy of extension/ (e.g. an older commit's, to measure or test before a change).
export const EXTENSION_DIR = process.env.OPTOUT_EXTENSION_DIR || join(ROOT, 'extension');
export const EXTENSION_ID = 'ckjgoakhngifaebchaaffcpfmbkojdni';
export const HOST_BIN = process.env.OPTOUT_HOST_BIN || join(ROOT, 'build', 'native-host', 'optout-host');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function runHost(args, dataDir) {
  return execFileSync(HOST_BIN, args, { env: { ...process.env, OPTOUT_DATA_DIR: dataDir }, encoding: 'utf8' });
}

// Pass `profile` (from an earlier launch) to start the same browser profile and record again.
// `extension: false` starts the same browser without OptOut (to measure what OptOut costs).
export async function launchBrowser({ fixturePort, registerHost = true, profile = null, extension = true }) {
  if (!existsSync(HOST_BIN)) throw new Error(`optout-host not built at ${HOST_BIN}: run cmake --build build first`);
  const userDataDir = profile ? profile.userDataDir : mkdtempSync(join(tmpdir(), 'optout-profile-'));
  const dataDir = profile ? profile.dataDir : mkdtempSync(join(tmpdir(), 'optout-data-'));
  // OPTOUT_E2E_SYSTEM_HOST=1: the host is registered system-wide (the installed .deb,
  // tests/package/deb_test.sh), so the profile gets no manifest of its own.
  // --dev: the unpacked extension/ has the development id, which the host serves only when asked.
  if (registerHost && process.env.OPTOUT_E2E_SYSTEM_HOST !== '1') runHost(['install', '--browser', 'chromium', '--dev', '--user-data-dir', userDataDir], dataDir);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    // The host inherits this environment, so its record goes to a fresh directory per test.
    env: { ...process.env, OPTOUT_DATA_DIR: dataDir },
    args: [
      ...(extension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : []),
      `--host-resolver-rules=MAP www.linkedin.com 127.0.0.1:${fixturePort}`,
      '--ignore-certificate-errors',
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  if (!extension) return { context, worker: null, userDataDir, dataDir };
  const worker = context.serviceWorkers()[0] || (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  if (id !== EXTENSION_ID) throw new Error(`extension loaded with id ${id}, expected the fixed ${EXTENSION_ID}`);
  return { context, worker, userDataDir, dataDir, history: () => JSON.parse(runHost(['history', '--format', 'json'], dataDir)) };
}

// Runs body(browser) in a fresh browser on the fixture server, whose page states are reset
// first, and closes the browser however body ends. `options` go to launchBrowser.
export async function withFreshBrowser(server, options, body) {
  server.reset();
  const b = await launchBrowser({ fixturePort: server.port, ...options });
  try {
    await body(b);
  } finally {
    await b.context.close();
  }
}

// The id of the tab showing `url` (from the service worker, which may read LinkedIn tab URLs).
export async function tabIdOf(worker, url) {
  return worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    return tab ? tab.id : null;
  }, url);
}
