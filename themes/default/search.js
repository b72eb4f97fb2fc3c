// Client-side search over the exported portfolio: no server, no network, works from file://.
(function () {
  "use strict";
  var records = window.PLFOLIO_SEARCH || [];
  var form = document.getElementById("search-form");
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  function words(text) { return (text || "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || []; }
  function run(query) {
    var terms = words(query);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = [];
    records.forEach(function (r) {
      var title = r.t.toLowerCase(), text = r.x.toLowerCase(), score = 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i], inTitle = title.indexOf(t) >= 0, inText = text.indexOf(t) >= 0;
        if (!inTitle && !inText) { return; }
        score += (inTitle ? 3 : 0) + (inText ? 1 : 0);
      }
      hits.push({ r: r, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.r.t.localeCompare(b.r.t); });
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results");
    hits.slice(0, 50).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.r.u;
      a.textContent = h.r.t;
      var p = document.createElement("p");
      var at = h.r.x.toLowerCase().indexOf(terms[0]);
      p.textContent = (at > 60 ? "… " : "") + h.r.x.slice(Math.max(0, at - 60), at + 160) + " …";
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " " + h.r.k;
      li.appendChild(a); li.appendChild(kind); li.appendChild(p);
      list.appendChild(li);
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); run(box.value); });
  box.addEventListener("input", function () { run(box.value); });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { box.value = q; run(q); }
})();
