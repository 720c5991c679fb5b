//! The JS similar-case ranking (assets/similar.js) gives the Rust ranking for
//! the queries in tests/js/fixtures/similar.json (written by tests/it/similar.rs
//! from the built bundled site: the case table, each query's encoded term lists
//! as the export holds them, and `regkb similar`'s answer).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { fixture, plain } = require('./load.js');

function loadSimilar() {
  const context = vm.createContext({ console });
  context.globalThis = context;
  for (const f of ['search/engine.js', 'search/store.js', 'similar.js']) {
    vm.runInContext(fs.readFileSync(path.join(__dirname, '..', '..', 'assets', f), 'utf8'), context, { filename: f });
  }
  return context;
}

const EMPTY = { docs: new Int32Array(0), impacts: new Int32Array(0) };

function rankFixture(ctx, table, q) {
  const core = ctx.regkbSearch.core, similar = ctx.regkbSimilar;
  const encoded = new Map(q.terms);
  const terms = similar.queryTerms(q.query.text);
  assert.deepEqual(plain(terms.map((t) => t[0])), q.terms.map((t) => t[0]), 'same terms as Rust');
  const lists = terms.map((t) => (encoded.get(t[0]) ? core.decodeList(encoded.get(t[0]), true) : EMPTY));
  const query = Object.assign({ field: null, action: null, clauses: [], risks: [], exclude: null }, q.query);
  return similar.rank(table, query, terms, lists).slice(0, q.expected.length).map((s) => {
    const c = table.cases[s.case];
    return { id: c.id, title: c.title, url: c.url, outcome: c.outcome, score: s.score, reasons: s.reasons };
  });
}

test('the JS ranking equals the Rust ranking, scores and reasons included', () => {
  const ctx = loadSimilar();
  const f = fixture('similar.json');
  assert.ok(f.queries.length >= 14);
  for (const q of f.queries) {
    assert.deepEqual(plain(rankFixture(ctx, f.table, q)), q.expected, q.query.text.slice(0, 30));
  }
});

test('a case never lists itself, and a changed weight changes the order', () => {
  const ctx = loadSimilar();
  const f = fixture('similar.json');
  const own = f.queries.find((q) => q.query.exclude);
  assert.ok(own);
  const ranked = rankFixture(ctx, f.table, own);
  assert.ok(ranked.every((r) => r.id !== own.query.exclude));
  // The fixture is sensitive: zero structured weights give another answer.
  const table = JSON.parse(JSON.stringify(f.table));
  table.weights = Object.assign(table.weights, { clause: 0, article: 0, field: 0, action: 0, risk: 0, implied_risk: 0 });
  assert.notDeepEqual(plain(rankFixture(ctx, table, own)), own.expected);
});

test('the summary counts outcomes and the most cited clause', () => {
  const ctx = loadSimilar();
  const f = fixture('similar.json');
  const found = f.queries[0].expected.slice(0, 5);
  const s = ctx.regkbSimilar.summary(f.table, found);
  assert.match(s, /^5 件类案：/);
  const total = [...s.matchAll(/ (\d+) 件/g)].reduce((n, m) => n + Number(m[1]), 0);
  assert.equal(total, 5);
  assert.match(s, /引用最多：第.+条/);
});
