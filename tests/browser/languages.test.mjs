//! The reader's language in each Playwright engine: the element in German, French and Chinese
//! shows its button, table caption and headers, loading and error texts in that language; the
//! German spoken summary holds no English word of the widget's; toSVG() in German and Russian
//! is byte for byte the native `render --locale` golden (tests/i18n.rs); an embedder's own
//! texts win, an unknown key is refused; a language without a table reads English words with
//! its own months.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMALL_SPEC_URL, STORY_SPEC_URL } from './fixtures.mjs';
import { ROOT, addElement, assertSameLines, mountChart, openBlank, startHarness, waitForState } from './harness.mjs';


/** Adds <hashrate-outage-chart id …attributes> 640 px wide; resolves with the state it settles in. */
async function addSettled(page, id, attributes) {
  await addElement(page, id, { attributes, style: 'width: 640px' });
  return waitForState(page, `#${id}`);
}

/** In the page: the element's button, table caption and headers. */
function pageWords(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    return {
      button: root.querySelector('.hoc-button').textContent,
      caption: root.querySelector('.hoc-table caption').textContent,
      headers: [...root.querySelectorAll('.hoc-table thead th')].map((th) => th.textContent),
      keys: root.querySelector('.hoc-keys').textContent,
      label: root.querySelector('canvas').getAttribute('aria-label'),
    };
  }, id);
}

