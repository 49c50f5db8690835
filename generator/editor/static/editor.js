/* nastav editor: small improvements of the record forms. Every form works
   without this script: a list always has a blank item, «Удалить при
   сохранении» removes an item, dates are typed as ДД.ММ.ГГГГ. */
(function () {
  "use strict";
  var summary = document.querySelector(".ed-summary");
  if (summary) summary.focus();
  var form = document.querySelector("form.ed-form");
  if (!form || !("closest" in form) || !window.URLSearchParams) return;

  // The same rule as forms.field_id: «activities[2].date» → «f-activities-2-date».
  function idOf(name) { return "f-" + name.replace(/[^A-Za-z0-9_]+/g, "-").replace(/^-+|-+$/g, ""); }
  function shape(name) { return name.replace(/\[\d+\]/g, "[]"); }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  var probe = document.createElement("input");
  probe.type = "date";
  var nativeDates = probe.type === "date";
  var previewUrl = form.getAttribute("data-preview-url");
  var changed = false;  // leaving with changes not saved asks first

  function enhance(root) {
    all(root, ".ed-nojs").forEach(function (el) { el.hidden = true; });
    all(root, ".ed-remove, .ed-list-add").forEach(function (el) { el.hidden = false; });
    if (nativeDates) all(root, ".ed-date-pick").forEach(function (el) { el.hidden = false; });
    if (previewUrl) all(root, ".ed-md-preview").forEach(function (el) { el.hidden = false; });
  }

  // Lists: the blank item of each becomes the pattern of «Добавить».
  var patterns = {};
  function takeBlanks(root) {
    all(root, ".ed-item.ed-blank").forEach(function (item) {
      var list = item.parentNode.closest(".ed-list");
      var key = shape(list.getAttribute("data-list"));
      if (!patterns[key]) patterns[key] = item.cloneNode(true);
      item.parentNode.removeChild(item);
    });
  }
  var ATTRS = ["name", "id", "for", "aria-describedby", "aria-controls", "data-list", "data-item", "data-for"];
  function rename(root, from, to) {
    var fromId = idOf(from), toId = idOf(to);
    [root].concat(all(root, "*")).forEach(function (el) {
      ATTRS.forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value === null) return;
        el.setAttribute(attr, value.split(" ").map(function (token) {
          if (token.indexOf(from) === 0) return to + token.slice(from.length);
          if (token === fromId || token.indexOf(fromId + "-") === 0) return toId + token.slice(fromId.length);
          return token;
        }).join(" "));
      });
    });
  }
  function itemsOf(list) {
    return all(list, ".ed-items").filter(function (box) { return box.parentNode === list; })[0];
  }
  function renumber(list) {
    var box = itemsOf(list);
    Array.prototype.filter.call(box.children, function (el) { return el.classList.contains("ed-item"); })
      .forEach(function (item, index) {
        all(item, ".ed-item-no").forEach(function (no) {
          if (no.closest(".ed-item") === item) no.textContent = String(index + 1);
        });
      });
  }
  function add(list) {
    var pattern = patterns[shape(list.getAttribute("data-list"))];
    if (!pattern) return;
    var box = itemsOf(list), last = 0;
    Array.prototype.forEach.call(box.children, function (item) {
      var match = /\[(\d+)\]$/.exec(item.getAttribute("data-item") || "");
      if (match) last = Math.max(last, Number(match[1]));
    });
    var item = pattern.cloneNode(true);
    rename(item, pattern.getAttribute("data-item"), list.getAttribute("data-list") + "[" + (last + 1) + "]");
    item.classList.remove("ed-blank");
    all(item, ".ed-new").forEach(function (el) { el.parentNode.removeChild(el); });
    box.appendChild(item);
    takeBlanks(item);
    enhance(item);
    renumber(list);
    changed = true;
    var first = item.querySelector("input, select, textarea");
    if (first) first.focus();
  }
  function remove(item) {
    var list = item.parentNode.closest(".ed-list");
    item.parentNode.removeChild(item);
    renumber(list);
    changed = true;
    all(list, ".ed-list-add").filter(function (b) { return b.closest(".ed-list") === list; })[0].focus();
  }

  // Dates: a calendar button fills the text field as ДД.ММ.ГГГГ.
  function pad(n) { return (n.length < 2 ? "0" : "") + n; }
  function pickDate(button) {
    var input = document.getElementById(button.getAttribute("data-for"));
    var picker = button.nextElementSibling;
    if (!picker || !picker.classList.contains("ed-date-native")) {
      picker = document.createElement("input");
      picker.type = "date";
      picker.className = "ed-date-native";
      picker.tabIndex = -1;
      picker.setAttribute("aria-hidden", "true");
      button.parentNode.insertBefore(picker, button.nextSibling);
      picker.addEventListener("change", function () {
        var parts = picker.value.split("-");
        if (parts.length === 3) input.value = parts[2] + "." + parts[1] + "." + parts[0];
        changed = true;
        input.focus();
      });
    }
    var match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(input.value);
    picker.value = match ? match[3] + "-" + pad(match[2]) + "-" + pad(match[1]) : "";
    try {
      picker.showPicker();
    } catch (e) {  // no showPicker: the calendar field itself, next to the button
      picker.className = "ed-date-native ed-date-shown";
      picker.tabIndex = 0;
      picker.removeAttribute("aria-hidden");
      picker.setAttribute("aria-label", button.getAttribute("aria-label"));
      picker.focus();
    }
  }

  // Markdown: the page as it will read, from the server's own renderer.
  function preview(button) {
    var text = document.getElementById(button.getAttribute("data-for"));
    var out = document.getElementById(button.getAttribute("aria-controls"));
    if (button.getAttribute("aria-expanded") === "true") {
      out.hidden = true;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    var body = new URLSearchParams();
    body.set("text", text.value);
    body.set("csrf", form.elements.namedItem("csrf").value);
    fetch(previewUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { out.innerHTML = html; }, function () { out.textContent = "Предпросмотр сейчас недоступен."; })
      .then(function () { out.hidden = false; button.setAttribute("aria-expanded", "true"); });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[type=button]");
    if (!button) return;
    if (button.classList.contains("ed-list-add")) add(button.closest(".ed-list"));
    else if (button.classList.contains("ed-remove")) remove(button.closest(".ed-item"));
    else if (button.classList.contains("ed-date-pick")) pickDate(button);
    else if (button.classList.contains("ed-md-preview")) preview(button);
  });

  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (changed) { event.preventDefault(); event.returnValue = ""; }
  });

  takeBlanks(form);
  enhance(form);
})();
