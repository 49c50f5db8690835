"""No table cell breaks a word, at any window width or font size.

For every kind of page (tests/browser/page_kinds.py) that has a table, at
1280, 768 and 360 px and in the normal version, at 125 % and at the
largest font of the version for the visually impaired, Chromium lays the
page out and each word of each cell is measured with a Range: a word split
across lines («выполн/ено») has two or more boxes. A table wider than the
text scrolls inside its own box, never clips a cell or pushes the page
sideways, and does not scroll while an empty column is left beside it.
"""

from __future__ import annotations

import pytest

from tests.browser.page_kinds import PAGE_KINDS
from tests.browser.vi import FONT_SIZES

WIDTHS = [1280, 768, 360]
FONTS = [None, "125", FONT_SIZES[-1]]  # None: the normal version

# Everything wrong with the tables of the page as it is laid out now, in
# Russian, for the failure message. A break is allowed at spaces and after
# a hyphen, dash or slash (the line-breaking rules of the language); a web
# address may wrap anywhere.
_TABLE_PROBLEMS = """() => {
    const problems = [];
    const pageWidth = document.documentElement.clientWidth;
    const excerpt = el => el.textContent.trim().replace(/\\s+/g, " ").slice(0, 50);
    const isAddress = word => /^\\(?(https?:|www\\.|mailto:)|@/.test(word);
    const scrolls = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    const content = document.querySelector(".md-content");
    // Width to the right of the text column with nothing visible in it.
    const emptyRight = () => {
        const right = content.getBoundingClientRect().right;
        const beside = [...document.querySelectorAll(".md-main__inner > *")].some(el => {
            if (el.contains(content) || !el.checkVisibility()) return false;
            const box = el.getBoundingClientRect();
            return box.left >= right - 1 && box.width > 0 && el.innerText.trim() !== "";
        });
        return beside ? 0 : Math.round(pageWidth - right);
    };
    for (const table of document.querySelectorAll(".md-content table")) {
        if (!table.checkVisibility()) continue;
        const name = `таблица «${excerpt(table.querySelector("caption, th") || table)}»`;
        for (const cell of table.querySelectorAll("th, td")) {
            if (!cell.checkVisibility()) continue;
            if (cell.scrollWidth > cell.clientWidth + 1)
                problems.push(`${name}: ячейка «${excerpt(cell)}» обрезана `
                              + `(${cell.scrollWidth} px в ${cell.clientWidth} px)`);
            const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node; (node = texts.nextNode()); ) {
                for (const m of node.data.matchAll(/[^\\s\\u00ad\\-‐–—\\/]+[\\-‐–—\\/]?/gu)) {
                    if (m[0].length < 2 || isAddress(m[0])) continue;
                    const range = document.createRange();
                    range.setStart(node, m.index);
                    range.setEnd(node, m.index + m[0].length);
                    const parts = [...range.getClientRects()].filter(r => r.width > 0).length;
                    if (parts > 1)
                        problems.push(`${name}: слово «${m[0]}» разорвано на ${parts} строки`);
                }
            }
        }
        // The box that scrolls the table (Material's tables scroll themselves).
        let box = table;
        while (box && box !== content && !scrolls(box)) {
            const x = getComputedStyle(box).overflowX;
            if (x !== "visible" && box.scrollWidth > box.clientWidth + 1)
                problems.push(`${name}: обрезана рамкой ${box.tagName.toLowerCase()}`
                              + `.${[...box.classList].join(".")} (overflow-x: ${x})`);
            box = box.parentElement;
        }
        const edge = (box && scrolls(box) ? box : table).getBoundingClientRect().right;
        if (edge > pageWidth + 1)
            problems.push(`${name}: выходит за край окна до ${Math.round(edge)} px `
                          + `при ширине ${pageWidth} px — страница прокручивается вбок`);
        if (box && scrolls(box) && box.scrollWidth > box.clientWidth + 1 && emptyRight() > 48)
            problems.push(`${name}: прокручивается в рамке (${box.scrollWidth} px `
                          + `в ${box.clientWidth} px), а справа от текста пусто ${emptyRight()} px`);
    }
    return problems;
}"""


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for every page: only the page, the window and the font change."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", PAGE_KINDS, ids=str)
def test_no_table_cell_breaks_a_word(kind, tab, request):
    page = tab
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(request.getfixturevalue(kind.site) + kind.path)
    if kind.ready:
        page.locator(kind.ready).first.wait_for(timeout=15_000)
    if page.locator(".md-content table").count() == 0:
        return  # nothing to check on this kind of page
    failures = []
    for font in FONTS:
        # What the head script does for a saved font size (theme/partials/nastav-vi-head.html).
        page.evaluate(
            """f => ["data-nst-font", "data-nst-vi"].forEach((name, i) => f
                ? document.documentElement.setAttribute(name, i ? "" : f)
                : document.documentElement.removeAttribute(name))""",
            font,
        )
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            problems = page.evaluate(_TABLE_PROBLEMS)
            what = f"{width} px, шрифт {font or 100} %"
            failures += [f"{what}: {p}" for p in dict.fromkeys(problems)]
    assert not failures, (
        f"{kind.path or '/'}:\n"
        + "\n".join(failures[:15])
        + (f"\n… и ещё {len(failures) - 15}" if len(failures) > 15 else "")
    )
