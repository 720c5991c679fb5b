//! The metadata sets Rust writes (encode.rs::set, fixture sets.json) read back
//! in JS (engine.js::decodeList) as the same doc numbers, in each of the forms.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadEngine, fixture } = require('./load.js');

const core = loadEngine().core;

test('sets read back as the docs Rust encoded, whichever form', () => {
  const { encoded, docs } = fixture('sets.json');
  assert.deepEqual(new Set(encoded.map((e) => e[0])), new Set(['L', 'B', 'R']));
  encoded.forEach((enc, k) => {
    assert.deepEqual(Array.from(core.decodeList(enc, false).docs), docs[k], `set ${k} (${enc[0]})`);
  });
});
