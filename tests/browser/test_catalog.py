"""Reviewers narrow the demo practice catalog in a real browser, share the
filtered view, search for word forms, print a card."""

import re

from tests.browser.conftest import search

UU_2026 = [
    "Реверсивное наставничество: цифровые инструменты для опытных педагогов",
    "Школа молодого педагога: квест как форма профессиональной адаптации",
]


def facet_count(page, key: str, value: str) -> str:
    return page.locator(
        f"input[name={key}][value='{value}'] + label .nst-facet__count"
    ).inner_text()


def open_catalog(page, url: str) -> None:
    """The catalog fills in after its JSON arrives."""
    page.goto(url)
    page.locator("[data-nst-results] li").first.wait_for()


def results(page) -> list[str]:
    return page.locator("[data-nst-results] .nst-result__title a").all_inner_texts()


def test_filter_by_form_and_year_with_consistent_counts(page, demo_url):
    open_catalog(page, demo_url + "praktiki/")
    count = page.locator("[data-nst-count]")
    assert count.inner_text() == "Найдено 6 практик"
    assert page.locator("[data-nst-static]").is_hidden()  # the script took over
    assert facet_count(page, "form", "uchitel-uchitel") == "(3)"
    assert facet_count(page, "year", "2026") == "(3)"
    page.get_by_label("учитель – учитель").check()
    assert count.inner_text() == "Найдено 3 практики из 6"
    # Counts of other facets follow the chosen form; the form's own values do not.
    assert [facet_count(page, "year", y) for y in ("2026", "2025", "2024")] == ["(2)", "(1)", "(0)"]
    assert facet_count(page, "form", "uchenik-uchenik") == "(1)"
    assert page.locator("input[name=year][value='2024']").is_disabled()
    page.locator("input[name=year][value='2026']").check()
    assert count.inner_text() == "Найдено 2 практики из 6"
    assert sorted(results(page)) == UU_2026
    assert facet_count(page, "form", "uchitel-uchitel") == "(2)"
    assert facet_count(page, "form", "rabotodatel-uchenik") == "(1)"
    # Values of one facet combine with «or».
    page.locator("input[name=form][value='rabotodatel-uchenik']").check()
    assert count.inner_text() == "Найдено 3 практики из 6"
    page.locator("input[name=form][value='rabotodatel-uchenik']").uncheck()
    assert re.search(r"praktiki/\?form=uchitel-uchitel&year=2026$", page.url)
    assert page.external_requests == []


def test_the_address_restores_the_view(browser, demo_url):
    context = browser.new_context()
    page = context.new_page()
    open_catalog(page, demo_url + "praktiki/?form=uchitel-uchitel&year=2026&sort=title")
    assert page.locator("[data-nst-count]").inner_text() == "Найдено 2 практики из 6"
    assert results(page) == UU_2026  # by title
    assert page.locator("input[name=form][value='uchitel-uchitel']").is_checked()
    assert page.locator("input[name=year][value='2026']").is_checked()
    assert page.locator("[data-nst-sort]").input_value() == "title"
    page.get_by_role("button", name="Сбросить отбор").click()
    assert page.locator("[data-nst-count]").inner_text() == "Найдено 6 практик"
    assert page.url.endswith("/praktiki/")
    context.close()


def test_sorting_and_keyboard(page, demo_url):
    open_catalog(page, demo_url + "praktiki/")
    assert results(page)[-1] == "Олимпиадная команда: учитель информатики как наставник"
    page.locator("[data-nst-sort]").select_option("title")
    titles = results(page)
    assert titles == sorted(titles, key=str.lower) and "sort=title" in page.url
    box = page.locator("input[name=form][value='uchenik-uchenik']")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked() and results(page) == [
        "Старшеклассники — пятиклассникам: клуб «Домашнее задание вместе»"
    ]
    status = page.locator("[data-nst-count]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live")
    # Collapsed facets open from the keyboard too.
    summary = page.locator("details.nst-facet[data-key=award] > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("input[name=award][value='winner']").is_visible()


def test_typical_program_from_the_form_facet(page, demo_url):
    open_catalog(page, demo_url + "praktiki/")
    row = page.locator(".nst-facet__value", has=page.locator("input[value='uchitel-uchenik']"))
    row.get_by_role("link", name="типовая программа").click()
    page.wait_for_url(re.compile(r"/programmy/pp-2026-uch-01/$"))
    assert page.locator("h1").inner_text() == "Подготовка к олимпиаде по информатике"


def test_without_javascript_a_list_grouped_by_form(browser, demo_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "praktiki/")
    assert page.locator(".nst-catalog").is_hidden()
    headings = page.locator("[data-nst-static] h2").all_inner_texts()
    assert "учитель – учитель (3)" in headings and len(headings) == 4
    assert page.locator("[data-nst-static] li a").count() == 6
    context.close()


def test_the_search_card_holds_only_one_word_form(page, demo_url):
    page.goto(demo_url + "praktiki/olimpiadnaya-komanda/")
    text = page.locator("article").inner_text().lower()
    assert re.search(r"\bнаставник\b", text) and "наставника" not in text


def test_search_finds_a_card_by_another_word_form(page, demo_url):
    """Pagefind stems Russian: «наставника» finds a card that only says «наставник»."""
    found = search(page, "наставника", demo_url)
    more = page.get_by_role("button", name="Показать ещё")
    while more.count() and more.first.is_visible():
        shown = found.count()
        more.first.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.nst-search__result').length > n",
            arg=shown,
            timeout=5_000,
        )
    hrefs = page.locator(".nst-search__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any("praktiki/olimpiadnaya-komanda/" in (h or "") for h in hrefs), hrefs


def test_card_prints_on_at_most_two_pages(page, demo_url):
    page.goto(demo_url + "praktiki/shkola-molodogo-pedagoga/")  # the fullest demo card
    cite = page.locator("[data-nst-cite]").inner_text()
    assert f"URL: {demo_url}praktiki/shkola-molodogo-pedagoga/ (дата обращения:" in cite
    assert "адрес сайта не указан" not in cite  # the script filled in the real address
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".nst-crumbs",
        ".nst-back",
        "[data-nst-copy]",
    ):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator(".nst-cite").is_visible()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))  # page objects, not the /Pages tree
    assert pages in (1, 2), f"the card prints on {pages} pages"
