//! The JS analyzer, numerals and citation scanner against the Rust side's
//! answers (tests/js/fixtures/analysis.json, written by a Rust test).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadEngine, fixture, plain } = require('./load.js');

const core = loadEngine().core;
const analysis = fixture('analysis.json');

test('tokens and positions equal the Rust analyzer on every fixture string', () => {
  assert.ok(analysis.strings.length > 50);
  for (const s of analysis.strings) {
    const got = core.analyze(s.input).map((t) => [t.text, t.position]);
    assert.deepEqual(plain(got), s.tokens, s.input);
  }
});

test('pair keys equal the Rust pair keys', () => {
  for (const s of analysis.strings) {
    const tokens = core.analyze(s.input);
    const keys = [];
    for (let k = 1; k < tokens.length; k++) {
      if (tokens[k].position === tokens[k - 1].position + 1) keys.push(core.pairKey(tokens[k - 1].text, tokens[k].text));
    }
    assert.deepEqual(plain(keys), s.pairs, s.input);
  }
});

test('citations typed as queries parse as in Rust', () => {
  for (const s of analysis.strings) {
    const got = core.parseCitations(s.input).map((q) => [q.article, q.suffix, q.paragraph, q.point]);
    assert.deepEqual(plain(got), s.citations, s.input);
  }
});

test('numerals parse and print as in Rust', () => {
  for (const [input, want] of analysis.numerals) {
    if (typeof input === 'number') assert.equal(core.toChinese(input), want, String(input));
    else assert.equal(core.parseNumber(input), want, input);
  }
});

test('offsets point into the original text, surrogate pairs included', () => {
  const text = '𠀀𠀁，ＡＢ第10条';
  const tokens = core.analyze(text);
  assert.deepEqual(plain(tokens.map((t) => text.slice(t.from, t.to))), ['𠀀𠀁', 'ＡＢ', '第10', '10条']);
});

test('fnv1a hashes UTF-8 bytes', () => {
  assert.equal(core.fnv1a(''), 0x811c9dc5);
  assert.equal(core.fnv1a('a'), 0xe40c292c);
  // Same as hashing the UTF-8 bytes one by one.
  const bytes = Buffer.from('不可𠀀', 'utf8');
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  assert.equal(core.fnv1a('不可𠀀'), h);
});

test('snippets escape HTML and mark matched text', () => {
  const terms = { '不可': true, '可抗': true, '抗力': true };
  const html = core.highlight('<b>因不可抗力&</b>', terms, 0);
  assert.equal(html, '&lt;b&gt;因<mark>不可抗力</mark>&amp;&lt;/b&gt;');
  const long = 'a'.repeat(300) + '不可抗力' + 'b'.repeat(300);
  const cut = core.highlight(long, terms, 60);
  assert.ok(cut.startsWith('…') && cut.endsWith('…') && cut.includes('<mark>不可抗力</mark>'), cut);
});
