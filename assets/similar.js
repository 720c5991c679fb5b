//! regkb similar-case finder (similar.html): the ranking of src/similar/mod.rs
//! ported line by line (integers only, so it orders exactly as the case pages
//! and `regkb similar` do), the page, and the printable 类案检索报告.
//! Needs search/search.js (analyzer, term lists) and search/cases.js (the case
//! table). Nothing typed is sent anywhere or stored.
(function (root) {
  'use strict';
  var search = root.regkbSearch = root.regkbSearch || {};
  search.cases = function (table) { search.data.cases = table; };
  var MAX_COUNT = 3, KEY_TERMS = 4, SHOWN = 10;

  // Code-point order, as Rust compares strings.
  function cmp(a, b) {
    var x = Array.from(a), y = Array.from(b), n = Math.min(x.length, y.length);
    for (var i = 0; i < n; i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  /** Distinct terms of a text, counts capped at MAX_COUNT, in order of first appearance (query_terms). */
  function queryTerms(text) {
    var out = [], at = {};
    search.core.analyze(text).forEach(function (t) {
      if (Object.prototype.hasOwnProperty.call(at, t.text)) out[at[t.text]][1] = Math.min(out[at[t.text]][1] + 1, MAX_COUNT);
      else { at[t.text] = out.length; out.push([t.text, 1]); }
    });
    return out;
  }
  function articleOf(eid) { return eid.split('__')[0]; }
  function label(table, eid) { return table.labels[eid] || eid; }

  /**
   * rank (mod.rs::rank). query: {text, field, action, clauses, risks, exclude};
   * lists: for each queryTerms(text) entry, its decoded {docs, impacts} over all documents.
   * → [{case, score, reasons}] best first, positive scores only.
   */
  function rank(table, query, terms, lists) {
    var cases = table.cases, n = cases.length, byNum = {}, w = table.weights;
    cases.forEach(function (c, i) { byNum[c.num] = i; });
    var riskByNum = {}, riskText = table.risk_docs.map(function () { return 0; });
    table.risk_docs.forEach(function (r, i) { riskByNum[r[1]] = i; });
    var text = cases.map(function () { return 0; }), hits = cases.map(function () { return []; }), total = 0;
    // The rarest terms first (shortest postings, then order of appearance); of
    // those held by at most half the cases, the first w.max_terms count.
    var order = terms.map(function (tc, k) { return k; });
    order.sort(function (a, b) { return (lists[a].docs.length - lists[b].docs.length) || (a - b); });
    var kept = [];
    order.forEach(function (k) {
      if (kept.length === w.max_terms) return;
      var l = lists[k], df = 0, j;
      for (j = 0; j < l.docs.length; j++) if (byNum[l.docs[j]] !== undefined) df++;
      if (l.docs.length === 0 || df * 2 > n) return;
      kept.push(k);
    });
    kept.forEach(function (k) {
      var tc = terms[k], l = lists[k], j;
      total += tc[1];
      for (j = 0; j < l.docs.length; j++) {
        var i = byNum[l.docs[j]], c = tc[1] * l.impacts[j];
        if (i !== undefined) { text[i] += c; hits[i].push([c, tc[0]]); }
        else if (riskByNum[l.docs[j]] !== undefined) riskText[riskByNum[l.docs[j]]] += c;
      }
    });
    // The closest risk point (ties by id: risk_docs is sorted), only when none was picked.
    var implied = null, best = 0;
    if (!query.risks.length) {
      table.risk_docs.forEach(function (r, i) { if (riskText[i] > best) { best = riskText[i]; implied = r[0]; } });
    }
    var out = [];
    cases.forEach(function (c, i) {
      if (query.exclude === c.id) return;
      var reasons = [], score = total === 0 ? 0 : Math.floor(text[i] * w.text_scale / total);
      var shared = c.clauses.filter(function (e) { return query.clauses.indexOf(e) >= 0; });
      score += w.clause * shared.length;
      if (shared.length) reasons.push('同引条款：' + shared.map(function (e) { return label(table, e); }).join('、'));
      var arts = [];
      c.clauses.map(articleOf).sort(cmp).forEach(function (a) { if (arts[arts.length - 1] !== a) arts.push(a); });
      arts = arts.filter(function (a) { return query.clauses.some(function (q) { return articleOf(q) === a; }); });
      score += w.article * arts.length;
      if (arts.length) reasons.push('同一条文：' + arts.map(function (a) { return label(table, a); }).join('、'));
      var risks = c.risks.filter(function (r) { return query.risks.indexOf(r) >= 0; });
      score += w.risk * risks.length;
      if (risks.length) reasons.push('同一风险点：' + risks.map(function (r) { return table.risks[r] || r; }).join('、'));
      if (implied !== null && c.risks.indexOf(implied) >= 0) {
        score += w.implied_risk;
        reasons.push('描述接近风险点：' + (table.risks[implied] || implied));
      }
      if (query.field === c.field) { score += w.field; reasons.push('同一领域：' + c.field); }
      if (query.action === c.action) { score += w.action; reasons.push('同类执法：' + c.action); }
      if (score === 0) return;
      var t = hits[i].slice().sort(function (a, b) { return (b[0] - a[0]) || cmp(a[1], b[1]); });
      if (t.length) reasons.push('关键词：' + t.slice(0, KEY_TERMS).map(function (x) { return x[1]; }).join('、'));
      out.push({ case: i, score: score, reasons: reasons });
    });
    out.sort(function (a, b) { return (b.score - a.score) || cmp(cases[a.case].id, cases[b.case].id); });
    return out;
  }

  /** Ranks over the loaded export: resolves to [{id, title, url, outcome, score, reasons}], `limit` at most (regkb similar --json). */
  function find(query, limit) {
    var terms = queryTerms(query.text || '');
    var q = { text: query.text || '', field: query.field || null, action: query.action || null,
      clauses: query.clauses || [], risks: query.risks || [], exclude: query.exclude || null };
    return search.termLists(terms.map(function (t) { return t[0]; })).then(function (lists) {
      var table = search.data.cases;
      return rank(table, q, terms, lists).slice(0, limit).map(function (s) {
        var c = table.cases[s.case];
        return { id: c.id, title: c.title, url: c.url, outcome: c.outcome, score: s.score, reasons: s.reasons };
      });
    });
  }

  /** "N 件类案：容错免责 a 件、…；引用最多：第十条第一款第（五）项（k 件）" over the shown cases. */
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
    find(q, SHOWN).then(function (found) {
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
      el.status.textContent = found.length ? '' : '没有找到相似案例，可换个说法或减少筛选条件。';
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

  root.regkbSimilar = { init: init, find: find, rank: rank, queryTerms: queryTerms, summary: summary };
  if (typeof module === 'object' && module.exports) module.exports = root.regkbSimilar;
})(typeof window !== 'undefined' ? window : globalThis);
