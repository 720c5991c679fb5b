//! The built bundled site the JS tests rank over: REGKB_SITE when test.sh
//! set it, else a fresh `regkb build` into a temporary directory with the
//! release binary (cargo build --release first). The CLI answers are asked of
//! the same binary, so JS and Rust rank the same bytes.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.join(__dirname, '..', '..');
const BIN = process.env.REGKB_BIN || path.join(REPO, 'target', 'release', 'regkb');
let site = null;

function builtSite() {
  if (site) return site;
  if (process.env.REGKB_SITE) return (site = process.env.REGKB_SITE);
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run cargo build --release first`);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'regkb-js-')), 'site');
  const r = spawnSync(BIN, ['build', '--root', REPO, '--output', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`regkb build failed:\n${r.stderr}`);
  return (site = out);
}

/** Runs the CLI with --json over the site and parses its answer. */
function cli(args) {
  const r = spawnSync(BIN, [...args, '--json', '--site', builtSite()], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`regkb ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The `text = "…"` of every [[description]] of the label files (regression and held-out). */
function descriptions() {
  const out = [];
  for (const f of ['tests/fixtures/similar/labels.toml', 'tests/fixtures/heldout/labels.toml']) {
    const text = fs.readFileSync(path.join(REPO, f), 'utf8');
    for (const block of text.split('[[description]]').slice(1)) {
      const m = block.match(/^text\s*=\s*"((?:[^"\\]|\\.)*)"/m);
      if (m) out.push(JSON.parse(`"${m[1]}"`));
    }
  }
  return out;
}

module.exports = { builtSite, cli, descriptions, REPO };
