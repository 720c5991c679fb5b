// The self-check's decision over the built site's own definition (config.toml's
// [selfcheck], shipped in selfcheck.html): ticking the boxes a bundled case's cited
// clauses stand for gives a verdict that points to that case's outcome.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { builtSite, REPO } = require("./site.js");
require("../../assets/selfcheck.js");
const { decide } = globalThis.regkbSelfcheck;

function definition() {
  const html = fs.readFileSync(path.join(builtSite(), "selfcheck.html"), "utf8");
  const m = html.match(/<script type="application\/json" id="selfcheck-data">([\s\S]*?)<\/script>/);
  assert.ok(m, "selfcheck.html carries its definition");
  return JSON.parse(m[1]);
}

/** The boxes a case's clauses stand for: an item it cites, or every item of a group whose clause it cites. */
function tickedFor(data, clauses) {
  const ticked = {};
  for (const g of data.groups) {
    const whole = clauses.includes(g.clause.label);
    ticked[g.id] = g.items.map((it, k) => (whole || clauses.includes(it.label) ? k : -1)).filter((k) => k >= 0);
  }
  return ticked;
}

const dir = path.join(REPO, "content/cases");
const cases = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".md")).sort();

test("there are bundled cases to check against", () => {
  assert.ok(cases.length >= 36);
});

test("self-check gives each bundled case's outcome", () => {
  const data = definition();
  for (const file of cases) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const outcome = text.match(/^outcome = "(.+)"$/m)[1];
    const clauses = JSON.parse(text.match(/^clauses = (\[.*\])$/m)[1]);
    const result = decide(data, tickedFor(data, clauses));
    assert.ok(result.outcomes.includes(outcome), `${file} cites ${clauses.join("、")}: got ${result.label}`);
    assert.ok(result.reasons.length > 0);
  }
});

test("an exclusion needs every one of its conditions", () => {
  const data = definition();
  const ticked = tickedFor(data, ["第十条第一款第（五）项", "第十条第二款"]);
  ticked.exclusion = [0];
  assert.strictEqual(decide(data, ticked).label, "容错免责");
  ticked.exclusion = [0, 1];
  assert.strictEqual(decide(data, ticked).label, "不予容错");
});

test("a missing condition is named", () => {
  const data = definition();
  const r = decide(data, { tolerable: [3], conditions: [0, 2] });
  assert.deepStrictEqual(r.outcomes, ["从轻处理", "减轻处理"]);
  assert.ok(r.reasons.some((x) => x.clause === "第十条第二款第（二）项" && x.text === "该条件不满足。"), JSON.stringify(r.reasons));
});

test("nothing ticked says so", () => {
  const r = decide(definition(), {});
  assert.deepStrictEqual(r.outcomes, []);
  assert.match(r.reasons[0].text, /未勾选任何情形/);
});
