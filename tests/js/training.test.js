// The training pages' pure parts: seeded papers (the same name, the same paper on any
// machine; another name, another paper; pools share a paper), grading, and a lesson's
// clauses covering its questions'.
const test = require("node:test");
const assert = require("node:assert");
require("../../assets/training.js");
const { hash, draw, drawMixed, grade, within } = globalThis.regkbTraining;

const ids = Array.from({ length: 60 }, (_, i) => `q-${i}`);

test("a paper name always draws the same questions", () => {
  assert.deepStrictEqual(draw(ids, "A", 10), draw(ids.slice(), "A", 10));
  // Fixed numbers: the draw may not depend on the machine or the engine.
  assert.strictEqual(hash("A"), 0xc40bf6cc);
  assert.deepStrictEqual(draw(["a", "b", "c", "d"], "A", 4).length, 4);
});

test("different paper names draw different papers", () => {
  const papers = ["A", "B", "C", "D"].map((p) => draw(ids, p, 10).join());
  assert.strictEqual(new Set(papers).size, 4);
});

test("a draw has no repeats and stays in range", () => {
  const p = draw(ids, "B", 10);
  assert.strictEqual(new Set(p).size, 10);
  assert.ok(p.every((id) => ids.includes(id)));
  assert.strictEqual(draw(ids, "B", 500).length, ids.length);
  assert.deepStrictEqual(draw([], "B", 5), []);
});

test("pools share a paper, and a short pool is made up by the others", () => {
  const authored = ids.slice(0, 30), generated = ids.slice(30);
  const p = drawMixed([authored, generated], "A", 10);
  assert.strictEqual(p.filter((id) => authored.includes(id)).length, 5);
  assert.strictEqual(new Set(p).size, 10);
  const short = drawMixed([authored.slice(0, 2), generated], "A", 10);
  assert.strictEqual(short.length, 10);
  assert.strictEqual(short.filter((id) => authored.includes(id)).length, 2);
  assert.deepStrictEqual(drawMixed([authored, generated], "A", 10), p);
});

test("only exactly the right options are right", () => {
  assert.ok(grade([1], [1]));
  assert.ok(!grade([1], [2]));
  assert.ok(grade([0, 2], [2, 0]));
  assert.ok(!grade([0, 2], [0]));
  assert.ok(!grade([0, 2], [0, 1, 2]));
});

test("an article covers its paragraphs and items, and a paragraph question its article", () => {
  assert.ok(within(["art_10__para_2__point_1"], ["art_10"]));
  assert.ok(within(["art_10"], ["art_10__para_2"]));
  assert.ok(!within(["art_1"], ["art_10"]));
  assert.ok(!within(["art_11__para_1"], ["art_1"]));
});
