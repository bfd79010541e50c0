// rasd viewer: sortable / filterable events table and the scope switch of the charts. No network.
(function () {
  "use strict";
  function cellValue(row, i) {
    var c = row.cells[i];
    return c ? (c.getAttribute("data-sort") !== null ? c.getAttribute("data-sort") : c.textContent) : "";
  }
  function sortTable(table, i, numeric, dir) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, i), y = cellValue(b, i);
      var r = numeric ? (parseFloat(x || "0") - parseFloat(y || "0")) : x.localeCompare(y);
      return dir * r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function setupTable(table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.addEventListener("click", function () {
        var dir = th.classList.contains("asc") ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(dir === 1 ? "asc" : "desc");
        sortTable(table, i, th.getAttribute("data-type") === "num", dir);
      });
    });
    var q = document.getElementById("filter-text");
    var scope = document.getElementById("filter-scope");
    var type = document.getElementById("filter-type");
    var count = document.getElementById("filter-count");
    function apply() {
      var needle = (q.value || "").trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0) &&
                 (!scope.value || row.getAttribute("data-scope") === scope.value) &&
                 (!type.value || row.getAttribute("data-type") === type.value);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " / " + table.tBodies[0].rows.length;
    }
    [q, scope, type].forEach(function (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); });
    apply();
  }
  function setupScopes() {
    var radios = document.querySelectorAll("input[name=chart-scope]");
    function show() {
      var value = document.querySelector("input[name=chart-scope]:checked").value;
      Array.prototype.forEach.call(document.querySelectorAll(".scope-block"), function (b) {
        b.hidden = b.getAttribute("data-scope") !== value;
      });
    }
    Array.prototype.forEach.call(radios, function (r) { r.addEventListener("change", show); });
    if (radios.length) { show(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var table = document.getElementById("events");
    if (table) { setupTable(table); }
    setupScopes();
    document.documentElement.setAttribute("data-js", "ready");
  });
})();
