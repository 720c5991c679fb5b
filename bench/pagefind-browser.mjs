//! Pagefind's figures on the same site, measured the way browser-search.mjs
//! measures ours: bytes a cold query loads (engine, wasm, index chunks and the
//! first 10 results' fragments), bytes a follow-up adds, latency once loaded.
//! Pagefind needs HTTP (fetch + wasm), so this serves the site on 127.0.0.1.
//! Usage: node bench/pagefind-browser.mjs SITE_DIR   (after `pagefind --site SITE_DIR`)
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from '../tests/browser/site.mjs';

const site = path.resolve(process.argv[2] || '');
if (!fs.existsSync(path.join(site, 'pagefind', 'pagefind.js'))) {
  console.error('usage: node bench/pagefind-browser.mjs SITE_DIR (with SITE_DIR/pagefind/ written by pagefind)');
  process.exit(2);
}
fs.writeFileSync(path.join(site, 'pagefind-bench.html'), '<!doctype html><meta charset="utf-8"><title>pagefind bench</title>\n');
const COLD = ['不可抗力', '隐匿台账', '容错免责', '第十条第（五）项', '执法记录仪', '预收费', '校园安全 暴雨', '2025', '收费流水', '责令整改'];
const LATENCY = COLD.concat(['抗力', '错纠', '容错纠错', '台账', '不可预见原因', '从轻处理', '减轻处理', '不予容错', '履职尽责',
  '第九条第（四）项', '第十二条', 'PDF', '超前超标培训', '纠错整改 延期', '检查规程', '招生划片', '教师资格 材料造假',
  '全过程记录', '检查', '执法人员', '培训机构', '学员名册', '书面告知', '局党组', '举报线索', '家长', '退费', '年检', '办学许可',
  '裁量基准', '罚款', '隐患复查', '安全事故', '请托人', '居住证明', '政策界限', '先行先试', '探索性失误', '固有利益', '挽回损失',
  '不良影响', '主动配合', '全额退费', '暴雪', '临机决断']);
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const size = (url) => { try { return fs.statSync(path.join(site, decodeURIComponent(new URL(url).pathname))).size; } catch { return 0; } };

async function query(page, q) {
  return page.evaluate(async (q) => {
    window.pf = window.pf || await import('/pagefind/pagefind.js');
    const r = await window.pf.search(q);
    await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    return r.results.length;
  }, q);
}

const server = await serve(site);
const browser = await launch();
const cold = [];
let followUp = null;
for (const q of COLD) {
  const page = await browser.newPage();
  const urls = new Set();
  page.on('request', (r) => { if (r.url().includes('/pagefind/')) urls.add(r.url()); });
  await page.goto(server.url + 'pagefind-bench.html');
  await query(page, q);
  const total = [...urls].reduce((s, u) => s + size(u), 0);
  cold.push({ q, total, files: urls.size });
  if (!followUp) {
    const before = new Set(urls);
    await query(page, '不可抗力 台账');
    const added = [...urls].filter((u) => !before.has(u));
    followUp = { bytes: added.reduce((s, u) => s + size(u), 0), files: added.length };
  }
  await page.close();
}
const page = await browser.newPage();
await page.goto(server.url + 'pagefind-bench.html');
for (const q of LATENCY) await query(page, q);
const times = [];
for (let round = 0; round < 3; round++) {
  for (const q of LATENCY) {
    times.push(await page.evaluate(async (q) => {
      const t = performance.now();
      const r = await window.pf.search(q);
      await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return performance.now() - t;
    }, q));
  }
}
await browser.close();
server.close();
console.log('pagefind cold query (fresh page, one search + 10 result fragments; compressed bytes on disk):');
for (const c of cold) console.log(`  ${c.q.padEnd(12, '　')} ${kb(c.total).padStart(9)} (${c.files} files)`);
console.log(`  cold total: median ${kb(pct(cold.map((c) => c.total), 0.5))}, max ${kb(Math.max(...cold.map((c) => c.total)))}`);
console.log(`pagefind follow-up "不可抗力 台账": ${kb(followUp.bytes)} new (${followUp.files} files)`);
console.log(`pagefind latency once loaded, ${LATENCY.length} queries × 3: median ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms`);
