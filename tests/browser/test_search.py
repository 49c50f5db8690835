"""The «Поиск» page (theme/assets/javascripts/nastav-search.js on Pagefind's
API): the sharded index of a portal, the status line, the address, the
keyboard, the colour schemes and what it says when it cannot work.

Word forms, XSS in results and links into a sub-folder are tested in
test_navigation.py, test_catalog.py and test_xss_browser.py."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.search.search import shard_of
from tests.browser.conftest import follow, search, serve_folder
from tests.browser.vi import SCHEMES, show_scheme, style
from tests.conftest import copy_municipal_demo, edit, run_cli

RESULT = ".nst-search__result"
MESSAGE = ".nst-search__message"
MORE = "Показать ещё"


def plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def show_all(page) -> list[str]:
    """Press «Показать ещё» until every result is on the page; their addresses."""
    results = page.locator(RESULT)
    more = page.get_by_role("button", name=MORE)
    while more.is_visible():
        shown = results.count()
        more.click()
        page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length > n",
            arg=[RESULT, shown],
            timeout=10_000,
        )
    return page.locator(f"{RESULT} .nst-search__title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def test_organization_pages_are_found_in_their_shard(page, municipal_url, municipal_site):
    """A portal's index is split: an organization's program is in a shard
    of its own, which the page merges before searching."""
    pages = [
        p.relative_to(municipal_site).as_posix()
        for p in municipal_site.rglob("*.html")
        if "спланир" in p.read_text(encoding="utf-8").lower()
    ]
    program = "organizatsii/sosh3/programmy/pp-tipovaya-1/index.html"
    assert pages == [program], pages  # the only page with the word…
    assert shard_of(program) != "main"  # …is not in the main index
    search(page, "спланировать", municipal_url)
    hrefs = show_all(page)
    # Shards without the word answer with pages of «с» (the longest word the
    # query starts with); those are not results.
    assert hrefs == ["/" + program.removesuffix("index.html")], hrefs
    # The status line counts what is listed, in Russian plural forms.
    n = len(hrefs)
    words = plural(n, "найдена", "найдены", "найдено"), plural(n, "страница", "страницы", "страниц")
    assert page.locator(MESSAGE).inner_text() == (
        f"По запросу «спланировать» {words[0]} {n} {words[1]}"
    )
    assert page.external_requests == []


def test_a_word_in_brackets_or_quotes_is_found(page, municipal_url, municipal_site):
    """Pagefind marks «(физика).» with its brackets and quotes; the check that
    a result holds a word of the query looks past them (a program «Адаптация
    молодого учителя (физика)» was found by Pagefind and then dropped)."""
    program = municipal_site / "organizatsii/sosh3/programmy/pp-2025-1/index.html"
    text = program.read_text(encoding="utf-8")
    assert "(физика)" in text and not re.search(r"[^(]физика", text)
    search(page, "физика", municipal_url)
    hrefs = show_all(page)
    assert "/organizatsii/sosh3/programmy/pp-2025-1/" in hrefs, hrefs
    assert page.external_requests == []


def test_a_search_finds_pages_of_both_indexes_and_loads_little(page, municipal_url):
    """The portal's pages and the organizations' are two indexes, merged by
    the page; a search loads, of each, its entry file, its metadata and one
    small chunk of words (generator/search/search_merge.py, issue 14)."""
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    search(page, "наставника", municipal_url)
    page.wait_for_load_state("networkidle")
    loaded = {}
    for request in finished:
        path = urlsplit(request.url).path
        if path.startswith("/pagefind/") and request.response() is not None:
            loaded[path] = len(request.response().body())
    index = {p: n for p, n in loaded.items() if p.endswith((".json", ".pf_meta", ".pf_index"))}
    assert sorted(p for p in index if p.endswith("entry.json")) == [
        "/pagefind/pagefind-entry.json",
        "/pagefind/shards/orgs/pagefind-entry.json",
    ]
    assert len([p for p in index if p.endswith(".pf_index")]) == 2, index
    assert sum(index.values()) < 15_000, index
    hrefs = show_all(page)
    assert any(h.startswith("/organizatsii/") and h.count("/") > 3 for h in hrefs), hrefs
    assert any(not h.startswith("/organizatsii/") for h in hrefs), hrefs


def test_status_line_is_announced_and_says_when_nothing_is_found(page, demo_url):
    page.goto(demo_url + "poisk/?q=ъъъ")
    message = page.get_by_role("status").filter(has_text="ъъъ")
    message.wait_for(timeout=15_000)
    assert "ничего не найдено" in message.inner_text()
    assert page.locator(RESULT).count() == 0
    assert page.get_by_role("button", name=MORE).is_hidden()


def test_address_follows_what_is_typed(page, demo_url):
    page.goto(demo_url + "poisk/")
    box = page.get_by_role("searchbox", name="Что найти")
    assert box.evaluate("el => el === document.activeElement")
    box.fill("дорожная карта")
    page.locator(RESULT).first.wait_for(timeout=15_000)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["дорожная карта"]}
    # The address restores the search: a reload shows the same results.
    titles = page.locator(".nst-search__title").all_inner_texts()
    page.reload()
    page.locator(RESULT).first.wait_for(timeout=15_000)
    assert box.input_value() == "дорожная карта"
    assert page.locator(".nst-search__title").all_inner_texts() == titles
    box.fill("")
    page.wait_for_function("!location.search.includes('q=')")
    page.wait_for_function("!document.querySelector('.nst-search__result')")
    assert page.locator(MESSAGE).inner_text() == ""


def test_keyboard_reaches_and_extends_the_results(page, municipal_url):
    results = search(page, "наставника", municipal_url)
    assert results.count() == 5
    page.keyboard.press("Tab")  # from the search field
    assert page.evaluate("document.activeElement.textContent") == "Найти"
    more = page.get_by_role("button", name=MORE)
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('.nst-search__result').length > n", arg=5, timeout=10_000
    )
    assert results.count() == 10
    # The focus goes on to the first new result, not back to the top.
    focused = page.evaluate(
        "document.activeElement.closest('.nst-search__result') === "
        "document.querySelectorAll('.nst-search__result')[5]"
    )
    assert focused


def test_buttons_are_readable_in_every_colour_scheme(page, municipal_url):
    search(page, "наставника", municipal_url)
    for scheme, (_, text, background) in SCHEMES.items():
        show_scheme(page, scheme)
        for name in ("Найти", MORE):
            button = f".nst-search button:text-is('{name}')"
            assert style(page, button, "color") == text, (scheme, name)
            assert style(page, button, "border-top-color") == text, (scheme, name)
            assert style(page, ".nst-search", "background-color") in (
                background,
                "rgba(0, 0, 0, 0)",
            )


def test_search_page_opened_from_disk_says_why_it_cannot_search(page, demo_site):
    page.goto((demo_site / "poisk" / "index.html").as_uri() + "?q=наставник")
    note = page.locator(".nst-search__note")
    assert "открыт как файл с диска" in note.inner_text()
    assert "веб-сервер" in note.inner_text()
    assert page.locator(RESULT).count() == 0


def test_search_says_so_when_pagefind_does_not_load(page, demo_url):
    page.route(re.compile(r".*/pagefind/pagefind\.js$"), lambda route: route.abort())
    page.goto(demo_url + "poisk/?q=наставник")
    note = page.locator(".nst-search__note", has_text="не загрузился")
    note.wait_for(timeout=15_000)
    assert page.locator(RESULT).count() == 0


@pytest.fixture(scope="module")
def instant_municipal_url(tmp_path_factory: pytest.TempPathFactory):
    """The municipal demo (an index in shards) with Material's instant
    navigation, built for the address it is served from (see instant_url)."""
    project = copy_municipal_demo(tmp_path_factory.mktemp("instant") / "city")
    url, server = serve_folder(project / "site")
    edit(project, "site_config.yml", "mode: municipal\n", f"mode: municipal\nsite_url: {url}\n")
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    yield url
    server.shutdown()


def test_instant_navigation_back_to_search_does_not_double_results(page, instant_municipal_url):
    """Instant navigation keeps the page's scripts: the shards must be merged
    once, not once per visit of the search page."""
    nav = page.locator(".md-sidebar--primary")
    # Material intercepts links only once it has read the sitemap: wait for it.
    page.goto(instant_municipal_url, wait_until="networkidle")
    page.evaluate("window.__nstSamePage = true")  # gone after a full page load
    counts = []
    for _ in range(2):
        follow(page, nav.get_by_role("link", name="Поиск", exact=True), r"/poisk/$")
        page.get_by_role("searchbox", name="Что найти").fill("спланировать")
        message = page.locator(MESSAGE, has_text="По запросу «спланировать»")
        message.wait_for(timeout=15_000)
        counts.append(int(re.search(r"(\d+) страниц", message.inner_text()).group(1)))
        follow(page, nav.get_by_role("link", name="Новости и анонсы"), r"/novosti/$")
    assert page.evaluate("window.__nstSamePage") is True, "instant navigation did not happen"
    assert counts[0] == counts[1], counts


def test_scripts_loaded_on_demand_work_after_instant_navigation(page, instant_municipal_url):
    """The catalog's script, like the search's, loads on the pages that need
    it — also when the page came by instant navigation, and only once."""
    nav = page.locator(".md-sidebar--primary")
    # Material intercepts links only once it has read the sitemap: wait for it.
    page.goto(instant_municipal_url, wait_until="networkidle")
    page.evaluate("window.__nstSamePage = true")
    for _ in range(2):
        follow(page, nav.get_by_role("link", name="Лучшие практики"), r"/praktiki/$")
        page.locator("[data-nst-results] li").first.wait_for(timeout=15_000)
        assert re.fullmatch(
            r"Найдено \d+ практик\w*", page.locator("[data-nst-count]").inner_text()
        )
        follow(page, nav.get_by_role("link", name="Контакты"), r"/kontakty/$")
    assert page.evaluate("window.__nstSamePage") is True, "instant navigation did not happen"
    loaded = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".filter(e => e.name.endsWith('/practices.js')).length"
    )
    assert loaded == 1
