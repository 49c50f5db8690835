"""Inert markup, checked in Chromium: every page of the XSS project is
loaded (and the search is used, since its results are drawn in the page
from the index) while a hook records any call of ``__xss`` and any dialog."""

from __future__ import annotations

import pytest

from tests.browser.conftest import search, serve_folder
from tests.xss.payloads import PAYLOADS

HOOK = """
window.__xss = function (n) {
  (window.__xssCalls = window.__xssCalls || []).push(n);
  try { window.__xssReport(String(n), location.href); } catch (e) {}
};
"""


@pytest.fixture(scope="module")
def xss_url(xss_site):
    url, server = serve_folder(xss_site)
    yield url
    server.shutdown()


@pytest.fixture
def watched(browser):
    """A page whose every frame reports ``__xss`` calls and dialogs here."""
    context = browser.new_context(locale="ru-RU")
    events: list[str] = []
    context.expose_binding(
        "__xssReport", lambda source, n, where: events.append(f"__xss({n}) на {where}")
    )
    context.add_init_script(HOOK)
    page = context.new_page()

    def on_dialog(dialog):
        events.append(f"диалог «{dialog.message}» на {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
            else events.append(f"запрос {r.url}")
        ),
    )
    yield page, events
    context.close()


def test_no_payload_runs_on_any_page(watched, xss_site, xss_url):
    page, events = watched
    paths = sorted(p.relative_to(xss_site).as_posix() for p in xss_site.rglob("*.html"))
    assert len(paths) > len(PAYLOADS)
    # Pages load without the search index: the search has its own test below.
    page.route("**/search/search_index.json", lambda route: route.abort())
    for path in paths:
        page.goto(xss_url + path, wait_until="load")
        # Hovering and focusing fire the handlers payloads hope for.
        page.mouse.move(300, 300)
        page.keyboard.press("Tab")
        calls = page.evaluate("window.__xssCalls || []")
        assert calls == [] and events == [], (path, calls, events)
    page.wait_for_timeout(300)  # anything scheduled with a timer
    assert events == []


def test_search_results_render_payload_titles_as_text(watched, xss_url):
    page, events = watched
    page.goto(xss_url)
    results = search(page, "ловушка")
    assert results.count() >= 5  # the first five, then «Показать ещё»
    page.mouse.move(400, 300)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xssCalls || []") == [] and events == []
    titles = " ".join(page.locator(".nst-search__title").all_inner_texts())
    assert "<" in titles and "__xss(" in titles  # the payloads are there, as text
    # Results are built of our elements only: nothing from the index's HTML
    # but the <mark> around the words found, and links into the site.
    tags = set(
        page.locator(".nst-search__results *").evaluate_all(
            "nodes => nodes.map(n => n.tagName.toLowerCase())"
        )
    )
    assert tags <= {"li", "h2", "a", "p", "mark", "ul"}, tags
    hrefs = page.locator(".nst-search__results a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert all(h.startswith("/") and not h.startswith("//") for h in hrefs), hrefs


def test_payload_is_shown_as_text_in_the_browser(watched, xss_url):
    page, events = watched
    page.goto(xss_url + "novosti/xss-008/")
    assert page.locator("h1").inner_text() == "ловушка 8 <img src=x onerror=__xss(8)>"
    assert page.title().startswith("ловушка 8 <img src=x onerror=__xss(8)>")
    assert events == []
