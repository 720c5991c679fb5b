//! regkb search: the index pieces and how they are loaded. Every data file is
//! a classic script calling one of the registration functions below; a piece
//! is loaded once, by inserting a <script> tag, only when a query needs it.
(function (root) {
  'use strict';
  var api = root.regkbSearch, core = api.core;
  var data = { meta: null, facets: null, clauses: null, buckets: {}, big: {}, docs: {}, rows: {}, sets: {}, setBig: {} };
  api.data = data;
  /** URLs of every piece loaded so far, in order (the benchmark sums their sizes). */
  api.loaded = [];

  // Registration: what the data files call.
  api.meta = function (m) { data.meta = m; };
  api.facets = function (f) { data.facets = f; };
  api.clauses = function (c) { data.clauses = c; };
  api.terms = function (bucket, entries) { data.buckets[bucket] = entries; };
  api.big = function (n, encoded) { data.big[n] = encoded; };
  api.docs = function (chunk, rows, impacts) { data.docs[chunk] = rows; data.rows[chunk] = impacts || []; };
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

  // A key's value in its bucket (tiers.rs): a string (the whole list), a
  // number (the list is b/<n>.js), an object (a long term: impact tiers and
  // membership), or undefined (no such key).
  function value(key) {
    var b = data.buckets[bucketOf(key)];
    return b && Object.prototype.hasOwnProperty.call(b, key) ? b[key] : undefined;
  }
  function loadBuckets(keys) {
    var buckets = {};
    keys.forEach(function (k) { buckets[bucketOf(k)] = true; });
    return Promise.all(Object.keys(buckets).map(function (b) { return load('t/' + b + '.js'); }));
  }
  function loadPieces(ns) {
    return Promise.all(ns.filter(function (n) { return typeof n === 'number'; }).map(function (n) { return load('b/' + n + '.js'); }));
  }
  /** The file a key's doc numbers need beyond its bucket (a number), if any. */
  function memberPiece(key) {
    var v = value(key);
    return v && typeof v === 'object' ? v.m : v;
  }
  var members = {};
  /** Doc numbers holding a key (its bucket and member piece loaded). */
  function membership(key) {
    if (!(key in members)) {
      var v = memberPiece(key);
      if (typeof v === 'number') v = data.big[v];
      members[key] = v === undefined ? new Int32Array(0) : core.decodeList(v, false).docs;
    }
    return members[key];
  }
  var impactState = {};
  /** What is known of a term's impacts: {known: {num: impact}, bound, next, tiers}. */
  function impacts(term) {
    if (!(term in impactState)) {
      var v = value(term), st = { key: term, known: {}, bound: null, next: 0, tiers: [] };
      var add = function (enc) {
        var l = core.decodeList(enc, true);
        for (var i = 0; i < l.docs.length; i++) st.known[l.docs[i]] = l.impacts[i];
      };
      if (typeof v === 'string') add(v);
      else if (typeof v === 'number') add(data.big[v]);
      else if (v) { add(v.h); st.bound = v.r; st.tiers = v.t; st.add = add; st.rows = v.v; }
      impactState[term] = st;
    }
    return impactState[term];
  }
  /** Loads the next impact tier of each term that has one. */
  function deepen(states) {
    var todo = states.filter(function (st) { return st.bound && st.next < st.tiers.length; });
    return loadPieces(todo.map(function (st) { return st.tiers[st.next][0]; })).then(function () {
      todo.forEach(function (st) {
        var t = st.tiers[st.next++];
        st.add(data.big[t[0]]);
        st.bound = t.length > 1 ? [t[1], t[2]] : null;
      });
      return todo.length;
    });
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

  // Facet signature of every document, decoded once from the runs (facets.rs).
  var records = null;
  function facetRecords() {
    if (!records) {
      var runs = data.facets.runs, n = data.meta.docs, r = core.vlqReader(runs, 0), at = 0;
      records = [0, 1, 2, 3, 4].map(function () { return new Int32Array(n); });
      while (r.i < runs.length && at < n) {
        var len = r.next(), sig = [r.next(), r.next(), r.next(), r.next(), r.next()];
        for (var k = 0; k < 5; k++) records[k].fill(sig[k], at, Math.min(n, at + len));
        at += len;
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
   * Runs a query: {plan, words, partial, matches: sorted doc numbers of the
   * documents holding every word (or, partial, some), top(keep, k): a promise of
   * the first k matching doc numbers `keep` accepts, best first, jumps: [[eid,
   * label, url, num]], related: doc numbers the jumped-to clauses list}.
   * Only what the matches and the first results need is loaded: a word's
   * holder list (`=word`), the membership of query keys no word implies, and the
   * impact tiers the top results cannot be told apart without (tiers.rs).
   */
  api.search = function (query) {
    var p = core.plan(query), words = [], wk = [], implied = {}, phrase = null;
    var pairKeys = p.pairs.map(function (x) { return x[0]; });
    var multi = function (i) { return wk[i].terms.length + wk[i].pairs.length > 1; };
    return ensureMeta().then(function () { return api.lexicon(query); }).then(function (lex) {
      words = core.queryWords(query, lex.cost, lex.single, lex.max);
      wk = words.map(core.wordKeys);
      wk.forEach(function (k) { k.terms.concat(k.pairs).forEach(function (x) { implied[x] = true; }); });
      var keys = p.terms.concat(pairKeys.filter(function (x) { return !implied[x]; }));
      words.forEach(function (w, i) { if (multi(i)) keys.push('=' + w); });
      phrase = words.length > 1 ? phraseOf(p) : null;
      if (phrase) keys.push(phrase);
      var wait = [load('facets.js'), loadBuckets(keys)];
      if (looksLikeCitation(query)) wait.push(load('clauses.js'));
      return Promise.all(wait);
    }).then(function () {
      // A word without a holder list (not in the lexicon) is the intersection of its keys.
      var more = [];
      words.forEach(function (w, i) { if (multi(i) && value('=' + w) === undefined) more = more.concat(wk[i].terms, wk[i].pairs); });
      return loadBuckets(more).then(function () {
        var pieces = [];
        words.forEach(function (w, i) {
          if (multi(i) && value('=' + w) !== undefined) pieces.push(memberPiece('=' + w));
          else wk[i].terms.concat(wk[i].pairs).forEach(function (x) { pieces.push(memberPiece(x)); });
        });
        if (phrase && value(phrase) !== undefined) pieces.push(memberPiece(phrase));
        else {
          phrase = null;
          p.terms.concat(pairKeys).forEach(function (x) { if (!implied[x]) pieces.push(memberPiece(x)); });
        }
        return loadPieces(pieces);
      });
    }).then(function () {
      var holders = words.map(function (w, i) {
        if (multi(i) && value('=' + w) !== undefined) return membership('=' + w);
        return core.intersect(wk[i].terms.concat(wk[i].pairs).map(membership));
      });
      var all = holders.length ? core.intersect(holders) : [];
      var partial = !all.length && holders.length > 1;
      // Partial matches: what each document holds is no longer implied by its words.
      var ready = partial ? loadPieces(p.terms.concat(pairKeys).map(memberPiece)) : Promise.resolve();
      return ready.then(function () {
        var q = { p: p, pairKeys: pairKeys, holders: holders, all: all, partial: partial, implied: implied, words: words, wk: wk };
        return phrase && !partial ? byPhrase(q, phrase) : matchesOf(q);
      });
    }).then(function (m) {
      var jumps = data.clauses && looksLikeCitation(query) ? core.jumps(query, data.clauses) : [];
      return api.setEntries('g', jumps.map(function (j) { return j[0]; })).then(function (rel) {
        var related = [], seen = {};
        rel.forEach(function (enc) {
          (enc ? core.decodeOrder(enc) : []).forEach(function (n) { if (!seen[n]) { seen[n] = true; related.push(n); } });
        });
        return { plan: p, words: words, partial: m.partial, matches: m.cands, top: m.top, jumps: jumps, related: related };
      });
    });
  };

  /**
   * The phrase key of a query that is one run of CJK bigrams cut into several
   * words (`=执法记录仪` for 执法 + 记录仪): the export gives such a run a
   * holder list when the knowledge base writes it often (a compound,
   * lexicon.rs), and the documents on it hold every term and pair of the
   * query — the best group of the ranking, ranked by its own impact tiers.
   */
  function phraseOf(p) {
    var t = p.tokens;
    if (t.length < 2) return null;
    var run = t[0].text;
    for (var k = 0; k < t.length; k++) {
      if (Array.from(t[k].text).length !== 2 || (k && t[k].position !== t[k - 1].position + 1)) return null;
      if (k) run += Array.from(t[k].text)[1];
    }
    return '=' + run;
  }

  /**
   * Matches of a query with a phrase list: the first results come from the
   * phrase's holders (every other match lacks a term or a pair, so it ranks
   * below all of them) by the phrase's impacts alone; only when those holders
   * run out before `k` results does the whole ranking load what it needs
   * (the memberships of keys the words do not imply) and take over.
   */
  function byPhrase(q, phrase) {
    var best = membership(phrase), st = impacts(phrase), whole = null;
    var unit = [{ has: new Uint8Array(best.length).fill(1), known: st.known, bound: st.bound }];
    var group = new Float64Array(best.length);
    function rest(keep, k) {
      if (!whole) {
        var more = q.p.terms.concat(q.pairKeys).filter(function (x) { return !q.implied[x]; });
        whole = loadBuckets(more).then(function () { return loadPieces(more.map(memberPiece)); }).then(function () { return matchesOf(q); });
      }
      return whole.then(function (m) { return m.top(keep, k); });
    }
    function top(keep, k) {
      unit[0].bound = st.bound;
      var r = core.rankTop(best, group, unit, keep, k);
      if (!r.certain) {
        return deepen([st]).then(function (loaded) {
          if (!loaded) throw new Error('ranking: no tier left to load');
          return top(keep, k);
        });
      }
      return r.nums.length >= k || best.length === q.all.length ? Promise.resolve(r.nums) : rest(keep, k);
    }
    return { cands: Int32Array.from(q.all), partial: false, top: top };
  }

  // The candidates of a query and their ranking (scoring.rs::rank, by_words).
  function matchesOf(q) {
    var p = q.p, pairKeys = q.pairKeys, holders = q.holders, all = q.all, partial = q.partial,
      implied = q.implied, words = q.words, wk = q.wk;
    var cands = all;
    if (partial) {
      var seen = {};
      holders.forEach(function (h) { for (var i = 0; i < h.length; i++) seen[h[i]] = true; });
      cands = Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
    }
    if (!holders.length) cands = [];
    var n = cands.length;
    function hasOver(list, isImplied) {
      var has = new Uint8Array(n);
      if (isImplied && !partial) { has.fill(1); return has; }
      var docs = list();
      for (var i = 0; i < n; i++) has[i] = core.sortedIndex(docs, cands[i]) >= 0 ? 1 : 0;
      return has;
    }
    var group = new Float64Array(n);
    var termHas = p.terms.map(function (t) { return hasOver(function () { return membership(t); }, implied[t]); });
    var pairHas = pairKeys.map(function (x) { return hasOver(function () { return membership(x); }, implied[x]); });
    for (var i = 0; i < n; i++) {
      var pairs = 0, matched = 0, held = 0;
      pairHas.forEach(function (h) { pairs += h[i]; });
      termHas.forEach(function (h) { matched += h[i]; });
      if (partial) holders.forEach(function (h) { if (core.sortedIndex(h, cands[i]) >= 0) held++; });
      group[i] = (held * 1024 + pairs) * 1024 + matched;
    }
    // What the impact sum is added from: a word with a holder list counts as one
    // unit (the export summed its distinct terms' impacts) unless an earlier unit
    // holds one of its terms; every term no unit holds counts alone.
    var units = [], owner = {};
    if (!partial) {
      words.forEach(function (w, i) {
        var ts = wk[i].terms.filter(function (t, k) { return wk[i].terms.indexOf(t) === k; });
        var v = ts.length > 1 ? value('=' + w) : undefined;
        if (v === undefined || typeof v === 'number') return;
        if (ts.some(function (t) { return owner[t] !== undefined || p.terms.indexOf(t) < 0; })) return;
        ts.forEach(function (t) { owner[t] = units.length; });
        units.push({ state: impacts('=' + w), has: hasOver(null, true), terms: ts.map(function (t) { return p.terms.indexOf(t); }) });
      });
    }
    p.terms.forEach(function (t, k) { if (owner[t] === undefined) units.push({ state: impacts(t), has: termHas[k], terms: [k] }); });
    learnFromPairs(p, units);
    var rowsRead = false;
    function top(keep, k) {
      var terms = units.map(function (u) { return { has: u.has, known: u.state.known, bound: u.state.bound }; });
      var r = core.rankTop(cands, group, terms, keep, k);
      if (r.certain) return Promise.resolve(r.nums);
      if (n <= ROWS_FOR_IMPACTS && !rowsRead && units.some(function (u) { return u.state.rows !== undefined; })) {
        rowsRead = true;
        return learnFromRows(cands, units).then(function () { return top(keep, k); });
      }
      // One tier at a time: the shallowest open unit (the highest bound among
      // equals), so the ranking stops at the first tier that settles it.
      var open = units.filter(function (u) { return !u.covered; }).map(function (u) { return u.state; })
        .filter(function (st) { return st.bound && st.next < st.tiers.length; })
        .sort(function (a, b) { return (a.next - b.next) || (b.bound[0] - a.bound[0]); });
      return deepen(open.slice(0, 1)).then(function (loaded) {
        if (!loaded) throw new Error('ranking: no tier left to load');
        return top(keep, k);
      });
    }
    return { cands: Int32Array.from(cands), partial: partial, top: top };
  }

  /**
   * Matches this few learn their impacts in the longest lists (numbered by
   * `"v"` in the bucket, ROW_LIST_MIN in tiers.rs) from their rows, which ride with
   * their text in d/ (export.rs), instead of every tier of a common term.
   */
  var ROWS_FOR_IMPACTS = 32;
  function learnFromRows(cands, units) {
    var rowUnits = units.filter(function (u) { return u.state.rows !== undefined; });
    var chunk = data.meta.chunk, chunks = {};
    for (var i = 0; i < cands.length; i++) {
      if (rowUnits.some(function (u) { return u.has[i]; })) chunks[Math.floor(cands[i] / chunk)] = true;
    }
    var files = Object.keys(chunks).map(function (c) { return chunkFile(c); });
    return Promise.all(files.map(load)).then(function () {
      for (var i = 0; i < cands.length; i++) {
        var num = cands[i], rows = data.rows[Math.floor(num / chunk)], row = rows && rows[num % chunk];
        // (gap to the previous list number, impact) pairs, VLQ.
        var imp = {}, r = core.vlqReader(row || '', 0), list = -1;
        while (r.i < (row || '').length) { list += r.next() + 1; imp[list] = r.next(); }
        rowUnits.forEach(function (u) {
          if (u.has[i] && u.state.known[num] === undefined) u.state.known[num] = imp[u.state.rows] || 0;
        });
      }
      // Every candidate's impact in these units is known: their tiers are not needed.
      rowUnits.forEach(function (u) { u.covered = true; });
    });
  }

  /**
   * A pair list kept in its bucket carries its two terms' impacts in each of
   * its documents (tiers.rs): a unit's sum is then exact for every document
   * whose terms the loaded pair lists all cover, in whatever tier it sits.
   */
  function learnFromPairs(p, units) {
    var byTerm = p.terms.map(function () { return {}; }), bits = data.meta.pairBits;
    p.pairs.forEach(function (x) {
      var v = value(x[0]);
      if (typeof v !== 'string') return;
      var l = core.decodeList(v, true);
      if (!l.impacts) return;
      for (var i = 0; i < l.docs.length; i++) {
        byTerm[x[1]][l.docs[i]] = l.impacts[i] >> bits;
        byTerm[x[2]][l.docs[i]] = l.impacts[i] & ((1 << bits) - 1);
      }
    });
    units.forEach(function (u) {
      var known = u.state.known;
      Object.keys(byTerm[u.terms[0]]).forEach(function (num) {
        if (known[num] !== undefined) return;
        var sum = 0;
        for (var j = 0; j < u.terms.length; j++) {
          var v = byTerm[u.terms[j]][num];
          if (v === undefined) return;
          sum += v;
        }
        known[num] = sum;
      });
    });
  }

  /** The file of document chunk `c` in d/: folders of `chunkFolder` chunks (export.rs::chunk_file). */
  function chunkFile(c) { return 'd/' + Math.floor(c / data.meta.chunkFolder) + '/' + c + '.js'; }

  /** Loads the chunks holding these documents; resolves to [[id, title, url, body]] in order. */
  api.documents = function (nums) {
    var chunk = data.meta.chunk, chunks = {};
    nums.forEach(function (n) { chunks[Math.floor(n / chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return load(chunkFile(c)); })).then(function () {
      return nums.map(function (n) { return data.docs[Math.floor(n / chunk)][n % chunk]; });
    });
  };

  /** The CLI's list for a query: jumps first, then ranked documents not jumped to, `limit` in all. */
  api.topIds = function (query, limit) {
    return api.search(query).then(function (r) {
      var seen = {}, nums = [];
      r.jumps.forEach(function (j) { seen[j[3]] = true; });
      r.related.forEach(function (n) { if (!seen[n]) { seen[n] = true; nums.push(n); } });
      var want = Math.max(0, limit - r.jumps.length - nums.length);
      return r.top(function (n) { return !seen[n]; }, want).then(function (ranked) {
        nums = nums.concat(ranked).slice(0, Math.max(0, limit - r.jumps.length));
        return api.documents(nums);
      }).then(function (rows) {
        return r.jumps.map(function (j) { return j[0]; }).concat(rows.map(function (row) { return row[0]; })).slice(0, limit);
      });
    });
  };
})(typeof window !== 'undefined' ? window : globalThis);
