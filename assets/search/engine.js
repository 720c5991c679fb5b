//! regkb search engine for the browser: the analyzer, the citation scanner and
//! the ranking of src/search/ ported line by line (analyzer.rs, numerals.rs,
//! citation_query.rs, encode.rs, scoring.rs::rank, segment/query.rs), plus the loader of the
//! index pieces. Classic script, no modules, no fetch: data files are scripts
//! that call regkbSearch.<kind>(...), so everything works from file://.
(function (root) {
  'use strict';

  // ---- analyzer (analyzer.rs) -------------------------------------------
  function foldChar(c) {
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (c === 0x3000) c = 0x20;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    return c;
  }
  function isCjk(c) {
    return c === 0x3007 || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x3134f);
  }
  function isWord(c) { return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39); }

  // ---- numerals (numerals.rs) -------------------------------------------
  // The tables of numerals.rs, analyzer.rs and citation_query.rs. The build
  // replaces this line with a copy generated from the Rust tables (export.rs),
  // so the shipped engine cannot drift; a Rust test keeps this copy equal.
  var TABLES = {"digits":{"〇":0,"零":0,"０":0,"0":0,"一":1,"壹":1,"二":2,"两":2,"贰":2,"三":3,"叁":3,"四":4,"肆":4,"五":5,"伍":5,"六":6,"陆":6,"七":7,"柒":7,"八":8,"捌":8,"九":9,"玖":9},"units":{"十":10,"拾":10,"百":100,"佰":100,"千":1000,"仟":1000,"万":10000,"萬":10000},"citation_units":"条款项章节","levels":"条款项","joiners":"、,，和及"}; // regkb:tables
  var DIGIT = TABLES.digits, UNIT = TABLES.units;
  var U32 = 4294967295;
  function arabic(ch) {
    var c = ch.codePointAt(0);
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
    return null;
  }
  function isNumeralChar(ch) { return ch in DIGIT || ch in UNIT || arabic(ch) !== null; }
  function parseNumber(s) {
    var chars = Array.from(s), v = 0, i;
    if (!chars.length) return null;
    if (chars.every(function (c) { return arabic(c) !== null; })) {
      for (i = 0; i < chars.length; i++) { v = v * 10 + arabic(chars[i]); if (v > U32) return null; }
      return v;
    }
    if (chars.some(function (c) { return c in UNIT; })) {
      var total = 0, pending = null, last = Infinity;
      for (i = 0; i < chars.length; i++) {
        var c = chars[i];
        if (c in DIGIT) {
          if (pending !== null && DIGIT[c] !== 0) return null;
          pending = DIGIT[c] === 0 ? null : DIGIT[c];
        } else if (c in UNIT) {
          var u = UNIT[c];
          if (u >= last) return null;
          var d = pending;
          pending = null;
          if (d === null) { if (total === 0) d = 1; else return null; }
          total += d * u;
          last = u;
        } else return null;
      }
      return total + (pending === null ? 0 : pending);
    }
    for (i = 0; i < chars.length; i++) {
      if (!(chars[i] in DIGIT)) return null;
      v = v * 10 + DIGIT[chars[i]];
      if (v > U32) return null;
    }
    return v;
  }
  var ZH = '零一二三四五六七八九';
  function toChinese(n) {
    if (n === 0) return '零';
    if (n >= 10000) return String(n);
    var parts = [[Math.floor(n / 1000), '千'], [Math.floor(n / 100) % 10, '百'], [Math.floor(n / 10) % 10, '十'], [n % 10, '']];
    var out = '', gap = false;
    for (var i = 0; i < 4; i++) {
      var d = parts[i][0];
      if (d === 0) { gap = out.length > 0; continue; }
      if (gap) { out += '零'; gap = false; }
      if (!(d === 1 && i === 2 && out === '')) out += ZH[d];
      out += parts[i][1];
    }
    return out;
  }

  var CITATION_UNITS = TABLES.citation_units;
  // After a 第 at `start`: "(" numerals ")" or numerals, then a unit.
  function citationNumber(chars, start) {
    var j = start;
    if (j >= chars.length) return null;
    var bracket = chars[j].ch === '(';
    if (bracket) j++;
    var digitsStart = j, digits = '';
    while (j < chars.length && isNumeralChar(chars[j].ch)) { digits += chars[j].ch; j++; }
    if (j === digitsStart) return null;
    if (bracket) { if (j >= chars.length || chars[j].ch !== ')') return null; j++; }
    if (j >= chars.length || CITATION_UNITS.indexOf(chars[j].ch) < 0) return null;
    var n = parseNumber(digits);
    if (n === null || n === 0) return null;
    return [n, j];
  }
  function foldCitations(chars) {
    var out = [], i = 0;
    while (i < chars.length) {
      if (chars[i].ch === '第') {
        var m = citationNumber(chars, i + 1);
        if (m) {
          out.push(chars[i]);
          var from = chars[i + 1].from, to = chars[m[1] - 1].to;
          Array.from(toChinese(m[0])).forEach(function (ch) {
            out.push({ c: ch.codePointAt(0), ch: ch, from: from, to: to });
          });
          out.push(chars[m[1]]);
          i = m[1] + 1;
          continue;
        }
      }
      out.push(chars[i]);
      i++;
    }
    return out;
  }
  /** Every character folded, with its UTF-16 range, citation numbers in one form (analyzer.rs::fold). */
  function fold(text) {
    var folded = [];
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), len = cp > 0xffff ? 2 : 1, f = foldChar(cp);
      folded.push({ c: f, ch: String.fromCodePoint(f), from: i, to: i + len });
      i += len;
    }
    return foldCitations(folded);
  }
  /** Tokens of `text`: {text, position, from, to} with UTF-16 offsets. */
  function analyze(text) {
    var chars = fold(text), tokens = [], position = 0, k = 0;
    function push(a, b) {
      var t = '';
      for (var x = a; x < b; x++) t += chars[x].ch;
      tokens.push({ text: t, position: position++, from: chars[a].from, to: chars[b - 1].to });
    }
    while (k < chars.length) {
      var c = chars[k].c, j = k + 1;
      if (isCjk(c)) {
        while (j < chars.length && isCjk(chars[j].c)) j++;
        if (j - k === 1) push(k, j);
        for (var b = k; b < j - 1; b++) push(b, b + 2);
      } else if (isWord(c)) {
        while (j < chars.length && isWord(chars[j].c)) j++;
        push(k, j);
      } else {
        while (j < chars.length && !isCjk(chars[j].c) && !isWord(chars[j].c)) j++;
        if (tokens.length) position++;
      }
      k = j;
    }
    return tokens;
  }
  function pairKey(a, b) {
    var x = Array.from(a), y = Array.from(b);
    if (x.length === 2 && y.length === 2 && x[1] === y[0] && isCjk(x[1].codePointAt(0)) && isCjk(y[1].codePointAt(0))) {
      return a + y[1];
    }
    return a + ' ' + b;
  }
  /** Distinct terms and distinct adjacent pairs [key, termA, termB] (query.rs::plan). */
  function plan(query) {
    var tokens = analyze(query), terms = [], ids = [], pairs = [], seen = {};
    tokens.forEach(function (t) {
      var i = terms.indexOf(t.text);
      if (i < 0) { terms.push(t.text); i = terms.length - 1; }
      ids.push(i);
    });
    for (var k = 1; k < tokens.length; k++) {
      if (tokens[k].position !== tokens[k - 1].position + 1) continue;
      var key = pairKey(terms[ids[k - 1]], terms[ids[k]]);
      if (!seen[key]) { seen[key] = true; pairs.push([key, ids[k - 1], ids[k]]); }
    }
    return { terms: terms, pairs: pairs, tokens: tokens };
  }

  // ---- words (segment/query.rs) -------------------------------------------
  /** The query folded as the analyzer folds it, as an array of characters. */
  function foldedChars(text) {
    return fold(text).map(function (x) { return x.ch; });
  }
  function isCjkCh(ch) { return isCjk(ch.codePointAt(0)); }
  function isWordCh(ch) { return isWord(ch.codePointAt(0)); }
  /** Distinct CJK characters of a query: the lexicon groups it needs (first_chars). */
  function firstChars(query) {
    var chars = foldedChars(query), out = [];
    for (var i = 0; i < chars.length;) {
      var end = citationChain(chars, i);
      if (end !== null) { i = end; continue; }
      if (isCjkCh(chars[i])) out.push(chars[i]);
      i++;
    }
    out.sort(cmpStr);
    return out.filter(function (c, i) { return i === 0 || out[i - 1] !== c; });
  }
  /** Every CJK character of a text, distinct (query::all_chars). */
  function allChars(text) {
    var out = foldedChars(text).filter(isCjkCh);
    out.sort(cmpStr);
    return out.filter(function (c, i) { return i === 0 || out[i - 1] !== c; });
  }
  function cmpStr(a, b) { return a.codePointAt(0) - b.codePointAt(0); }
  /** Cheapest segmentation of a run as piece lengths, ties to the longer word (path). */
  function path(run, cost, single, max) {
    var n = run.length, best = new Array(n + 1), i, len;
    best[n] = [0, 0];
    for (i = n - 1; i >= 0; i--) {
      var pick = [single + best[i + 1][0], 1];
      for (len = 2; len <= Math.min(max, n - i); len++) {
        var c = cost(run.slice(i, i + len).join(''));
        if (c !== null && c !== undefined) {
          var total = c + best[i + len][0];
          if (total <= pick[0]) pick = [total, len];
        }
      }
      best[i] = pick;
    }
    var out = [];
    for (i = 0; i < n; i += best[i][1]) out.push(best[i][1]);
    return out;
  }
  function cheapest(run, cost, single, max, out) {
    var i = 0, lone = '';
    path(run, cost, single, max).forEach(function (len) {
      if (len === 1) lone += run[i];
      else {
        if (lone) { out.push(lone); lone = ''; }
        out.push(run.slice(i, i + len).join(''));
      }
      i += len;
    });
    if (lone) out.push(lone);
  }
  function citationChain(run, i) {
    var end = null, j = i;
    while (run[j] === '第') {
      var k = j + 1;
      while (k < run.length && isNumeralChar(run[k])) k++;
      if (k === j + 1 || k >= run.length || CITATION_UNITS.indexOf(run[k]) < 0) break;
      k++;
      if (run[k - 1] === '条' && run[k] === '之') {
        var m = k + 1;
        while (m < run.length && isNumeralChar(run[m])) m++;
        if (m > k + 1) k = m;
      }
      end = k;
      j = k;
    }
    return end;
  }
  /** The words a query must match (query::words): cost(word) → integer or null. */
  function queryWords(query, cost, single, max) {
    var chars = foldedChars(query), pieces = [], i = 0;
    while (i < chars.length) {
      var j = i + 1;
      if (isCjkCh(chars[i])) {
        while (j < chars.length && isCjkCh(chars[j])) j++;
        var run = chars.slice(i, j), k = 0, from = 0;
        while (k < run.length) {
          var end = citationChain(run, k);
          if (end !== null) {
            cheapest(run.slice(from, k), cost, single, max, pieces);
            pieces.push(run.slice(k, end).join(''));
            k = from = end;
          } else k++;
        }
        cheapest(run.slice(from), cost, single, max, pieces);
      } else if (isWordCh(chars[i])) {
        while (j < chars.length && isWordCh(chars[j])) j++;
        pieces.push(chars.slice(i, j).join(''));
      }
      i = j;
    }
    var long = pieces.some(function (p) { return Array.from(p).length >= 2; }), out = [];
    pieces.forEach(function (p) {
      if (long && Array.from(p).length < 2) return;
      if (out.indexOf(p) < 0) out.push(p);
    });
    return out;
  }
  /** Lexicon words along the cheapest path, repeats kept (query::lexicon_words). */
  function lexiconWords(text, cost, single, max) {
    var chars = foldedChars(text), out = [], i = 0;
    while (i < chars.length) {
      if (!isCjkCh(chars[i])) { i++; continue; }
      var j = i + 1;
      while (j < chars.length && isCjkCh(chars[j])) j++;
      var at = i;
      path(chars.slice(i, j), cost, single, max).forEach(function (len) {
        if (len >= 2) out.push(chars.slice(at, at + len).join(''));
        at += len;
      });
      i = j;
    }
    return out;
  }
  /** Terms and pair keys a word needs in a document: its phrase (query::word_keys). */
  function wordKeys(word) {
    var tokens = analyze(word), terms = [], pairs = [];
    tokens.forEach(function (t) { if (terms[terms.length - 1] !== t.text) terms.push(t.text); });
    for (var k = 1; k < tokens.length; k++) {
      if (tokens[k].position === tokens[k - 1].position + 1) pairs.push(pairKey(tokens[k - 1].text, tokens[k].text));
    }
    return { terms: terms, pairs: pairs };
  }
  /** Sorted doc arrays → the numbers in all of them (scoring::intersect). */
  function intersect(lists) {
    if (!lists.length) return [];
    lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
    var acc = Array.from(lists[0]);
    for (var i = 1; i < lists.length; i++) {
      var set = lists[i];
      acc = acc.filter(function (d) { return bsearch(set, d); });
    }
    return acc;
  }
  /** Index of `v` in the sorted array `arr`, or -1. */
  function sortedIndex(arr, v) {
    var lo = 0, hi = arr.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (arr[mid] === v) return mid;
      if (arr[mid] < v) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }
  function bsearch(arr, v) { return sortedIndex(arr, v) >= 0; }
  /** Documents holding every word, else those holding some, most first (scoring::by_words). */
  function byWords(ranked, holders) {
    if (!holders.length) return { ranked: [], partial: false };
    function held(num) { return holders.filter(function (h) { return bsearch(h, num); }).length; }
    var all = ranked.filter(function (r) { return held(r.num) === holders.length; });
    if (all.length || holders.length === 1) return { ranked: all, partial: false };
    var some = ranked.map(function (r, i) { return [held(r.num), i, r]; }).filter(function (x) { return x[0] > 0; });
    some.sort(function (a, b) { return (b[0] - a[0]) || (a[1] - b[1]); });
    return { ranked: some.map(function (x) { return x[2]; }), partial: true };
  }

  // ---- citations typed as queries (citation_query.rs) --------------------
  var LEVELS = TABLES.levels, JOINERS = TABLES.joiners;
  function numberAt(s, i) {
    var bracket = s[i] === '(';
    if (bracket) i++;
    var start = i;
    while (i < s.length && isNumeralChar(s[i])) i++;
    var n = parseNumber(s.slice(start, i).join(''));
    if (n === null || n === 0) return null;
    if (bracket) { if (s[i] !== ')') return null; i++; }
    return [n, i];
  }
  function elementAt(s, i) {
    if (s[i] !== '第') return null;
    var first = numberAt(s, i + 1);
    if (!first) return null;
    var nums = [first[0]], j = first[1];
    while (s[j] === '、') {
      var more = numberAt(s, j + 1);
      if (!more) break;
      nums.push(more[0]);
      j = more[1];
    }
    var level = j < s.length ? LEVELS.indexOf(s[j]) : -1;
    if (level < 0) return null;
    j++;
    var suffix = 0;
    if (level === 0 && s[j] === '之') {
      var sfx = numberAt(s, j + 1);
      if (sfx) { suffix = sfx[0]; j = sfx[1]; }
    }
    return { nums: nums, level: level, suffix: suffix, end: j };
  }
  function setLevel(q, level, n, suffix) {
    if (level === 0) return { article: n, suffix: suffix, paragraph: null, point: null };
    if (level === 1) return { article: q.article, suffix: q.suffix, paragraph: n, point: null };
    return { article: q.article, suffix: q.suffix, paragraph: q.paragraph, point: n };
  }
  function levelValue(q, level) { return level === 0 ? q.article : level === 1 ? (q.paragraph || 0) : (q.point || 0); }
  function expand(chain, k, base, out) {
    if (k === chain.length) { out.push(base); return; }
    chain[k].nums.forEach(function (n) { expand(chain, k + 1, setLevel(base, chain[k].level, n, chain[k].suffix), out); });
  }
  function parseCitations(query) {
    var s = Array.from(query).map(function (ch) { return String.fromCodePoint(foldChar(ch.codePointAt(0))); });
    var out = [], context = null, i = 0;
    while (i < s.length) {
      var first = i > 0 && s[i - 1] === '》' ? null : elementAt(s, i);
      if (!first) { i++; continue; }
      var chain = [first], next;
      while ((next = elementAt(s, chain[chain.length - 1].end)) && next.level > chain[chain.length - 1].level) chain.push(next);
      var end = chain[chain.length - 1].end, top = chain[0].level, base;
      if (top === 0) base = { article: 0, suffix: 0, paragraph: null, point: null };
      else if (context) base = { article: context.article, suffix: context.suffix, paragraph: top === 2 ? context.paragraph : null, point: null };
      else { i = end; continue; }
      var found = [];
      expand(chain, 0, base, found);
      var nextI = end;
      if (s[end] === '至') {
        var to = elementAt(s, end + 1), last = found[found.length - 1];
        if (to && last && to.nums.length === 1 && to.level === chain[chain.length - 1].level) {
          var from = levelValue(last, to.level) + 1;
          for (var n = from; n <= Math.min(to.nums[0], from + 200); n++) found.push(setLevel(last, to.level, n, to.suffix));
          nextI = to.end;
        }
      }
      context = found[found.length - 1];
      out.push.apply(out, found);
      i = nextI;
      if (i < s.length && JOINERS.indexOf(s[i]) >= 0 && s[i + 1] === '第') i++;
    }
    return out;
  }
  /** table: [[eid, label, url], ...] → the entry a clause query lands on. */
  function resolveClause(q, table) {
    var art = q.suffix === 0 ? 'art_' + q.article : 'art_' + q.article + '-' + q.suffix;
    var want = q.paragraph === null ? (q.point === null ? art : null)
      : art + '__para_' + q.paragraph + (q.point === null ? '' : '__point_' + q.point);
    if (want !== null) return table.find(function (c) { return c[0] === want; }) || null;
    var prefix = art + '__para_', suffix = '__point_' + q.point, best = null, bestP = Infinity;
    table.forEach(function (c) {
      var e = c[0];
      if (e.length < prefix.length + suffix.length || e.indexOf(prefix) !== 0 || e.slice(-suffix.length) !== suffix) return;
      var mid = e.slice(prefix.length, e.length - suffix.length);
      if (!/^\+?[0-9]+$/.test(mid)) return;
      var p = parseInt(mid, 10);
      if (p < bestP) { bestP = p; best = c; }
    });
    return best;
  }
  function jumps(query, table) {
    var out = [];
    parseCitations(query).forEach(function (q) {
      var c = resolveClause(q, table);
      if (c && !out.some(function (o) { return o[0] === c[0]; })) out.push(c);
    });
    return out;
  }

  // ---- encoding (encode.rs) ----------------------------------------------
  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT64 = {};
  for (var a = 0; a < 64; a++) DIGIT64[ALPHABET.charCodeAt(a)] = a;
  /** {docs, impacts} of an encoded list (impacts null for pair keys). */
  /** Reads VLQ numbers of `enc` from position `at` on: next() → the next number (encode.rs::vlq). */
  function vlqReader(enc, at) {
    var r = { i: at };
    r.next = function () {
      var v = 0, shift = 0, d;
      do { d = DIGIT64[enc.charCodeAt(r.i++)]; v += (d & 31) * Math.pow(2, shift); shift += 5; } while (d >= 32);
      return v;
    };
    return r;
  }
  function decodeList(enc, withImpacts) {
    var r = vlqReader(enc, 1), vlq = r.next, docs = [];
    if (enc[0] === 'R') return { docs: riceDocs(enc, r), impacts: null };
    if (enc[0] === 'L') {
      var n = vlq(), prev = -1;
      for (var k = 0; k < n; k++) { prev += vlq() + 1; docs.push(prev); }
    } else {
      var first = vlq(), span = vlq(), words = Math.ceil(span / 6);
      for (var w = 0; w < words; w++) {
        var bits = DIGIT64[enc.charCodeAt(r.i++)];
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) docs.push(first + w * 6 + b);
      }
    }
    var impacts = null;
    // A pair list may carry no impacts (tiers.rs): then nothing follows the docs.
    if (withImpacts && r.i < enc.length) {
      impacts = new Int32Array(docs.length);
      var width = vlq(), pos = r.i * 6;
      if (width === 0) for (var e = 0; e < docs.length; e++) impacts[e] = vlq();
      else for (var m = 0; m < docs.length; m++) {
        var v = 0;
        for (var c = 0; c < width; c++, pos++) if (DIGIT64[enc.charCodeAt(pos / 6 | 0)] & (1 << (pos % 6))) v |= 1 << c;
        impacts[m] = v;
      }
    }
    return { docs: Int32Array.from(docs), impacts: impacts };
  }
  /** The docs of an "R" set (encode.rs::set): per gap, its high part in unary, then its low k bits. */
  function riceDocs(enc, r) {
    var n = r.next(), k = r.next(), pos = r.i * 6, docs = new Int32Array(n), prev = -1;
    function bit() { var b = (DIGIT64[enc.charCodeAt(pos / 6 | 0)] >> (pos % 6)) & 1; pos++; return b; }
    for (var j = 0; j < n; j++) {
      var q = 0, low = 0;
      while (bit()) q++;
      for (var c = 0; c < k; c++) low |= bit() << c;
      prev += q * Math.pow(2, k) + low + 1;
      docs[j] = prev;
    }
    return docs;
  }
  /** A "G" list (encode.rs::decode_order): a count, then the numbers in their order. */
  function decodeOrder(enc) {
    var r = vlqReader(enc, 1), n = r.next(), out = [];
    for (var k = 0; k < n; k++) out.push(r.next());
    return out;
  }
  function fnv1a(key) {
    var h = 0x811c9dc5;
    function byte(b) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
    for (var i = 0; i < key.length;) {
      var c = key.codePointAt(i);
      i += c > 0xffff ? 2 : 1;
      if (c < 0x80) byte(c);
      else if (c < 0x800) { byte(0xc0 | (c >> 6)); byte(0x80 | (c & 63)); }
      else if (c < 0x10000) { byte(0xe0 | (c >> 12)); byte(0x80 | ((c >> 6) & 63)); byte(0x80 | (c & 63)); }
      else { byte(0xf0 | (c >> 18)); byte(0x80 | ((c >> 12) & 63)); byte(0x80 | ((c >> 6) & 63)); byte(0x80 | (c & 63)); }
    }
    return h >>> 0;
  }

  // ---- ranking (scoring.rs::rank) ----------------------------------------
  /** lists: decoded term lists; pairLists: decoded pair lists. → [{num, pairs, sum}] best first. */
  function rank(lists, pairLists, docCount) {
    var count = new Int32Array(docCount), sum = new Int32Array(docCount), touched = [];
    lists.forEach(function (l) {
      for (var k = 0; k < l.docs.length; k++) {
        var d = l.docs[k];
        if (count[d] === 0) touched.push(d);
        count[d]++;
        sum[d] += l.impacts[k];
      }
    });
    var pairs = new Int32Array(docCount);
    pairLists.forEach(function (l) { for (var k = 0; k < l.docs.length; k++) pairs[l.docs[k]]++; });
    var out = touched.map(function (d) { return { num: d, pairs: pairs[d], matched: count[d], sum: sum[d] }; });
    out.sort(function (x, y) { return (y.pairs - x.pairs) || (y.matched - x.matched) || (y.sum - x.sum) || (x.num - y.num); });
    return out;
  }

  /**
   * The first `k` documents, in the ranking's order, among candidates some of
   * whose impacts are not loaded yet (tiers.rs): `cands` sorted doc numbers,
   * `group[i]` the candidate's (words held, pairs, terms held) folded into one
   * number, `terms[t]` = {has: Uint8Array over cands, known: {num: impact},
   * bound: null when every impact is known, else [impact, num] of the first
   * document not loaded, which every unloaded document follows in (impact desc,
   * num asc)}. Returns {nums, certain}: certain when no other candidate can
   * come before the last of `nums` whatever its unloaded impacts are; else the
   * caller loads the next tier of every term with a bound and asks again.
   */
  function rankTop(cands, group, terms, keep, k) {
    var rows = [];
    for (var i = 0; i < cands.length; i++) {
      var num = cands[i];
      if (keep && !keep(num)) continue;
      var lb = 0, ub = 0, exact = true;
      for (var t = 0; t < terms.length; t++) {
        var term = terms[t];
        if (!term.has[i]) continue;
        var v = term.known[num];
        if (v !== undefined) { lb += v; ub += v; }
        else if (term.bound) { exact = false; ub += Math.max(0, num >= term.bound[1] ? term.bound[0] : term.bound[0] - 1); }
      }
      rows.push({ num: num, group: group[i], lb: lb, ub: ub, exact: exact });
    }
    rows.sort(function (x, y) { return (y.group - x.group) || (y.lb - x.lb) || (x.num - y.num); });
    var sel = rows.slice(0, k), certain = sel.every(function (r) { return r.exact; });
    var last = sel[sel.length - 1];
    for (var j = sel.length; certain && j < rows.length; j++) {
      var u = rows[j];
      if (u.group > last.group || (u.group === last.group && (u.ub > last.lb || (u.ub === last.lb && u.num < last.num)))) certain = false;
    }
    return { nums: sel.map(function (r) { return r.num; }), certain: certain };
  }

  // ---- snippets -----------------------------------------------------------
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }

  /** Text with every token of the query marked; a window around the densest matches when `width` is set. */
  function highlight(text, terms, width) {
    var spans = [];
    analyze(text).forEach(function (t) {
      if (!terms[t.text]) return;
      var last = spans[spans.length - 1];
      if (last && t.from <= last[1]) last[1] = Math.max(last[1], t.to);
      else spans.push([t.from, t.to]);
    });
    var start = 0, end = text.length;
    if (width && text.length > width) {
      var best = 0, bestCount = -1, j = 0;
      for (var i = 0; i < spans.length; i++) {
        while (j < spans.length && spans[j][1] <= spans[i][0] + width) j++;
        if (j - i > bestCount) { bestCount = j - i; best = i; }
      }
      start = spans.length ? Math.max(0, spans[best][0] - 24) : 0;
      end = Math.min(text.length, start + width);
    }
    var html = start > 0 ? '…' : '', pos = start;
    spans.forEach(function (s) {
      var a = Math.max(s[0], start), b = Math.min(s[1], end);
      if (a >= b) return;
      html += escapeHtml(text.slice(pos, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
      pos = b;
    });
    return html + escapeHtml(text.slice(pos, end)) + (end < text.length ? '…' : '');
  }

  root.regkbSearch = root.regkbSearch || {};
  var api = root.regkbSearch;
  api.core = { foldChar: foldChar, isCjk: isCjk, parseNumber: parseNumber, toChinese: toChinese, analyze: analyze,
    pairKey: pairKey, plan: plan, parseCitations: parseCitations, resolveClause: resolveClause, jumps: jumps,
    decodeList: decodeList, decodeOrder: decodeOrder, fnv1a: fnv1a, rank: rank, escapeHtml: escapeHtml, highlight: highlight,
    firstChars: firstChars, allChars: allChars, queryWords: queryWords, lexiconWords: lexiconWords, wordKeys: wordKeys,
    intersect: intersect, byWords: byWords, sortedIndex: sortedIndex, rankTop: rankTop, vlqReader: vlqReader };
  if (typeof module === 'object' && module.exports) module.exports = api.core;
})(typeof window !== 'undefined' ? window : globalThis);
