// rasd viewer, a report page: focus (Tab or click) on a highlighted fact shows its fields, the rule
// that decided each and the words that triggered it. Served by `rasd review`, the panel can also
// accept, reject or edit a casualty count (POST /api/corrections); opened from a file it is read-only.
(function () {
  "use strict";
  var facts = JSON.parse(document.getElementById("rasd-facts").textContent);
  var vocab = JSON.parse(document.getElementById("rasd-vocab").textContent);
  var panel = document.getElementById("fact-panel");
  var review = false;
  var who = "";
  try { who = window.localStorage.getItem("rasd-who") || ""; } catch (e) { who = ""; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function show(mark) {
    var ids = (mark.getAttribute("data-f") || "").split(" ").filter(Boolean).map(Number);
    panel.textContent = "";
    ids.forEach(function (i) { panel.appendChild(card(facts[i], i)); });
  }
  function card(f, i) {
    var box = el("section", {"class": "fact", "data-fact": i});
    var h = el("h3", null, f.kind + " ");
    var q = el("q", {lang: "ar", dir: "rtl"}, f.text || "");
    h.appendChild(q);
    box.appendChild(h);
    if (f.review) {
      box.appendChild(el("p", {"class": "review-status status-" + f.review.status},
        "reviewed: " + f.review.status + (f.review.who ? " by " + f.review.who : "") +
        (f.review.when ? " (" + f.review.when + ")" : "") + (f.review.why ? " — " + f.review.why : "")));
    }
    var dl = el("dl");
    f.fields.forEach(function (kv) {
      dl.appendChild(el("dt", null, kv[0]));
      var dd = el("dd", null, kv[1] === null ? "—" : kv[1]);
      if (f.original && Object.prototype.hasOwnProperty.call(f.original, kv[0])) {
        dd.appendChild(el("span", {"class": "original"}, " (was " + JSON.stringify(f.original[kv[0]]) + ")"));
      }
      dl.appendChild(dd);
    });
    if (f.event) { dl.appendChild(el("dt", null, "event")); dl.appendChild(el("dd", null, f.event)); }
    box.appendChild(dl);
    if (f.why && f.why.length) {
      var t = el("table", {"class": "why"});
      var head = el("tr");
      ["field", "rule", "trigger"].forEach(function (x) { head.appendChild(el("th", null, x)); });
      t.appendChild(head);
      f.why.forEach(function (w) {
        var tr = el("tr");
        tr.appendChild(el("td", null, w[0]));
        tr.appendChild(el("td", null, w[1]));
        tr.appendChild(el("td", {lang: "ar", dir: "rtl"}, w[2] || ""));
        t.appendChild(tr);
      });
      box.appendChild(t);
    } else if (f.kind === "casualty") {
      box.appendChild(el("p", {"class": "muted"}, "no rule recorded (why) for this count"));
    }
    if (review && f.kind === "casualty") { box.appendChild(controls(f)); }
    return box;
  }
  function controls(f) {
    var form = el("form", {"class": "review-form"});
    var whoIn = el("input", {name: "who", value: who, placeholder: "your name", "aria-label": "who", required: ""});
    var whyIn = el("input", {name: "why", placeholder: "why (optional)", "aria-label": "why"});
    form.appendChild(whoIn);
    form.appendChild(whyIn);
    var row = el("div", {"class": "buttons"});
    var acc = el("button", {type: "button", "class": "accept"}, "accept");
    var rej = el("button", {type: "button", "class": "reject"}, "reject");
    var edit = el("button", {type: "button", "class": "edit"}, "edit…");
    row.appendChild(acc); row.appendChild(rej); row.appendChild(edit);
    form.appendChild(row);
    var fields = el("fieldset", {"class": "edit-fields", hidden: ""});
    fields.appendChild(el("legend", null, "edit the fields to change, then save"));
    vocab.fields.forEach(function (name) {
      var label = el("label", null, name + " ");
      var input;
      var cur = f.values[name];
      if (vocab[name]) {
        input = el("select", {name: name});
        if (name === "perpetrator") { input.appendChild(el("option", {value: ""}, "unattributed")); }
        vocab[name].forEach(function (v) {
          var value = Array.isArray(v) ? v[0] : v;
          var o = el("option", {value: value}, Array.isArray(v) ? v[0] + " · " + v[2] + " · " + v[1] : v);
          input.appendChild(o);
        });
        input.value = cur === null || cur === undefined ? "" : cur;
      } else {
        input = el("input", {name: name, value: cur === null || cur === undefined ? "" : cur,
                             placeholder: name === "date" ? "YYYY-MM-DD" : name === "place" ? "pcode or name" : ""});
        if (name === "count") { input.setAttribute("inputmode", "numeric"); }
      }
      input.setAttribute("data-initial", input.value);
      label.appendChild(input);
      fields.appendChild(label);
    });
    var save = el("button", {type: "button", "class": "save"}, "save");
    fields.appendChild(save);
    form.appendChild(fields);
    var msg = el("p", {"class": "msg", role: "status"});
    form.appendChild(msg);
    function base(action, field, value) {
      who = whoIn.value.trim();
      try { window.localStorage.setItem("rasd-who", who); } catch (e) { /* private mode */ }
      return {sha256: f.sha256, report_id: f.report_id, span: f.span, text: f.text, action: action,
              field: field, value: value, who: who || null, why: whyIn.value.trim() || null};
    }
    function send(list) {
      msg.textContent = "saving…";
      fetch("/api/corrections", {method: "POST", headers: {"Content-Type": "application/json"},
                                 body: JSON.stringify(list)})
        .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
        .then(function (res) {
          if (!res[0]) { msg.textContent = "not saved: " + (res[1].error || "error"); return; }
          msg.textContent = "saved";
          var anchor = "#fact-" + (f.span || []).join("-");
          window.location.replace(window.location.pathname + "?t=" + Date.now() + anchor);
        })
        .catch(function (e) { msg.textContent = "not saved: " + e; });
    }
    acc.addEventListener("click", function () { send([base("accept", "fact", null)]); });
    rej.addEventListener("click", function () { send([base("reject", "fact", null)]); });
    edit.addEventListener("click", function () { fields.hidden = !fields.hidden; });
    save.addEventListener("click", function () {
      var list = [];
      Array.prototype.forEach.call(fields.querySelectorAll("input,select"), function (inp) {
        if (inp.value !== inp.getAttribute("data-initial")) { list.push(base("edit", inp.name, inp.value)); }
      });
      if (!list.length) { msg.textContent = "nothing changed"; return; }
      send(list);
    });
    return form;
  }
  var marks = document.querySelectorAll("mark.f[data-f]");
  Array.prototype.forEach.call(marks, function (m) {
    var ids = (m.getAttribute("data-f") || "").split(" ").filter(Boolean).map(Number);
    var f = facts[ids[0]];
    if (f && f.span) { m.setAttribute("data-span", f.span.join("-")); }
    m.addEventListener("focus", function (e) { e.stopPropagation(); show(m); });
    m.addEventListener("click", function (e) { e.stopPropagation(); m.focus(); show(m); });
  });
  function focusFromHash() {
    var m = /^#fact-(\d+-\d+)$/.exec(window.location.hash);
    if (!m) { return; }
    var mark = document.querySelector('mark.k-casualty[data-span="' + m[1] + '"]');
    if (mark) { mark.focus(); show(mark); }
  }
  function ready() {
    document.documentElement.setAttribute("data-js", "ready");
    if (review) { document.documentElement.setAttribute("data-review", "on"); }
    focusFromHash();
  }
  if (/^https?:$/.test(window.location.protocol) && window.fetch) {
    fetch("/api/ping").then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { review = !!(j && j.review); ready(); })
      .catch(function () { ready(); });
  } else {
    ready();
  }
})();
