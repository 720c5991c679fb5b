//! Browser test of old case addresses: before the case pages moved into folders
//! (cases/2025-0/2025-001.html) they were cases/2025-001.html, and such addresses live
//! on in bookmarks and printed 类案检索报告. Over HTTP, with a server that answers a
//! missing page with the site's 404.html, an old address lands on the case's page
//! (fragment kept); any other missing page stays on the 404 page.
//! Usage: node tests/browser/moved.mjs SITE_DIR. Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from './site.mjs';

const site = path.resolve(process.argv[2] || '');
if (!fs.existsSync(path.join(site, 'cases.html'))) {
  console.error('usage: node tests/browser/moved.mjs SITE_DIR');
  process.exit(2);
}
let passed = 0, failed = 0;
function check(ok, what, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${what}${detail ? '\n  ' + detail : ''}`); }
}

// Every case page the site has, as its new address.
const pages = [...fs.readFileSync(path.join(site, 'cases.html'), 'utf8').matchAll(/href="(cases\/[^"/]+\/([^"/]+)\.html)"/g)]
  .map((m) => ({ now: m[1], id: m[2] }));
const server = await serve(site);
const browser = await launch();
try {
  check(pages.length > 0, 'cases.html links case pages in folders', String(pages.length));
  const page = await browser.newPage();
  for (const { now, id } of pages.slice(0, 8)) {
    await page.goto(server.url + `cases/${encodeURIComponent(id)}.html#facts`);
    await page.waitForURL((u) => !u.pathname.endsWith(`/cases/${encodeURIComponent(id)}.html`), { timeout: 5000 }).catch(() => {});
    const at = new URL(page.url());
    check(at.pathname === '/' + now && at.hash === '#facts', `cases/${id}.html goes to ${now}`, page.url());
    const title = await page.title();
    check(!title.includes('找不到'), `${now} is the case page`, title);
  }
  await page.goto(server.url + 'risks/no-such-risk.html');
  check((await page.title()).includes('找不到该页面'), 'another missing page stays on the 404 page', await page.title());
  await page.goto(server.url + 'cases/no-such-case.html');
  await page.waitForLoadState('load');
  check((await page.title()).includes('找不到该页面'), 'an old address of a case that does not exist ends on the 404 page', page.url());
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
