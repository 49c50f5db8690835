/* Practice collection: the faceted catalog and the citation on card pages.

   The catalog reads the JSON its page names (data-nst-catalog, written by
   the build next to the page) and filters in the browser: values within
   one facet combine with «or», facets with «and»; each value shows how many
   practices match it given the other facets' choices. The choices live in
   the address (?form=…&year=…), so a filtered view can be shared. Without
   JavaScript — or if the JSON cannot be loaded — the page keeps its complete
   list grouped by form. Texts from the JSON are only ever set with
   textContent. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var plural = window.nastavPlural;  // nastav.js, which loads this file

  function setupCatalog(root) {
    if (root.dataset.nstReady) return;
    root.dataset.nstReady = "1";
    var src = new URL(root.dataset.nstCatalog, window.location.href);
    fetch(src.href, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { startCatalog(root, data, src); })
      .catch(function () { /* the static list stays: it is complete */ });
  }

  function startCatalog(root, data, src) {
    var form = root.querySelector("[data-nst-facets]");
    var results = root.querySelector("[data-nst-results]");
    var count = root.querySelector("[data-nst-count]");
    var sort = root.querySelector("[data-nst-sort]");
    var facets = data.facets, items = data.items;
    var chosen = {}, controls = {};

    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (facet) {
      var known = facet.values.map(function (v) { return v.id; });
      chosen[facet.key] = new Set(params.getAll(facet.key).filter(function (id) {
        return known.indexOf(id) >= 0;
      }));
    });
    if (params.get("sort") === "title") sort.value = "title";

    facets.forEach(function (facet) { form.appendChild(facetBox(facet)); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    sort.addEventListener("change", update);
    root.querySelector("[data-nst-reset]").addEventListener("click", function () {
      facets.forEach(function (facet) { chosen[facet.key].clear(); });
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = false; });
      sort.value = "year";
      update();
    });

    function facetBox(facet) {
      var box = el("details", { "class": "nst-facet", "data-key": facet.key });
      if (facet.open || chosen[facet.key].size) box.open = true;
      var summary = el("summary", {}, facet.label);
      var marker = el("span", { "class": "nst-facet__chosen" });
      summary.appendChild(marker);
      var fieldset = el("fieldset");
      fieldset.appendChild(el("legend", { "class": "nst-visually-hidden" }, facet.label));
      controls[facet.key] = { marker: marker, values: {} };
      facet.values.forEach(function (value, index) {
        var id = "nst-" + facet.key + "-" + index;
        var row = el("div", { "class": "nst-facet__value" });
        var box_ = el("input", { type: "checkbox", id: id, name: facet.key, value: value.id });
        box_.checked = chosen[facet.key].has(value.id);
        box_.addEventListener("change", function () {
          if (box_.checked) chosen[facet.key].add(value.id); else chosen[facet.key].delete(value.id);
          update();
        });
        var label = el("label", { "for": id }, value.label + " ");
        var n = el("span", { "class": "nst-facet__count" });
        label.appendChild(n);
        row.appendChild(box_);
        row.appendChild(label);
        if (value.typical && value.typical.length) row.appendChild(typicalLink(value.typical));
        fieldset.appendChild(row);
        controls[facet.key].values[value.id] = { input: box_, count: n, row: row };
      });
      box.appendChild(summary);
      box.appendChild(fieldset);
      return box;
    }

    function typicalLink(programs) {
      var one = programs.length === 1;
      var link = el("a", { "class": "nst-facet__typical",
                           href: one ? new URL(programs[0].url, src).href : "#tipovye-programmy",
                           title: programs.map(function (p) { return p.title; }).join("; ") },
                    one ? "типовая программа" : "типовые программы (" + programs.length + ")");
      return link;
    }

    function has(item, key) {
      var ids = (item.f && item.f[key]) || [];
      return ids.some(function (id) { return chosen[key].has(id); });
    }

    function passes(item, except) {
      return facets.every(function (facet) {
        return facet.key === except || !chosen[facet.key].size || has(item, facet.key);
      });
    }

    function update() {
      var shown = items.filter(function (item) { return passes(item, null); });
      facets.forEach(function (facet) {
        var base = items.filter(function (item) { return passes(item, facet.key); });
        var c = controls[facet.key];
        c.marker.textContent = chosen[facet.key].size ? " (выбрано: " + chosen[facet.key].size + ")" : "";
        facet.values.forEach(function (value) {
          var n = base.filter(function (item) {
            return ((item.f && item.f[facet.key]) || []).indexOf(value.id) >= 0;
          }).length;
          var v = c.values[value.id];
          v.count.textContent = "(" + n + ")";
          v.input.disabled = n === 0 && !v.input.checked;
          v.row.classList.toggle("is-empty", n === 0);
        });
      });
      shown.sort(sort.value === "title"
        ? function (a, b) { return a.title.localeCompare(b.title, "ru"); }
        : function (a, b) { return b.year - a.year || a.title.localeCompare(b.title, "ru"); });
      render(shown);
      var n = shown.length;
      count.textContent = plural(n, "Найдена ", "Найдено ", "Найдено ") + n + " " +
        plural(n, "практика", "практики", "практик") + (n < items.length ? " из " + items.length : "");
      remember();
    }

    function render(shown) {
      results.textContent = "";
      if (!shown.length) {
        results.appendChild(el("li", { "class": "nst-results__empty" },
          "Практик с такими условиями нет. Снимите часть отметок или сбросьте отбор."));
        return;
      }
      shown.forEach(function (item) {
        var li = el("li", { "class": "nst-result" });
        var title = el("h2", { "class": "nst-result__title" });
        var link = el("a", { href: new URL(item.url, src).href }, item.title);
        if (item.source) link.setAttribute("rel", "noopener");
        title.appendChild(link);
        li.appendChild(title);
        var meta = [item.org, String(item.year), item.forms].filter(Boolean).join(" · ");
        var metaLine = el("p", { "class": "nst-result__meta" }, meta);
        if (item.source) metaLine.appendChild(el("span", { "class": "nst-badge" }, "сайт: " + item.source));
        li.appendChild(metaLine);
        if (item.summary) li.appendChild(el("p", { "class": "nst-result__summary" }, item.summary));
        (item.awards || []).forEach(function (award) {
          li.appendChild(el("p", { "class": "nst-award" }, award));
        });
        results.appendChild(li);
      });
    }

    function remember() {
      var next = new URLSearchParams(window.location.search);
      facets.forEach(function (facet) { next.delete(facet.key); });
      next.delete("sort");
      facets.forEach(function (facet) {
        facet.values.forEach(function (value) {
          if (chosen[facet.key].has(value.id)) next.append(facet.key, value.id);
        });
      });
      if (sort.value !== "year") next.set("sort", sort.value);
      var query = next.toString();
      window.history.replaceState(window.history.state, "",
        window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    update();
    root.hidden = false;
    var stat = root.parentElement.querySelector("[data-nst-static]");
    if (stat) stat.hidden = true;
  }

  // Citation: the page's real address when the build did not know the site's.
  function setupCitation(text) {
    if (text.dataset.nstReady) return;
    text.dataset.nstReady = "1";
    var note = text.querySelector("[data-nst-cite-note]");
    if (note) {
      text.querySelector("[data-nst-cite-url]").textContent =
        window.location.origin + window.location.pathname;
      note.remove();
    }
    var now = new Date();
    var date = text.querySelector("[data-nst-cite-date]");
    if (date) {
      date.textContent = [now.getDate(), now.getMonth() + 1].map(function (n) {
        return (n < 10 ? "0" : "") + n;
      }).join(".") + "." + now.getFullYear();
    }
    var section = text.closest(".nst-cite");
    var button = section && section.querySelector("[data-nst-copy]");
    var done = section && section.querySelector(".nst-cite__done");
    if (!button || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.trim()).then(function () {
        done.textContent = "Ссылка скопирована.";
      }, function () {
        done.textContent = "Не удалось скопировать: выделите текст ссылки вручную.";
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-nst-catalog]").forEach(setupCatalog);
    document.querySelectorAll("[data-nst-cite]").forEach(setupCitation);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
