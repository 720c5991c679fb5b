//! Browser test of a regulation with two versions (a site built from
//! tests/fixtures/kb-versions), from file://: the 修改对照表 shows its marks, links to
//! every version's pages, passes axe (WCAG 2.1 A/AA) and prints on A4 without
//! navigation; an earlier version's article page says it was amended.
//! Usage: node tests/browser/versions.mjs SITE_DIR. Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { launch } from './site.mjs';

const site = path.resolve(process.argv[2] || '');
if (!fs.existsSync(path.join(site, 'r', 'rules', 'changes.html'))) {
  console.error('usage: node tests/browser/versions.mjs SITE_DIR (built from tests/fixtures/kb-versions)');
  process.exit(2);
}
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const base = pathToFileURL(site + '/').href;
let passed = 0, failed = 0;
function check(ok, what, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${what}${detail ? '\n  ' + detail : ''}`); }
}
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => `${v.id} ×${v.nodes.length}`)));
}

const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + 'r/rules/changes.html');
  const marks = await page.evaluate(() => ({ del: document.querySelectorAll('table.compare del').length, ins: document.querySelectorAll('table.compare ins').length,
    rows: [...document.querySelectorAll('tr.change')].map((r) => r.querySelector('.compare-kind').textContent) }));
  check(marks.del >= 2 && marks.ins >= 3, 'the comparison marks deleted and inserted text', JSON.stringify(marks));
  check(JSON.stringify(marks.rows) === JSON.stringify(['新增', '修改', '删除', '条号调整']), 'added, amended, removed and renumbered articles', marks.rows.join());
  const struck = await page.$eval('table.compare del', (d) => getComputedStyle(d).textDecorationLine);
  check(struck.includes('line-through'), 'deletions are struck through', struck);
  const v = await axe(page);
  check(v.length === 0, 'axe: the comparison', v.join(', '));

  // Print: A4, no navigation, rows whole.
  await page.emulateMedia({ media: 'print' });
  check(await page.$eval('.site-header', (h) => getComputedStyle(h).display) === 'none', 'no navigation in print');
  check(await page.$eval('tr.change', (r) => getComputedStyle(r).breakInside) === 'avoid', 'a row is not split across pages');
  await page.emulateMedia({ media: 'screen' });
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  check(pages >= 1 && pages <= 4, `the comparison prints on A4 (${pages} pages)`);

  // Into the earlier version, from the comparison's column heading.
  await page.click('table.compare thead th:first-child a');
  check(page.url().endsWith('r/rules/v/2024-10-14/index.html'), 'the column heading opens the earlier version', page.url());
  check(/本页为 2024-10-14 起施行的文本/.test(await page.textContent('.version-banner')), 'the earlier version says which it is');
  await page.goto(base + 'r/rules/v/2024-10-14/art_13.html');
  const banner = await page.textContent('.version-banner');
  check(/已被修改/.test(banner) && /本条沿革/.test(banner), 'an amended article says so, with its timeline', banner);
  await page.click('.version-banner a:has-text("查看现行文本")');
  check(page.url().endsWith('r/rules/art_13.html'), 'and links the current text', page.url());
  const w = await axe(page);
  check(w.length === 0, 'axe: the current article with its banner', w.join(', '));
  // Search: the current text by default, the earlier one behind the 其他版本 filter.
  await page.goto(base + 'search.html?q=' + encodeURIComponent('7日内告知'));
  await page.waitForFunction(() => document.getElementById('search-results').getAttribute('data-state') === 'done');
  const shown = () => page.$$eval('#search-results li[data-id]', (l) => l.map((x) => x.getAttribute('data-id')));
  const first = await shown();
  check(first.length > 0 && first.every((id) => !id.includes('@')), 'search shows the current text by default', first.join());
  const button = await page.$('button[data-facet="kind"]:has-text("其他版本")');
  check(!!button, 'a 其他版本 filter is offered');
  if (button) {
    await button.click();
    await page.waitForFunction(() => document.querySelector('#search-results li[data-id*="@"]'));
    const old = await shown();
    check(old[0] === 'rules@2024-10-14/art_13', 'the filter shows the earlier text', old.join());
  }
  check(errors.length === 0, 'no script errors', errors.join('\n  '));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
