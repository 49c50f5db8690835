/* «Версия для слабовидящих»: the settings panel.

   Settings are kept in localStorage under "nastav-vi" as an object such as
   {"font": "150", "scheme": "black"}; a default setting is simply absent.
   partials/nastav-vi-head.html applies them to <html> as data-nst-*
   attributes before the first paint; this script opens and closes the
   panel, changes and saves settings, keeps aria-pressed in step and, when
   images are hidden, shows their text alternatives instead.

   The panel lives outside the part of the page that Material's instant
   navigation replaces, so it is wired once; page content (images) is
   handled on every document$ emission, or once without instant navigation. */
(function () {
  "use strict";

  var KEY = "nastav-vi";
  var html = document.documentElement;
  var root = document.querySelector("[data-nst-vi-root]");
  if (!root) return;
  var toggle = root.querySelector(".nst-vi__switch");
  var panel = root.querySelector(".nst-vi__panel");
  var options = Array.prototype.slice.call(root.querySelectorAll("[data-nst-set]"));

  // The panel's buttons are the list of valid values.
  var valid = {};
  options.forEach(function (button) {
    var name = button.getAttribute("data-nst-set");
    (valid[name] = valid[name] || []).push(button.getAttribute("data-nst-value"));
  });

  function read() {
    var saved = {};
    try {
      saved = JSON.parse(localStorage.getItem(KEY)) || {};
    } catch (e) { /* no storage, or junk in it: defaults */ }
    var settings = {};
    Object.keys(valid).forEach(function (name) {
      var value = saved[name];
      if (value && valid[name].indexOf(value) > 0) settings[name] = value;
    });
    return settings;
  }

  function save(settings) {
    try {
      if (Object.keys(settings).length) localStorage.setItem(KEY, JSON.stringify(settings));
      else localStorage.removeItem(KEY);
    } catch (e) { /* private mode: settings last for this page only */ }
  }

  // Kept in memory too, so settings still work where storage does not.
  var current = read();

  function apply(settings) {
    Object.keys(valid).forEach(function (name) {
      if (settings[name]) html.setAttribute("data-nst-" + name, settings[name]);
      else html.removeAttribute("data-nst-" + name);
    });
    if (Object.keys(settings).length) html.setAttribute("data-nst-vi", "");
    else html.removeAttribute("data-nst-vi");
    options.forEach(function (button) {
      var name = button.getAttribute("data-nst-set");
      var pressed = (settings[name] || "") === button.getAttribute("data-nst-value");
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    });
  }

  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  // With images hidden, their descriptions take their place. The text is
  // in the page always but displayed (and read out) only in that mode.
  function addAltTexts() {
    document.querySelectorAll(".md-content img[alt]").forEach(function (img) {
      var alt = img.getAttribute("alt").trim();
      if (!alt || img.hasAttribute("data-nst-alt")) return;
      img.setAttribute("data-nst-alt", "");
      var text = document.createElement("span");
      text.className = "nst-vi-alt";
      text.textContent = "Изображение: " + alt;
      img.insertAdjacentElement("afterend", text);
    });
  }

  toggle.addEventListener("click", function () {
    setOpen(panel.hidden);
  });

  options.forEach(function (button) {
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-nst-set");
      var value = button.getAttribute("data-nst-value");
      if (value) current[name] = value;
      else delete current[name];
      save(current);
      apply(current);
    });
  });

  root.querySelector("[data-nst-reset]").addEventListener("click", function () {
    current = {};
    save(current);
    apply(current);
    setOpen(false);
    toggle.focus();
  });

  root.querySelector("[data-nst-close]").addEventListener("click", function () {
    setOpen(false);
    toggle.focus();
  });

  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      setOpen(false);
      toggle.focus();
    }
  });

  // Another tab changed the settings: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) apply(current = read());
  });

  apply(current);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(addAltTexts);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addAltTexts);
  } else {
    addAltTexts();
  }
})();
