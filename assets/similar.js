//! regkb similar-case finder (similar.html): the ranking of src/similar/mod.rs
//! over the model the export ships (search/s/: per term its idf and the cases'
//! normalised weights, all integers, so it orders exactly as the case pages and
//! `regkb similar` do), the page, and the printable 类案检索报告.
//! Needs search/search.js (analyzer, lexicon, loader) and search/cases.js (the
//! case table). Nothing typed is sent anywhere or stored.
(function (root) {
  'use strict';
  var search = root.regkbSearch = root.regkbSearch || {};
  search.cases = function (table) { search.data.cases = table; };
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
  function label(table, eid) { return table.labels[eid] || eid; }

  function bonus(w, q, qArticles, c) {
    var clauses = c.clauses.filter(function (e) { return q.clauses.indexOf(e) >= 0; }).length;
    var arts = [];
    c.clauses.map(articleOf).sort(cmp).forEach(function (a) { if (arts[arts.length - 1] !== a) arts.push(a); });
    var articles = arts.filter(function (a) { return qArticles.indexOf(a) >= 0; }).length;
    var risks = c.risks.filter(function (r) { return q.risks.indexOf(r) >= 0; }).length;
    var b = w.clause * clauses + w.article * articles + w.risk * risks;
    if (q.field === c.field) b += w.field;
    if (q.action === c.action) b += w.action;
    return b;
  }
  /**
   * rank (mod.rs::rank). query: {terms, field, action, clauses, risks, exclude};
   * lists: for each query term, {idf, docs, impacts} (case indexes, weights) or null.
   * → [{case, score, reasons}] best first, positive scores only.
   */
  function rank(table, query, lists) {
    var w = table.weights, cases = table.cases, kept = [];
    query.terms.forEach(function (tc, k) {
      var l = lists[k];
      if (!l) return;
      kept.push({ key: tc[0], weight: w.tf[Math.min(tc[1], w.tf.length - 1)] * l.idf, list: l });
    });
    kept.sort(function (a, b) { return (b.weight - a.weight) || cmp(a.key, b.key); });
    kept = kept.slice(0, w.max_query_terms);
    var exclude = -1;
    cases.forEach(function (c, i) { if (c.id === query.exclude) exclude = i; });
    var text = {};
    kept.forEach(function (k) {
      for (var j = 0; j < k.list.docs.length; j++) {
        var i = k.list.docs[j];
        text[i] = (text[i] || 0) + k.weight * k.list.impacts[j];
      }
    });
    var qArticles = [];
    query.clauses.map(articleOf).sort(cmp).forEach(function (a) { if (qArticles[qArticles.length - 1] !== a) qArticles.push(a); });
    var scored = [];
    if (!kept.length) {
      cases.forEach(function (c, i) {
        var b = bonus(w, query, qArticles, c);
        if (b > 0 && i !== exclude) scored.push([b, i]);
      });
    } else {
      Object.keys(text).forEach(function (key) {
        var i = Number(key);
        if (i === exclude || i >= cases.length) return;
        scored.push([text[i] * (w.base + Math.min(bonus(w, query, qArticles, cases[i]), w.cap)), i]);
      });
    }
    scored.sort(function (a, b) { return (b[0] - a[0]) || (a[1] - b[1]); });
    return scored.map(function (s) { return { case: s[1], score: s[0], reasons: reasons(table, query, kept, s[1]) }; });
  }

  function reasons(table, query, kept, i) {
    var c = table.cases[i], out = [];
    var terms = [];
    kept.forEach(function (k) {
      if (k.key[0] !== 'w') return;
      var word = k.key.slice(1);
      if (word.indexOf(table.weights.placeholder) === 0) return;
      var at = search.core.sortedIndex(k.list.docs, i);
      if (at >= 0) terms.push([k.weight * k.list.impacts[at], word]);
    });
    terms.sort(function (a, b) { return (b[0] - a[0]) || cmp(a[1], b[1]); });
    if (terms.length) out.push('关键词：' + terms.slice(0, table.weights.key_terms).map(function (x) { return x[1]; }).join('、'));
    var shared = c.clauses.filter(function (e) { return query.clauses.indexOf(e) >= 0; });
    if (shared.length) out.push('同引条款：' + shared.map(function (e) { return label(table, e); }).join('、'));
    var arts = [];
    c.clauses.map(articleOf).sort(cmp).forEach(function (a) { if (arts[arts.length - 1] !== a) arts.push(a); });
    arts = arts.filter(function (a) { return query.clauses.some(function (q) { return articleOf(q) === a; }); });
    if (arts.length) out.push('同一条文：' + arts.map(function (a) { return label(table, a); }).join('、'));
    var risks = c.risks.filter(function (r) { return query.risks.indexOf(r) >= 0; });
    if (risks.length) out.push('同一风险点：' + risks.map(function (r) { return table.risks[r] || r; }).join('、'));
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

  /** Ranks over the loaded export: resolves to [{id, title, url, outcome, score, reasons}], `limit` at most (regkb similar --json). */
  function findCases(query, limit) {
    var q = { terms: [], field: query.field || null, action: query.action || null,
      clauses: query.clauses || [], risks: query.risks || [], exclude: query.exclude || null };
    return descriptionTerms(query.text || '').then(function (terms) {
      q.terms = terms;
      return search.setEntries('s', terms.map(function (t) { return t[0]; }));
    }).then(function (entries) {
      var lists = entries.map(function (e) {
        if (!e) return null;
        var d = search.core.decodeList(e[1], true);
        return { idf: e[0], docs: d.docs, impacts: d.impacts };
      });
      var table = search.data.cases;
      return rank(table, q, lists).slice(0, limit).map(function (s) {
        var c = table.cases[s.case];
        return { id: c.id, title: c.title, url: c.url, outcome: c.outcome, score: s.score, reasons: s.reasons };
      });
    });
  }

  /** "N 件类案：〈结论〉 a 件、…；引用最多：〈条款〉（k 件）" over the shown cases. */
  function summary(table, found) {
    var outcomes = [], counts = {}, cited = {}, order = [];
    found.forEach(function (f) {
      var c = table.cases.find(function (x) { return x.id === f.id; });
      if (!(c.outcome in counts)) { outcomes.push(c.outcome); counts[c.outcome] = 0; }
      counts[c.outcome]++;
      c.clauses.forEach(function (e) { if (!(e in cited)) { cited[e] = 0; order.push(e); } cited[e]++; });
    });
    var top = order.slice().sort(function (a, b) { return (cited[b] - cited[a]) || cmp(a, b); })[0];
    var s = found.length + ' 件类案：' + outcomes.map(function (o) { return o + ' ' + counts[o] + ' 件'; }).join('、');
    if (top) s += '；引用最多：' + label(table, top) + '（' + cited[top] + ' 件）';
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
  function caseOf(id) { return search.data.cases.cases.find(function (c) { return c.id === id; }); }
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
