/* Progressive enhancement for list pages: without JavaScript the lists are
   complete and grouped; with it, a filter form narrows the rows. Works with
   Material's instant navigation (document$) and without it. */
(function () {
  "use strict";

  function setupFilter(form) {
    if (form.dataset.nstReady) return;
    form.dataset.nstReady = "1";
    form.hidden = false;
    var root = form.parentElement;
    var count = form.querySelector(".nst-filter__count");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

    function apply() {
      var shown = 0;
      root.querySelectorAll("[data-nst-rows] tbody tr").forEach(function (row) {
        var ok = selects.every(function (s) {
          return !s.value || row.dataset[s.name] === s.value;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      root.querySelectorAll("[data-nst-group]").forEach(function (group) {
        group.hidden = !group.querySelector("tbody tr:not([hidden])");
      });
      if (count) count.textContent = "Показано программ: " + shown;
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    apply();
  }

  function init() {
    document.querySelectorAll("form[data-nst-filter]").forEach(setupFilter);
    // Material's search is a dialog without a name; screen readers announce it by name.
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    if (dialog) dialog.setAttribute("aria-label", "Поиск по разделу");
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
