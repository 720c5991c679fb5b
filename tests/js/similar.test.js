//! The JS similar-case ranking (assets/similar.js) over a built site's export
//! gives `regkb similar --text … --json` for every description of the
//! regression labels and of the held-out set, with filters too: scores and
//! reasons included. And it loads only what a query needs: the model's groups
//! of its terms, the lists of the terms it keeps, its filters' sets, the rows shown.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { loadEngine, plain } = require('./load.js');
const { builtSite, cli, descriptions, REPO } = require('./site.js');

function loadSimilar(siteDir) {
  const api = loadEngine(siteDir, ['similar.js']);
  vm.runInContext(fs.readFileSync(path.join(siteDir, 'search', 'cases.js'), 'utf8'), api.context);
  return api.context;
}


test('the JS ranking equals the CLI for every description, scores and reasons included', async () => {
  const ctx = loadSimilar(builtSite());
  const all = descriptions();
  assert.ok(all.length >= 24, `${all.length} descriptions`);
  for (const text of all) {
    const js = plain(await ctx.regkbSimilar.find({ text }, 10));
    assert.deepEqual(js, cli(['similar', '--text', text, '--limit', '10']), text.slice(0, 30));
  }
});

/** The pieces a query loaded, by folder of search/. */
function loadedBy(ctx, before) {
  const out = {};
  for (const u of ctx.regkbSearch.loaded.slice(before)) {
    const dir = u.includes('/') ? u.split('/')[0] : u;
    (out[dir] = out[dir] || []).push(u);
  }
  return out;
}

test('a query loads its groups, its kept lists, its filters and the rows shown', async () => {
  const ctx = loadSimilar(builtSite());
  const head = ctx.regkbSearch.data.cases;
  assert.equal(head.cases, undefined, 'cases.js holds no per-case rows');
  assert.ok(head.count >= 36 && head.chunk >= 1);
  let before = ctx.regkbSearch.loaded.length;
  const text = descriptions()[0];
  const found = await ctx.regkbSimilar.find({ text }, 10);
  const got = loadedBy(ctx, before);
  assert.deepEqual(Object.keys(got).sort(), ['c', 'i', 'meta.js', 's', 'w'].filter((d) => got[d]).sort());
  assert.ok(!got.m && !got.t && !got.d, 'no metadata sets without filters, nothing of the search index');
  assert.ok(got.i.length > 1 && got.c.length >= 1);
  assert.ok(got.c.length <= found.length, `${got.c.length} row files for ${found.length} cases`);
  assert.ok((got.s || []).length <= head.weights.max_query_terms, `${(got.s || []).length} lists`);
  assert.ok((got.s || []).every((u) => /^s\/x\d+\.js$/.test(u)));
  // Filters alone: their sets and the rows shown, no lexicon or model.
  before = ctx.regkbSearch.loaded.length;
  const only = await ctx.regkbSimilar.find({ text: '', field: '校外培训监管', clauses: ['art_12'] }, 10);
  const f = loadedBy(ctx, before);
  assert.ok(only.length > 0);
  assert.ok(!f.w && !f.i && !f.s, Object.keys(f).join());
  assert.ok(f.m && f.m.length <= 6, (f.m || []).join());
});

test('filters rank alike too, and filters alone rank without text', async () => {
  const ctx = loadSimilar(builtSite());
  const text = '培训机构隐匿台账，检查时没有发现';
  const q = { text, field: '校外培训监管', action: '行政检查', clauses: ['art_12', 'art_10__para_1__point_5'], risks: ['concealed-records'] };
  const want = cli(['similar', '--text', text, '--field', q.field, '--action', q.action, '--clause', 'art_12',
    '--clause', 'art_10__para_1__point_5', '--risk', 'concealed-records', '--limit', '10']);
  assert.deepEqual(plain(await ctx.regkbSimilar.find(q, 10)), want);
  const only = plain(await ctx.regkbSimilar.find({ text: '', clauses: ['art_12'] }, 10));
  assert.deepEqual(only, cli(['similar', '--text', '', '--clause', 'art_12', '--limit', '10']));
  assert.ok(only.length > 0 && only.every((s) => s.reasons.some((r) => r.includes('第十二条'))));
  // Every filter alone and together, over all cases (the bonus alone ranks them).
  const all = { text: '', field: '校园安全', action: '行政处罚', clauses: ['art_9', 'art_10__para_1__point_5'], risks: ['concealed-records'] };
  assert.deepEqual(plain(await ctx.regkbSimilar.find(all, 36)), cli(['similar', '--text', '', '--field', all.field, '--action', all.action,
    '--clause', 'art_9', '--clause', 'art_10__para_1__point_5', '--risk', 'concealed-records', '--limit', '36']));
});

test('key terms are words, never fragments or numbers', async () => {
  const ctx = loadSimilar(builtSite());
  for (const text of descriptions()) {
    for (const s of await ctx.regkbSimilar.find({ text }, 5)) {
      const key = s.reasons.find((r) => r.startsWith('关键词：'));
      if (!key) continue;
      for (const w of key.slice(4).split('、')) assert.match(w, /^[\u4e00-\u9fff]{2,}$/, w);
    }
  }
});

test('the summary counts outcomes and the most cited clause', async () => {
  const ctx = loadSimilar(builtSite());
  const found = plain(await ctx.regkbSimilar.find({ text: '培训机构隐匿台账' }, 5));
  const s = ctx.regkbSimilar.summary(ctx.regkbSearch.data.cases, found);
  assert.match(s, /^5 件类案：/);
  const total = [...s.matchAll(/ (\d+) 件/g)].reduce((n, m) => n + Number(m[1]), 0);
  assert.equal(total, 5);
  assert.match(s, /引用最多：第.+条/);
});
