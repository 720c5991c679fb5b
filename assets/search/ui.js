//! regkb search page: results as you type, facets with counts over all
//! matching documents, highlighted snippets, keyboard navigation, ?q= in the
//! URL. The page supplies the elements (see docs/search.md) and calls
//! regkbSearch.init().
(function (root) {
  'use strict';
  var api = root.regkbSearch, core = api.core;
  var PAGE = 10;
  var KINDS = { article: '条文', clause: '款项', annotation: '释义', case: '案例', risk: '风险点', guide: '指引', version: '其他版本' };
  var FACETS = [['kind', '类型'], ['field', '领域'], ['outcome', '处理结果'], ['article', '引用条文'], ['year', '年份']];
  var el = {}, state = { query: '', result: null, filters: {}, shown: 0, active: -1, seq: 0 }, rootPrefix = '';

  // Facet values of a document: lists of value indexes, per facet.
  function values(num) {
    var sig = api.signature(num);
    return { kind: [sig[0]], field: sig[1] ? [sig[1] - 1] : [], outcome: sig[2] ? [sig[2] - 1] : [],
      year: sig[3] ? [sig[3] - 1] : [], article: api.articleSet(sig[4]) };
  }
  function passes(v, except) {
    // Other versions' text shows only when its kind is chosen.
    if (except !== 'kind' && state.filters.kind === undefined &&
        api.data.meta.names.kinds[v.kind[0]] === 'version') return false;
    for (var f in state.filters) {
      if (f !== except && v[f].indexOf(state.filters[f]) < 0) return false;
    }
    return true;
  }
  function names(facet) {
    var n = api.data.meta.names;
    if (facet === 'kind') return n.kinds.map(function (k) { return KINDS[k] || k; });
    if (facet === 'article') return n.articles.map(function (a) { return a[1]; });
    return n[facet + 's'];
  }

  // Counts every facet value over the documents `nums`; returns those passing the filters.
  function renderFacets(nums) {
    var counts = {};
    FACETS.forEach(function (f) { counts[f[0]] = {}; });
    var kept = [];
    nums.forEach(function (num) {
      var v = values(num);
      FACETS.forEach(function (f) {
        if (!passes(v, f[0])) return;
        v[f[0]].forEach(function (x) { counts[f[0]][x] = (counts[f[0]][x] || 0) + 1; });
      });
      if (passes(v, null)) kept.push(num);
    });
    var html = '';
    FACETS.forEach(function (f) {
      var label = names(f[0]), c = counts[f[0]], keys = Object.keys(c).map(Number).sort(function (a, b) { return a - b; });
      if (!keys.length) return;
      html += '<fieldset class="search-facet" data-facet="' + f[0] + '"><legend>' + f[1] + '</legend>';
      keys.forEach(function (k) {
        var on = state.filters[f[0]] === k;
        html += '<button type="button" data-facet="' + f[0] + '" data-value="' + k + '" aria-pressed="' + on + '">' +
          core.escapeHtml(label[k]) + ' <span class="search-count">' + c[k] + '</span></button>';
      });
      html += '</fieldset>';
    });
    // Rebuilding the buttons would drop the keyboard focus to <body>: the button that
    // had it gets it back.
    var had = el.facets.contains(root.document.activeElement) ? root.document.activeElement : null;
    var key = had && had.getAttribute('data-facet') ? [had.getAttribute('data-facet'), had.getAttribute('data-value')] : null;
    el.facets.innerHTML = html;
    if (key) {
      var again = el.facets.querySelector('button[data-facet="' + key[0] + '"][data-value="' + key[1] + '"]');
      if (again) again.focus();
    }
    return kept;
  }

  function render(r, q) {
    el.results.setAttribute('data-state', 'loading');
    // Documents the citation graph lists for a clause query come first, then the ranked rest.
    var first = {}, related = [];
    r.related.forEach(function (n) { if (!first[n]) { first[n] = true; related.push(n); } });
    var docs = related.concat(Array.prototype.filter.call(r.matches, function (n) { return !first[n]; }));
    var kept = renderFacets(docs), keptSet = {};
    var kindFilter = state.filters.kind;
    var jumpNums = r.jumps.map(function (j) { return j[3]; });
    kept = kept.filter(function (n) { return jumpNums.indexOf(n) < 0; });
    kept.forEach(function (n) { keptSet[n] = true; });
    var jumps = r.jumps.filter(function (j) {
      var kind = j[0].indexOf('__') >= 0 ? 'clause' : 'article';
      return kindFilter === undefined || api.data.meta.names.kinds[kindFilter] === kind;
    });
    // Jumps and related documents in their order; the ranked rest is asked of r.top page by page.
    state.items = jumps.map(function (j) { return { jump: j }; })
      .concat(related.filter(function (n) { return keptSet[n]; }).map(function (n) { return { num: n }; }));
    state.eager = state.items.length;
    state.total = jumps.length + kept.length;
    state.keep = function (n) { return keptSet[n] && !first[n]; };
    state.shown = 0;
    setActive(-1);
    el.results.innerHTML = '';
    var total = kept.length;
    var status = q ? (total ? '共 ' + total + ' 条结果' : '未找到与“' + q + '”相关的内容') : '';
    if (r.partial && total) {
      status = '没有同时包含' + r.words.map(function (w) { return '“' + w + '”'; }).join('') + '的结果，以下为部分匹配（共 ' + total + ' 条）';
    }
    el.status.textContent = status;
    return more(q);
  }

  // Shows the next page of results; ranks and loads the documents it needs.
  function more(q) {
    var terms = {}, r = state.result;
    r.plan.terms.forEach(function (t) { terms[t] = true; });
    var seq = state.seq, end = Math.min(state.total, state.shown + PAGE);
    var ranked = state.items.length < end ? r.top(state.keep, end - state.eager) : Promise.resolve(null);
    return ranked.then(function (nums) {
      if (seq !== state.seq) return;
      if (nums) state.items = state.items.slice(0, state.eager).concat(nums.map(function (n) { return { num: n }; }));
      var page = state.items.slice(state.shown, end);
      state.shown = end;
      return showPage(q, page, seq, terms);
    });
  }

  function showPage(q, page, seq, terms) {
    var nums = page.filter(function (it) { return it.num !== undefined; }).map(function (it) { return it.num; });
    return api.documents(nums).then(function (rows) {
      if (seq !== state.seq) return;
      var byNum = {}, html = '';
      nums.forEach(function (n, i) { byNum[n] = rows[i]; });
      page.forEach(function (it) {
        if (it.jump) {
          html += '<li class="search-result search-jump" role="none" data-id="' + core.escapeHtml(it.jump[0]) + '"><a role="option" aria-selected="false" id="' + optionId() +
            '" href="' + core.escapeHtml(rootPrefix + it.jump[2]) + '"><span class="search-title"><span class="search-kind">跳转</span>' + core.escapeHtml(it.jump[1]) + '</span></a></li>';
          return;
        }
        var d = byNum[it.num];
        var v = values(it.num), n = api.data.meta.names, meta = [];
        if (v.field.length) meta.push(n.fields[v.field[0]]);
        if (v.outcome.length) meta.push(n.outcomes[v.outcome[0]]);
        if (v.year.length) meta.push(n.years[v.year[0]]);
        // The link is the listbox option and holds the whole result: an option may not contain a link.
        html += '<li class="search-result" role="none" data-id="' + core.escapeHtml(d[0]) + '"><a role="option" aria-selected="false" id="' + optionId() +
          '" href="' + core.escapeHtml(rootPrefix + d[2]) + '"><span class="search-title"><span class="search-kind">' +
          core.escapeHtml(KINDS[n.kinds[v.kind[0]]] || '') + '</span>' + core.highlight(d[1], terms, 0) + '</span>' +
          (meta.length ? '<span class="search-meta">' + core.escapeHtml(meta.join(' · ')) + '</span>' : '') +
          '<span class="search-snippet">' + core.highlight(d[3], terms, 120) + '</span></a></li>';
      });
      el.results.insertAdjacentHTML('beforeend', html);
      el.input.setAttribute('aria-expanded', state.total ? 'true' : 'false');
      el.more.hidden = state.shown >= state.total;
      el.results.setAttribute('data-query', q);
      el.results.setAttribute('data-state', 'done');
    });
  }

  function setUrl(q) {
    try {
      var url = new URL(root.location.href);
      if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
      root.history.replaceState(null, '', url.href);
    } catch (e) { /* some browsers refuse history changes on file:// pages; the search still works */ }
  }

  /** Runs and shows a query; resolves once its first page is on screen. */
  function run(q) {
    var seq = ++state.seq;
    state.query = q;
    setUrl(q.trim() ? q : '');
    el.results.setAttribute('data-state', 'loading');
    if (!q.trim()) {
      el.results.innerHTML = el.facets.innerHTML = el.status.textContent = '';
      setActive(-1);
      el.input.setAttribute('aria-expanded', 'false');
      el.more.hidden = true;
      el.results.setAttribute('data-query', q);
      el.results.setAttribute('data-state', 'done');
      return Promise.resolve();
    }
    state.pending = api.search(q).then(function (r) {
      if (seq !== state.seq) return state.pending;
      state.result = r;
      return render(r, q);
    }).catch(function (e) {
      el.status.textContent = '搜索数据加载失败：' + e.message;
    });
    return state.pending;
  }

  var optionCount = 0;
  function optionId() { return 'search-option-' + (++optionCount); }

  // The highlighted result: the box keeps the focus and points at it with
  // aria-activedescendant, so a screen reader reads each result as ↑/↓ reach it.
  function setActive(i) {
    var items = el.results.querySelectorAll('li.search-result');
    state.active = items.length && i >= 0 ? Math.min(items.length - 1, i) : -1;
    items.forEach(function (li, k) {
      li.classList.toggle('is-active', k === state.active);
      li.firstElementChild.setAttribute('aria-selected', k === state.active ? 'true' : 'false');
    });
    if (state.active < 0) { el.input.removeAttribute('aria-activedescendant'); return; }
    el.input.setAttribute('aria-activedescendant', items[state.active].firstElementChild.id);
    items[state.active].scrollIntoView({ block: 'nearest' });
  }

  // Enter opens the highlighted (or first) result of what the box holds now: a
  // query still being searched is waited for, and a stale list is never used.
  function open() {
    var q = el.input.value;
    var ready = q === state.query && state.pending ? state.pending : run(q);
    ready.then(function () {
      if (el.input.value !== q) return;
      var links = el.results.querySelectorAll('li.search-result > a');
      var a = links[Math.max(0, state.active)];
      if (a) root.location.href = a.href;
    });
  }

  function onKey(e) {
    if (e.key === 'ArrowDown') { setActive(state.active < 0 ? 0 : state.active + 1); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { setActive(Math.max(0, state.active - 1)); e.preventDefault(); }
    else if (e.key === 'Escape' && state.active >= 0) { setActive(-1); e.preventDefault(); }
    else if (e.key === 'Enter' && !e.isComposing) { open(); e.preventDefault(); }
  }

  /** Wires the page's search elements; call once the elements exist. */
  api.init = function (options) {
    options = options || {};
    var doc = root.document;
    rootPrefix = options.root !== undefined ? options.root : (doc.documentElement.getAttribute('data-root') || '');
    api.base = rootPrefix + 'search/';
    ['input', 'status', 'facets', 'results', 'more'].forEach(function (k) { el[k] = doc.getElementById('search-' + k); });
    if (!el.input || !el.results) return Promise.resolve(); // not a search page
    // Optional parts a template may leave out still get somewhere to render.
    if (!el.status) el.status = doc.createElement('p');
    if (!el.facets) el.facets = doc.createElement('div');
    if (!el.more) { el.more = doc.createElement('button'); el.more.hidden = true; }
    el.input.setAttribute('role', 'combobox');
    el.input.setAttribute('aria-autocomplete', 'list');
    el.input.setAttribute('aria-expanded', 'false');
    // Filters fold away on a phone, so the first result is on the first screen.
    var filterBox = doc.getElementById('search-filter-box');
    if (filterBox && root.matchMedia) {
      var narrow = root.matchMedia('(max-width: 48rem)');
      filterBox.open = !narrow.matches;
      // Widened (a phone turned, a window resized): a wide screen hides the summary, so open it.
      if (narrow.addEventListener) narrow.addEventListener('change', function () { if (!narrow.matches) filterBox.open = true; });
    }
    var composing = false;
    el.input.addEventListener('compositionstart', function () { composing = true; });
    el.input.addEventListener('compositionend', function () { composing = false; run(el.input.value); });
    el.input.addEventListener('input', function () { if (!composing) run(el.input.value); });
    el.input.addEventListener('keydown', onKey);
    var form = doc.getElementById('search-form');
    if (form) form.addEventListener('submit', function (e) { e.preventDefault(); run(el.input.value); });
    el.more.addEventListener('click', function () { more(state.query); });
    el.facets.addEventListener('click', function (e) {
      var b = e.target.closest('button[data-facet]');
      if (!b) return;
      var f = b.getAttribute('data-facet'), v = Number(b.getAttribute('data-value'));
      if (state.filters[f] === v) delete state.filters[f]; else state.filters[f] = v;
      if (state.result) render(state.result, state.query);
    });
    doc.addEventListener('keydown', function (e) {
      var t = e.target.tagName;
      if (e.key === '/' && t !== 'INPUT' && t !== 'TEXTAREA' && !e.target.isContentEditable) { el.input.focus(); e.preventDefault(); }
    });
    var q = new URL(root.location.href).searchParams.get('q');
    if (q) { el.input.value = q; return run(q); }
    return Promise.resolve();
  };
  api.ui = { run: run, state: state };
})(window);
