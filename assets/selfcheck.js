// The self-check: from the boxes ticked, says which verdict the rules point to and
// why. What is asked and what follows are data (config.toml's [selfcheck], shipped in
// the page as #selfcheck-data); this file only evaluates them. Runs only in the
// browser: nothing ticked leaves the page or is stored.
(function (global) {
  "use strict";

  // data: {groups: [{id, rule: "any"|"all", hint, clause: {label, url}, items: [{label, url}]}],
  //        verdicts: [{when: [group index], label, outcomes, tone}], none}
  // ticked: {groupId: [item index]}. Returns {label, outcomes, tone, reasons: [{clause, url, text}]}.
  function decide(data, ticked) {
    var on = function (g) { return (ticked[g.id] || []).slice().sort(function (x, y) { return x - y; }); };
    var holds = function (g) {
      var n = on(g).length;
      return g.rule === "all" ? n === g.items.length && n > 0 : n > 0;
    };
    var won = -1;
    for (var v = 0; v < data.verdicts.length && won < 0; v++) {
      if (data.verdicts[v].when.every(function (i) { return holds(data.groups[i]); })) won = v;
    }
    if (won < 0) return { label: "所列情形均不符合", outcomes: [], tone: "neutral", reasons: [{ clause: "", url: "", text: data.none }] };
    var verdict = data.verdicts[won];
    var reasons = [];
    var said = {};
    var tell = function (g) {
      if (said[g.id] || !holds(g)) return;
      said[g.id] = true;
      if (g.rule === "all") reasons.push({ clause: g.clause.label, url: g.clause.url, text: g.hint });
      else on(g).forEach(function (k) { reasons.push({ clause: g.items[k].label, url: g.items[k].url, text: g.hint }); });
    };
    verdict.when.forEach(function (i) { tell(data.groups[i]); });
    // A verdict tried before this one that failed only for want of some conditions: name them.
    data.verdicts.slice(0, won).forEach(function (earlier) {
      var groups = earlier.when.map(function (i) { return data.groups[i]; });
      if (!groups.some(holds)) return;
      groups.filter(function (g) { return g.rule === "all" && !holds(g); }).forEach(function (g) {
        var have = on(g);
        g.items.forEach(function (it, k) {
          if (have.indexOf(k) < 0) reasons.push({ clause: it.label, url: it.url, text: "该条件不满足。" });
        });
      });
    });
    // Other verdicts that say the same thing add their grounds.
    data.verdicts.forEach(function (other) {
      if (other.label === verdict.label) other.when.forEach(function (i) { tell(data.groups[i]); });
    });
    return { label: verdict.label, outcomes: verdict.outcomes, tone: verdict.tone, reasons: reasons };
  }

  function readForm(form, data) {
    var ticked = {};
    data.groups.forEach(function (g) {
      ticked[g.id] = Array.prototype.slice.call(form.querySelectorAll("input[data-group='" + g.id + "']:checked"))
        .map(function (i) { return Number(i.value); });
    });
    return ticked;
  }

  function render(result, root, note) {
    var out = document.getElementById("selfcheck-result");
    var html = "<h2>自查结论：<span class=\"verdict outcome " + escape(result.tone) + "\">" + escape(result.label) + "</span></h2><ul>";
    result.reasons.forEach(function (r) {
      html += "<li>" + (r.clause ? "<a href=\"" + escape(root + r.url) + "\">" + escape(r.clause) + "</a>：" : "") + escape(r.text) + "</li>";
    });
    out.innerHTML = html + "</ul>" + (note ? "<p class=\"note\">" + escape(note) + "</p>" : "");
  }

  function escape(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]; });
  }

  global.regkbSelfcheck = { decide: decide };
  if (typeof document !== "undefined") {
    var form = document.getElementById("selfcheck");
    var source = document.getElementById("selfcheck-data");
    if (form && source) {
      var data = JSON.parse(source.textContent);
      var root = document.documentElement.getAttribute("data-root") || "";
      // Nothing ticked yet: no verdict (not even "none applies"), only what to do.
      var update = function () {
        if (!form.querySelector("input:checked")) {
          document.getElementById("selfcheck-result").innerHTML = "<p class=\"selfcheck-hint\">勾选符合您情况的各项后，这里给出自查结论及依据。</p>";
          return;
        }
        render(decide(data, readForm(form, data)), root, data.note);
      };
      form.addEventListener("change", update);
      form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
      update();
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
