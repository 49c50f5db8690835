"""Driving the version for the visually impaired from tests.

The values are those of theme/partials/nastav-vi.html;
``test_panel_offers_every_setting`` checks that the two agree.
"""

from __future__ import annotations

import json

SCHEMES = {  # value: (label, text colour, background colour) as computed by Chromium
    "white": ("Чёрным по белому", "rgb(0, 0, 0)", "rgb(255, 255, 255)"),
    "black": ("Белым по чёрному", "rgb(255, 255, 255)", "rgb(0, 0, 0)"),
    "blue": ("Тёмно-синим по голубому", "rgb(6, 52, 98)", "rgb(157, 209, 255)"),
    "brown": ("Коричневым по бежевому", "rgb(77, 75, 67)", "rgb(247, 243, 214)"),
    "green": ("Зелёным по тёмно-коричневому", "rgb(169, 228, 77)", "rgb(59, 39, 22)"),
}
FONT_SIZES = ["125", "150", "175", "200"]
STORAGE_KEY = "nastav-vi"
SWITCH = "Версия для слабовидящих"


def open_panel(page):
    """Open the settings panel with the switch; return the panel locator."""
    switch = page.get_by_role("button", name=SWITCH)
    if switch.get_attribute("aria-expanded") != "true":
        switch.click()
    return page.locator("#nst-vi-panel")


def option(page, group: str, label: str):
    """A button of the panel: ``option(page, "Размер шрифта", "150 %")``."""
    return page.get_by_role("group", name=group).get_by_role("button", name=label, exact=True)


def show_scheme(page, scheme: str | None) -> None:
    """Put a colour scheme on the loaded page the way the head script does
    (attributes on <html>), without a reload: for running axe per scheme."""
    page.evaluate(
        """scheme => {
        const html = document.documentElement;
        if (scheme) {
            html.setAttribute("data-nst-scheme", scheme);
            html.setAttribute("data-nst-vi", "");
        } else {
            html.removeAttribute("data-nst-scheme");
            html.removeAttribute("data-nst-vi");
        }
    }""",
        scheme,
    )


def saved_settings(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}') || '{{}}'"))


def style(page, selector: str, prop: str) -> str:
    """The computed value of a CSS property of the first element matching ``selector``."""
    return page.locator(selector).first.evaluate(
        "(el, prop) => getComputedStyle(el).getPropertyValue(prop)", prop
    )