describe('languages', () => {
  let harness;
  let page;

  before(async () => {
    harness = await startHarness();
    ({ page } = await openBlank(harness));
  });

  after(async () => {
    await harness?.close();
  });

  const EXPECTED = {
    de: { button: 'Datentabelle anzeigen', headers: ['Datum', 'Ausfall'], keys: /Pfeiltasten/ },
    fr: { button: 'Afficher le tableau des données', headers: ['Date', 'Coupure'], keys: /flèches/ },
    zh: { button: '显示数据表', headers: ['日期', '中断'], keys: /方向键/ },
  };
  for (const [lang, want] of Object.entries(EXPECTED)) {
    test(`the element in ${lang}: button, table and key help in ${lang}`, async () => {
      assert.equal(await addSettled(page, `el-${lang}`, { src: SMALL_SPEC_URL, locale: lang }), 'ready');
      const seen = await pageWords(page, `el-${lang}`);
      assert.equal(seen.button, want.button);
      assert.ok(seen.caption.startsWith('Test chart: hash rate'), seen.caption);
      assert.equal(seen.headers[0], want.headers[0]);
      assert.equal(seen.headers.at(-1), want.headers[1]);
      assert.match(seen.keys, want.keys);
      // The button's other state too.
      const hide = await page.evaluate((id) => {
        const element = document.getElementById(id);
        element.chart.toggleTable(true);
        return element.shadowRoot.querySelector('.hoc-button').textContent;
      }, `el-${lang}`);
      assert.notEqual(hide, want.button);
      assert.doesNotMatch(hide, /data table/);
    });
  }

  test('the table caption: the fallback caption and the means note in the reader\'s language', async () => {
    const hourly = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/zone_berlin_dst.json'), 'utf8'));
    delete hourly.title;
    for (const [lang, caption] of [['de', 'Diagrammdaten (Tagesmittel)'], ['fr', 'Données du graphique (moyennes journalières)'], ['zh', '图表数据 (日均值)']]) {
      await mountChart(page, `cap-${lang}`, hourly, { options: { locale: lang } });
      const seen = await page.evaluate((name) => window.charts[name].element.querySelector('.hoc-table caption').textContent, `cap-${lang}`);
      assert.equal(seen, caption);
    }
  });

  test('an unlabelled outage is named in the reader\'s words in the tooltip, live region and table', async () => {
    const spec = {
      series: [{ id: 'h', label: 'Hashrate', unit: 'EH/s', points: [['2022-01-04', 177], ['2022-01-05', 170], ['2022-01-06', 181]] }],
      outages: [{ start: '2022-01-05', end: '2022-01-06' }],
    };
    await mountChart(page, 'word-de', spec, { options: { locale: 'de' } });
    const seen = await page.evaluate(() => {
      const chart = window.charts['word-de'];
      chart.showReadout(1, { announce: true });
      chart.toggleTable(true);
      const cells = [...chart.element.querySelectorAll('.hoc-table tbody tr')].map((row) => row.lastElementChild.textContent);
      return {
        tooltip: chart.element.querySelector('.hoc-tooltip-outage').textContent,
        live: chart.element.querySelector('[aria-live]').textContent,
        cells,
      };
    });
    assert.equal(seen.tooltip, 'Ausfall');
    assert.match(seen.live, /; während Ausfall$/);
    assert.deepEqual(seen.cells, ['', 'Ausfall', '']);
  });

  test('an error and the loading text in the reader\'s language', async () => {
    assert.equal(await addSettled(page, 'missing-de', { src: 'no-such.json', locale: 'de-DE' }), 'error');
    const title = await page.evaluate(() => document.getElementById('missing-de').shadowRoot.querySelector('.error-title').textContent);
    assert.equal(title, 'Dieses Diagramm konnte nicht angezeigt werden.');
    const loading = await page.evaluate(() => {
      const element = document.createElement('hashrate-outage-chart');
      element.setAttribute('loading', 'eager'); // one of many on this page: no wait for the viewport
      element.setAttribute('locale', 'ru');
      element.setAttribute('src', '/tests/browser/pages/small.json');
      document.body.append(element);
      return element.shadowRoot.querySelector('.loading').textContent;
    });
    assert.equal(loading, 'График загружается…');
  });

  test('the German summary speaks German only (the spec\'s own words aside)', async () => {
    await mountChart(page, 'story-de', STORY_SPEC_URL, { hostStyle: 'width: 800px', options: { locale: 'de-DE' } });
    const label = await page.evaluate(() => window.charts['story-de'].canvas.getAttribute('aria-label'));
    assert.match(label, /^Diagramm: /);
    assert.match(label, /Zeitachse 1\. Dez\. 2021 bis 15\. Feb\. 2022/);
    assert.match(label, /im Rahmen der üblichen Schwankung von Tag zu Tag/);
    for (const english of ['Chart:', 'Time axis', 'values from', 'shaded period', 'within normal', 'plausible range', 'expected from', 'Note at', 'Source:']) {
      assert.ok(!label.includes(english), `"${english}" in: ${label}`);
    }
  });

  for (const lang of ['de', 'ru']) {
    test(`toSVG() in ${lang} is the native render --locale ${lang} golden`, async () => {
      await mountChart(page, `svg-${lang}`, STORY_SPEC_URL, { options: { height: 450, locale: lang }, hostStyle: 'width: 800px' });
      const svg = await page.evaluate((name) => window.charts[name].toSVG(), `svg-${lang}`);
      assertSameLines(`locale_${lang}`, svg, readFileSync(join(ROOT, `tests/golden/locale_${lang}.svg`), 'utf8'));
    });
  }

  test("an embedder's texts win; an unknown key is refused naming it", async () => {
    await mountChart(page, 'own', SMALL_SPEC_URL, { options: { locale: 'de', strings: { 'table.show': 'Zahlen zeigen', outage: 'Abschaltung' } } });
    const seen = await page.evaluate(() => {
      const chart = window.charts.own;
      return {
        button: chart.element.querySelector('.hoc-button').textContent,
        hide: (chart.toggleTable(true), chart.element.querySelector('.hoc-button').textContent),
      };
    });
    assert.equal(seen.button, 'Zahlen zeigen');
    assert.equal(seen.hide, 'Datentabelle ausblenden', 'the rest stays German');
    const refused = await page.evaluate(async (spec) => {
      const host = document.createElement('div');
      document.body.append(host);
      try {
        await window.hoc.mount(host, spec, { strings: { 'tabel.show': 'x' } });
        return null;
      } catch (error) {
        return error.message;
      }
    }, SMALL_SPEC_URL);
    assert.match(refused ?? '', /^strings\.tabel\.show: unknown key/);
    // And the element's `strings` attribute.
    assert.equal(await addSettled(page, 'el-own', { src: SMALL_SPEC_URL, locale: 'fr', strings: '{"table.show":"Voir les chiffres"}' }), 'ready');
    assert.equal((await pageWords(page, 'el-own')).button, 'Voir les chiffres');
  });

  test('a language without a table: English words, its own months', async () => {
    await mountChart(page, 'it', STORY_SPEC_URL, { hostStyle: 'width: 800px', options: { locale: 'it-IT' } });
    const seen = await page.evaluate(() => {
      const chart = window.charts.it;
      return {
        button: chart.element.querySelector('.hoc-button').textContent,
        ticks: chart.layout().texts.filter((t) => t.role === 'time-tick').map((t) => t.text).join(' '),
      };
    });
    assert.equal(seen.button, 'Show data table');
    assert.match(seen.ticks, /gen/, seen.ticks);
  });

  test('each language\'s words load only where a chart shows it; setOptions waits for them', async () => {
    // A fresh page: English charts fetch no language module; a Spanish one fetches es.js only.
    const { page: fresh } = await openBlank(harness);
    const modules = [];
    fresh.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/www/locale/')) modules.push(path);
    });
    await mountChart(fresh, 'english', SMALL_SPEC_URL, { options: { locale: 'en-GB' } });
    assert.deepEqual(modules, [], 'an English chart loads no words');
    // Switching a live chart: English words until Spanish arrive, then Spanish; the promise
    // setOptions returns resolves when they show. (The module is held back until asked for.)
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await fresh.route('**/www/locale/es.js', async (route) => {
      await held;
      await route.continue();
    });
    const before = await fresh.evaluate(() => {
      const chart = window.charts.english;
      window.switched = chart.setOptions({ locale: 'es-ES' });
      return { label: chart.canvas.getAttribute('aria-label'), locale: chart.locale };
    });
    assert.equal(before.locale, 'es-ES');
    assert.match(before.label, /^Chart: /, 'English words while the Spanish ones load');
    release();
    const after = await fresh.evaluate(async () => {
      await window.switched;
      return window.charts.english.canvas.getAttribute('aria-label');
    });
    assert.match(after, /^Gráfico: /);
    await mountChart(fresh, 'spanish', SMALL_SPEC_URL, { options: { locale: 'es' } });
    assert.deepEqual(modules, ['/www/locale/es.js'], 'one module, once per page');
    await fresh.close();
  });

  test('a refused option changes nothing; words that cannot load leave the chart in English', async () => {
    const { page: fresh } = await openBlank(harness);
    const errors = [];
    fresh.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await fresh.route('**/www/locale/fr.js', (route) => route.abort());
    await mountChart(fresh, 'plain', SMALL_SPEC_URL, { options: { locale: 'en' } });
    const seen = await fresh.evaluate(async () => {
      const chart = window.charts.plain;
      const ticks = () => chart.layout().texts.filter((t) => t.role === 'time-tick').map((t) => t.text).join(' ');
      const before = ticks();
      let refused = null;
      try {
        chart.setOptions({ locale: 'de', timeZone: 'Europe/Nowhere' });
      } catch (error) {
        refused = error.message;
      }
      const afterRefusal = { ticks: ticks(), locale: chart.locale };
      await chart.setOptions({ locale: 'fr' }); // its words cannot be loaded
      return { before, refused, afterRefusal, french: { ticks: ticks(), label: chart.canvas.getAttribute('aria-label') } };
    });
    assert.match(seen.refused ?? '', /Europe\/Nowhere/);
    assert.deepEqual(seen.afterRefusal, { ticks: seen.before, locale: 'en' }, 'the refused change left the words as they were');
    assert.match(seen.french.label, /^Chart: /, 'English, not French words with English dates');
    assert.equal(seen.french.ticks, seen.before);
    // Said once (Firefox's console over BiDi shows an Error object as "Error", so only the prefix).
    assert.equal(errors.filter((e) => e.startsWith('hashrate-outage-chart:')).length, 1, errors.join('\n'));
    await fresh.close();
  });
});
