// Filter panels (<details class="filter-panel">) start closed, so that on a phone the first
// results are on the first screen; on a screen at least 900 px wide they open when the page loads.
// A panel the server opened (a filter in error) stays open; what the reader toggles later is kept.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 900px)").matches) {
    return;
  }
  document.querySelectorAll("details.filter-panel").forEach(function (panel) {
    panel.open = true;
  });
})();
