// Small enhancements that the pages do not depend on: re-sorting the case table.
(function () {
  "use strict";
  document.querySelectorAll("table.sortable button.sort").forEach(function (button) {
    button.addEventListener("click", function () {
      var th = button.closest("th");
      var table = button.closest("table");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var descending = th.getAttribute("aria-sort") !== "descending";
      rows.sort(function (a, b) {
        var x = a.cells[0].textContent + a.cells[1].textContent;
        var y = b.cells[0].textContent + b.cells[1].textContent;
        return descending ? (x < y ? 1 : x > y ? -1 : 0) : (x < y ? -1 : x > y ? 1 : 0);
      });
      rows.forEach(function (r) { body.appendChild(r); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    });
  });
})();

// Text-only print of the regulation (仅条文): the button prints it once; ?print=text keeps it.
(function () {
  "use strict";
  var html = document.documentElement;
  try {
    if (new URL(window.location.href).searchParams.get("print") === "text") html.classList.add("print-text");
  } catch (e) { /* an unparsable address: the page prints in full */ }
  var button = document.getElementById("print-text-only");
  if (!button) return;
  var added = false;
  button.addEventListener("click", function () {
    added = !html.classList.contains("print-text");
    html.classList.add("print-text");
    window.print();
  });
  window.addEventListener("afterprint", function () {
    if (added) html.classList.remove("print-text");
    added = false;
  });
})();

// Printing shows every annotation, folded or not; the reader's folds come back after.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = [];
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
  });
})();
