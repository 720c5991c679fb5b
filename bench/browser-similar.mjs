//! Bytes the similar-case finder loads, in headless chromium from file://: opening
//! similar.html (the page, its stylesheet and scripts, and whatever data they load
//! before anything is typed), then one query on that fresh page — every
//! description of the label files without filters, some with filters, and filters
//! alone. Every file the page requests is counted, by its size on disk. Figures
//! are printed, not asserted.
//! Usage: node bench/browser-similar.mjs SITE_DIR [--brief]   (a site built by `regkb build`;
//! --brief: 8 descriptions instead of all 28)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../tests/browser/site.mjs';
import jsSite from '../tests/js/site.js';

const { descriptions } = jsSite;

const site = path.resolve(process.argv[2] || '');
if (!process.argv[2] || !fs.existsSync(path.join(site, 'similar.html'))) {
  console.error('usage: node bench/browser-similar.mjs SITE_DIR [--brief] (a site built with `regkb build`)');
  process.exit(2);
}
const brief = process.argv.includes('--brief');


const texts = descriptions();
const plainTexts = brief ? texts.filter((_, i) => i % 4 === 0) : texts;
// Filters as a person picks them: the values are the page's own options.
const FILTERS = [
  { name: 'field', field: 0 },
  { name: 'field+action', field: 0, action: '行政检查' },
  { name: 'clause', clauses: ['art_12'] },
  { name: 'all', field: 2, action: '行政处罚', clauses: ['art_12', 'art_10__para_1__point_5'], risk: 'concealed-records' },
];
// The heaviest: every kind of filter, three whole articles and two items (their sets are the largest).
const MANY = { name: 'many', field: 1, action: '行政检查', clauses: ['art_9', 'art_10', 'art_12', 'art_10__para_2', 'art_11__para_1__point_1'],
  risk: 'concealed-records' };
const longest = texts.reduce((a, b) => (Array.from(b).length > Array.from(a).length ? b : a));
const runs = plainTexts.map((text) => ({ kind: 'text', text, filter: {} }));
for (const [i, text] of texts.filter((_, i) => i % 7 === 0).entries()) {
  const f = FILTERS[i % FILTERS.length];
  runs.push({ kind: 'text+' + f.name, text, filter: f });
}
runs.push({ kind: 'text+many', text: longest, filter: MANY });
for (const f of FILTERS.concat([MANY])) runs.push({ kind: 'only ' + f.name, text: '', filter: f });

function size(url) {
  return fs.statSync(fileURLToPath(url)).size;
}
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

async function pick(page, f) {
  const fields = await page.$$eval('#similar-field option', (os) => os.map((o) => o.value).filter(Boolean));
  await page.selectOption('#similar-field', f.field === undefined ? '' : fields[f.field % fields.length]);
  await page.selectOption('#similar-action', f.action || '');
  const risks = await page.$$eval('#similar-risk option', (os) => os.map((o) => o.value));
  await page.selectOption('#similar-risk', f.risk && risks.includes(f.risk) ? f.risk : '');
  const want = f.clauses || [];
  for (const box of await page.$$('input[name=clause]')) await box.setChecked(want.includes(await box.getAttribute('value')));
}

const browser = await launch();
const base = pathToFileURL(site + '/').href;
const rows = [];
let open = null;
try {
  for (const r of runs) {
    const page = await browser.newPage();
    const urls = [];
    page.on('request', (q) => { if (q.url().startsWith('file:')) urls.push(q.url().split(/[?#]/)[0]); });
    await page.goto(base + 'similar.html');
    await page.waitForLoadState('load');
    await page.waitForFunction(() => window.regkbSimilar && window.regkbSearch.data.cases);
    const opened = [...new Set(urls)];
    const openBytes = opened.reduce((s, u) => s + size(u), 0);
    if (!open) open = { bytes: openBytes, files: opened.map((u) => [u.slice(base.length), size(u)]) };
    await page.fill('#similar-text', r.text);
    await pick(page, r.filter);
    await page.click('#similar-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('similar-results').getAttribute('data-state') === 'done');
    const added = [...new Set(urls)].filter((u) => !opened.includes(u));
    const shown = await page.$$eval('#similar-results li[data-id]', (l) => l.length);
    const byDir = {};
    for (const u of added) {
      const rel = u.slice(base.length);
      const dir = rel.replace(/\/[^/]*$/, '/');
      byDir[dir] = (byDir[dir] || 0) + size(u);
    }
    rows.push({ ...r, open: openBytes, query: added.reduce((s, u) => s + size(u), 0), files: added.length, shown, byDir });
    await page.close();
  }
} finally {
  await browser.close();
}

console.log(`site: ${site}`);
console.log(`open similar.html: ${kb(open.bytes)} in ${open.files.length} files`);
for (const [f, n] of open.files) console.log(`  ${f.padEnd(28)} ${kb(n).padStart(10)}`);
console.log('one query on the opened page (new files only):');
for (const r of rows) {
  const parts = Object.entries(r.byDir).sort().map(([d, n]) => `${d} ${kb(n)}`).join(', ');
  console.log(`  ${r.kind.padEnd(18)} ${kb(r.query).padStart(9)} (${r.files} files, ${r.shown} shown) ${(r.text || '（无描述）').slice(0, 14)}…  [${parts}]`);
}
const opens = rows.map((r) => r.open);
console.log(`open: median ${kb(median(opens))}, max ${kb(Math.max(...opens))} over ${rows.length} fresh pages`);
for (const [label, sel] of [['without filters', (r) => r.kind === 'text'], ['with filters', (r) => r.kind.startsWith('text+')],
  ['filters only', (r) => r.kind.startsWith('only')], ['all queries', () => true]]) {
  const q = rows.filter(sel).map((r) => r.query);
  if (q.length) console.log(`query, ${label}: median ${kb(median(q))}, max ${kb(Math.max(...q))} (${q.length} queries)`);
}
