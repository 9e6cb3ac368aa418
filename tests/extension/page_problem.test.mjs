// Sign-in walls and LinkedIn's "page not found" are recognised from the path and the page's own
// words, so a tour stops or skips at once; ordinary pages are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContentScripts } from './content_loader.mjs';

const { pageProblemOf } = await loadContentScripts('settings_paths.js', 'page_problem.js');
const facts = (over) => ({ pathname: '/mypreferences/d/settings/ads-by-age', isSettingsPath: true, title: '', headings: [], hasSignInForm: false, hasControls: false, ...over });

test('LinkedIn sign-in, authwall, checkpoint and sign-up paths mean signed out', () => {
  for (const pathname of ['/login', '/uas/login', '/uas/login-submit', '/authwall', '/checkpoint/lg/login-submit', '/checkpoint/challenge/AgF', '/signup', '/signup/cold-join']) {
    assert.equal(pageProblemOf(facts({ pathname, isSettingsPath: false })), 'signed_out', pathname);
  }
});

test('a settings URL that shows a sign-in form means signed out', () => {
  assert.equal(pageProblemOf(facts({ hasSignInForm: true, hasControls: true })), 'signed_out');
});

test("LinkedIn's own page not found, by title or heading, in several languages", () => {
  for (const [title, heading] of [
    ['Page not found | LinkedIn', ''], ['LinkedIn', "This page doesn't exist"], ['LinkedIn', 'This page doesn’t exist'],
    ['Seite nicht gefunden | LinkedIn', ''], ['LinkedIn', 'Diese Seite existiert nicht'],
    ['Page introuvable | LinkedIn', ''], ['LinkedIn', 'Cette page n’existe pas'],
    ['Página no encontrada | LinkedIn', ''], ['LinkedIn', 'Esta página no existe'],
    ['ページが見つかりません | LinkedIn', ''], ['LinkedIn', 'このページは存在しません'],
  ]) {
    assert.equal(pageProblemOf(facts({ title, headings: [heading] })), 'not_found', `${title} / ${heading}`);
  }
});

test('ordinary pages are no problem: settings with switches, the feed, a page still loading', () => {
  assert.equal(pageProblemOf(facts({ title: 'Age range | LinkedIn', headings: ['Age range'], hasControls: true })), null);
  assert.equal(pageProblemOf(facts({ title: 'Page not found | LinkedIn', hasControls: true })), null, 'switches on the page win');
  assert.equal(pageProblemOf(facts({ title: 'Settings | LinkedIn' })), null);
  assert.equal(pageProblemOf(facts({ pathname: '/feed', isSettingsPath: false, title: 'Page not found' })), null);
  assert.equal(pageProblemOf(facts({ pathname: '/in/someone/loginsights', isSettingsPath: false })), null);
});
