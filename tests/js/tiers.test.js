//! The impact tiers Rust writes (tiers.rs, fixture tiers.json) read back in JS
//! as the whole list, each bound naming where the next tier starts; and the
//! ranking with bounds (engine.js::rankTop), deepened tier by tier, gives the
//! order a full ranking gives.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadEngine, fixture } = require('./load.js');

const core = loadEngine().core;

test('tiers read back as the whole list, best first', () => {
  const { value, pieces, whole } = fixture('tiers.json');
  const read = (enc) => { const l = core.decodeList(enc, true); return Array.from(l.docs, (d, i) => [d, l.impacts[i]]); };
  const tiers = [read(value.h)].concat(value.t.map((t) => read(pieces[t[0]])));
  const bounds = [value.r].concat(value.t.map((t) => (t.length > 1 ? [t[1], t[2]] : null)));
  const all = tiers.flat().sort((a, b) => a[0] - b[0]);
  assert.deepEqual(all, whole);
  // Every document of a later tier comes after the bound in (impact desc, num asc).
  tiers.forEach((tier, k) => {
    const b = bounds[k];
    if (!b) return assert.equal(k, tiers.length - 1);
    tiers.slice(k + 1).flat().forEach(([d, i]) => assert.ok(i < b[0] || (i === b[0] && d >= b[1]), `${d} ${i} after ${b}`));
    tier.forEach(([d, i]) => assert.ok(i > b[0] || (i === b[0] && d < b[1])));
  });
  const member = core.decodeList(typeof value.m === 'number' ? pieces[value.m] : value.m, false).docs;
  assert.deepEqual(Array.from(member), whole.map((x) => x[0]));
});

test('ranking with bounds equals the full ranking, whatever tiers are loaded', () => {
  let seed = 7;
  const rnd = (m) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m; };
  for (let round = 0; round < 40; round++) {
    const n = 50 + rnd(400), cands = [...Array(n).keys()].map((i) => i * 2);
    const group = cands.map(() => rnd(3));
    const termCount = 1 + rnd(3);
    // Full impacts, then tiers of 8, 32, … by (impact desc, num asc).
    const full = [...Array(termCount)].map(() => cands.map(() => rnd(6)));
    const has = full.map((imp) => Uint8Array.from(imp, () => (rnd(5) ? 1 : 0)));
    const order = full.map((imp, t) => cands.map((d, i) => [d, imp[i], i]).filter((x) => has[t][x[2]])
      .sort((a, b) => (b[1] - a[1]) || (a[0] - b[0])));
    const keep = round % 3 ? null : (d) => d % 3 !== 0;
    const k = 1 + rnd(15);
    const expected = cands.map((d, i) => ({ d, g: group[i], s: full.reduce((s, imp, t) => s + (has[t][i] ? imp[i] : 0), 0) }))
      .filter((x) => !keep || keep(x.d)).sort((a, b) => (b.g - a.g) || (b.s - a.s) || (a.d - b.d)).slice(0, k).map((x) => x.d);
    let loaded = 8;
    for (;;) {
      const terms = order.map((o, t) => {
        const known = {};
        o.slice(0, loaded).forEach((x) => { known[x[0]] = x[1]; });
        const next = o[loaded];
        return { has: has[t], known, bound: next ? [next[1], next[0]] : null };
      });
      const r = core.rankTop(cands, group, terms, keep, k);
      if (r.certain) { assert.deepEqual(Array.from(r.nums), expected, `round ${round} with ${loaded} loaded`); break; }
      assert.ok(terms.some((t) => t.bound), 'uncertain only while some tier is left');
      loaded *= 4;
    }
  }
});
