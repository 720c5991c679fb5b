// Training pages: questions (any page), the presenter and speaker views of a lesson,
// and the seeded self-test paper. Pure parts (draw, grade) are exported for tests.
(function (global) {
  "use strict";

  // FNV-1a over UTF-16 code units: the same number on every machine.
  function hash(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  // mulberry32: a small seeded generator.
  function generator(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // `n` of `ids` drawn for the paper named `paper`: a seeded shuffle, so a paper
  // name gives the same questions in the same order wherever it is opened.
  function draw(ids, paper, n) {
    var list = ids.slice();
    var next = generator(hash(String(paper)));
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1));
      var t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list.slice(0, Math.max(0, Math.min(n, list.length)));
  }

  // A paper from several pools (the authored questions, those generated from cases):
  // each pool gives its share of `n`, a short pool's gap is filled from the others,
  // and the paper is shuffled again, all seeded by the paper's name.
  function drawMixed(pools, paper, n) {
    var share = Math.ceil(n / Math.max(1, pools.length));
    var taken = pools.map(function (p, k) { return draw(p, paper + "|" + k, share); });
    var rest = pools.map(function (p, k) { return draw(p, paper + "|" + k, p.length).slice(taken[k].length); });
    var all = [].concat.apply([], taken);
    for (var k = 0; all.length < n && k < rest.length; k++) all = all.concat(rest[k].slice(0, n - all.length));
    return draw(all.slice(0, n), paper + "|mix", n);
  }

  // Right only when exactly the right options are chosen.
  function grade(answer, chosen) {
    if (answer.length !== chosen.length) return false;
    var a = answer.slice().sort(), c = chosen.slice().sort();
    for (var i = 0; i < a.length; i++) if (a[i] !== c[i]) return false;
    return true;
  }

  // Whether a question's clauses fall within a lesson's (an article covers its 款 and 项).
  function within(questionEids, lessonEids) {
    return questionEids.some(function (q) {
      return lessonEids.some(function (l) {
        return q === l || q.indexOf(l + "__") === 0 || l.indexOf(q + "__") === 0;
      });
    });
  }

  global.regkbTraining = { hash: hash, draw: draw, drawMixed: drawMixed, grade: grade, within: within };
  if (typeof document === "undefined") return;

  // ---- questions, on every training page ----
  function answerOf(fs) {
    return (fs.getAttribute("data-answer") || "").split(",").filter(Boolean).map(Number);
  }
  function chosenOf(fs) {
    return Array.prototype.filter.call(fs.querySelectorAll("input"), function (i) { return i.checked; })
      .map(function (i) { return Number(i.value); });
  }
  function letterOf(i) { return String.fromCharCode(65 + i); }

  // Writes the verdict and the explanation into the question's live region; with
  // `reveal`, the answer whatever was chosen. Returns true, false, or null (nothing chosen).
  function check(fs, reveal) {
    var answer = answerOf(fs), chosen = chosenOf(fs);
    var out = fs.querySelector(".q-feedback");
    var explain = fs.querySelector(".q-explain");
    var right = chosen.length ? grade(answer, chosen) : null;
    var inputs = fs.querySelectorAll("input");
    Array.prototype.forEach.call(inputs, function (input, i) {
      var li = input.parentNode;
      li.classList.toggle("is-answer", answer.indexOf(i) >= 0 && (reveal || right !== null));
      li.classList.toggle("is-wrong", input.checked && answer.indexOf(i) < 0);
    });
    var verdict;
    if (right === null && !reveal) {
      verdict = '<p class="verdict">请先选择答案。</p>';
      out.innerHTML = verdict;
      return null;
    }
    if (right === true) verdict = '<p class="verdict ok">回答正确。</p>';
    else if (right === false) verdict = '<p class="verdict wrong">回答错误。</p>';
    else verdict = "";
    out.innerHTML = verdict + (explain ? explain.innerHTML : "");
    fs.classList.add("checked");
    return right;
  }
  global.regkbTraining.check = check;

  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var fs = t.closest("fieldset.question");
    if (!fs) return;
    if (t.classList.contains("q-check")) check(fs, false);
    else if (t.classList.contains("q-reveal")) check(fs, true);
  });

  var deck = document.getElementById("deck");
  if (deck) lesson(deck);
  var paper = document.getElementById("paper");
  var quizData = document.getElementById("quiz-data");
  if (paper && quizData) quiz(paper, JSON.parse(quizData.textContent));

  // ---- a lesson: reading, presenting, the speaker's window ----
  function lesson(deck) {
    var slides = Array.prototype.slice.call(deck.querySelectorAll("section.slide"));
    var status = document.getElementById("slide-status");
    var body = document.body;
    var speaker = /[?&]speaker\b/.test(location.search);
    var current = indexFromHash();
    var presenting = false, wasFullscreen = false, speakerWin = null;
    var base = location.href.split(/[?#]/)[0];

    function indexFromHash() {
      var m = /^#slide-(\d+)$/.exec(location.hash);
      var i = m ? Number(m[1]) - 1 : 0;
      return Math.max(0, Math.min(slides.length - 1, i));
    }
    function titleOf(i) {
      var h = slides[i].querySelector("h2");
      return h ? h.textContent : "";
    }
    function show(i, fromSpeaker) {
      current = Math.max(0, Math.min(slides.length - 1, i));
      slides.forEach(function (s, k) {
        s.classList.toggle("current", k === current);
        s.classList.toggle("next", k === current + 1);
        if (speaker) {
          var notes = s.querySelector(".slide-notes");
          if (notes) notes.open = k === current;
        }
      });
      if (history.replaceState) history.replaceState(null, "", "#slide-" + (current + 1));
      if (status) status.textContent = "第 " + (current + 1) + " 张，共 " + slides.length + " 张：" + titleOf(current);
      if (presenting) slides[current].focus({ preventScroll: true });
      if (speaker) {
        var pos = document.getElementById("speaker-pos");
        if (pos) pos.textContent = (current + 1) + " / " + slides.length;
        if (!fromSpeaker && global.opener) global.opener.postMessage({ regkb: "go", n: current }, "*");
      } else if (speakerWin && !speakerWin.closed) {
        speakerWin.postMessage({ regkb: "slide", n: current }, "*");
      }
    }
    function present() {
      presenting = true;
      body.classList.add("presenting");
      slides.forEach(function (s) { s.setAttribute("tabindex", "-1"); });
      show(current);
      var el = document.documentElement;
      if (el.requestFullscreen && !document.fullscreenElement) {
        el.requestFullscreen().then(function () { wasFullscreen = true; }, function () {});
      }
    }
    function stop() {
      presenting = false;
      body.classList.remove("presenting", "blanked");
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
      slides[current].scrollIntoView();
    }
    function openSpeaker() {
      if (speaker) return;
      speakerWin = global.open(base + "?speaker#slide-" + (current + 1), "regkb-speaker", "width=1100,height=720");
      if (!speakerWin && status) status.textContent = "浏览器拦截了讲者视图窗口：请允许本页打开弹出窗口后再按 S。";
    }
    function reveal() {
      var qs = slides[current].querySelectorAll("fieldset.question");
      Array.prototype.forEach.call(qs, function (fs) { check(fs, true); });
    }

    document.addEventListener("fullscreenchange", function () {
      if (!document.fullscreenElement && wasFullscreen && presenting) {
        wasFullscreen = false;
        stop();
      }
    });
    global.addEventListener("message", function (e) {
      var d = e.data || {};
      if (d.regkb === "slide" && speaker) show(d.n, true);
      else if (d.regkb === "go" && !speaker) show(d.n);
      else if (d.regkb === "hello" && !speaker && e.source) {
        speakerWin = e.source;
        speakerWin.postMessage({ regkb: "slide", n: current }, "*");
      }
    });
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      var t = e.target;
      var tag = t && t.tagName;
      if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
      if ((tag === "BUTTON" || tag === "A" || tag === "SUMMARY") && (e.key === " " || e.key === "Enter")) return;
      var k = e.key;
      var active = presenting || speaker;
      if (k === "f" || k === "F") { if (speaker) return; presenting ? stop() : present(); }
      else if (k === "s" || k === "S") openSpeaker();
      else if (!active) return;
      else if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown" || k === " " || k === "n" || k === "N") show(current + 1);
      else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || k === "p" || k === "P" || k === "Backspace") show(current - 1);
      else if (k === "Home") show(0);
      else if (k === "End") show(slides.length - 1);
      else if (k === "a" || k === "A") reveal();
      else if (k === "b" || k === "B" || k === ".") body.classList.toggle("blanked");
      else if (k === "Escape" && presenting) stop();
      else return;
      e.preventDefault();
    });
    document.addEventListener("click", function (e) {
      var t = e.target instanceof Element ? e.target.closest("[data-action]") : null;
      if (!t) return;
      var a = t.getAttribute("data-action");
      if (a === "present") present();
      else if (a === "speaker") openSpeaker();
      else if (a === "exit") stop();
      else if (a === "next") show(current + 1);
      else if (a === "prev") show(current - 1);
      else if (a === "print-handout" || a === "print-notes") {
        var notes = a === "print-notes";
        body.classList.toggle("print-notes", notes);
        // A closed <details> prints closed: open the notes for the speaker's copy.
        opened = notes ? Array.prototype.filter.call(deck.querySelectorAll("details.slide-notes"), function (d) {
          if (d.open) return false;
          d.open = true;
          return true;
        }) : [];
        global.print();
      }
    });
    var opened = [];
    global.addEventListener("afterprint", function () {
      body.classList.remove("print-notes");
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });

    if (!speaker) {
      var bar = document.createElement("div");
      bar.className = "present-bar";
      bar.innerHTML = '<button type="button" data-action="prev" aria-label="上一张">‹</button>' +
        '<button type="button" data-action="next" aria-label="下一张">›</button>' +
        '<button type="button" data-action="exit">退出放映（Esc）</button>';
      deck.appendChild(bar);
    } else {
      body.classList.add("speaker-view");
      global.scrollTo(0, 0);
      setTimeout(function () { global.scrollTo(0, 0); }, 50);
      var minutes = Number(deck.getAttribute("data-minutes")) || 0;
      var started = Date.now();
      var head = document.createElement("div");
      head.className = "speaker-bar";
      head.innerHTML = '<span class="speaker-timer" id="speaker-timer" role="timer" aria-live="off">00:00</span>' +
        '<span class="speaker-plan">计划 ' + minutes + ' 分钟</span>' +
        '<span class="speaker-pos" id="speaker-pos"></span>' +
        '<button type="button" id="speaker-reset">重新计时</button>' +
        '<button type="button" data-action="prev">上一张</button><button type="button" data-action="next">下一张</button>';
      deck.parentNode.insertBefore(head, deck);
      var timer = head.querySelector("#speaker-timer");
      var tick = function () {
        var s = Math.floor((Date.now() - started) / 1000);
        var mm = Math.floor(s / 60), ss = s % 60;
        timer.textContent = (mm < 10 ? "0" : "") + mm + ":" + (ss < 10 ? "0" : "") + ss;
        head.classList.toggle("over", minutes > 0 && s > minutes * 60);
      };
      head.querySelector("#speaker-reset").addEventListener("click", function () { started = Date.now(); tick(); });
      setInterval(tick, 1000);
      tick();
      if (global.opener) global.opener.postMessage({ regkb: "hello" }, "*");
    }
    show(current, true);
  }

  // ---- the self-test: a seeded paper, feedback, score, clauses to review ----
  function quiz(list, data) {
    var params = new URLSearchParams(location.search);
    var name = (params.get("paper") || "A").slice(0, 24);
    var n = Math.max(1, Math.min(100, parseInt(params.get("n"), 10) || data.size || 10));
    var lessonSlug = params.get("lesson") || "";
    var lesson = data.lessons[lessonSlug] || null;
    var feedbackEnd = params.get("feedback") === "end";
    var form = document.getElementById("quiz-settings");
    var select = document.getElementById("paper-lesson");
    Object.keys(data.lessons).forEach(function (slug) {
      var o = document.createElement("option");
      o.value = slug;
      o.textContent = "课程：" + data.lessons[slug].title;
      select.appendChild(o);
    });
    form.elements.paper.value = name;
    form.elements.n.value = String(n);
    select.value = lesson ? lessonSlug : "";
    form.elements.feedback.value = feedbackEnd ? "end" : "each";
    if (feedbackEnd) document.body.classList.add("feedback-end");

    var items = Array.prototype.slice.call(list.querySelectorAll("li.paper-item"));
    var byId = {};
    items.forEach(function (li) { byId[li.getAttribute("data-qid")] = li; });
    var eligible = items.filter(function (li) {
      if (!lesson) return true;
      var fs = li.querySelector("fieldset.question");
      var eids = (fs.getAttribute("data-eids") || "").split(" ").filter(Boolean);
      return lesson.questions.indexOf(li.getAttribute("data-qid")) >= 0 || within(eids, lesson.eids);
    }).map(function (li) { return li.getAttribute("data-qid"); });
    var pools = [eligible.filter(function (id) { return id.indexOf("case-") !== 0; }),
                 eligible.filter(function (id) { return id.indexOf("case-") === 0; })];
    var drawn = drawMixed(pools, name + (lesson ? "|" + lessonSlug : ""), n);
    var keyList = document.getElementById("answer-key-list");
    drawn.forEach(function (id, k) {
      var li = byId[id];
      list.appendChild(li);
      li.hidden = false;
      li.querySelector(".q-num").textContent = (k + 1) + ". ";
      var fs = li.querySelector("fieldset.question");
      var entry = document.createElement("li");
      var ex = fs.querySelector(".q-explain");
      entry.innerHTML = ex ? ex.innerHTML : "";
      keyList.appendChild(entry);
    });
    var title = "自测 · 试卷 " + name + "（" + drawn.length + " 题" + (lesson ? "，" + lesson.title : "") + "）";
    document.getElementById("paper-title").textContent = title;
    document.title = title + " · " + document.title.split(" · ").slice(1).join(" · ");
    document.getElementById("paper-summary").textContent = drawn.length < n
      ? "范围内只有 " + drawn.length + " 道题，已全部列出。" : "";

    document.getElementById("submit-paper").addEventListener("click", function () {
      var right = 0, review = {}, wrong = [];
      drawn.forEach(function (id, k) {
        var fs = byId[id].querySelector("fieldset.question");
        var ok = check(fs, true);
        if (ok === true) right++;
        else {
          wrong.push(k + 1);
          Array.prototype.forEach.call(fs.querySelectorAll(".q-explain .q-clauses a"), function (a) {
            review[a.getAttribute("href")] = a.textContent;
          });
        }
      });
      var score = drawn.length ? Math.round((100 * right) / drawn.length) : 0;
      var html = "<h2>评分</h2><p class=\"score\">答对 " + right + " / " + drawn.length + " 题，得分 " + score + "。</p>";
      if (wrong.length) html += "<p>答错或未答：第 " + wrong.join("、") + " 题。</p>";
      var links = Object.keys(review);
      if (links.length) {
        html += "<p>建议复习：" + links.map(function (href) {
          return '<a href="' + href.replace(/"/g, "&quot;") + '">' + review[href].replace(/</g, "&lt;") + "</a>";
        }).join("、") + "</p>";
      }
      var result = document.getElementById("quiz-result");
      result.innerHTML = html;
      document.getElementById("answer-key").classList.add("revealed");
      result.focus();
    });
  }
})(typeof window !== "undefined" ? window : globalThis);
