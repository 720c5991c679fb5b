//! The JS ranking over the fixture export gives the CLI's top 10
//! (tests/js/fixtures/expected.json, written by a Rust test from `search()`),
//! and a query loads only the pieces it needs.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadEngine, fixture, plain } = require('./load.js');

test('top 10 equals the CLI for every parity query', async () => {
  const api = loadEngine();
  const expected = fixture('expected.json');
  assert.ok(expected.length >= 30);
  for (const [query, ids] of expected) {
    assert.deepEqual(plain(await api.topIds(query, 10)), ids, query);
  }
});

test('top 60 equals the CLI too: a phrase list gives the first results, the whole ranking the rest', async () => {
  const api = loadEngine();
  const expected = fixture('expected-60.json');
  let phrases = 0;
  for (const [query, ids] of expected) {
    assert.deepEqual(plain(await api.topIds(query, 60)), ids, query);
    const key = '=' + query, bucket = api.data.buckets[api.core.fnv1a(key) & (api.data.meta.buckets - 1)];
    if ((await api.search(query)).words.length > 1 && bucket && key in bucket) phrases++;
  }
  assert.ok(phrases >= 2, `${phrases} parity queries have a phrase list`);
});

test('a citation jumps to its clause first', async () => {
  const api = loadEngine();
  assert.equal((await api.topIds('第10条第1款第5项', 10))[0], 'art_10__para_1__point_5');
  assert.equal((await api.topIds('第九条第（四）项', 10))[0], 'art_9__para_1__point_4');
});

test('a query loads only the buckets of its keys; a follow-up only new pieces', async () => {
  const api = loadEngine();
  const r = await api.search('不可抗力');
  const core = api.core, buckets = api.data.meta.buckets;
  const p = core.plan('不可抗力');
  // The word holds its bigrams and pairs: their buckets are not needed, only
  // the query's terms (impacts) and the word's holder list.
  assert.deepEqual(plain(r.words), ['不可抗力']);
  const keys = p.terms.concat(['=不可抗力']);
  const want = new Set(keys.map((k) => 't/' + (core.fnv1a(k) & (buckets - 1)) + '.js'));
  const loadedBuckets = api.loaded.filter((u) => u.startsWith('t/'));
  assert.deepEqual(new Set(loadedBuckets), want);
  assert.ok(!api.loaded.includes('clauses.js'), 'no clause table for a non-citation');
  const before = api.loaded.length;
  await api.search('不可抗力');
  assert.equal(api.loaded.length, before, 'repeating a query loads nothing');
  await api.search('不可抗力 台账');
  const added = api.loaded.slice(before);
  // New term buckets, pieces of long lists, the lexicon group of a new first character (台).
  assert.ok(added.length >= 1 && added.every((u) => /^[tbw]\//.test(u)), added.join());
});

test('no terms, no results', async () => {
  const api = loadEngine();
  assert.deepEqual(plain(Array.from((await api.search('，。 ')).matches)), []);
  assert.deepEqual(plain(await api.topIds('zzzzqqq', 10)), []);
});
