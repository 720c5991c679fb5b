//! In-browser search figures for a built site: bytes a cold query loads, bytes a
//! follow-up query adds, and query latency once loaded (median, p95), in headless
//! chromium from file://. Figures are printed, not asserted.
//! Usage: node bench/browser-search.mjs SITE_DIR   (SITE_DIR/search.html must exist,
//! or is written from the skeleton in docs/search.md)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, runQuery, skeleton } from '../tests/browser/site.mjs';

const site = path.resolve(process.argv[2] || '');
if (!process.argv[2] || !fs.existsSync(path.join(site, 'search'))) {
  console.error('usage: node bench/browser-search.mjs SITE_DIR (a built site with search/)');
  process.exit(2);
}
if (!fs.existsSync(path.join(site, 'search.html'))) fs.writeFileSync(path.join(site, 'search.html'), skeleton());

const COLD = ['不可抗力', '隐匿台账', '容错免责', '第十条第（五）项', '执法记录仪', '预收费', '校园安全 暴雨', '2025', '收费流水', '责令整改'];
const LATENCY = COLD.concat(['抗力', '错纠', '容错纠错', '台账', '不可预见原因', '从轻处理', '减轻处理', '不予容错', '履职尽责',
  '第10条第1款第5项', '第九条第（四）项', '第十二条', '第九条至第十一条', 'PDF', 'ABC123', '2025年 台账', '超前超标培训',
  '纠错整改 延期', '检查规程', '招生划片', '教师资格 材料造假', '（四）', '第（三）项', '全过程记录', '检查', '执法人员',
  '培训机构', '学员名册', '书面告知', '局党组', '举报线索', '家长', '退费', '年检', '办学许可', '裁量基准', '罚款', '隐患复查',
  '安全事故', '请托人', '居住证明', '政策界限', '先行先试', '探索性失误', '固有利益', '挽回损失', '不良影响', '主动配合', '全额退费',
  '延至', '暴雪', '临机决断']);

/** Sum of the sizes of the local files behind these URLs. */
function bytes(urls) {
  return urls.reduce((sum, u) => sum + fs.statSync(fileURLToPath(u)).size, 0);
}
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
/** The kind of an export file: its folder (t, b, d, w, g, …) or its name (meta, facets, engine). */
function kindOf(u) {
  const rel = u.slice(u.lastIndexOf('/search/') + 8);
  if (/^search\.(js|css)$/.test(rel)) return 'engine';
  const slash = rel.indexOf('/');
  return slash > 0 ? rel.slice(0, slash) + '/' : rel.replace(/\.js$/, '');
}
/** Bytes per file kind, as "kind bytes" pairs, largest first. */
function breakdown(urls) {
  const by = {};
  for (const u of urls) by[kindOf(u)] = (by[kindOf(u)] || 0) + fs.statSync(fileURLToPath(u)).size;
  return Object.entries(by).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${kb(n)}`).join(', ');
}
/** Each file's path under search/ and size, in load order (REGKB_BENCH_FILES=1 prints it). */
function fileList(urls) {
  return urls.map((u) => `${u.slice(u.lastIndexOf('/search/') + 8)} ${fs.statSync(fileURLToPath(u)).size}`).join(', ');
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

const browser = await launch();
const base = pathToFileURL(site + '/').href;
const search = base + 'search/';
const cold = [];
let followUp = null;
for (const q of COLD) {
  const page = await browser.newPage();
  const urls = [];
  page.on('request', (r) => { if (r.url().startsWith(search)) urls.push(r.url().split('?')[0]); });
  await page.goto(base + 'search.html');
  await page.waitForFunction(() => window.regkbSearch && window.regkbSearch.ui);
  await runQuery(page, q);
  const all = [...new Set(urls)];
  const engine = all.filter((u) => /search\/search\.(js|css)$/.test(u));
  cold.push({ q, total: bytes(all), engine: bytes(engine), index: bytes(all) - bytes(engine), files: all.length, kinds: breakdown(all), list: fileList(all) });
  if (!followUp) {
    const before = new Set(all);
    await runQuery(page, '不可抗力 台账');
    const added = [...new Set(urls)].filter((u) => !before.has(u));
    followUp = { q: '不可抗力 台账', bytes: bytes(added), files: added.length, kinds: breakdown(added) };
  }
  await page.close();
}

const page = await browser.newPage();
await page.goto(base + 'search.html');
await page.waitForFunction(() => window.regkbSearch && window.regkbSearch.ui);
for (const q of LATENCY) await runQuery(page, q); // load every piece first
const times = await page.evaluate(async (qs) => {
  const out = [];
  for (let round = 0; round < 3; round++) {
    for (const q of qs) {
      const t = performance.now();
      await window.regkbSearch.ui.run(q);
      out.push(performance.now() - t);
    }
  }
  return out;
}, LATENCY);
await browser.close();

console.log(`site: ${site}`);
console.log('cold query (fresh page, search.html opened, one query typed):');
for (const c of cold) {
  console.log(`  ${c.q.padEnd(12, '　')} ${kb(c.total).padStart(9)} total = ${kb(c.engine)} engine + ${kb(c.index)} index pieces (${c.files} files)`);
  console.log(`      by kind: ${c.kinds}`);
  if (process.env.REGKB_BENCH_FILES) console.log(`      files: ${c.list}`);
}
const totals = cold.map((c) => c.total), idx = cold.map((c) => c.index);
console.log(`  cold total:  median ${kb(pct(totals, 0.5))}, max ${kb(Math.max(...totals))}`);
console.log(`  cold index pieces only: median ${kb(pct(idx, 0.5))}, max ${kb(Math.max(...idx))}`);
console.log(`follow-up query "${followUp.q}" after "${COLD[0]}": ${kb(followUp.bytes)} new (${followUp.files} files)`);
console.log(`      by kind: ${followUp.kinds}`);
const exportFiles = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) { if (e.name !== 'index' || dir !== path.join(site, 'search')) walk(path.join(dir, e.name)); }
    else exportFiles.push(fs.statSync(path.join(dir, e.name)).size);
  }
})(path.join(site, 'search'));
console.log(`export (search/ without index/): ${exportFiles.length} files, ${exportFiles.reduce((a, b) => a + b, 0)} bytes`);
console.log(`latency once loaded, ${LATENCY.length} queries × 3 (search + render): median ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`);
