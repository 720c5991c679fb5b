//! regkb similar-case finder (similar.html): the ranking of src/similar/mod.rs
//! over what the export ships (src/similar/export.rs), all integers, so it
//! orders exactly as the case pages and `regkb similar` do; the page, and the
//! printable 类案检索报告. On open only search/cases.js (weights, labels, the
//! case count) is loaded; a query loads the model's groups of its terms (i/),
//! the lists of the terms it keeps (s/), the metadata sets of its filters (m/)
//! and the rows of the cases shown (c/).
//! Needs search/search.js (analyzer, lexicon, loader). Nothing typed is sent anywhere or stored.
(function (root) {
  'use strict';
  var search = root.regkbSearch = root.regkbSearch || {};
  search.cases = function (head) { search.data.cases = head; };
  var chunks = {}, byId = {};
  search.caseRows = function (k, rows) { chunks[k] = rows; };
  var SHOWN = 10;

  // Code-point order, as Rust compares strings.
  function cmp(a, b) {
    var x = Array.from(a), y = Array.from(b), n = Math.min(x.length, y.length);
    for (var i = 0; i < n; i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  /** [[key, count]] by key: `w` + each word, `b` + each CJK bigram (model::text_terms). */
  function textTerms(words, text) {
    var counts = {};
    words.forEach(function (w) { counts['w' + w] = (counts['w' + w] || 0) + 1; });
    search.core.analyze(text).forEach(function (t) {
      var ch = Array.from(t.text);
      if (ch.length === 2 && search.core.isCjk(ch[0].codePointAt(0)) && search.core.isCjk(ch[1].codePointAt(0))) {
        counts['b' + t.text] = (counts['b' + t.text] || 0) + 1;
      }
    });
    return Object.keys(counts).sort(cmp).map(function (k) { return [k, counts[k]]; });
  }
  function articleOf(eid) { return eid.split('__')[0]; }
  function label(head, eid) { return head.labels[eid] || eid; }
  /** The group of a term key in set i (export.rs::group_of). */
  function groupOf(key) { return Array.from(key.slice(1)).slice(0, 2).join(''); }
  function own(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }

  /** A row of c/ (export.rs::row_value) as an object. */
  function rowOf(r) {
    return { id: r[0], title: r[1], url: r[2], field: r[3], action: r[4], outcome: r[5], outcome_slug: r[6],
      clauses: r[7], risks: r[8], holding: r[9], sample: r[10] === 1 };
  }
  /** Loads the rows of these case indexes; resolves to them, in order. */
  function rows(indexes) {
    var chunk = search.data.cases.chunk, files = {};
    indexes.forEach(function (i) { files['c/' + Math.floor(i / chunk) + '.js'] = true; });
    return search.loadFiles(Object.keys(files)).then(function () {
      return indexes.map(function (i) {
        var row = rowOf(chunks[Math.floor(i / chunk)][i % chunk]);
        byId[row.id] = row;
        return row;
      });
    });
  }

  /**
   * The kept terms (mod.rs::kept_terms): each term's idf from its group of set
   * i, the heaviest max_query_terms (tf weight × idf, ties by key), then only
   * their lists. → [{key, weight, list: {docs, impacts}}].
   */
  function keptTerms(terms) {
    var w = search.data.cases.weights, groups = [], seen = {};
    terms.forEach(function (t) { var g = groupOf(t[0]); if (!seen[g]) { seen[g] = true; groups.push(g); } });
    return search.setEntries('i', groups).then(function (found) {
      var byGroup = {};
      groups.forEach(function (g, k) { byGroup[g] = found[k]; });
      var kept = [];
      terms.forEach(function (tc) {
        var g = byGroup[groupOf(tc[0])];
        if (!own(g, tc[0])) return;
        var e = g[tc[0]];
        kept.push({ key: tc[0], weight: w.tf[Math.min(tc[1], w.tf.length - 1)] * e[0], at: e[1] });
      });
      kept.sort(function (a, b) { return (b.weight - a.weight) || cmp(a.key, b.key); });
      kept = kept.slice(0, w.max_query_terms);
      var files = kept.filter(function (k) { return typeof k.at === 'number'; }).map(function (k) { return k.at; });
      return search.setValues('s', files).then(function (values) {
        var file = {};
        files.forEach(function (f, j) { file[f] = values[j]; });
        kept.forEach(function (k) {
          var d = search.core.decodeList(typeof k.at === 'number' ? file[k.at] : k.at, true);
          k.list = { docs: d.docs, impacts: d.impacts };
        });
        return kept;
      });
    });
  }

  /**
   * Each case's structured bonus (reader.rs::bonus): every distinct clause,
   * article and risk point of the query adds its weight for each layer of its
   * set in m a case is in, the field and the action theirs. → an array over
   * the cases, or null without filters.
   */
  function metaBonus(q) {
    var head = search.data.cases, w = head.weights, wanted = [], seen = {};
    function put(key, weight) { if (!seen[key]) { seen[key] = true; wanted.push([key, weight]); } }
    q.clauses.forEach(function (c) { put('c' + c, w.clause); });
    q.clauses.forEach(function (c) { put('a' + articleOf(c), w.article); });
    q.risks.forEach(function (r) { put('r' + r, w.risk); });
    if (q.field) put('f' + q.field, w.field);
    if (q.action) put('x' + q.action, w.action);
    if (!wanted.length) return Promise.resolve(null);
    return search.setEntries('m', wanted.map(function (x) { return x[0]; })).then(function (values) {
      var bonus = new Float64Array(head.count);
      values.forEach(function (v, j) {
        if (v === null || v === undefined) return;
        (Array.isArray(v) ? v : [v]).forEach(function (enc) {
          var docs = search.core.decodeList(enc, false).docs;
          for (var t = 0; t < docs.length; t++) if (docs[t] < head.count) bonus[docs[t]] += wanted[j][1];
        });
      });
      return bonus;
    });
  }

  /**
   * rank (mod.rs::rank_with) over head.count cases: kept terms with their lists,
   * bonus per case (or null). → [[score, case index]] best first, positive scores only.
   */
  function rank(head, kept, bonus) {
    var w = head.weights, n = head.count, scored = [];
    function b(i) { return bonus ? bonus[i] : 0; }
    if (!kept.length) {
      for (var i = 0; i < n; i++) if (b(i) > 0) scored.push([b(i), i]);
    } else {
      var text = new Map();
      kept.forEach(function (k) {
        for (var j = 0; j < k.list.docs.length; j++) {
          var c = k.list.docs[j];
          text.set(c, (text.get(c) || 0) + k.weight * k.list.impacts[j]);
        }
      });
      text.forEach(function (t, c) {
        if (c < n) scored.push([t * (w.base + Math.min(b(c), w.cap)), c]);
      });
    }
    scored.sort(function (x, y) { return (y[0] - x[0]) || (x[1] - y[1]); });
    return scored;
  }

  /** Why case i (its row) was chosen (mod.rs::reasons). */
  function reasons(head, query, kept, i, c) {
    var out = [];
    var terms = [];
    kept.forEach(function (k) {
      if (k.key[0] !== 'w') return;
      var word = k.key.slice(1);
      if (word.indexOf(head.weights.placeholder) === 0) return;
      var at = search.core.sortedIndex(k.list.docs, i);
      if (at >= 0) terms.push([k.weight * k.list.impacts[at], word]);
    });
    terms.sort(function (a, b) { return (b[0] - a[0]) || cmp(a[1], b[1]); });
    if (terms.length) out.push('关键词：' + terms.slice(0, head.weights.key_terms).map(function (x) { return x[1]; }).join('、'));
    var shared = c.clauses.filter(function (e) { return query.clauses.indexOf(e) >= 0; });
    if (shared.length) out.push('同引条款：' + shared.map(function (e) { return label(head, e); }).join('、'));
    var arts = [];
    c.clauses.map(articleOf).sort(cmp).forEach(function (a) { if (arts[arts.length - 1] !== a) arts.push(a); });
    arts = arts.filter(function (a) { return query.clauses.some(function (q) { return articleOf(q) === a; }); });
    if (arts.length) out.push('同一条文：' + arts.map(function (a) { return label(head, a); }).join('、'));
    var risks = c.risks.filter(function (r) { return query.risks.indexOf(r) >= 0; });
    if (risks.length) out.push('同一风险点：' + risks.map(function (r) { return head.risks[r] || r; }).join('、'));
    if (query.field === c.field) out.push('同一领域：' + c.field);
    if (query.action === c.action) out.push('同类执法：' + c.action);
    return out;
  }

  /** A description's terms: its lexicon words and bigrams (site.rs::description_terms). */
  function descriptionTerms(text) {
    return search.lexicon(text, true).then(function (lex) {
      return textTerms(search.core.lexiconWords(text, lex.cost, lex.single, lex.max), text);
    });
  }

  /** Ranks over the export: resolves to [{id, title, url, outcome, score, reasons}], `limit` at most (regkb similar --json). */
  function findCases(query, limit) {
    var q = { terms: [], field: query.field || null, action: query.action || null,
      clauses: query.clauses || [], risks: query.risks || [] };
    var head = search.data.cases, kept = [], top = [];
    var text = descriptionTerms(query.text || '').then(function (terms) { q.terms = terms; return keptTerms(terms); });
    return Promise.all([text, metaBonus(q)]).then(function (got) {
      kept = got[0];
      top = rank(head, kept, got[1]).slice(0, limit);
      return rows(top.map(function (s) { return s[1]; }));
    }).then(function (found) {
      return found.map(function (c, k) {
        return { id: c.id, title: c.title, url: c.url, outcome: c.outcome, score: top[k][0],
          reasons: reasons(head, q, kept, top[k][1], c) };
      });
    });
  }

  /** "N 件类案：〈结论〉 a 件、…；引用最多：〈条款〉（k 件）" over the shown cases. */
  function summary(head, found) {
    var outcomes = [], counts = {}, cited = {}, order = [];
    found.forEach(function (f) {
      var c = byId[f.id];
      if (!(c.outcome in counts)) { outcomes.push(c.outcome); counts[c.outcome] = 0; }
      counts[c.outcome]++;
      c.clauses.forEach(function (e) { if (!(e in cited)) { cited[e] = 0; order.push(e); } cited[e]++; });
    });
    var top = order.slice().sort(function (a, b) { return (cited[b] - cited[a]) || cmp(a, b); })[0];
    var s = found.length + ' 件类案：' + outcomes.map(function (o) { return o + ' ' + counts[o] + ' 件'; }).join('、');
    if (top) s += '；引用最多：' + label(head, top) + '（' + cited[top] + ' 件）';
    return s;
  }

  // ---- the page ------------------------------------------------------------
  var el = {}, last = null, seq = 0;
  function esc(s) { return search.core.escapeHtml(String(s)); }
  function readForm() {
    var clauses = Array.prototype.filter.call(el.form.querySelectorAll('input[name=clause]'), function (i) { return i.checked; });
    return { text: el.text.value, field: el.field.value || null, action: el.action.value || null,
      risks: el.risk.value ? [el.risk.value] : [], clauses: clauses.map(function (i) { return i.value; }),
      clauseLabels: clauses.map(function (i) { return i.getAttribute('data-label'); }) };
  }
  function caseOf(id) { return byId[id]; }
  function clauseList(c) { return c.clauses.map(function (e) { return label(search.data.cases, e); }).join('、'); }

  function run(ev) {
    if (ev) ev.preventDefault();
    var q = readForm(), mine = ++seq;
    if (!q.text.trim() && !q.field && !q.action && !q.risks.length && !q.clauses.length) {
      el.status.textContent = '请先描述情况，或选择领域、条款等条件。';
      return;
    }
    el.status.textContent = '检索中…';
    el.results.setAttribute('data-state', 'busy');
    findCases(q, SHOWN).then(function (found) {
      if (mine !== seq) return;
      last = { query: q, found: found };
      var root = document.documentElement.getAttribute('data-root') || '';
      el.results.innerHTML = found.map(function (f) {
        var c = caseOf(f.id);
        return '<li data-id="' + esc(f.id) + '"><a href="' + esc(root + f.url) + '">' + esc(f.id + ' ' + f.title) + '</a> <span class="outcome ' +
          esc(c.outcome_slug) + '">' + esc(f.outcome) + '</span><br><small>适用条款：' + esc(clauseList(c)) +
          '</small><br><small>' + esc(f.reasons.join('；')) + '</small></li>';
      }).join('');
      el.summary.textContent = found.length ? summary(search.data.cases, found) : '';
      // The live region says how many were found; the summary line below is read in place.
      el.status.textContent = found.length ? '找到 ' + found.length + ' 件类案。' : '没有找到相似案例，可换个说法或减少筛选条件。';
      el.print.disabled = !found.length;
      fillReport();
      el.results.setAttribute('data-state', 'done');
    }, function (e) { el.status.textContent = '检索失败：' + e.message; });
  }

  function fillReport() {
    var q = last.query, filters = [];
    if (q.field) filters.push('领域：' + q.field);
    if (q.action) filters.push('执法类别：' + q.action);
    if (q.risks.length) filters.push('风险点：' + el.risk.options[el.risk.selectedIndex].text);
    if (q.clauseLabels.length) filters.push('条款：' + q.clauseLabels.join('、'));
    document.getElementById('report-text').textContent = q.text.trim() || '（未填写）';
    document.getElementById('report-filters').textContent = filters.length ? filters.join('；') : '无';
    document.getElementById('report-summary').textContent = last.found.length ? summary(search.data.cases, last.found) : '未检索到相似案例。';
    document.getElementById('report-rows').innerHTML = last.found.map(function (f, i) {
      var c = caseOf(f.id);
      return '<tr><td>' + (i + 1) + '</td><td>' + esc(c.id) + '</td><td>' + esc(c.title) + (c.sample ? '（示例）' : '') + '</td><td>' + esc(c.outcome) +
        '</td><td>' + esc(clauseList(c)) + '</td><td>' + esc(c.holding) + '</td></tr>';
    }).join('');
  }

  // The date is the browser's, written only into the printed report.
  function stampDate() {
    var d = new Date();
    document.getElementById('report-date').textContent = d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日';
  }

  function init() {
    ['form', 'text', 'field', 'action', 'risk', 'print', 'status', 'summary', 'results'].forEach(function (k) {
      el[k] = document.getElementById('similar-' + k);
    });
    if (!el.form) return;
    search.base = (document.documentElement.getAttribute('data-root') || '') + 'search/';
    el.form.addEventListener('submit', run);
    el.print.addEventListener('click', function () { stampDate(); root.print(); });
    root.addEventListener('beforeprint', stampDate);
  }

  root.regkbSimilar = { init: init, find: findCases, rank: rank, textTerms: textTerms, descriptionTerms: descriptionTerms, summary: summary };
  if (typeof module === 'object' && module.exports) module.exports = root.regkbSimilar;
})(typeof window !== 'undefined' ? window : globalThis);
