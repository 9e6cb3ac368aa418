// @ts-check
// The one place where the background differs between browsers (Chromium family, Firefox).
// Everything else asks this module and never checks which browser it runs in.
//
// - How a failed or closed native port says why: Chromium sets runtime.lastError in
//   onDisconnect; Firefox sets port.error ("No such native application com.optout.host").
// - Which words mean "the helper is not installed / not registered for this browser".
// - The command that registers the helper for this browser.
// - Whether the background can be suspended with work in flight (Firefox's event page) and how
//   soon an alarm may fire (Chromium clamps alarms to 30 s; Firefox does not).

/**
 * @typedef {object} BrowserPlatform
 * @property {'chromium' | 'firefox'} name
 * @property {string} installCommand what the member runs to register optout-host for this browser
 * @property {(port: chrome.runtime.Port | undefined, runtime: {lastError?: {message?: string}} | undefined) => string | null} disconnectReason
 * @property {(reason: string) => boolean} hostMissing the reason says the helper is not installed or not allowed
 * @property {number} minAlarmMinutes the shortest alarm delay the browser honours
 */

// Chromium: "Specified native messaging host not found.", "Access to the specified native
// messaging host is forbidden." Firefox: "No such native application com.optout.host",
// "This extension does not have permission to use native application ... (or the application
// is not installed)".
const MISSING = /not found|forbidden|no such native application|not installed|does not have permission/i;

/** @type {BrowserPlatform} */
export const CHROMIUM = {
  name: 'chromium',
  installCommand: 'optout-host install --browser chromium',
  disconnectReason: (_port, runtime) => (runtime && runtime.lastError && runtime.lastError.message) || null,
  hostMissing: (reason) => MISSING.test(reason),
  minAlarmMinutes: 0.5,
};

/** @type {BrowserPlatform} */
export const FIREFOX = {
  name: 'firefox',
  installCommand: 'optout-host install --browser firefox',
  // Firefox leaves runtime.lastError unset here; port.error carries the reason.
  disconnectReason: (port, runtime) => {
    const error = port && /** @type {{error?: {message?: string} | null}} */ (/** @type {unknown} */ (port)).error;
    return (error && error.message) || (runtime && runtime.lastError && runtime.lastError.message) || null;
  },
  hostMissing: (reason) => MISSING.test(reason),
  minAlarmMinutes: 1 / 60,
};

/**
 * The platform of the browser running this extension: Firefox serves extension pages from
 * moz-extension://, the Chromium family from chrome-extension://.
 * @param {{getURL?: (path: string) => string} | undefined} runtime chrome.runtime
 * @returns {BrowserPlatform}
 */
export function platformOf(runtime) {
  const base = runtime && typeof runtime.getURL === 'function' ? runtime.getURL('') : '';
  return base.startsWith('moz-extension:') ? FIREFOX : CHROMIUM;
}

/** @returns {BrowserPlatform} this browser's platform (globalThis.chrome read when called) */
export function currentPlatform() {
  const api = /** @type {{chrome?: {runtime?: {getURL?: (path: string) => string}}}} */ (globalThis);
  return platformOf(api.chrome && api.chrome.runtime);
}
