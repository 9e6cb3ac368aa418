// @ts-check
// Which LinkedIn pages hold settings. The content script stays idle everywhere else,
// so reading the feed or messages never sends anything to the host.
'use strict';
globalThis.OptOutContent = globalThis.OptOutContent || {};

OptOutContent.isSettingsPath = function isSettingsPath(pathname) {
  return /^\/(mypreferences|psettings)(\/|$)/.test(pathname);
};
