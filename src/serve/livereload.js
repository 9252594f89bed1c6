// approdo preview: reloads the page after a rebuild, swaps stylesheets after a CSS-only change
// (keeping the scroll position), and shows build errors over the page until the next good save.
// Injected by `approdo serve` only; `approdo build` never writes it.
(function () {
  "use strict";
  var overlay = null;
  function clearOverlay() { if (overlay) { overlay.remove(); overlay = null; } }
  function showOverlay(report) {
    clearOverlay();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.dir = document.documentElement.dir || "ltr";
    var s = overlay.style;
    s.position = "fixed"; s.insetInline = "0"; s.insetBlockStart = "0"; s.maxBlockSize = "70vh";
    s.overflow = "auto"; s.zIndex = "2147483647"; s.background = "#fff"; s.color = "#0b0c0c";
    s.borderBlockEnd = "6px solid #d4351c"; s.padding = "1rem"; s.boxShadow = "0 4px 12px rgba(0,0,0,.3)";
    var h = document.createElement("h2");
    // English text in a right-to-left page: isolated, so its full stop and parentheses stay put.
    var title = document.createElement("bdi");
    title.textContent = report.title;
    h.appendChild(title);
    h.style.margin = "0 0 .5rem"; h.style.color = "#d4351c";
    overlay.appendChild(h);
    report.diagnostics.forEach(function (d) {
      var pre = document.createElement("pre");
      pre.dir = "ltr";
      pre.style.whiteSpace = "pre-wrap"; pre.style.margin = ".5rem 0"; pre.style.font = "0.95rem/1.4 monospace";
      pre.style.textAlign = "start";
      pre.textContent = d;
      overlay.appendChild(pre);
    });
    document.body.appendChild(overlay);
  }
  function swapStylesheets() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("approdo-reload", Date.now());
      var fresh = link.cloneNode();
      fresh.href = url.toString();
      fresh.onload = function () { link.remove(); };
      link.after(fresh);
    });
  }
  // The page served before the first good build already lists the errors: it reloads instead.
  var errorPage = document.documentElement.hasAttribute("data-approdo-error");
  var source = new EventSource("/__approdo/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () {
    if (errorPage) { location.reload(); return; }
    clearOverlay(); swapStylesheets();
  });
  source.addEventListener("build-error", function (e) {
    var report = JSON.parse(e.data);
    if (errorPage) {
      var shown = Array.prototype.map.call(document.querySelectorAll("main pre"), function (p) { return p.textContent; });
      if (shown.join("\n") !== report.diagnostics.join("\n")) { location.reload(); }
      return;
    }
    showOverlay(report);
  });
  window.__approdo = { showOverlay: showOverlay };
})();
