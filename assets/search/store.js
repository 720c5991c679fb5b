//! regkb search: the index pieces and how they are loaded. Every data file is
//! a classic script calling one of the registration functions below; a piece
//! is loaded once, by inserting a <script> tag, only when a query needs it.
(function (root) {
  'use strict';
  var api = root.regkbSearch, core = api.core;
  var data = { meta: null, facets: null, clauses: null, buckets: {}, big: {}, docs: {}, sets: {}, setBig: {} };
  api.data = data;
  /** URLs of every piece loaded so far, in order (the benchmark sums their sizes). */
  api.loaded = [];

  // Registration: what the data files call.
  api.meta = function (m) { data.meta = m; };
  api.facets = function (f) { data.facets = f; };
  api.clauses = function (c) { data.clauses = c; };
  api.terms = function (bucket, entries) { data.buckets[bucket] = entries; };
  api.big = function (n, encoded) { data.big[n] = encoded; };
  api.docs = function (chunk, rows) { data.docs[chunk] = rows; };
  api.set = function (name, bucket, entries) { (data.sets[name] = data.sets[name] || {})[bucket] = entries; };
  api.setBig = function (name, k, value) { (data.setBig[name] = data.setBig[name] || {})[k] = value; };

  var pending = {};
  /** Loads a script once; resolves when it has run. `api.loadScript` may be replaced (tests). */
  api.loadScript = function (url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = url;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error('cannot load ' + url)); };
      document.head.appendChild(s);
    });
  };
  function load(rel) {
    if (!pending[rel]) {
      api.loaded.push(rel);
      pending[rel] = api.loadScript(api.base + rel);
    }
    return pending[rel];
  }
  /** Where the search/ directory is, relative to the page: set by the UI from data-root. */
  api.base = 'search/';

  function ensureMeta() { return data.meta ? Promise.resolve() : load('meta.js'); }

  function bucketOf(key) { return core.fnv1a(key) & (data.meta.buckets - 1); }

  // Decoded lists, by key; null when the index has no such key.
  var decoded = {};
  function entry(key) {
    var v = data.buckets[bucketOf(key)][key];
    return typeof v === 'number' ? data.big[v] : v;
  }
  function loadKeys(keys) {
    var buckets = {};
    keys.forEach(function (k) { buckets[bucketOf(k)] = true; });
    return Promise.all(Object.keys(buckets).map(function (b) { return load('t/' + b + '.js'); })).then(function () {
      var bigs = [];
      keys.forEach(function (k) {
        var v = data.buckets[bucketOf(k)][k];
        if (typeof v === 'number') bigs.push(load('b/' + v + '.js'));
      });
      return Promise.all(bigs);
    });
  }
  function list(key, withImpacts) {
    if (!(key in decoded)) {
      var e = entry(key);
      decoded[key] = e === undefined ? null : core.decodeList(e, withImpacts);
    }
    return decoded[key] || { docs: new Int32Array(0), impacts: new Int32Array(0) };
  }

  // Keyed sets (sets.rs): w = lexicon by first character, g = a clause's
  // related documents, s = the similar-case model.
  function setBucket(name, key) { return core.fnv1a(key) & ((data.meta.sets[name] || 1) - 1); }
  // A long value has a file of its own; its bucket holds the file's number.
  function rawEntry(name, key) {
    var file = (data.sets[name] || {})[setBucket(name, key)];
    return file && Object.prototype.hasOwnProperty.call(file, key) ? file[key] : null;
  }
  function loadSet(name, keys) {
    var files = {};
    keys.forEach(function (k) { files[setBucket(name, k)] = true; });
    return Promise.all(Object.keys(files).map(function (b) { return load(name + '/' + b + '.js'); })).then(function () {
      var bigs = [];
      keys.forEach(function (k) {
        var v = rawEntry(name, k);
        if (typeof v === 'number') bigs.push(load(name + '/x' + v + '.js'));
      });
      return Promise.all(bigs);
    });
  }
  function setEntry(name, key) {
    var v = rawEntry(name, key);
    return typeof v === 'number' ? (data.setBig[name] || {})[v] : v;
  }
  api.setEntries = function (name, keys) {
    return ensureMeta().then(function () { return loadSet(name, keys); }).then(function () {
      return keys.map(function (k) { return setEntry(name, k); });
    });
  };
  /** Values a set keeps in files of their own (`<name>/x<k>.js`, sets.rs::write_values), by number. */
  api.setValues = function (name, ks) {
    return Promise.all(ks.map(function (k) { return load(name + '/x' + k + '.js'); })).then(function () {
      return ks.map(function (k) { return (data.setBig[name] || {})[k]; });
    });
  };
  /** Loads data files by their path under search/ (each once). */
  api.loadFiles = function (rels) {
    return ensureMeta().then(function () { return Promise.all(rels.map(load)); });
  };
  /** The lexicon's cost function over the groups of these characters (loaded first). */
  api.lexicon = function (text, everyChar) {
    var chars = everyChar ? core.allChars(text) : core.firstChars(text);
    return api.setEntries('w', chars).then(function () {
      var lex = data.meta.lexicon;
      return {
        cost: function (w) {
          var g = setEntry('w', Array.from(w)[0]);
          return g && Object.prototype.hasOwnProperty.call(g, w) ? g[w] : null;
        },
        single: lex.single, max: lex.max
      };
    });
  };

  // Facet record of every document, decoded once from the bit stream (facets.rs).
  var records = null;
  function facetRecords() {
    if (!records) {
      var f = data.facets, n = data.meta.docs, digits = {}, pos = 0;
      for (var a = 0; a < 64; a++) digits['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charCodeAt(a)] = a;
      records = f.bits.map(function () { return new Int32Array(n); });
      for (var d = 0; d < n; d++) {
        for (var k = 0; k < 5; k++) {
          var v = 0;
          for (var b = 0; b < f.bits[k]; b++, pos++) {
            if (digits[f.data.charCodeAt(pos / 6 | 0)] & (1 << (pos % 6))) v |= 1 << b;
          }
          records[k][d] = v;
        }
      }
    }
    return records;
  }
  /** [kind, field, outcome, year, articleSet] of a document (0 = none, else index + 1; kind is an index). */
  api.signature = function (num) {
    var r = facetRecords();
    return [r[0][num], r[1][num], r[2][num], r[3][num], r[4][num]];
  };
  api.articleSet = function (id) { return data.facets.sets[id]; };

  // The clause table is loaded only for queries that name a clause.
  function looksLikeCitation(q) { return core.parseCitations(q).length > 0; }

  /**
   * Runs a query: {plan, words, partial, ranked: [{num, pairs, sum}] best first
   * over the documents holding every word (or, partial, some), jumps:
   * [[eid, label, url, num]], related: doc numbers the jumped-to clauses list}.
   */
  api.search = function (query) {
    var p = core.plan(query), words = [];
    return ensureMeta().then(function () { return api.lexicon(query); }).then(function (lex) {
      words = core.queryWords(query, lex.cost, lex.single, lex.max);
      var keys = p.terms.concat(p.pairs.map(function (x) { return x[0]; }));
      words.forEach(function (w) { var k = core.wordKeys(w); keys = keys.concat(k.terms, k.pairs); });
      var wait = [load('facets.js'), loadKeys(keys)];
      if (looksLikeCitation(query)) wait.push(load('clauses.js'));
      return Promise.all(wait);
    }).then(function () {
      var lists = p.terms.map(function (t) { return list(t, true); });
      var pairLists = p.pairs.map(function (x) { return list(x[0], false); });
      var ranked = p.terms.length ? core.rank(lists, pairLists, data.meta.docs) : [];
      var holders = words.map(function (w) {
        var k = core.wordKeys(w);
        return core.intersect(k.terms.map(function (t) { return list(t, true).docs; })
          .concat(k.pairs.map(function (x) { return list(x, false).docs; })));
      });
      var byWords = core.byWords(ranked, holders);
      var jumps = data.clauses && looksLikeCitation(query) ? core.jumps(query, data.clauses) : [];
      return api.setEntries('g', jumps.map(function (j) { return j[0]; })).then(function (rel) {
        var related = [], seen = {};
        rel.forEach(function (enc) {
          (enc ? core.decodeOrder(enc) : []).forEach(function (n) { if (!seen[n]) { seen[n] = true; related.push(n); } });
        });
        return { plan: p, words: words, partial: byWords.partial, ranked: byWords.ranked, jumps: jumps, related: related };
      });
    });
  };

  /** Loads the chunks holding these documents; resolves to [[id, title, url, body]] in order. */
  api.documents = function (nums) {
    var chunk = data.meta.chunk, chunks = {};
    nums.forEach(function (n) { chunks[Math.floor(n / chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return load('d/' + c + '.js'); })).then(function () {
      return nums.map(function (n) { return data.docs[Math.floor(n / chunk)][n % chunk]; });
    });
  };

  /** The CLI's list for a query: jumps first, then ranked documents not jumped to, `limit` in all. */
  api.topIds = function (query, limit) {
    return api.search(query).then(function (r) {
      var seen = {}, nums = [];
      r.jumps.forEach(function (j) { seen[j[3]] = true; });
      r.related.concat(r.ranked.map(function (x) { return x.num; })).forEach(function (n) {
        if (!seen[n]) { seen[n] = true; nums.push(n); }
      });
      nums = nums.slice(0, Math.max(0, limit - r.jumps.length));
      return api.documents(nums).then(function (rows) {
        return r.jumps.map(function (j) { return j[0]; }).concat(rows.map(function (row) { return row[0]; })).slice(0, limit);
      });
    });
  };
})(typeof window !== 'undefined' ? window : globalThis);
