// rasd viewer, the index: filters, search, totals, charts and a paged table over data/index.js.
// No network: the data and the search shards are local <script> files (works from file://).
(function () {
  "use strict";
  var D = window.RASD_INDEX;
  var OUT = D.outcomes;
  var COLORS = {killed: "#c0392b", injured: "#e67e22", detained: "#2e6da4", disappeared: "#6c3483", displaced: "#7f8c8d"};
  var PAGE = 100;
  // row layout: [report, date, gov, place, type, aggregate, perp, killed, injured, detained, disappeared, displaced, anchor]
  var R = 0, DT = 1, G = 2, PL = 3, TY = 4, SC = 5, PE = 6, N0 = 7, AN = 12;
  var state = {page: 0, sort: "date", dir: 1, hits: null, rows: [], base: [], timer: null, seq: 0};
  var shards = {}, waiting = {};
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fmt(n) { return Number(n).toLocaleString("en"); }
  function perpName(i) { var p = D.perps[i]; return i === 0 ? "unattributed" : p[2] + " · " + p[1]; }
  function govName(i) { var g = D.govs[i]; return i < 0 ? "" : (g[2] || g[0]) + " · " + g[1]; }

  // ---- search: normalized words -> reports, from shards loaded on demand
  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      out += Object.prototype.hasOwnProperty.call(D.fold, c) ? D.fold[c] : c;
    }
    return out.toLowerCase();
  }
  function words(q) { return fold(q).match(/[\p{L}\p{N}_]+/gu) || []; }
  function hash(t) {
    var h = 0x811c9dc5;
    for (var i = 0; i < t.length; i++) { h ^= t.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h % D.shards;
  }
  window.RASD_SEARCH = function (n, part) {
    shards[n] = part;
    (waiting[n] || []).forEach(function (f) { f(); });
    delete waiting[n];
  };
  function loadShard(n, done) {
    if (shards[n]) { done(); return; }
    if (waiting[n]) { waiting[n].push(done); return; }
    waiting[n] = [done];
    var s = el("script", {src: "data/search/" + n + ".js"});
    s.onerror = function () { shards[n] = {}; window.RASD_SEARCH(n, {}); };
    document.body.appendChild(s);
  }
  function postings(t) {
    var list = shards[hash(t)][t], out = new Set(), prev = 0;
    if (!list) { return out; }
    for (var i = 0; i < list.length; i++) { prev += list[i]; out.add(prev); }
    return out;
  }
  function search(q, done) {
    var ws = words(q);
    if (!ws.length) { done(null); return; }
    var need = ws.map(hash), left = need.length;
    need.forEach(function (n) {
      loadShard(n, function () {
        left -= 1;
        if (left) { return; }
        var hits = null;
        ws.forEach(function (w) {
          var p = postings(w);
          hits = hits === null ? p : new Set(Array.from(hits).filter(function (x) { return p.has(x); }));
        });
        done(hits);
      });
    });
  }

  // ---- filters
  function current() {
    return {gov: $("f-gov").value, perp: $("f-perp").value, outcome: $("f-outcome").value,
            from: $("f-from").value, to: $("f-to").value, scope: $("f-scope").value};
  }
  function keep(row, f) {
    if (state.hits && !state.hits.has(row[R])) { return false; }
    if (f.gov !== "" && row[G] !== +f.gov) { return false; }
    if (f.perp !== "" && row[PE] !== +f.perp) { return false; }
    if (f.outcome !== "" && !(row[N0 + OUT.indexOf(f.outcome)] > 0)) { return false; }
    if (f.scope !== "" && row[SC] !== (f.scope === "aggregate" ? 1 : 0)) { return false; }
    if (f.from || f.to) {
      if (row[DT] < 0) { return false; }
      var d = D.dates[row[DT]];
      if (f.from && d[2] < f.from) { return false; }
      if (f.to && d[1] > f.to) { return false; }
    }
    return true;
  }
  function apply() {
    var f = current();
    var rows = [];
    for (var i = 0; i < D.rows.length; i++) { if (keep(D.rows[i], f)) { rows.push(D.rows[i]); } }
    state.base = rows;
    state.page = 0;
    sortRows();
    draw(f);
  }
  function sortKey(row) {
    switch (state.sort) {
      case "gov": return row[G] < 0 ? "~" : govName(row[G]);
      case "type": return D.types[row[TY]];
      case "perp": return perpName(row[PE]);
      case "date": return row[DT] < 0 ? "9999" : D.dates[row[DT]][1];
      default: return row[N0 + OUT.indexOf(state.sort)];
    }
  }
  function sortRows() {
    if (state.sort === "date" && state.dir === 1) { state.rows = state.base; return; }  // index.js's order
    var dir = state.dir;
    var keyed = state.base.map(function (r, i) { return [sortKey(r), i, r]; });
    keyed.sort(function (a, b) {
      var x = a[0], y = b[0];
      var r = (typeof x === "number") ? x - y : (x < y ? -1 : x > y ? 1 : 0);
      return dir * r || a[1] - b[1];
    });
    state.rows = keyed.map(function (k) { return k[2]; });
  }

  // ---- drawing
  function sums(rows) {
    var t = OUT.map(function () { return 0; });
    rows.forEach(function (r) { for (var j = 0; j < OUT.length; j++) { t[j] += r[N0 + j]; } });
    return t;
  }
  function draw(f) {
    var rows = state.rows;
    var summed = f.scope === "" ? rows.filter(function (r) { return r[SC] === 0; }) : rows;
    var t = sums(summed);
    var box = $("totals");
    box.textContent = "";
    OUT.forEach(function (o, j) {
      var d = el("div", {"class": "total t-" + o, "data-outcome": o}, o);
      d.appendChild(el("b", null, fmt(t[j])));
      box.appendChild(d);
    });
    var reports = new Set(rows.map(function (r) { return r[R]; }));
    $("status").textContent = fmt(rows.length) + " rows from " + fmt(reports.size) + " of " + fmt(D.reports.length) +
      " reports" + (state.hits ? " match the search" : "") +
      (f.scope === "" ? "; totals: incidents only" : f.scope === "aggregate" ? "; totals: the reports’ tallies" : "");
    charts(summed);
    table();
  }
  function group(rows, key, label) {
    var m = new Map();
    rows.forEach(function (r) {
      var k = key(r), v = m.get(k);
      if (!v) { v = OUT.map(function () { return 0; }); m.set(k, v); }
      for (var j = 0; j < 3; j++) { v[j] += r[N0 + j]; }
    });
    return Array.from(m.entries()).filter(function (e) { return e[1][0] + e[1][1] + e[1][2] > 0; })
      .map(function (e) { return [label(e[0]), e[1]]; });
  }
  function charts(rows) {
    var box = $("charts");
    box.textContent = "";
    var month = group(rows, function (r) { return r[DT] < 0 ? "undated" : D.dates[r[DT]][0].slice(0, 7); },
                      function (k) { return k; }).sort(function (a, b) { return a[0] < b[0] ? -1 : 1; });
    var byTotal = function (a, b) { return (b[1][0] + b[1][1] + b[1][2]) - (a[1][0] + a[1][1] + a[1][2]); };
    var gov = group(rows, function (r) { return r[G]; }, function (k) { return k < 0 ? "unknown" : govName(k); }).sort(byTotal);
    var perp = group(rows, function (r) { return r[PE]; }, perpName).sort(byTotal);
    [["Per month", "chart-month", month.slice(-36)], ["Per governorate", "chart-governorate", gov.slice(0, 16)],
     ["Per perpetrator", "chart-perpetrator", perp.slice(0, 12)]].forEach(function (c) {
      box.appendChild(bars(c[0], c[1], c[2]));
    });
  }
  var SVG = "http://www.w3.org/2000/svg";
  function sv(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function bars(title, id, data) {
    var wrap = el("div", {"class": "chart"});
    wrap.appendChild(el("h3", null, title));
    var labelW = 210, barH = 9, gap = 8, width = 500, valueW = 50, plotW = width - labelW - valueW;
    var groupH = barH * 3 + gap, height = Math.max(1, data.length) * groupH + 10;
    var vmax = 1;
    data.forEach(function (d) { vmax = Math.max(vmax, d[1][0], d[1][1], d[1][2]); });
    var svg = sv("svg", {"class": "bars", id: id, role: "img", viewBox: "0 0 " + width + " " + height, "aria-label": title});
    if (!data.length) { svg.appendChild(sv("text", {x: labelW, y: 14}, "no data")); }
    data.forEach(function (d, i) {
      var y0 = i * groupH + 4;
      var lab = sv("text", {x: labelW - 6, y: y0 + barH * 2 - 2, "text-anchor": "end"}, d[0].length > 32 ? d[0].slice(0, 31) + "…" : d[0]);
      svg.appendChild(lab);
      for (var j = 0; j < 3; j++) {
        var v = d[1][j], w = Math.round(plotW * v / vmax * 10) / 10, y = y0 + j * barH;
        var r = sv("rect", {"class": "bar bar-" + OUT[j], x: labelW, y: y, width: v ? Math.max(w, 0.5) : 0,
                            height: barH - 1, fill: COLORS[OUT[j]], "data-value": v});
        r.appendChild(sv("title", {}, d[0] + " · " + OUT[j] + ": " + fmt(v)));
        svg.appendChild(r);
        if (v) { svg.appendChild(sv("text", {x: labelW + w + 3, y: y + barH - 1, "font-size": 10}, fmt(v))); }
      }
    });
    wrap.appendChild(svg);
    return wrap;
  }
  function table() {
    var body = $("events").tBodies[0];
    body.textContent = "";
    var start = state.page * PAGE, rows = state.rows.slice(start, start + PAGE);
    rows.forEach(function (r) {
      var rep = D.reports[r[R]];
      var tr = el("tr", {"data-scope": r[SC] ? "aggregate" : "incident", "data-report": rep[0]});
      tr.appendChild(el("td", {dir: "ltr"}, r[DT] < 0 ? "" : D.dates[r[DT]][0]));
      tr.appendChild(el("td", null, r[G] < 0 ? "" : govName(r[G])));
      tr.appendChild(el("td", {lang: "ar", dir: "rtl"}, r[PL] < 0 ? "" : D.places[r[PL]][0]));
      tr.appendChild(el("td", null, D.types[r[TY]]));
      tr.appendChild(el("td", null, r[SC] ? "aggregate" : "incident"));
      tr.appendChild(el("td", null, perpName(r[PE])));
      for (var j = 0; j < OUT.length; j++) { tr.appendChild(el("td", {"class": "num"}, r[N0 + j] ? fmt(r[N0 + j]) : "")); }
      var td = el("td");
      var a = el("a", {href: "reports/" + encodeURIComponent(rep[1]) + "#" + encodeURIComponent(r[AN]), dir: "auto"},
                 rep[2] || rep[0]);
      td.appendChild(a);
      if (rep[5]) { td.appendChild(el("span", {"class": "reviewed", title: rep[5] + " reviewed facts"}, " ✓")); }
      tr.appendChild(td);
      body.appendChild(tr);
    });
    pager();
  }
  function pager() {
    var pages = Math.max(1, Math.ceil(state.rows.length / PAGE));
    ["pager", "pager-top"].forEach(function (id) {
      var box = $(id);
      box.textContent = "";
      var prev = el("button", {type: "button", "class": "prev"}, "‹ previous");
      var next = el("button", {type: "button", "class": "next"}, "next ›");
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      prev.addEventListener("click", function () { state.page -= 1; table(); });
      next.addEventListener("click", function () { state.page += 1; table(); });
      box.appendChild(prev);
      box.appendChild(el("span", {"class": "page"}, " page " + (state.page + 1) + " / " + pages + " "));
      box.appendChild(next);
    });
  }

  // ---- wiring
  function options(select, items) {
    items.forEach(function (it) { select.appendChild(el("option", {value: it[0]}, it[1])); });
  }
  function setup() {
    var govs = D.govs.map(function (g, i) { return [i, govName(i)]; }).sort(function (a, b) { return a[1] < b[1] ? -1 : 1; });
    options($("f-gov"), govs);
    options($("f-perp"), D.perps.map(function (p, i) { return [i, perpName(i)]; }));
    $("q").addEventListener("input", function () {
      clearTimeout(state.timer);
      state.timer = setTimeout(function () {
        var mine = ++state.seq;
        search($("q").value, function (hits) { if (mine === state.seq) { state.hits = hits; apply(); } });
      }, 150);
    });
    ["f-gov", "f-perp", "f-outcome", "f-from", "f-to", "f-scope"].forEach(function (id) {
      $(id).addEventListener("change", apply);
    });
    $("clear").addEventListener("click", function () {
      clearTimeout(state.timer);
      state.seq += 1;  // a search still loading its shards is dropped
      $("filters").reset();
      state.hits = null;
      apply();
    });
    Array.prototype.forEach.call(document.querySelectorAll("th[data-sort]"), function (th) {
      th.tabIndex = 0;
      function go() {
        var key = th.getAttribute("data-sort");
        state.dir = state.sort === key ? -state.dir : (th.classList.contains("num") ? -1 : 1);
        state.sort = key;
        sortRows();
        state.page = 0;
        table();
      }
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
    });
    apply();
    window.RASD_READY_MS = performance.now();
    document.documentElement.setAttribute("data-js", "ready");
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
