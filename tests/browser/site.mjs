//! Shared by the browser test and the benchmark: the site under test (given, or
//! a fixture built with examples/search_fixture.rs), the CLI's answers, a
//! static HTTP server, and headless chromium.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(REPO, 'target');
export const REGKB = path.join(TARGET, 'release', 'regkb');

function cargo(args) {
  execFileSync('cargo', args, { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The page skeleton documented in docs/search.md. */
export function skeleton() {
  const doc = fs.readFileSync(path.join(REPO, 'docs', 'search.md'), 'utf8');
  const at = doc.indexOf('<!-- search-skeleton');
  const m = /```html\n([\s\S]*?)```/.exec(doc.slice(at));
  if (at < 0 || !m) throw new Error('docs/search.md has no search skeleton');
  return m[1];
}

/**
 * The site dir to test: argv/env if given, else a fixture of the bundled content
 * plus `synthetic` cases. Builds regkb; writes search.html from the skeleton if the
 * site has none.
 */
export function prepareSite(given, synthetic) {
  cargo(['build', '--release', '--quiet', '--bin', 'regkb']);
  let site = given;
  if (!site) {
    cargo(['build', '--release', '--quiet', '--example', 'search_fixture']);
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'regkb-search-'));
    const out = execFileSync(path.join(TARGET, 'release', 'examples', 'search_fixture'), [site, '--synthetic', String(synthetic)]);
    process.stderr.write('fixture: ' + out);
    process.on('exit', () => fs.rmSync(site, { recursive: true, force: true }));
  }
  site = path.resolve(site);
  if (!fs.existsSync(path.join(site, 'search.html'))) fs.writeFileSync(path.join(site, 'search.html'), skeleton());
  return site;
}

export function cliTop(site, query, limit = 10) {
  const out = execFileSync(REGKB, ['search', query, '--json', '--limit', String(limit), '--site', site], { encoding: 'utf8' });
  return JSON.parse(out).map((h) => h.id);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** A static server on 127.0.0.1 for `site`, answering a missing page with the site's
 * 404.html as most web servers are set up to; resolves to {url, close}. */
export function serve(site) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(site, rel.endsWith('/') ? rel + 'index.html' : rel);
    if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
    fs.readFile(file, (err, body) => {
      if (err) {
        fs.readFile(path.join(site, '404.html'), (e, page) => {
          res.writeHead(404, { 'content-type': TYPES['.html'] });
          res.end(e ? '' : page);
        });
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() });
  }));
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/** Types `query` into the page's box and resolves to the ids shown, in order. */
export async function runQuery(page, query) {
  await page.fill('#search-input', query);
  await page.waitForFunction((q) => {
    const r = document.getElementById('search-results');
    return r.getAttribute('data-query') === q && r.getAttribute('data-state') === 'done';
  }, query);
  return page.$$eval('#search-results li[data-id]', (lis) => lis.map((li) => li.getAttribute('data-id')));
}
