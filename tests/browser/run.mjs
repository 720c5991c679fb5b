//! Browser test of search: headless Debian chromium, from file:// and from a
//! local HTTP server; for every parity query the browser's top 10 must equal
//! `regkb search --json`'s. Usage: node tests/browser/run.mjs [SITE_DIR]
//! (or REGKB_SITE); without one it builds a fixture site. Last line of output:
//! "N passed, N failed"; exit status 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, cliTop, launch, prepareSite, runQuery, serve } from './site.mjs';

const site = prepareSite(process.argv[2] || process.env.REGKB_SITE, 300);
const queries = JSON.parse(fs.readFileSync(path.join(REPO, 'tests', 'js', 'fixtures', 'expected.json'), 'utf8'))
  .map(([q]) => q)
  .concat(['检查', 'abc123', '<script>alert(1)</script>', '第十条第一款第（五）项', '执法人员 全程记录'])
  // The held-out queries (tests/fixtures/heldout/queries.toml): browser = CLI on queries nobody tuned on.
  .concat([...fs.readFileSync(path.join(REPO, 'tests', 'fixtures', 'heldout', 'queries.toml'), 'utf8')
    .matchAll(/^q\s*=\s*"((?:[^"\\]|\\.)*)"/gm)].map((m) => JSON.parse('"' + m[1] + '"')));
let passed = 0, failed = 0;
function check(ok, what, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${what}${detail ? '\n  ' + detail : ''}`); }
}

const expected = new Map(queries.map((q) => [q, cliTop(site, q)]));
const server = await serve(site);
const browser = await launch();
try {
  for (const [mode, base] of [['file', pathToFileURL(site + '/').href], ['http', server.url]]) {
    try {
      await checkMode(mode, base);
    } catch (e) {
      check(false, `[${mode}] ran to the end`, e.message);
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

async function checkMode(mode, base) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + 'search.html');
    await page.waitForFunction(() => window.regkbSearch && window.regkbSearch.ui);
    for (const q of queries) {
      const got = (await runQuery(page, q)).slice(0, 10);
      const want = expected.get(q);
      check(JSON.stringify(got) === JSON.stringify(want), `[${mode}] ${q}`, `browser ${JSON.stringify(got)}\n  cli     ${JSON.stringify(want)}`);
    }
    // The query is kept in the URL and read back on load.
    await runQuery(page, '不可抗力');
    check(new URL(page.url()).searchParams.get('q') === '不可抗力', `[${mode}] ?q= kept in the URL`, page.url());
    const shared = await browser.newPage();
    await shared.goto(base + 'search.html?q=' + encodeURIComponent('第九条第（四）项'));
    await shared.waitForFunction(() => document.getElementById('search-results').getAttribute('data-state') === 'done');
    const first = await shared.$eval('#search-results li[data-id]', (li) => li.getAttribute('data-id'));
    check(first === 'art_9__para_1__point_4', `[${mode}] ?q= on load runs the query and jumps first`, first);
    await shared.close();
    // Snippets mark the match and escape markup.
    await runQuery(page, '不可抗力');
    const marks = await page.$$eval('#search-results mark', (m) => m.map((x) => x.textContent));
    check(marks.some((m) => m.includes('不可抗力')), `[${mode}] snippets highlight the phrase`, marks.slice(0, 5).join());
    await runQuery(page, '<script>alert(1)</script>');
    check((await page.$$('#search-results script')).length === 0, `[${mode}] markup in queries is escaped`);
    // Every word must match: 执法记录仪 finds only the documents holding it (the CLI's count, all
    // of them: 35,589 on a 100k-case site);
    // two words no document holds together give partial matches, and the page says so.
    await runQuery(page, '执法记录仪');
    const all = cliTop(site, '执法记录仪', 1000000).length;
    check((await page.textContent('#search-status')).includes('共 ' + all + ' 条结果'), `[${mode}] 执法记录仪: ${all} results, as the CLI`,
      await page.textContent('#search-status'));
    await runQuery(page, '食堂 台账');
    check((await page.textContent('#search-status')).startsWith('没有同时包含“食堂”“台账”的结果，以下为部分匹配'), `[${mode}] partial matches are announced`,
      await page.textContent('#search-status'));
    // Facet counts: kind counts add up to the number of matches.
    await runQuery(page, '台账');
    const status = await page.textContent('#search-status');
    const kinds = await page.$$eval('fieldset[data-facet="kind"] .search-count', (c) => c.map((x) => Number(x.textContent)));
    const total = Number((/共 (\d+) 条/.exec(status) || [])[1]);
    check(total > 0 && kinds.reduce((a, b) => a + b, 0) === total, `[${mode}] kind counts add up to the matches`, `${kinds} vs ${status}`);
    // A facet filter narrows the list to that kind.
    await page.click('fieldset[data-facet="kind"] button:has-text("案例")');
    await page.waitForFunction(() => document.getElementById('search-results').getAttribute('data-state') === 'done');
    const filtered = await page.$$eval('#search-results li[data-id]', (l) => l.map((x) => x.getAttribute('data-id')));
    check(filtered.length > 0 && filtered.every((id) => id.startsWith('case:')), `[${mode}] the kind filter keeps only cases`, filtered.join());
    await page.click('fieldset[data-facet="kind"] button[aria-pressed="true"]');
    // Keyboard: / focuses the box, ↓ selects, Enter opens the selected result.
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('/');
    check(await page.evaluate(() => document.activeElement.id === 'search-input'), `[${mode}] / focuses the search box`);
    await runQuery(page, '不可抗力');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const target = await page.$eval('#search-results li.is-active a', (a) => a.href);
    const second = await page.$eval('#search-results li:nth-child(2) a', (a) => a.href);
    check(target === second, `[${mode}] ↓ ↓ selects the second result`);
    // The fixture has no result pages: watch the request, not the page that fails to load.
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    // A request carries no #fragment: compare the page part of the link.
    check(requested.includes(target.split('#')[0]), `[${mode}] Enter opens the selected result`, requested.join());
    check(errors.length === 0, `[${mode}] no page errors`, errors.join('; '));
    await page.close();
}
