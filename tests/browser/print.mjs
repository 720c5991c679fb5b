//! Print test: A4 PDFs from headless Debian chromium (as a reader's print, with the
//! folded annotations opened) of the full text, the text-only full text, an article,
//! a case, the similar-case report, the self-check, a warning page and a lesson's
//! handout; each page's text read back with poppler's pdftotext. Asserts the page
//! count within a band, no nearly empty page, the blocks that must stay whole, and a
//! footer with the document's title and "第 N 页 / 共 M 页" on every page.
//! Usage: node tests/browser/print.mjs SITE_DIR [--report]. Last line: "N passed, N failed".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './site.mjs';

const site = path.resolve(process.argv[2] || process.env.REGKB_SITE || '');
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error('usage: node tests/browser/print.mjs SITE_DIR (a site built with `regkb build`)');
  process.exit(2);
}
const report = process.argv.includes('--report');
const base = pathToFileURL(site + '/').href;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'regkb-print-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
let passed = 0, failed = 0;
function check(ok, what, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${what}${detail ? '\n  ' + detail : ''}`); }
}
const first = (dir, re) => fs.readdirSync(path.join(site, dir)).filter((f) => re.test(f)).sort()[0];
const ink = (s) => s.replace(/\s+/g, '').length;

/** The text of each page of `pdf` (pdftotext separates pages with form feeds). */
function pagesOf(pdf, name) {
  const file = path.join(tmp, name.replace(/\W+/g, '_') + '.pdf');
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

async function finder(page) {
  await page.waitForFunction(() => window.regkbSimilar && window.regkbSearch.data.cases);
  await page.fill('#similar-text', '对校外培训机构开展检查时，机构隐匿了学员台账，检查当时没有发现问题，后被举报');
  await page.click('#similar-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('similar-results').getAttribute('data-state') === 'done');
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('#similar-print');
}
// The verdict block's first and last words: it must not split across pages.
async function verdict(page) {
  const text = (await page.textContent('#selfcheck-result')).replace(/\s+/g, '');
  return [text.slice(0, 8), text.slice(-8)];
}
async function selfcheck(page) {
  for (const box of (await page.$$('#selfcheck input[type=checkbox]')).slice(0, 4)) await box.check();
}

// name, url, [min, max] pages, the title the footer names, what to do first, texts that must share a page.
const DOCS = [
  ['full text', 'r/xilingol/index.html', [40, 56], '锡林郭勒盟教育局行政执法尽职免责和容错纠错制度'],
  ['full text, text only', 'r/xilingol/index.html?print=text', [3, 8], '锡林郭勒盟教育局行政执法尽职免责和容错纠错制度'],
  ['article', 'r/xilingol/art_10.html', [10, 20], '第十条'],
  ['case', 'cases/2025-0/2025-007.html', [1, 4], null, null, [['纠错整改情况', '整改期限']]],
  ['similar-case report', 'similar.html', [2, 2], '类案检索', finder, [['六、检索结论', '检索人（签字）']]],
  ['self-check', 'selfcheck.html', [2, 6], null, selfcheck, [verdict]],
  ['warning page', 'warnings/' + first('warnings', /^f.*\.html$/), [2, 12], null],
  ['lesson handout', 'training/' + first('training', /^art.*\.html$/), [2, 14], null],
];

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const [name, url, [min, max], title, prepare, together] of DOCS) {
    const page = await context.newPage();
    try {
      await page.goto(base + url);
      if (prepare) await prepare(page);
      // What the reader's print does first: every folded annotation opened.
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const pages = pagesOf(await page.pdf({ format: 'A4' }), name).map((p) => p.replace(/\s+/g, ''));
      const counts = pages.map(ink);
      if (report) console.log(`${name}: ${pages.length} pages; characters per page ${counts.join(' ')}`);
      check(pages.length >= min && pages.length <= max, `${name}: ${pages.length} A4 pages, within ${min}–${max}`);
      const fullest = Math.max(...counts);
      // A page holding less than a sixth of the fullest page's text is a page wasted
      // (the last page may be short: the document ends there).
      const empty = counts.slice(0, -1).map((c, i) => [i + 1, c]).filter(([, c]) => c < fullest / 6);
      check(empty.length === 0, `${name}: no nearly empty page`, empty.map(([i, c]) => `page ${i}: ${c} characters (fullest ${fullest})`).join('; '));
      const footers = pages.map((p, i) => p.includes(`第${i + 1}页/共${pages.length}页`));
      check(footers.every(Boolean), `${name}: every page is numbered "第 N 页 / 共 ${pages.length} 页"`, footers.map((f, i) => f ? '' : i + 1).filter(Boolean).join());
      const wantTitle = (title || (await page.title()).split(' · ')[0]).replace(/\s+/g, '');
      check(pages.every((p) => p.includes(wantTitle)), `${name}: every page names the document (${wantTitle})`);
      // No heading left at the foot of a page, its text on the next.
      const headings = await page.$$eval('main h2, main h3, main h4', (hs) => {
        // (A contents list repeats the headings: a page may end with it.)
        const listed = new Set([...document.querySelectorAll('nav a')].map((a) => a.textContent.replace(/\s+/g, '')));
        return hs.map((h) => h.textContent.replace(/\s+/g, '')).filter((t) => t.length >= 2 && !listed.has(t));
      });
      const footer = new RegExp(wantTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '第\\d+页/共\\d+页$');
      const stranded = pages.slice(0, -1).map((p, i) => [i + 1, headings.find((h) => p.replace(footer, '').endsWith(h))]).filter(([, h]) => h);
      check(stranded.length === 0, `${name}: no heading stranded at a page foot`, stranded.map(([i, h]) => `page ${i}: ${h}`).join('; '));
      for (let group of together || []) {
        if (typeof group === 'function') group = await group(page);
        const where = group.map((t) => pages.findIndex((p) => p.includes(t)));
        check(where.every((w) => w >= 0 && w === where[0]), `${name}: ${group.join(' … ')} on one page`, where.map((w) => w + 1).join());
      }
      if (name === 'full text, text only') {
        const all = pages.join('');
        check(all.includes('第十九条'), 'text only: the articles are printed');
        check(!all.includes('释义') && !all.includes('个案例援引'), 'text only: no annotations or backlinks');
      }
    } catch (e) {
      check(false, `${name} printed`, e.message);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
