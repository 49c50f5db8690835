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

  // Search: Pagefind's own interface, loaded from the site's bundle only on
  // the search page. «?q=…» in the address starts a search (header box links).
  function loadOnce(tag, url) {
    return new Promise(function (resolve, reject) {
      if (document.querySelector(tag + '[data-nst-src="' + url + '"]')) return resolve();
      var el = document.createElement(tag);
      el.setAttribute("data-nst-src", url);
      if (tag === "script") { el.src = url; } else { el.rel = "stylesheet"; el.href = url; }
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  // The page's own heading has an anchor, so Pagefind would list it as a
  // section of the page, repeating the result's title right under it: it is
  // counted as the page itself (its text becomes the result's excerpt).
  function pageHeadingIsThePage(result) {
    var first = result.sub_results && result.sub_results[0];
    var url = (result.meta && result.meta.url) || result.url;
    if (first && first.title === result.meta.title) first.url = url;
    return result;
  }

  function setupSearch(box) {
    if (box.dataset.nstReady) return;
    box.dataset.nstReady = "1";
    var bundle = new URL(box.dataset.bundle, location.href).href;
    // The note in the page speaks to readers without JavaScript; with it,
    // it either goes away or says why the search did not load.
    var note = box.querySelector("[data-nst-search-note]");
    // Result addresses in the index start at the site's root; the site may
    // live in a sub-folder of its host (or be opened from disk).
    var root = new URL("..", bundle).pathname;
    // A portal's index comes in shards (generator/site/search.py): the main
    // one and the organizations' groups, merged in the browser.
    var shards = fetch(bundle + "nastav-shards.json")
      .then(function (r) { return r.ok ? r.json() : []; })
      .catch(function () { return []; });
    loadOnce("link", bundle + "pagefind-ui.css");
    Promise.all([loadOnce("script", bundle + "pagefind-ui.js"), shards]).then(function (done) {
      if (note) note.remove();
      var ui = new window.PagefindUI({
        element: box, bundlePath: bundle, baseUrl: root, showSubResults: true,
        showImages: false, resetStyles: false, autofocus: true,
        processResult: pageHeadingIsThePage,
        mergeIndex: done[1].map(function (s) { return { bundlePath: bundle + s }; })
      });
      var query = new URLSearchParams(location.search).get("q");
      if (query) ui.triggerSearch(query);
    }).catch(function () {
      if (note) note.textContent = "Поиск не загрузился. Если сайт открыт как файл " +
        "с диска, поиск недоступен: откройте сайт через веб-сервер или пользуйтесь " +
        "разделами в меню слева.";
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
