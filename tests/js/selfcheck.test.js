// The self-check's decision, answered as each bundled case's reasoning describes
// (its cited clauses), gives that case's outcome.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
require("../../assets/selfcheck.js");
const { decide } = globalThis.regkbSelfcheck;

const NUM = { "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };

function answersFor(clauses) {
  const a = { art9: [], art10: [], conditions: [], art11: [], art12: { abuse: false, harm: false } };
  for (const c of clauses) {
    let m;
    if (c === "第十二条") a.art12 = { abuse: true, harm: true };
    else if ((m = c.match(/^第九条第（(.)）项$/))) a.art9.push(NUM[m[1]]);
    else if ((m = c.match(/^第十条第一款第（(.)）项$/))) a.art10.push(NUM[m[1]]);
    else if (c === "第十条第二款") a.conditions.push(1, 2, 3);
    else if ((m = c.match(/^第十条第二款第（(.)）项$/))) a.conditions.push(NUM[m[1]]);
    else if ((m = c.match(/^第十一条第（(.)）项$/))) a.art11.push(NUM[m[1]]);
  }
  return a;
}

const expected = { "履职尽责": "履职尽责", "容错免责": "容错免责", "从轻处理": "从轻或减轻", "减轻处理": "从轻或减轻", "不予容错": "不予容错" };
const dir = path.join(__dirname, "../../content/cases");
const cases = fs.readdirSync(dir).filter((f) => f.endsWith(".md")).sort();

test("there are bundled cases to check against", () => {
  assert.ok(cases.length >= 36);
});

for (const file of cases) {
  test(`self-check gives the outcome of ${file}`, () => {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const outcome = text.match(/^outcome = "(.+)"$/m)[1];
    const clauses = JSON.parse(text.match(/^clauses = (\[.*\])$/m)[1]);
    const result = decide(answersFor(clauses));
    assert.strictEqual(result.outcome, expected[outcome], `${file} cites ${clauses.join("、")}`);
    assert.ok(result.reasons.length > 0);
  });
}

test("an exclusion of 第十二条 needs both the conduct and the harm", () => {
  const a = answersFor(["第十条第一款第（五）项", "第十条第二款"]);
  a.art12 = { abuse: true, harm: false };
  assert.strictEqual(decide(a).outcome, "容错免责");
  a.art12.harm = true;
  assert.strictEqual(decide(a).outcome, "不予容错");
});

test("a missing condition of 第十条第二款 is named", () => {
  const r = decide({ art9: [], art10: [4], conditions: [1, 3], art11: [], art12: {} });
  assert.strictEqual(r.outcome, "从轻或减轻");
  assert.ok(r.reasons.some((x) => x.clause === "第十条第二款第（二）项"));
});
