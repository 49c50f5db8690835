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

  // Sortable tables: a button in each column header; numbers sort by the
  // data-sort value of their cells, text in Russian alphabetical order.
  function setupSort(table) {
    if (table.dataset.nstSortReady) return;
    table.dataset.nstSortReady = "1";
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", th.textContent + ": сортировать");
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index], y = b.cells[index];
          var xs = x && x.dataset.sort, ys = y && y.dataset.sort;
          var result = (xs !== undefined && ys !== undefined)
            ? parseFloat(xs) - parseFloat(ys)
            : (x ? x.textContent : "").localeCompare(y ? y.textContent : "", "ru");
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // Russian plural forms: 1 страница, 2 страницы, 5 страниц, 21 страница.
  // Shared with the scripts loaded below (they are only ever loaded by this one).
  window.nastavPlural = function (n, one, few, many) {
    var tens = n % 100, units = n % 10;
    if (units === 1 && tens !== 11) return one;
    if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) return few;
    return many;
  };

  // Scripts next to this file that only some pages need load on those pages.
  var here = document.currentScript && document.currentScript.src;

  // Once per page load: instant navigation replaces <head>, so the script
  // elements themselves cannot tell what has run already.
  var scripts = {};

  function loadScript(url) {
    if (!scripts[url]) {
      scripts[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = function () { delete scripts[url]; reject(new Error(url)); };
        document.head.appendChild(script);
      });
    }
    return scripts[url];
  }

  // Search: our interface on Pagefind's API (nastav-search.js), loaded with
  // the index only on the search page. «?q=…» in the address starts a search.
  // The page names the index's folder and its list of shards (data-bundle,
  // data-shards: generator/addresses.py).
  function setupSearch(box) {
    if (box.dataset.nstReady) return;
    box.dataset.nstReady = "1";
    var index = {
      bundle: new URL(box.dataset.bundle, location.href).href,
      shards: new URL(box.dataset.shards, location.href).href
    };
    // The note in the page speaks to readers without JavaScript; with it,
    // it either goes away or says why the search cannot work.
    var note = box.querySelector("[data-nst-search-note]");
    function fail(text) {
      box.textContent = "";
      var failed = document.createElement("p");
      failed.className = "nst-search__note";
      failed.setAttribute("role", "status");
      failed.textContent = text;
      box.appendChild(failed);
    }
    // A browser does not let pages opened from disk load the index.
    if (location.protocol === "file:") {
      return fail("Поиск не работает, когда сайт открыт как файл с диска: откройте " +
        "сайт через веб-сервер или пользуйтесь разделами в меню слева.");
    }
    loadScript(new URL("nastav-search.js", here || location.href).href).then(function () {
      if (note) note.remove();
      return window.nastavSearch(box, index);
    }).catch(function () {
      fail("Поиск не загрузился: обновите страницу или пользуйтесь разделами " +
        "в меню слева.");
    });
  }

  function init() {
    document.querySelectorAll("form[data-nst-filter]").forEach(setupFilter);
    document.querySelectorAll("table[data-sortable]").forEach(setupSort);
    document.querySelectorAll("[data-nst-search]").forEach(setupSearch);
    // The practice catalog and the citation on practice cards: their script
    // (10 kB) loads where they are, not on every page.
    if (document.querySelector("[data-nst-catalog], [data-nst-cite]")) {
      loadScript(new URL("practices.js", here || location.href).href);
    }
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
