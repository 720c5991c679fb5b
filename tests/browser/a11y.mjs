//! Accessibility test: axe-core (WCAG 2.1 A and AA rules) over every page type and
//! the interactive states (search with a filter pressed, finder results, self-check
//! answered, a lesson presenting, a paper submitted), from file:// in headless
//! Debian chromium at desktop and phone widths; then the keyboard: the search
//! listbox announced through aria-activedescendant, Enter on the current query's
//! highlighted result, a filter press keeping focus, the finder's button reached
//! early and its count announced, no self-check verdict before an answer.
//! Usage: node tests/browser/a11y.mjs SITE_DIR [--report]. Last line: "N passed, N failed".
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './site.mjs';

const site = path.resolve(process.argv[2] || process.env.REGKB_SITE || '');
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error('usage: node tests/browser/a11y.mjs SITE_DIR (a site built with `regkb build`)');
  process.exit(2);
}
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const base = pathToFileURL(site + '/').href;
const report = process.argv.includes('--report');
let passed = 0, failed = 0;
function check(ok, what, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${what}${detail ? '\n  ' + detail : ''}`); }
}
const first = (dir, re) => fs.readdirSync(path.join(site, dir)).filter((f) => re.test(f)).sort()[0];
const warning = first('warnings', /^f.*\.html$/);
const lesson = first('training', /^art.*\.html$/);

async function waitSearch(page) {
  await page.waitForFunction(() => document.getElementById('search-results')?.getAttribute('data-state') === 'done');
}

// Each state: a page, and what to do on it before axe runs.
const STATES = [
  ['home', 'index.html'],
  ['full text', 'r/xilingol/index.html'],
  ['article', 'r/xilingol/art_9.html'],
  ['case', 'cases/2025-0/2025-007.html'],
  ['cases list', 'cases.html'],
  ['risk', 'risks/concealed-records.html'],
  ['risks list', 'risks.html'],
  ['guides list', 'guides.html'],
  ['guide', 'guides/procedure.html'],
  ['dashboard', 'dashboard.html'],
  ['warnings index', 'warnings/index.html'],
  ['a warning', 'warnings/' + warning],
  ['search with results', 'search.html?q=' + encodeURIComponent('隐匿'), waitSearch],
  ['search with a filter pressed', 'search.html?q=' + encodeURIComponent('检查'), async (page) => {
    await waitSearch(page);
    // On a phone the filters are folded under their summary.
    if (!(await page.$eval('#search-filter-box', (d) => d.open))) await page.click('#search-filter-box > summary');
    await page.click('#search-facets button[data-facet="kind"]');
    await waitSearch(page);
  }],
  ['finder with results', 'similar.html', async (page) => {
    await page.waitForFunction(() => window.regkbSimilar && window.regkbSearch.data.cases);
    await page.fill('#similar-text', '检查时机构隐匿了学员台账，当时没有发现');
    await page.click('#similar-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('similar-results').getAttribute('data-state') === 'done');
  }],
  ['self-check, fresh', 'selfcheck.html'],
  ['self-check answered', 'selfcheck.html', async (page) => {
    for (const box of (await page.$$('#selfcheck input[type=checkbox]')).slice(0, 3)) await box.check();
  }],
  ['training index', 'training/index.html'],
  ['lesson, reading', 'training/' + lesson],
  ['lesson, presenting', 'training/' + lesson, async (page) => {
    await page.keyboard.press('f');
    await page.waitForFunction(() => document.body.classList.contains('presenting'));
    await page.keyboard.press('ArrowRight');
  }],
  ['quiz answered and submitted', 'training/quiz.html?paper=A', async (page) => {
    await page.waitForSelector('#paper li.paper-item:not([hidden])');
    for (const f of await page.$$('#paper li.paper-item:not([hidden]) fieldset.question')) {
      const inputs = await f.$$('input');
      await inputs[0].check();
    }
    const checkButton = await page.$('#paper li.paper-item:not([hidden]) button.q-check');
    if (checkButton) await checkButton.click();
    await page.click('#submit-paper');
  }],
  ['bank', 'training/bank.html'],
  ['404', '404.html'],
];

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, n: v.nodes.length, at: v.nodes.slice(0, 3).map((n) => n.target.join(' ')), why: v.nodes[0].failureSummary }))), TAGS);
}

async function keyboard() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Search: a combobox over the listbox; ↓/↑ point aria-activedescendant at an option.
  await page.goto(base + 'search.html');
  await page.waitForFunction(() => window.regkbSearch && window.regkbSearch.ui);
  const box = await page.$eval('#search-input', (i) => [i.getAttribute('role'), i.getAttribute('aria-controls')]);
  check(box[0] === 'combobox' && box[1] === 'search-results', 'search box is a combobox controlling the results', box.join());
  await page.focus('#search-input');
  await page.keyboard.type('不可抗力');
  await waitSearch(page);
  await page.waitForFunction(() => document.getElementById('search-results').getAttribute('data-query') === '不可抗力');
  check(await page.$eval('#search-input', (i) => i.getAttribute('aria-expanded')) === 'true', 'aria-expanded once results are shown');
  const announced = async () => page.evaluate(() => {
    const id = document.activeElement.getAttribute('aria-activedescendant');
    const opt = id && document.getElementById(id);
    return { focus: document.activeElement.id, role: opt && opt.getAttribute('role'), selected: opt && opt.getAttribute('aria-selected'),
      li: opt && opt.closest('li').getAttribute('data-id'), index: opt ? [...document.querySelectorAll('#search-results [role=option]')].indexOf(opt) : -1 };
  });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  let a = await announced();
  check(a.focus === 'search-input' && a.role === 'option' && a.selected === 'true' && a.index === 1, '↓ ↓: the box keeps focus and points at the 2nd option', JSON.stringify(a));
  await page.keyboard.press('ArrowUp');
  a = await announced();
  check(a.index === 0 && a.selected === 'true', '↑: back to the 1st option', JSON.stringify(a));
  const ids = await page.$$eval('#search-results li[data-id]', (l) => l.map((x) => x.getAttribute('data-id')));
  check(await page.$$eval('#search-results [aria-selected=true]', (l) => l.length) === 1, 'one option selected at a time');
  // Enter right after typing opens the first result of the query typed, not of a partial one.
  for (const q of ['不可抗力', '隐匿台账', '第九条第（四）项']) {
    await page.goto(base + 'search.html');
    await page.waitForFunction(() => window.regkbSearch && window.regkbSearch.ui);
    await page.focus('#search-input');
    await page.keyboard.type(q);
    // (The query kept in the address is a same-page change: wait for another page.)
    const [nav] = await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/search.html'), { timeout: 10000 }).then(() => page.url(), () => null),
      page.keyboard.press('Enter')]);
    const want = await page.goto(base + 'search.html?q=' + encodeURIComponent(q)).then(() => waitSearch(page))
      .then(() => page.$eval('#search-results li[data-id] > a', (x) => x.href));
    check(nav !== null && nav === want, `Enter right after typing ${q} opens its first result`, `${nav} vs ${want}`);
  }
  // A filter press keeps the focus on the filter (pressed by keyboard).
  await page.goto(base + 'search.html?q=' + encodeURIComponent('检查'));
  await waitSearch(page);
  await page.focus('#search-facets button[data-facet="kind"][data-value="0"]');
  await page.keyboard.press('Enter');
  await waitSearch(page);
  const f = await page.evaluate(() => [document.activeElement.getAttribute('data-facet'), document.activeElement.getAttribute('data-value'), document.activeElement.getAttribute('aria-pressed')]);
  check(f.join() === 'kind,0,true', 'a filter press keeps the focus on that filter, now pressed', f.join());
  check(ids.length > 0, 'the results are listed');

  // Focus rings: at least 3:1 against what is behind them (WCAG 1.4.11).
  for (const sel of ['#search-input', '#search-facets button', '#quick-q', '.site-header nav a', 'main a[href]', '.skip']) {
    await page.focus(sel);
    const ring = await page.evaluate(() => {
      const e = document.activeElement, st = getComputedStyle(e);
      const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
      let bg = e.parentElement;
      while (bg && rgb(getComputedStyle(bg).backgroundColor)[3] === 0) bg = bg.parentElement;
      const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
      // A translucent ring is seen blended with the background.
      const back = rgb(bg ? getComputedStyle(bg).backgroundColor : 'rgb(255,255,255)'), ring = rgb(st.outlineColor);
      const alpha = ring.length > 3 ? ring[3] : 1;
      const a = lum(ring.slice(0, 3).map((v, i) => alpha * v + (1 - alpha) * back[i])), b = lum(back);
      return { style: st.outlineStyle, width: parseFloat(st.outlineWidth), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    });
    if (report) console.log(`focus ring of ${sel}: ${ring.ratio.toFixed(2)}:1`);
    check(ring.style !== 'none' && ring.width >= 2 && ring.ratio >= 3, `focus ring of ${sel}: ${ring.ratio.toFixed(2)}:1`, JSON.stringify(ring));
  }
  // The skip link moves to the text without painting it all yellow.
  await page.focus('.skip');
  await page.keyboard.press('Enter');
  const painted = await page.$eval('main', (m) => getComputedStyle(m).backgroundColor);
  check(painted === 'rgb(255, 255, 255)', 'the skip link leaves <main> white', painted);

  // The finder: the search button among the first tab stops; the count announced.
  await page.goto(base + 'similar.html');
  await page.waitForFunction(() => window.regkbSimilar && window.regkbSearch.data.cases);
  let stops = 0, reached = false;
  for (; stops < 30 && !reached; stops++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.matches('#similar-form button[type=submit]'));
  }
  if (report) console.log(`the finder's search button is tab stop ${stops}`);
  check(reached && stops <= 20, `the finder's button is tab stop ${stops}`, String(stops));
  await page.fill('#similar-text', '检查时机构隐匿了学员台账');
  await page.keyboard.press('Tab');
  await page.click('#similar-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('similar-results').getAttribute('data-state') === 'done');
  const live = await page.$eval('#similar-status', (s) => [s.getAttribute('aria-live'), s.textContent]);
  const n = await page.$$eval('#similar-results li[data-id]', (l) => l.length);
  check(live[0] === 'polite' && live[1].includes(String(n)) && n > 0, 'the finder announces how many it found', live.join(' '));

  // The self-check: no verdict before any answer, one after.
  await page.goto(base + 'selfcheck.html');
  check(!(await page.$('#selfcheck-result .verdict')), 'no verdict before any answer', await page.textContent('#selfcheck-result'));
  await page.check('#selfcheck input[type=checkbox] >> nth=0');
  check(!!(await page.$('#selfcheck-result .verdict')), 'a verdict after the first answer');
  await context.close();
}

// A phone: the first search result on the first screen, the header's placeholder
// whole; and the text as read: no table borders in the notice, no doubled 释义.
async function phoneAndText() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(base + 'search.html?q=' + encodeURIComponent('隐匿'));
  await waitSearch(page);
  const top = await page.$eval('#search-results li[data-id]', (li) => li.getBoundingClientRect().top);
  check(top < 844 - 60, 'at 390 px the first result is on the first screen', `${Math.round(top)} px down`);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    const fit = await page.$eval('#quick-q', (input) => {
      const style = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return [Math.ceil(ctx.measureText(input.placeholder).width), Math.floor(room)];
    });
    check(fit[0] <= fit[1], `at ${width} px the header's placeholder fits its box`, `${fit[0]} px of text in ${fit[1]} px`);
  }
  await page.goto(base + 'r/xilingol/index.html');
  const notice = await page.$eval('details.preamble', (d) => d.textContent);
  check(!notice.includes('|'), 'the 印发通知 has no table borders', notice.slice(0, 120));
  for (const url of ['r/xilingol/index.html', 'r/xilingol/art_9.html']) {
    await page.goto(base + url);
    const doubled = await page.$$eval('details.annotation > summary', (s) => s.map((x) => x.textContent).filter((t) => t.split('释义').length > 2));
    check(doubled.length === 0, `${url}: no annotation titled 释义 twice`, doubled.slice(0, 3).join(' | '));
  }
  await context.close();
}

const browser = await launch();
try {
  for (const [width, label] of [[1280, 'desktop'], [390, 'phone'], [320, 'narrow phone']]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    for (const [name, url, prepare] of STATES) {
      // At 320 px only the width is measured (axe has seen each state twice by then).
      if (width === 320 && prepare && name !== 'finder with results') continue;
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(base + url);
        if (prepare) await prepare(page);
        const found = width === 320 ? [] : await axe(page);
        check(found.length === 0, `[${label}] axe: ${name} (${url})`, found.map((v) => `${v.id} ×${v.n} at ${v.at.join(', ')}\n    ${v.why}`).join('\n  '));
        const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        check(over <= 0, `[${label}] no sideways scroll: ${name}`, `${over} px too wide`);
        check(errors.length === 0, `[${label}] no script errors: ${name}`, errors.join('; '));
      } catch (e) {
        check(false, `[${label}] ${name} ran`, e.message);
      }
      await page.close();
    }
    await context.close();
  }
  for (const part of [keyboard, phoneAndText]) {
    try { await part(); } catch (e) { check(false, `${part.name} ran to the end`, e.message); }
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
