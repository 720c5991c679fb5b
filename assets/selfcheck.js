// 容错自查: from the answers to a checklist of 第九条, 第十条, 第十一条 and 第十二条,
// says which outcome the rules point to and why. Runs only in the browser: nothing
// typed or ticked leaves the page or is stored.
(function (global) {
  "use strict";

  // answers: {art9: [item numbers], art10: [items of 第十条第一款], conditions: [items of
  // 第十条第二款], art11: [items], art12: {abuse: bool, harm: bool}}
  // Returns {outcome, label, reasons: [{clause, eid, text}]}.
  function decide(a) {
    var reasons = [];
    var has = function (list) { return list && list.length > 0; };
    var items = function (list) { return list.slice().sort(function (x, y) { return x - y; }); };
    if (a.art12 && a.art12.abuse && a.art12.harm) {
      reasons.push({ clause: "第十二条", eid: "art_12", text: "滥用法定职权或者不履行法定职责，致使合法权益受到损害、造成不良后果的，不予容错。" });
      return { outcome: "不予容错", label: "不予容错", reasons: reasons };
    }
    if (has(a.art9)) {
      items(a.art9).forEach(function (n) {
        reasons.push({ clause: "第九条第（" + cn(n) + "）项", eid: "art_9__para_1__point_" + n, text: "符合履职尽责情形，依法不应当追究责任。" });
      });
      return { outcome: "履职尽责", label: "履职尽责", reasons: reasons };
    }
    if (has(a.art10)) {
      items(a.art10).forEach(function (n) {
        reasons.push({ clause: "第十条第一款第（" + cn(n) + "）项", eid: "art_10__para_1__point_" + n, text: "属于可以容错的情形。" });
      });
      var met = [1, 2, 3].filter(function (n) { return (a.conditions || []).indexOf(n) >= 0; });
      if (met.length === 3) {
        reasons.push({ clause: "第十条第二款", eid: "art_10__para_2", text: "同时符合三项条件：法律没有明令禁止；没有造成重大损失和严重不良影响；积极主动消除不良影响、挽回损失。" });
        return { outcome: "容错免责", label: "容错免责", reasons: reasons };
      }
      [1, 2, 3].filter(function (n) { return met.indexOf(n) < 0; }).forEach(function (n) {
        reasons.push({ clause: "第十条第二款第（" + cn(n) + "）项", eid: "art_10__para_2__point_" + n, text: "该条件不满足，不能免除责任。" });
      });
      reasons.push({ clause: "第十条第一款", eid: "art_10__para_1", text: "具有所列情形之一的，应当从轻、减轻处理或者予以免责；免责条件不全时，从轻或者减轻处理。" });
      addMitigation(a, reasons);
      return { outcome: "从轻或减轻", label: "从轻处理或减轻处理", reasons: reasons };
    }
    if (has(a.art11)) {
      addMitigation(a, reasons);
      return { outcome: "从轻或减轻", label: "从轻处理或减轻处理", reasons: reasons };
    }
    return { outcome: "无", label: "制度所列情形均不符合", reasons: [{ clause: "第十三条", eid: "art_13", text: "未勾选任何情形：本制度没有可以适用的容错依据。如认为情况特殊，可向单位说明，由局党组综合研判。" }] };
  }

  function addMitigation(a, reasons) {
    items11(a).forEach(function (n) {
      reasons.push({ clause: "第十一条第（" + cn(n) + "）项", eid: "art_11__para_1__point_" + n, text: "可以从轻或者减轻责任。" });
    });
  }

  function items11(a) { return (a.art11 || []).slice().sort(function (x, y) { return x - y; }); }

  function cn(n) { return "〇一二三四五六七八九十"[n] || String(n); }

  function readForm(form) {
    var pick = function (name) {
      return Array.prototype.slice.call(form.querySelectorAll("input[name='" + name + "']:checked")).map(function (i) { return Number(i.value); });
    };
    return {
      art9: pick("art9"), art10: pick("art10"), conditions: pick("cond"), art11: pick("art11"),
      art12: { abuse: !!form.querySelector("input[name='abuse']:checked"), harm: !!form.querySelector("input[name='harm']:checked") }
    };
  }

  function render(result, root, url) {
    var out = document.getElementById("selfcheck-result");
    var html = "<h2>自查结论：<span class=\"verdict\">" + escape(result.label) + "</span></h2><ul>";
    result.reasons.forEach(function (r) {
      html += "<li><a href=\"" + escape(root + url(r.eid)) + "\">" + escape(r.clause) + "</a>：" + escape(r.text) + "</li>";
    });
    out.innerHTML = html + "</ul><p class=\"note\">自查结论仅供准备申请参考，是否容错由局党组依照第十三条综合研判认定。</p>";
  }

  function escape(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]; });
  }

  global.regkbSelfcheck = { decide: decide };
  if (typeof document !== "undefined") {
    var form = document.getElementById("selfcheck");
    if (form) {
      var root = document.documentElement.getAttribute("data-root") || "";
      var base = form.getAttribute("data-regulation");
      var url = function (eid) {
        var art = eid.split("__")[0];
        return base + art + ".html" + (eid === art ? "" : "#" + eid);
      };
      var update = function () { render(decide(readForm(form)), root, url); };
      form.addEventListener("change", update);
      form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
      update();
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
