"""WCAG 2.1 AA in a real browser.

axe-core checks every kind of page (tests/browser/page_kinds.py) in the
normal version and in each colour scheme of the version for the visually
impaired; reflow is checked at 320 CSS px, which is a 1280 px screen at
400 % zoom (WCAG 1.4.10), and with the largest font of the version for
the visually impaired.
"""

from __future__ import annotations

import pytest

from generator.console import Console
from generator.diagnostics import Report
from generator.pipeline import Outcome, check
from tests.browser.axe import axe_violations, describe
from tests.browser.conftest import search
from tests.browser.page_kinds import PAGE_KINDS
from tests.browser.vi import SCHEMES, SWITCH, open_panel, show_scheme
from tests.conftest import ROOT

VARIANTS = [None, *SCHEMES]  # None: the normal version

# Elements sticking out of the window, for the failure message; what is
# inside a box that scrolls or clips does not widen the page.
_WIDEST = """() => {
    const width = document.documentElement.clientWidth;
    const boxed = el => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
            if (getComputedStyle(p).overflowX !== "visible") return true;
        return false;
    };
    return [...document.body.querySelectorAll("*")]
        .filter(el => el.getBoundingClientRect().right > width + 1 && el.checkVisibility()
                      && !boxed(el))
        .slice(-5)
        .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
                   + ` до ${Math.round(el.getBoundingClientRect().right)} px`);
}"""


@pytest.mark.parametrize(
    "project, site",
    [(ROOT, "demo_url"), (ROOT / "demo" / "municipal", "municipal_url")],
    ids=["school", "municipal"],
)
def test_every_kind_of_page_is_listed(project, site):
    model = check(project, Console(quiet=True), Outcome(Report()))
    assert model is not None
    made = {p.kind for p in model.pages}
    listed = {k.kind for k in PAGE_KINDS if k.site == site}
    assert made <= listed, f"add these kinds of page to PAGE_KINDS: {sorted(made - listed)}"


def open_kind(page, kind, request) -> None:
    page.goto(request.getfixturevalue(kind.site) + kind.path)
    if kind.ready:
        page.locator(kind.ready).first.wait_for(timeout=15_000)


@pytest.mark.parametrize("kind", PAGE_KINDS, ids=str)
def test_no_wcag_violations_in_any_colour_scheme(kind, page, request):
    open_kind(page, kind, request)
    assert page.get_by_role("button", name=SWITCH).is_visible()
    failures = []
    for scheme in VARIANTS:  # the normal version first: leaving a scheme would animate
        show_scheme(page, scheme)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{scheme or 'обычная версия'}:\n{describe(violations)}")
    assert not failures, f"{kind.path or '/'}\n" + "\n".join(failures)
    assert page.external_requests == []


def test_open_panel_and_search_results_have_no_wcag_violations(page, demo_url):
    assert search(page, "наставник", demo_url).count() > 0
    open_panel(page)
    failures = []
    for scheme in VARIANTS:
        show_scheme(page, scheme)
        for part in ("[data-nst-vi-root]", ".nst-search"):
            violations = axe_violations(page, part)
            if violations:
                failures.append(f"{scheme or 'обычная версия'}, {part}:\n{describe(violations)}")
    assert not failures, "\n".join(failures)


@pytest.fixture(scope="module")
def narrow_page(browser):
    """One tab for all reflow checks: only the page and the window size change."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="ru-RU")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", PAGE_KINDS, ids=str)
def test_no_horizontal_scroll_at_320_px(kind, narrow_page, request):
    page = narrow_page
    page.set_viewport_size({"width": 320, "height": 640})
    open_kind(page, kind, request)
    checks = [
        ("320 px", None, 320),
        # 200 % zoom of a 1280 px screen, with the largest font on top
        ("640 px, шрифт 200 %", "200", 640),
    ]
    for what, font, width in checks:
        page.set_viewport_size({"width": width, "height": 640})
        if font:
            page.evaluate("f => document.documentElement.setAttribute('data-nst-font', f)", font)
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, (
            f"{kind.path or '/'} ({what}): страница шире окна на "
            f"{scroll - client} px: {page.evaluate(_WIDEST)}"
        )
        # What does not fit scrolls inside its own box, and the keyboard can
        # scroll it too: the box takes the focus or holds something that does.
        violations = axe_violations(page, rules=["scrollable-region-focusable"])
        assert not violations, f"{kind.path or '/'} ({what}):\n{describe(violations)}"
