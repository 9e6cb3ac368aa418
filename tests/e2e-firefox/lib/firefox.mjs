// Starts Debian's Firefox ESR headless with OptOut installed as a temporary add-on, the real
// optout-host registered for Firefox in a throw-away HOME, and www.linkedin.com reaching the
// local fixture server through a tiny CONNECT proxy (Firefox has no --host-resolver-rules).
// Pages are driven over WebDriver BiDi (bidi.mjs); moz-extension:// pages and the add-on's
// background over Marionette (marionette.mjs). One WebDriver session at a time: a test ends
// the BiDi session before it starts Marionette's.
/* global ChromeUtils, Services, Ci */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProxy } from './proxy.mjs';
import { Bidi } from './bidi.mjs';
import { Marionette } from './marionette.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXTENSION_DIR = process.env.OPTOUT_EXTENSION_DIR || join(ROOT, 'extension');
export const HOST_BIN = process.env.OPTOUT_HOST_BIN || join(ROOT, 'build', 'native-host', 'optout-host');
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const ADDON_ID = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
// Fixed by pref (extensions.webextensions.uuids), so tests know the moz-extension:// origin.
export const ADDON_UUID = '6f1c2a1e-0b7d-4c59-9a51-0d2b8e4f7a31';
export const EXTENSION_ORIGIN = `moz-extension://${ADDON_UUID}`;
const START_TIMEOUT_MS = 60000;

export function runHost(args, env) {
  return execFileSync(HOST_BIN, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
}

function userJs(prefs) {
  return Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n') + '\n';
}

// idleTimeoutMs: extensions.background.idle.timeout (Firefox suspends an idle event page after it).
// registerHost: false starts Firefox without the host manifest (the "helper missing" case).
export async function launchFirefox({ fixturePort, registerHost = true, idleTimeoutMs = 30000 }) {
  if (!existsSync(HOST_BIN)) throw new Error(`optout-host not built at ${HOST_BIN}: run cmake --build build first`);
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} missing: apt-get install firefox-esr (scripts/setup.sh does)`);
  const home = mkdtempSync(join(tmpdir(), 'optout-ff-home-'));
  const profile = join(home, 'profile');
  const dataDir = join(home, 'optout-data');
  mkdirSync(profile);
  mkdirSync(dataDir);
  const env = { HOME: home, OPTOUT_DATA_DIR: dataDir };
  if (registerHost) runHost(['install', '--browser', 'firefox'], env);
  const proxy = await startProxy({ 'www.linkedin.com:443': fixturePort });
  writeFileSync(join(profile, 'user.js'), userJs({
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxy.port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    'extensions.background.idle.timeout': idleTimeoutMs,
    'marionette.port': 0, // Firefox picks a port and writes it to <profile>/MarionetteActivePort
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRunURL': '',
    'app.update.disabledForTesting': true,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.tabs.remote.unloadTabs': false,
  }));
  const child = spawn(FIREFOX, [
    '--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', '--marionette',
    '--remote-allow-system-access', 'about:blank',
  ], { env: { ...process.env, ...env, MOZ_CRASHREPORTER_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const exited = new Promise((r) => child.once('exit', r));
  // However the test process ends (an assertion, a timeout), no Firefox is left running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const bidiUrl = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`Firefox did not start within ${START_TIMEOUT_MS} ms:\n${log.slice(-3000)}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      log += chunk;
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Firefox exited (${code}) while starting:\n${log.slice(-3000)}`)); });
  });
  await onlyUserLevelHosts(profile);
  const ff = {
    home, profile, dataDir, child, proxy,
    log: () => log,
    history: () => JSON.parse(runHost(['history', '--format', 'json'], env)),
    /** @type {Bidi | null} */ bidi: null,
    /** @type {Marionette | null} */ marionette: null,
    // A BiDi session (accepting the fixture server's self-signed certificate).
    async startBidi() {
      ff.bidi = await Bidi.connect(`${bidiUrl}/session`);
      await ff.bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
      return ff.bidi;
    },
    async endBidi() {
      if (!ff.bidi) return;
      await ff.bidi.send('session.end', {}).catch(() => {});
      ff.bidi.close();
      ff.bidi = null;
    },
    async startMarionette() {
      const portFile = join(profile, 'MarionetteActivePort');
      const deadline = Date.now() + 10000;
      while (!existsSync(portFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      ff.marionette = await Marionette.connect(Number(readFileSync(portFile, 'utf8').trim()));
      await ff.marionette.send('WebDriver:NewSession', { acceptInsecureCerts: true });
      return ff.marionette;
    },
    async close() {
      process.off('exit', killOnExit);
      if (ff.bidi) ff.bidi.close();
      if (ff.marionette) ff.marionette.close();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10000);
        await exited;
        clearTimeout(killer);
      }
      await proxy.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
  return ff;
}

// Firefox also reads host manifests from /usr/lib/mozilla/native-messaging-hosts, where a
// packaged optout-host registers itself system-wide (the .deb). Only the manifest this test
// wrote into its throw-away HOME may count: before anything connects, this Firefox's manifest
// lookup is limited to the user-level directory (chrome context, one Marionette session that
// is ended again so the test may start its own).
async function onlyUserLevelHosts(profile) {
  const portFile = join(profile, 'MarionetteActivePort');
  const deadline = Date.now() + 10000;
  while (!existsSync(portFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const m = await Marionette.connect(Number(readFileSync(portFile, 'utf8').trim()));
  try {
    await m.send('WebDriver:NewSession', {});
    await m.setContext('chrome');
    await m.call(async () => {
      const { NativeManifests } = ChromeUtils.importESModule('resource://gre/modules/NativeManifests.sys.mjs');
      await NativeManifests.init();
      const userDir = Services.dirsvc.get('XREUserNativeManifests', Ci.nsIFile).path;
      NativeManifests._lookup = (type, name, context) => NativeManifests._tryPaths(type, name, [userDir], context);
    });
    await m.send('WebDriver:DeleteSession');
  } finally {
    m.close();
  }
}

// Runs body(ff) in a fresh Firefox on the fixture server (its page states reset first) and
// closes Firefox however body ends.
export async function withFirefox(server, options, body) {
  server.reset();
  const ff = await launchFirefox({ fixturePort: server.port, ...options });
  try {
    await body(ff);
  } catch (e) {
    // Firefox's own output helps when the add-on or the host failed.
    if (process.env.OPTOUT_FIREFOX_LOG) console.error(ff.log().slice(-6000));
    throw e;
  } finally {
    await ff.close();
  }
}
