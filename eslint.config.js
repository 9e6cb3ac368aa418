// ESLint (flat config): the recommended rules, with the globals each kind of file really has.
// Content scripts are classic scripts sharing one isolated world through `OptOutContent`;
// the service worker and extension pages are ES modules; tests and scripts run in node.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'build*/', 'third_party/'] },
  js.configs.recommended,
  {
    files: ['extension/content/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, chrome: 'readonly', OptOutContent: 'writable' },
    },
  },
  {
    files: ['extension/background/**/*.js', 'extension/popup/**/*.js', 'extension/options/**/*.js', 'extension/receipt/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.serviceworker, chrome: 'readonly' },
    },
  },
  {
    // Fixture pages' own scripts run in the page, as LinkedIn's would.
    files: ['tests/fixtures/site/static/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.node },
    },
  },
  {
    // Test code evaluated inside the browser (page.evaluate, worker.evaluate) sees browser globals.
    files: ['tests/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, chrome: 'readonly' } },
  },
  {
    rules: {
      // `catch {}` with a comment saying why is how this code ignores expected failures.
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
];
