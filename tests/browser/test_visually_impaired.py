"""The version for the visually impaired, as a visitor uses it: every
setting changes what is on screen, survives a reload, a page change (full
load and Material's instant navigation) and a new visit, applies before
the first paint, and «Обычная версия» brings the normal site back."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import follow, search
from tests.browser.page_kinds import IMAGE_ALT, PAGE_WITH_IMAGE
from tests.browser.vi import (
    FONT_SIZES,
    SCHEMES,
    STORAGE_KEY,
    SWITCH,
    open_panel,
    option,
    saved_settings,
    style,
)

TEXT = "article.md-content__inner :is(p, li):not(.nst-crumbs *)"  # running text
GROUPS = ["Размер шрифта", "Цвета", "Изображения", "Интервал между буквами", "Межстрочный интервал"]

# Records, at the moment <body> appears, which scheme <html> already has:
# proof that the settings are there before anything can be painted.
RECORD_AT_BODY = """
window.__nstSchemeAtBody = "body not seen";
new MutationObserver((records, observer) => {
    if (!document.body) return;
    window.__nstSchemeAtBody = document.documentElement.getAttribute("data-nst-scheme");
    observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


def px(value: str) -> float:
    return float(value.removesuffix("px"))


def choose(page, group: str, label: str) -> None:
    button = option(page, group, label)
    button.click()
    assert button.get_attribute("aria-pressed") == "true"


def test_panel_offers_every_setting(page, demo_url):
    page.goto(demo_url)
    switch = page.get_by_role("button", name=SWITCH)
    assert switch.get_attribute("aria-expanded") == "false"
    assert page.locator("#nst-vi-panel").is_hidden()
    panel = open_panel(page)
    assert switch.get_attribute("aria-expanded") == "true"
    assert panel.is_visible()
    # Each row of buttons is a group named by its visible legend.
    assert [
        g.locator(".nst-vi__legend").inner_text() for g in panel.get_by_role("group").all()
    ] == GROUPS
    for name in GROUPS:
        assert panel.get_by_role("group", name=name, exact=True).is_visible()
    schemes = page.get_by_role("group", name="Цвета").get_by_role("button")
    labels = [label for label, _, _ in SCHEMES.values()]
    assert schemes.all_inner_texts() == ["Цвета сайта", *labels]
    fonts = page.get_by_role("group", name="Размер шрифта").get_by_role("button")
    assert fonts.all_inner_texts() == ["100 %", *[f"{size} %" for size in FONT_SIZES]]
    # Defaults are pressed; nothing is saved until the visitor chooses.
    assert option(page, "Цвета", "Цвета сайта").get_attribute("aria-pressed") == "true"
    assert saved_settings(page) == {}
    switch.click()
    assert panel.is_hidden() and switch.get_attribute("aria-expanded") == "false"


def test_font_size_grows_in_steps(page, demo_url):
    page.goto(demo_url)
    open_panel(page)
    sizes = [px(style(page, TEXT, "font-size"))]
    for size in FONT_SIZES:
        choose(page, "Размер шрифта", f"{size} %")
        sizes.append(px(style(page, TEXT, "font-size")))
    assert sizes == sorted(set(sizes)), sizes
    assert sizes[-1] == pytest.approx(2 * sizes[0])
    # Navigation and header grow too: the whole page is scaled.
    assert px(style(page, ".md-nav__link", "font-size")) > 18


def test_font_size_grows_in_search_results(page, demo_url):
    """The search page draws its results and field itself (nastav-search.js):
    they grow with the text, none of them is sized apart from it."""
    search(page, "наставник", demo_url)
    parts = [
        ".nst-search__excerpt",
        ".nst-search__title",
        ".nst-search__input",
        ".nst-search__message",
    ]
    normal = [px(style(page, part, "font-size")) for part in parts]
    open_panel(page)
    choose(page, "Размер шрифта", "200 %")
    grown = [px(style(page, part, "font-size")) for part in parts]
    assert grown == pytest.approx([2 * n for n in normal])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_colour_scheme_recolours_every_surface(scheme, page, demo_url):
    label, fg, bg = SCHEMES[scheme]
    page.goto(demo_url)
    open_panel(page)
    choose(page, "Цвета", label)
    surfaces = {  # selector: (text colour or None, background or None)
        "body": (fg, bg),
        TEXT: (fg, None),
        "article h1": (fg, None),
        ".nst-vi__bar": (fg, bg),
        ".md-header": (fg, bg),
        ".md-sidebar--primary .md-nav__link": (fg, None),
        ".md-sidebar--secondary .md-nav__link": (fg, None),
        ".nst-figure": (fg, bg),
        ".nst-figure__value": (fg, None),
        ".nst-card": (fg, bg),
        ".nst-table thead th": (fg, bg),
        ".nst-table tbody td": (fg, None),
        ".md-footer-meta": (fg, bg),
        ".md-copyright": (fg, None),
    }
    wrong = {}
    for selector, (colour, background) in surfaces.items():
        got = (
            style(page, selector, "color") if colour else None,
            style(page, selector, "background-color") if background else None,
        )
        if got != (colour, background):
            wrong[selector] = got
    assert not wrong, f"expected {fg} on {bg}: {wrong}"
    assert style(page, "article a", "text-decoration-line") == "underline"
    assert page.external_requests == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_colour_scheme_recolours_monitoring_charts_and_heat_map(scheme, page, municipal_url):
    """Bars, target line and labels of the charts, and the heat map's cells,
    take the scheme's two colours: nothing drawn in the background colour
    disappears, no tint of the normal version stays."""
    label, fg, bg = SCHEMES[scheme]
    page.goto(municipal_url + "monitoring/2025/napravlenie-5/")
    open_panel(page)
    choose(page, "Цвета", label)
    drawn = {
        "fill": [
            ".nst-chart__bar",
            ".nst-chart__label",
            ".nst-chart__value",
            ".nst-chart__target-label",
        ],
        "stroke": [".nst-chart__target"],
    }
    wrong = {
        f"{sel} {prop}": style(page, sel, prop)
        for prop, sels in drawn.items()
        for sel in sels
        if style(page, sel, prop) != fg
    }
    for selector in (".nst-dyn--up", ".nst-dyn--down"):
        got = (style(page, selector, "color"), style(page, selector, "background-color"))
        if got != (fg, bg):
            wrong[selector] = got
    assert not wrong, f"expected {fg} on {bg}: {wrong}"


def test_images_hidden_with_text_shown_or_grey(page, demo_url):
    page.goto(demo_url + PAGE_WITH_IMAGE)
    image = page.locator("article img")
    alt = page.locator(".nst-vi-alt")
    assert image.is_visible() and alt.is_hidden()
    assert style(page, "article img", "filter") == "none"
    open_panel(page)
    choose(page, "Изображения", "Скрыть")
    assert image.is_hidden()
    assert alt.is_visible() and alt.inner_text() == f"Изображение: {IMAGE_ALT}"
    choose(page, "Изображения", "Чёрно-белые")
    assert image.is_visible() and alt.is_hidden()
    assert style(page, "article img", "filter") == "grayscale(1)"
    choose(page, "Изображения", "Показывать")
    assert style(page, "article img", "filter") == "none"


def test_letter_spacing_and_line_height(page, demo_url):
    page.goto(demo_url)
    open_panel(page)
    font = px(style(page, TEXT, "font-size"))
    assert style(page, TEXT, "letter-spacing") == "normal"
    normal_line = px(style(page, TEXT, "line-height"))
    spacing, lines = [], []
    for label in ("Средний", "Большой"):
        choose(page, "Интервал между буквами", label)
        choose(page, "Межстрочный интервал", label)
        spacing.append(px(style(page, TEXT, "letter-spacing")) / font)
        lines.append(px(style(page, TEXT, "line-height")) / font)
    assert spacing == pytest.approx([0.1, 0.2])
    assert normal_line / font < lines[0] < lines[1]
    assert lines == pytest.approx([2, 2.5])


def choose_everything(page) -> None:
    open_panel(page)
    choose(page, "Размер шрифта", "150 %")
    choose(page, "Цвета", "Белым по чёрному")
    choose(page, "Изображения", "Скрыть")
    choose(page, "Интервал между буквами", "Средний")
    choose(page, "Межстрочный интервал", "Большой")


def assert_everything_applied(page) -> None:
    attributes = page.evaluate("""() => Object.fromEntries(
        [...document.documentElement.attributes].filter(a => a.name.startsWith("data-nst-"))
        .map(a => [a.name, a.value]))""")
    assert attributes == {
        "data-nst-js": "",
        "data-nst-vi": "",
        "data-nst-font": "150",
        "data-nst-scheme": "black",
        "data-nst-images": "hide",
        "data-nst-spacing": "medium",
        "data-nst-line": "large",
    }
    assert style(page, "body", "background-color") == "rgb(0, 0, 0)"
    assert style(page, TEXT, "color") == "rgb(255, 255, 255)"
    assert px(style(page, "html", "font-size")) == pytest.approx(30)
    open_panel(page)
    for group, label in [
        ("Размер шрифта", "150 %"),
        ("Цвета", "Белым по чёрному"),
        ("Изображения", "Скрыть"),
        ("Интервал между буквами", "Средний"),
        ("Межстрочный интервал", "Большой"),
    ]:
        assert option(page, group, label).get_attribute("aria-pressed") == "true"


def test_settings_survive_reload_page_change_and_new_visit(page, demo_url):
    page.goto(demo_url)
    choose_everything(page)
    assert saved_settings(page) == {
        "font": "150",
        "scheme": "black",
        "images": "hide",
        "spacing": "medium",
        "line": "large",
    }
    page.reload()
    assert_everything_applied(page)
    follow(
        page,
        page.locator(".md-sidebar--primary").get_by_role("link", name="Новости и анонсы"),
        r"/novosti/$",
    )
    assert_everything_applied(page)
    follow(
        page,
        page.get_by_role("link", name=re.compile("^Старшеклассники-наставники")),
        r"/novosti/2026-09-22-vstrecha/$",
    )
    assert page.locator(".nst-vi-alt").inner_text() == f"Изображение: {IMAGE_ALT}"
    # A new visit (another tab): applied while <head> is parsed, before <body> exists.
    visit = page.context.new_page()
    visit.add_init_script(RECORD_AT_BODY)
    visit.goto(demo_url + "kontakty/")
    assert visit.evaluate("window.__nstSchemeAtBody") == "black"
    assert_everything_applied(visit)
    assert page.external_requests == []


def test_settings_survive_instant_navigation(page, instant_url):
    # Material intercepts links only once it has read the sitemap: wait for it.
    page.goto(instant_url, wait_until="networkidle")
    choose_everything(page)
    page.evaluate("window.__nstSamePage = true")  # gone after a full page load
    follow(
        page,
        page.locator(".md-sidebar--primary").get_by_role("link", name="Новости и анонсы"),
        r"/novosti/$",
    )
    follow(
        page,
        page.get_by_role("link", name=re.compile("^Старшеклассники-наставники")),
        r"/novosti/2026-09-22-vstrecha/$",
    )
    page.locator("article h1", has_text="Старшеклассники-наставники").wait_for()
    assert page.evaluate("window.__nstSamePage") is True, "instant navigation did not happen"
    # Material merges <head> on each change: our script must stay there once, not pile up.
    assert (
        page.evaluate("""[...document.head.querySelectorAll("script")]
        .filter(s => s.textContent.includes("nastav-vi")).length""")
        == 1
    )
    assert_everything_applied(page)
    # Content that came in through instant navigation gets its alt text too.
    assert page.locator(".nst-vi-alt").inner_text() == f"Изображение: {IMAGE_ALT}"
    assert page.locator(".nst-vi-alt").is_visible()
    # The panel keeps working on the new page.
    choose(page, "Цвета", "Чёрным по белому")
    assert style(page, "body", "background-color") == "rgb(255, 255, 255)"
    assert page.external_requests == []


def test_normal_version_restores_everything(page, demo_url):
    page.goto(demo_url)
    probes = [
        ("html", "font-size"),
        ("body", "background-color"),
        (TEXT, "color"),
        (TEXT, "letter-spacing"),
        (TEXT, "line-height"),
        (".md-header", "background-color"),
    ]
    before = [style(page, s, p) for s, p in probes]
    choose_everything(page)
    assert [style(page, s, p) for s, p in probes] != before
    page.get_by_role("button", name="Обычная версия").click()
    assert [style(page, s, p) for s, p in probes] == before
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    assert page.locator("#nst-vi-panel").is_hidden()
    page.reload()
    assert [style(page, s, p) for s, p in probes] == before
    open_panel(page)
    assert option(page, "Размер шрифта", "100 %").get_attribute("aria-pressed") == "true"


def test_other_open_tabs_follow(page, demo_url):
    page.goto(demo_url)
    other = page.context.new_page()
    other.goto(demo_url + "programmy/")
    open_panel(page)
    choose(page, "Цвета", "Белым по чёрному")
    # polling by time: a background tab gets no animation frames
    other.wait_for_function("document.documentElement.dataset.nstScheme === 'black'", polling=100)
    assert style(other, "body", "background-color") == "rgb(0, 0, 0)"
