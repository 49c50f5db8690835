"""Keyboard-only use of the version for the visually impaired, with a
visible focus on every control, and what a printed page keeps."""

from __future__ import annotations

from tests.browser.vi import SWITCH, style

# What the browser shows around the focused element.
_FOCUS = """() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    return {
        text: el.innerText.trim(),
        focusVisible: el.matches(":focus-visible"),
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
        shadow: s.boxShadow !== "none",
    };
}"""


def focused(page) -> dict:
    return page.evaluate(_FOCUS)


def tab_to(page, text: str, limit: int = 40) -> int:
    """Press Tab until the control showing ``text`` has the focus; every
    control of the panel passed on the way must show where the focus is.
    Returns the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        now = focused(page)
        if page.evaluate("!!document.activeElement.closest('[data-nst-vi-root]')"):
            assert now["focusVisible"] and (now["outline"] or now["shadow"]), (
                f"no visible focus on «{now['text']}»: {now}"
            )
        if now["text"] == text:
            return presses
    raise AssertionError(f"«{text}» not reached with {limit} presses of Tab")


def test_keyboard_alone_operates_every_setting(page, demo_url):
    page.goto(demo_url)
    # The switch comes right after Material's «skip to content» link.
    assert tab_to(page, SWITCH) <= 2
    switch = page.get_by_role("button", name=SWITCH)
    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-expanded") == "true"
    assert page.locator("#nst-vi-panel").is_visible()

    base = float(style(page, "html", "font-size").removesuffix("px"))
    assert tab_to(page, "150 %", limit=3) == 3  # the panel follows the switch
    page.keyboard.press("Space")
    assert float(style(page, "html", "font-size").removesuffix("px")) == 1.5 * base

    tab_to(page, "Белым по чёрному")
    page.keyboard.press("Enter")
    assert style(page, "body", "background-color") == "rgb(0, 0, 0)"
    # Focus stays visible in the scheme: a line in the text colour.
    assert style(page, ":focus", "outline-color") == "rgb(255, 255, 255)"

    for group_option in ("Скрыть", "Средний"):
        tab_to(page, group_option)
        page.keyboard.press("Space")
    assert page.evaluate("document.documentElement.dataset.nstImages") == "hide"
    assert page.evaluate("document.documentElement.dataset.nstSpacing") == "medium"

    # Escape closes the panel and gives the focus back to the switch.
    page.keyboard.press("Escape")
    assert page.locator("#nst-vi-panel").is_hidden()
    assert focused(page)["text"] == SWITCH
    assert switch.get_attribute("aria-expanded") == "false"

    page.keyboard.press("Enter")
    tab_to(page, "Обычная версия")
    page.keyboard.press("Enter")
    assert style(page, "body", "background-color") == "rgb(255, 255, 255)"
    assert page.evaluate("document.documentElement.dataset.nstFont") is None
    assert focused(page)["text"] == SWITCH
    assert page.locator("#nst-vi-panel").is_hidden()


def test_close_button_and_focus_on_the_switch(page, demo_url):
    page.goto(demo_url)
    page.keyboard.press("Tab")
    tab_to(page, SWITCH)
    page.keyboard.press("Space")
    tab_to(page, "Скрыть настройки")
    page.keyboard.press("Enter")
    assert page.locator("#nst-vi-panel").is_hidden()
    assert focused(page)["text"] == SWITCH


def test_print_keeps_only_the_content(page, demo_url):
    page.goto(demo_url + "programmy/pp-2025-uu-01/")
    page.evaluate("localStorage.setItem('nastav-vi', JSON.stringify({scheme: 'black'}))")
    page.reload()
    page.get_by_role("button", name=SWITCH).click()  # an open panel is not printed either
    page.emulate_media(media="print")
    for part in (
        ".nst-vi",
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".nst-crumbs",
    ):
        assert page.locator(part).first.is_hidden(), f"{part} is printed"
    assert page.locator("article h1").is_visible()
    assert page.locator("article table").is_visible()
    # A dark scheme is for the screen: on paper the text is dark.
    assert style(page, "article p", "color") != "rgb(255, 255, 255)"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
