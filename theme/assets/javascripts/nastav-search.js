/* The «Поиск» page: a small interface on Pagefind's JavaScript API.

   Pagefind's ready-made interface (pagefind-ui.js and .css, 134 kB) weighed
   more than everything a query needs from the index, so the page draws its
   own: a labelled search field, a status line that screen readers announce,
   the results as a list — a page title, an excerpt, the sections of the page
   where the words were found — and «Показать ещё». nastav.js loads this file
   on the search page only; ?q=… in the address starts a search and follows
   what is typed.

   A portal's index comes in two (generator/search/search.py): the main bundle
   and the organizations' index named in the bundle's list of shards, merged
   into one search before the first query. Each index a search merges costs
   an entry file, metadata and a chunk of words. Where the bundle and the
   list are, the page says (data-bundle, data-shards; nastav.js reads them).

   Excerpts come from Pagefind with <mark> around the words found; only their
   text and those marks are copied into the page, never the index's HTML. */
(function () {
  "use strict";

  var PAGE_SIZE = 5;
  var DELAY_MS = 250; // a pause in typing before the search runs
  var EXCERPT_WORDS = 24;
  var SECTIONS = 3; // sections shown under a page, those with most matches

  // One Pagefind per bundle and page load: instant navigation may come
  // back to the search page, and a second merge would double every result.
  var loaded = {};

  // index: { bundle, shards } — absolute addresses of the bundle's folder
  // and of its list of shards.
  function pagefindFor(index) {
    var bundle = index.bundle;
    if (!loaded[bundle]) {
      // Result addresses in the index start at the site's root; the site
      // may live in a sub-folder of its host: the folder above the bundle.
      var settings = { baseUrl: new URL("..", bundle).pathname, excerptLength: EXCERPT_WORDS };
      loaded[bundle] = import(bundle + "pagefind.js").then(function (pagefind) {
        // The worker would be another 41 kB for searches that take milliseconds.
        return pagefind.options(Object.assign({ noWorker: true }, settings)).then(function () {
          return fetch(index.shards);
        }).then(function (response) {
          // A site built before shards has no list: its index is whole.
          if (response.status === 404) return [];
          if (!response.ok) throw new Error(index.shards + ": " + response.status);
          return response.json();
        }).then(function (shards) {
          // Each shard is a bundle of its own without the scripts, named
          // relative to the list; its addresses start at the same root and
          // excerpts are as long.
          return Promise.all(shards.map(function (shard) {
            return pagefind.mergeIndex(new URL(shard, index.shards).href, settings);
          }));
        }).then(function () { return pagefind; });
      });
      loaded[bundle].catch(function () { delete loaded[bundle]; });
    }
    return loaded[bundle];
  }

  var plural = window.nastavPlural;  // nastav.js, which loads this file

  function found(n) {
    return plural(n, "найдена", "найдены", "найдено") + " " + n.toLocaleString("ru-RU") + " " +
      plural(n, "страница", "страницы", "страниц");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind escapes the page's text and wraps the words found in <mark>;
  // the excerpt is parsed inertly and only text and marks are kept.
  function excerpt(html) {
    var p = el("p", "nst-search__excerpt");
    var parsed = new DOMParser().parseFromString("<body>" + (html || ""), "text/html");
    parsed.body.childNodes.forEach(function (node) {
      p.appendChild(node.nodeName === "MARK" ? el("mark", "", node.textContent)
                                            : document.createTextNode(node.textContent));
    });
    return p;
  }

  // Addresses are the site's own, from its root; anything else is not a link.
  function link(url, text) {
    var a = el("a", "nst-search__link", text);
    if (typeof url === "string" && /^\/(?!\/)/.test(url)) a.href = url;
    return a;
  }

  // The page's own heading has an anchor, so Pagefind lists it as the first
  // section: it is the page itself, and its excerpt the page's. Of the other
  // sections, those with most matches, in the order of the page.
  function sections(data) {
    var subs = (data.sub_results || []).slice();
    var own = subs.length && subs[0].title === data.meta.title ? subs.shift() : null;
    if (subs.length > SECTIONS) {
      var top = subs.slice().sort(function (a, b) {
        return (b.locations || []).length - (a.locations || []).length;
      }).slice(0, SECTIONS);
      subs = subs.filter(function (s) { return top.indexOf(s) >= 0; });
    }
    return { excerpt: own ? own.excerpt : subs.length ? null : data.excerpt, subs: subs };
  }

  function result(data) {
    var item = el("li", "nst-search__result");
    var title = el("h2", "nst-search__title");
    title.appendChild(link(data.url, data.meta.title || data.url));
    item.appendChild(title);
    var parts = sections(data);
    if (parts.excerpt !== null) item.appendChild(excerpt(parts.excerpt));
    if (parts.subs.length) {
      var list = el("ul", "nst-search__sections");
      parts.subs.forEach(function (sub) {
        var li = el("li");
        li.appendChild(link(sub.url, sub.title || data.meta.title));
        li.appendChild(excerpt(sub.excerpt));
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    return item;
  }

  function build(box) {
    var form = el("form", "nst-search__form");
    var label = el("label", "nst-search__label", "Что найти");
    label.htmlFor = "nst-search-words";
    var input = el("input", "nst-search__input");
    input.id = "nst-search-words";
    input.type = "search";
    input.name = "q";
    input.autocomplete = "off";
    input.setAttribute("enterkeyhint", "search");
    var go = el("button", "nst-button", "Найти");
    go.type = "submit";
    form.append(label, input, go);
    // role=status: screen readers announce what it says, politely.
    var message = el("p", "nst-search__message");
    message.setAttribute("role", "status");
    var results = el("ol", "nst-search__results");
    var more = el("button", "nst-button nst-search__more", "Показать ещё");
    more.type = "button";
    more.hidden = true;
    box.append(form, message, results, more);
    return { form: form, input: input, message: message, results: results, more: more };
  }

  // An index that lacks a word answers with the longest word the query
  // starts with, if the chunk it loaded has one («с» for «спланировать»):
  // the main index or the organizations' may add such pages. When the
  // results are few, their texts are fetched at once and a page counts only
  // if a marked word shares its beginning (4 letters, or the whole short
  // query word) with a word of the query.
  var FEW = 50;

  function marked(data) {
    var words = [];
    [data].concat(data.sub_results || []).forEach(function (part) {
      (part.excerpt || "").replace(/<mark>([^<]*)<\/mark>/g, function (_, word) {
        // Pagefind marks a word with the brackets and quotes around it:
        // «(физика).», ««Наставник»» — the word starts after them.
        words.push(word.toLowerCase().replace(/^[^0-9a-zа-яё]+/, ""));
      });
    });
    return words;
  }

  function relevant(data, terms) {
    var words = marked(data);
    if (!words.length) return true; // found by its title or metadata
    return words.some(function (word) {
      return terms.some(function (term) {
        var need = Math.min(4, term.length), same = 0;
        while (same < need && word.charAt(same) === term.charAt(same)) same++;
        return same >= need;
      });
    });
  }

  function preloaded(data) {
    return { data: function () { return Promise.resolve(data); } };
  }

  function keepRelevant(results, query) {
    if (results.length > FEW) return Promise.resolve(results);
    var terms = query.toLowerCase().split(/[^0-9a-zа-яё]+/i).filter(Boolean);
    return Promise.all(results.map(function (hit) {
      return hit.data().catch(function () { return null; });
    })).then(function (pages) {
      return pages.filter(function (data) {
        return data && relevant(data, terms);
      }).map(preloaded);
    });
  }

  window.nastavSearch = function (box, index) {
    var ui = build(box);
    // The search page's own address: instant navigation changes the address
    // before it replaces the page, and a typing pause ending in between must
    // not put «?q=…» on the next page's address.
    var page = location.pathname;
    var ready = pagefindFor(index);
    var hits = [], shown = 0, current = 0, timer = null, busy = false;

    // Draws the next results once all their texts have arrived, in
    // Pagefind's order; resolves with the first new item.
    function showMore() {
      var run = current;
      var batch = hits.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      return Promise.all(batch.map(function (hit) {
        return hit.data().catch(function () { return null; });
      })).then(function (pages) {
        if (run !== current) return null;
        var items = pages.filter(Boolean).map(result);
        items.forEach(function (item) { ui.results.appendChild(item); });
        ui.more.hidden = shown >= hits.length;
        return items[0] || null;
      });
    }

    function search(words) {
      // Instant navigation may have left the page while the typing pause ran.
      if (!box.isConnected || location.pathname !== page) return Promise.resolve();
      var run = ++current;
      var query = words.trim();
      var address = new URL(location.href);
      if (query) address.searchParams.set("q", query); else address.searchParams.delete("q");
      if (address.href !== location.href) history.replaceState(history.state, "", address.href);
      hits = [];
      shown = 0;
      if (!query) {
        ui.results.textContent = "";
        ui.more.hidden = true;
        ui.message.textContent = "";
        return Promise.resolve();
      }
      ui.message.textContent = "Идёт поиск…";
      // A search overtaken by the next one (typing goes on) loads no more
      // of the index and no texts of its results.
      return ready.then(function (pagefind) {
        return run === current ? pagefind.search(query) : null;
      }).then(function (answer) {
        return answer && run === current ? keepRelevant(answer.results, query) : null;
      }).then(function (results) {
        if (!results || run !== current) return null;
        hits = results;
        ui.results.textContent = "";
        ui.more.hidden = true;
        return showMore().then(function () {
          if (run !== current) return;
          ui.message.textContent = "По запросу «" + query + "» " + (hits.length
            ? found(hits.length)
            : "ничего не найдено. Попробуйте другие слова или разделы в меню слева.");
        });
      });
    }

    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      search(ui.input.value);
    });
    ui.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(ui.input.value); }, DELAY_MS);
    });
    ui.more.addEventListener("click", function () {
      if (busy) return;
      busy = true;
      // The first of the new results takes the focus: a keyboard user reads
      // on where the list grew, and the button that went away held nothing.
      showMore().then(function (item) {
        busy = false;
        if (item) item.querySelector("a").focus();
      }, function () { busy = false; });
    });

    ui.input.value = new URLSearchParams(location.search).get("q") || "";
    ui.input.focus();
    // Resolves once the index is ready (and the search in the address done);
    // rejects if Pagefind cannot load, for nastav.js to say so.
    return ready.then(function () {
      return ui.input.value.trim() ? search(ui.input.value) : null;
    });
  };
})();
