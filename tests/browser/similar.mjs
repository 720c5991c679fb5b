//! Browser test of the similar-case finder: headless Debian chromium opens
//! similar.html from file://, issue 6's acceptance paragraph (the first
//! description of tests/fixtures/similar/labels.toml) is pasted, and the top 5 must equal
//! `regkb similar --text … --json`; likewise with filters picked. The printed
//! report (print media) shows the report and no navigation or form.
//! Usage: node tests/browser/similar.mjs SITE_DIR. Last line: "N passed, N failed".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REGKB, REPO, launch } from './site.mjs';

const site = path.resolve(process.argv[2] || process.env.REGKB_SITE || '');
if (!fs.existsSync(path.join(site, 'similar.html'))) {
  console.error('usage: node tests/browser/similar.mjs SITE_DIR (a site built with `regkb build`)');
  process.exit(2);
}
const labels = fs.readFileSync(path.join(REPO, 'tests', 'fixtures', 'similar', 'labels.toml'), 'utf8');
const acceptance = JSON.parse('"' + labels.split('[[description]]')[1].match(/^text\s*=\s*"((?:[^"\\]|\\.)*)"/m)[1] + '"');
let passed = 0, failed = 0;
function check(ok, what, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${what}${detail ? '\n  ' + detail : ''}`); }
}
function cli(args) {
  const out = execFileSync(REGKB, ['similar', ...args, '--json', '--limit', '5', '--site', site], { encoding: 'utf8' });
  return JSON.parse(out).map((s) => s.id);
}

async function find(page, text, field, clauses) {
  await page.fill('#similar-text', text);
  await page.selectOption('#similar-field', field || '');
  for (const box of await page.$$('input[name=clause]')) await box.setChecked(clauses.includes(await box.getAttribute('value')));
  await page.click('#similar-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('similar-results').getAttribute('data-state') === 'done');
  return page.$$eval('#similar-results li[data-id]', (lis) => lis.map((li) => li.getAttribute('data-id')));
}

const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const base = pathToFileURL(site + '/').href;
  const requested = [];
  page.on('request', (r) => requested.push(r.url().slice(base.length)));
  await page.goto(base + 'similar.html');
  await page.waitForFunction(() => window.regkbSimilar && window.regkbSearch.data.cases);
  await page.waitForLoadState('load');
  // Opening the finder loads the page, its styles and scripts, meta.js and the small
  // head (cases.js: weights, labels, the case count), no per-case data.
  const opened = [...new Set(requested)].sort();
  const wantOpen = ['assets/similar.js', 'assets/site.js', 'assets/style.css', 'search/cases.js', 'search/meta.js', 'search/search.js', 'similar.html'];
  check(JSON.stringify(opened) === JSON.stringify(wantOpen), 'on open only the page, its scripts, meta.js and cases.js', opened.join());
  const head = await page.evaluate(() => window.regkbSearch.data.cases);
  check(head.cases === undefined && head.count >= 36, 'cases.js holds the case count, not the cases', Object.keys(head).join());
  const headBytes = fs.statSync(path.join(site, 'search', 'cases.js')).size;
  check(headBytes < 8 * 1024, 'cases.js is small', `${headBytes} bytes`);
  check((await page.evaluate(() => window.regkbSearch.loaded.length)) === 0, 'nothing loaded on demand before a query');

  const want = cli(['--text', acceptance]);
  const got = (await find(page, acceptance, '', [])).slice(0, 5);
  check(JSON.stringify(got) === JSON.stringify(want), 'file:// acceptance paragraph: top 5 = CLI', `browser ${got}\n  cli     ${want}`);
  const first5 = new Set(got.slice(0, 5));
  check(['2025-007', '2025-016', '2026-001', '2024-002'].every((id) => first5.has(id)), 'the hidden-records cases come first', got.join());
  const summary = await page.textContent('#similar-summary');
  check(/^\d+ 件类案：.*引用最多：第/.test(summary), 'summary line', summary);
  const loaded = await page.evaluate(() => window.regkbSearch.loaded);
  // The finder loads the lexicon groups of the description's characters (w/), the
  // model's groups of its terms (i/), the lists of the terms it keeps (s/) and the
  // rows of the cases shown (c/): nothing of the search index or its documents,
  // no metadata sets without filters.
  check(loaded.every((u) => /^(meta|[wi]\/x?\d+|s\/x\d+|c\/\d+)\.js$/.test(u)), 'only lexicon, model and shown rows are loaded', loaded.join());
  const shownCount = await page.$$eval('#similar-results li[data-id]', (l) => l.length);
  check(loaded.filter((u) => u.startsWith('c/')).length <= shownCount, 'one row file per shown case at most');

  const filtered = cli(['--text', '举报线索未核查', '--field', '校外培训监管', '--clause', 'art_12']);
  const gotFiltered = (await find(page, '举报线索未核查', '校外培训监管', ['art_12'])).slice(0, 5);
  check(JSON.stringify(gotFiltered) === JSON.stringify(filtered), 'with field and clause picked: top 5 = CLI', `browser ${gotFiltered}\n  cli     ${filtered}`);

  // The report: printed on A4 without navigation or form; the date is filled on print only.
  await find(page, acceptance, '', []);
  check((await page.textContent('#report-date')).trim() === '', 'no date before printing');
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('#similar-print');
  check(/^\d{4}年\d{1,2}月\d{1,2}日$/.test((await page.textContent('#report-date')).trim()), 'the date is filled on print');
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => {
    const visible = (sel) => { const e = document.querySelector(sel); return !!e && e.getClientRects().length > 0; };
    return { report: visible('#similar-report'), header: visible('.site-header'), form: visible('#similar-form'),
      rows: document.querySelectorAll('#report-rows tr').length, text: document.getElementById('report-text').textContent };
  });
  check(shown.report && !shown.header && !shown.form, 'print shows the report only', JSON.stringify(shown));
  check(shown.rows >= 5, 'the report lists the cases found', String(shown.rows));
  check(shown.text === acceptance.trim(), 'the report states the description');
  const pdf = await page.pdf({ format: 'A4' });
  check(pdf.length > 10000, 'prints to an A4 PDF', String(pdf.length));
  const stored = await page.evaluate(() => { try { return localStorage.length + sessionStorage.length; } catch (e) { return 0; } });
  check(stored === 0, 'nothing stored in the browser');
  check(errors.length === 0, 'no page errors', errors.join('; '));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
