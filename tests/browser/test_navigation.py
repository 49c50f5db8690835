"""A visitor clicks through the demo school in a real browser."""

import re

from tests.browser.conftest import search, serve_folder


def test_sections_are_reached_through_the_navigation(page, demo_url):
    page.goto(demo_url)
    assert page.locator("h1").inner_text() == "Наставничество"
    page.get_by_role("link", name="Персонализированные программы").first.click()
    page.wait_for_url(re.compile(r"/programmy/$"))
    assert page.locator("h1").inner_text() == "Персонализированные программы"
    page.get_by_role("link", name="Адаптация молодого учителя русского языка и литературы").click()
    page.wait_for_url(re.compile(r"/programmy/pp-2025-uu-01/$"))
    assert "Программа выполнена полностью" in page.content()
    page.get_by_role("link", name="Иванова Елена Анатольевна").click()
    page.wait_for_url(re.compile(r"/nastavniki/#ivanova-ea$"))
    assert page.locator("#ivanova-ea h3").inner_text() == "Иванова Елена Анатольевна"
    assert page.external_requests == []


def test_program_filter_narrows_rows(page, demo_url):
    page.goto(demo_url + "programmy/")
    form = page.locator("form[data-nst-filter]")
    assert form.is_visible()  # shown only when JavaScript runs
    count = page.locator(".nst-filter__count")
    assert count.inner_text() == "Показано программ: 8"
    page.select_option("select[name=form]", "uchitel-uchitel")
    assert count.inner_text() == "Показано программ: 4"
    page.select_option("select[name=status]", "completed")
    assert count.inner_text() == "Показано программ: 2"
    visible = page.locator("tbody tr:visible a").all_inner_texts()
    assert sorted(visible) == [
        "Адаптация молодого учителя русского языка и литературы",
        "Освоение цифровых инструментов оценивания учебных достижений",
    ]
    assert page.locator("h2#active").is_hidden()  # empty groups disappear


def test_without_javascript_the_list_is_complete(browser, demo_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "programmy/")
    assert page.locator("form[data-nst-filter]").is_hidden()
    assert page.locator("tbody tr").count() == 8
    context.close()


def test_russian_search_finds_word_forms(page, demo_url):
    results = search(page, "наставника", demo_url)
    assert results.count() > 3
    marked = {m.lower() for m in page.locator(".nst-search__result mark").all_inner_texts()}
    # Stemming: the genitive query finds other forms of the word.
    assert any(word.startswith("наставник") and word != "наставника" for word in marked), marked
    assert page.external_requests == []


def test_search_results_do_not_repeat_their_title_as_a_section(page, municipal_url):
    results = search(page, "наставника", municipal_url)
    assert results.count() == 5
    for result in results.all():
        links = result.locator(".nst-search__link").all_inner_texts()
        assert links[0] not in links[1:], links
        assert result.locator(".nst-search__excerpt").first.inner_text().strip()


def test_search_typed_into_the_box(page, demo_url):
    page.goto(demo_url + "poisk/")
    box = page.get_by_label("Что найти")
    box.fill("пятиклассник")
    page.locator(".nst-search__result").first.wait_for(timeout=15_000)
    titles = page.locator(".nst-search__link").all_inner_texts()
    assert any("пятиклассник" in t.lower() for t in titles), titles


def test_search_form_in_the_top_bar(page, demo_url):
    page.goto(demo_url + "programmy/pp-2025-uu-01/")
    page.get_by_role("searchbox", name="Поиск по разделу").fill("дорожная карта")
    page.get_by_role("button", name="Найти").click()
    page.wait_for_url(re.compile(r"/poisk/\?q="))
    page.locator(".nst-search__result").first.wait_for(timeout=15_000)
    titles = page.locator(".nst-search__link").all_inner_texts()
    assert "Дорожная карта" in titles


def test_search_results_link_into_a_site_served_from_a_folder(page, demo_site):
    """Schools publish the section under their own site («…/nastavnichestvo/»):
    result links must stay inside that folder."""
    url, server = serve_folder(demo_site.parent)
    try:
        base = url + demo_site.name + "/"
        results = search(page, "пятиклассник", base)
        href = results.first.locator(".nst-search__link").first.get_attribute("href")
        assert href.startswith(f"/{demo_site.name}/"), href
        results.first.locator(".nst-search__link").first.click()
        page.wait_for_load_state()
        assert page.url.startswith(base)
        assert "пятиклассник" in page.locator("article h1").inner_text().lower()
    finally:
        server.shutdown()
