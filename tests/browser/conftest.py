"""Browser tests: Playwright driving Debian's Chromium on a locally served site.

Playwright's own browser download does not work on our machines, so the
system Chromium is used (``./run test`` installs it). If it cannot start,
the tests fail with the reason — they never silently skip. To run the
other tests without a browser: ``pytest -m "not browser"``.
"""

from __future__ import annotations

import re
import shutil

import pytest

from generator.util.static_server import serve_folder
from tests.conftest import copy_demo, edit, run_cli

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str:
    return shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    except Exception as exc:  # the reason matters more than the type here
        playwright.stop()
        pytest.fail(
            f"Chromium не запускается ({chromium_path()}): {exc}. Установите его: "
            "apt-get install chromium (./run test делает это сам при запуске от root)."
        )
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.external_requests = []  # anything leaving 127.0.0.1 is recorded here
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else page.external_requests.append(r.url)
        ),
    )
    yield page
    context.close()


@pytest.fixture(scope="session")
def demo_url(demo_site):
    url, server = serve_folder(demo_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def municipal_url(municipal_site):
    url, server = serve_folder(municipal_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def instant_url(tmp_path_factory: pytest.TempPathFactory):
    """The demo built with ``site_url``, which turns on Material's instant
    navigation. Instant navigation only follows links listed in sitemap.xml
    under the address the page is served from, so the server starts first
    and the site is built for its address."""
    project = copy_demo(tmp_path_factory.mktemp("instant") / "school")
    url, server = serve_folder(project / "site")
    edit(
        project,
        "site_config.yml",
        "# site_url: https://school14-novoozersk.example.ru/nastavnichestvo/",
        f"site_url: {url}",
    )
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    yield url
    server.shutdown()


def search(page, query: str, site_url: str | None = None):
    """Search as a visitor would: the «Поиск» page with the query in its address.

    Returns the locator of the result items (theme/assets/javascripts/nastav-search.js).
    """
    base = site_url or page.url.split("#")[0]
    root = base if base.endswith("/") else base.rsplit("/", 1)[0] + "/"
    page.goto(root + "poisk/?q=" + query)
    results = page.locator(".nst-search__result")
    # A batch of results is drawn at once, when all their texts have arrived.
    results.first.wait_for(timeout=15_000)
    return results


def follow(page, link, url: str) -> None:
    """Follow ``link`` from the keyboard (focus, Enter) and wait for the page
    whose address matches the regex ``url``.

    A mouse click goes to the point where the link was a moment before; while
    the layout is still settling (fonts of 150 %, results being drawn, the
    sticky sidebar re-placed after a scroll) that point can belong to the
    next link, and the test waits for a page that never comes. Enter reaches
    the focused link itself — the way keyboard users follow it — and Material's
    instant navigation sees the same click event.

    Instant navigation changes the address before the new page is in: the
    test goes on only when Material has replaced the page's container (the
    old one is marked), so the next link it looks for is on the new page.
    """
    link.focus()
    page.evaluate("document.querySelector('[data-md-component=container]').dataset.nstOld = ''")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(url))
    page.wait_for_function("!document.querySelector('[data-md-component=container][data-nst-old]')")
