// Recognition in the real browser with the real host, in en, de, fr and ja, on wording the
// fixture catalog does not have: a label in other words (an article or possessive dropped or
// added, a shorter label) on the setting's own page, under a heading that names nothing, is
// turned off; switches that only look like a setting (block or notify about something named like
// it, a company named like it) are never turned off, neither on another settings page nor beside
// the real switch. The pages are served by this test (same shell and fake-linkedin.js as the
// fixture site) so their wording stays here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/site/server.mjs';
import { withFreshBrowser } from './lib/browser.mjs';
import { waitForOverlay, clickOptOut } from './lib/overlay.mjs';
import { say, sayPattern, settingTitle } from './ui_words.mjs';

const LINKEDIN = 'https://www.linkedin.com';
const GENDER = '/mypreferences/d/settings/ads-by-gender';
const BLOCKING = '/mypreferences/d/settings/blocking';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Per language: a label variant for "Use your gender for ads", a heading that names no setting,
// and look-alikes that each contain a setting's words.
const WORDING = {
  en: {
    heading: 'Ads', label: 'Use gender for ads',
    lookalikes: ['Block Data for Research Ltd', 'Notify me about research invitations', 'Gender Equality Network Inc.'],
  },
  de: {
    heading: 'Werbung', label: 'Geschlecht für Werbung verwenden',
    lookalikes: ['Forschungsdaten GmbH blockieren', 'Benachrichtigungen über Forschungseinladungen', 'Geschlechtergerechtigkeit GmbH blockieren'],
  },
  fr: {
    heading: 'Publicités', label: 'Utiliser le genre pour les publicités',
    lookalikes: ['Bloquer Données pour la recherche SARL', 'Me notifier des invitations à la recherche', 'Masquer le genre de mon profil'],
  },
  ja: {
    heading: '広告', label: '広告に性別を使用',
    lookalikes: ['研究データ株式会社をブロック', '研究への招待の通知', '性別に関する通知'],
  },
};

let server;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

// Serves `switches` at `path` the way the fixture site does (a late-rendering app with hashed
// classes, switches named by aria-labelledby), keeping state on the fixture server.
async function servePage(context, path, lang, title, switches) {
  const config = { lang, markup: 'switch', renderDelayMs: 300, switches };
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  await context.route(`${LINKEDIN}${path}`, (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title} | LinkedIn</title></head>
<body><main id="app"><p>Loading…</p></main><script type="application/json" id="fixture-config">${json}</script>
<script src="/static/fake-linkedin.js"></script></body></html>`,
  }));
}

const sw = (key, heading, label, description = '') => ({ key, on: true, heading, description, label });

const withBrowser = (body) => withFreshBrowser(server, {}, body);

for (const [lang, w] of Object.entries(WORDING)) {
  test(`${lang}: a label in other words on the setting's page is turned off; a look-alike beside it is left on`, async () => {
    await withBrowser(async ({ context, history }) => {
      await servePage(context, GENDER, lang, w.heading, [
        sw('g-label-51ab', w.heading, w.label),  // no LinkedIn key: page + label must carry it
        sw('lookalike-9c1', w.heading, w.lookalikes[0]),
      ]);
      const page = await context.newPage();
      await page.goto(`${LINKEDIN}${GENDER}`);
      const shown = await waitForOverlay(page, (v) => v.state === 'share', { what: 'share banner' });
      assert.ok(shown.button, 'Opt out offered');
      assert.deepEqual(shown.highlights.map((h) => h.kind).sort(), ['share', 'unknown']);
      await clickOptOut(page);
      // The look-alike is still on and OptOut cannot tell what it is: the banner says the
      // setting was turned off and verified, and never that everything here is off.
      // (In the page's language, the setting's title too: the banner follows it.)
      const changedLine = sayPattern(lang, 'banner_result_changed', settingTitle(lang, 'ads_gender'), null);
      const done = await waitForOverlay(page, (v) => v.items.some((i) => changedLine.test(i)),
        { what: 'verified result' });
      assert.equal(done.state, 'unknown_on');
      assert.deepEqual(done.highlights.map((h) => h.kind).sort(), ['off', 'unknown']);
      assert.equal(server.stateOf(GENDER, 'g-label-51ab'), false, 'the real switch is off on the server');
      assert.equal(server.stateOf(GENDER, 'lookalike-9c1'), undefined, 'the look-alike was never touched');
      const changed = history().entries.filter((e) => e.outcome === 'changed');
      assert.deepEqual(changed.map((e) => [e.setting, e.label]), [['ads_gender', w.label]]);
    });
  });

  test(`${lang}: look-alikes on another settings page are never turned off or offered`, async () => {
    await withBrowser(async ({ context, history }) => {
      await servePage(context, BLOCKING, lang, w.heading,
        w.lookalikes.map((label, i) => sw(`lookalike-${i}`, w.heading, label)));
      const page = await context.newPage();
      await page.goto(`${LINKEDIN}${BLOCKING}`);
      const shown = await waitForOverlay(page, (v) => Boolean(v.state), { what: 'banner' });
      await sleep(1500);  // let any late scan happen
      const after = await waitForOverlay(page, (v) => Boolean(v.state), { what: 'banner' });
      for (const v of [shown, after]) {
        assert.equal(v.state, 'unknown_on', `${lang}: ${JSON.stringify(v)}`);
        assert.equal(v.button, null, 'no Opt out');
        assert.deepEqual(v.choices || [], [], 'nothing offered as a maybe');
        assert.notEqual(v.title, say(lang, 'banner_all_off_title'));
      }
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('input[role=switch]')].map((i) => i.checked)),
        w.lookalikes.map(() => true));
      assert.deepEqual(server.states(), {});
      assert.equal(history().entries.filter((e) => e.outcome === 'changed').length, 0);
    });
  });
}
