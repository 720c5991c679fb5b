//! Loads the browser engine (engine.js + store.js) into a fresh context the way
//! a page would, with script loading replaced by reading files from a site dir.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const ASSETS = path.join(__dirname, '..', '..', 'assets', 'search');
const FIXTURES = path.join(__dirname, 'fixtures');

/**
 * A context with regkbSearch loaded over the export in `siteDir` (default: the
 * fixture), plus `extra` scripts of assets/ (e.g. 'similar.js'). Returns the API;
 * the context itself is `api.context`.
 */
function loadEngine(siteDir = path.join(FIXTURES, 'site'), extra = []) {
  const context = vm.createContext({ console });
  context.globalThis = context;
  for (const f of ['search/engine.js', 'search/store.js', ...extra]) {
    vm.runInContext(fs.readFileSync(path.join(ASSETS, '..', f), 'utf8'), context, { filename: f });
  }
  const api = context.regkbSearch;
  api.base = 'search/';
  api.loadScript = (url) => new Promise((resolve, reject) => {
    fs.readFile(path.join(siteDir, url), 'utf8', (err, text) => {
      if (err) return reject(err);
      vm.runInContext(text, context, { filename: url });
      resolve();
    });
  });
  api.context = context;
  return api;
}

function fixture(name) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
}

/** Values from the engine's context, as plain values of this one (deepEqual compares prototypes). */
function plain(x) {
  return JSON.parse(JSON.stringify(x));
}

module.exports = { loadEngine, fixture, plain, FIXTURES };
