"""The demo school, built once, checked as a visitor would see it."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.conftest import all_text_files, read

SECTIONS = {
    "index.html": "Наставничество",
    "normativnaya-baza/index.html": "Нормативная база",
    "dokumenty/index.html": "Документы организации",
    "dorozhnaya-karta/index.html": "Дорожная карта",
    "nastavniki/index.html": "База наставников",
    "nastavlyaemye/index.html": "Наставляемые",
    "programmy/index.html": "Персонализированные программы",
    "praktiki/index.html": "Лучшие практики",
    "novosti/index.html": "Новости и анонсы",
    "materialy/index.html": "Методические материалы",
    "partnery/index.html": "Партнёры и соглашения",
    "kontakty/index.html": "Контакты",
    "dostupnost/index.html": "Сведения о доступности",
}


def h1(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.mark.parametrize("page, title", SECTIONS.items())
def test_every_section_is_built_in_russian(demo_site, page, title):
    html = read(demo_site / page)
    assert '<html lang="ru"' in html
    assert h1(html) == title


def test_navigation_lists_sections_not_records(demo_site):
    html = read(demo_site / "programmy/pp-2025-uu-01/index.html")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S).group(0)
    titles = set(re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S))
    assert set(SECTIONS.values()) <= titles | {"Наставничество"}
    assert "Адаптация молодого учителя" not in nav  # records are reached from list pages
    assert len(titles) <= len(SECTIONS) + 1


def test_home_shows_curator_figures_and_update_date(demo_site):
    html = read(demo_site / "index.html")
    assert "Горбунова Елена Викторовна" in html  # curator: an official contact
    assert re.search(r'nst-figure__value">20<.*?наставников', html, re.S)
    assert re.search(r'nst-figure__value">4<.*?программы реализуются', html, re.S)
    # From the newest record (test_freshness.py), not the build date.
    assert 'Обновлено: <time datetime="2026-11-20">20.11.2026</time>' in html


def test_normative_base_grouped_by_level(demo_site):
    html = read(demo_site / "normativnaya-baza/index.html")
    order = [
        html.index(h)
        for h in (
            "Федеральный уровень",
            "Региональный уровень",
            "Муниципальный уровень",
            "Локальные акты организации",
        )
    ]
    assert order == sorted(order)
    assert "№ 273-ФЗ «Об образовании в Российской Федерации»" in html


def test_roadmap_table_by_stages(demo_site):
    html = read(demo_site / "dorozhnaya-karta/index.html")
    assert html.count('class="nst-stage"') == 7
    assert "выполняется" in html and "сентябрь 2024 г., далее – ежегодно" in html


def test_documents_have_files_named_from_metadata(demo_site):
    html = read(demo_site / "dokumenty/index.html")
    hrefs = re.findall(r'href="(\.\./files/[^"]+)"', html)
    assert hrefs and all(re.fullmatch(r"\.\./files/dokumenty/[a-z0-9-]+\.pdf", h) for h in hrefs)
    assert "(PDF, " in html  # format and size next to each file
    for href in hrefs:
        assert (demo_site / "dokumenty" / href).resolve().is_file()


def test_consent_respected(demo_site):
    texts = all_text_files(demo_site)
    everything = "\n".join(texts.values())
    # Published: valid consent covering the name.
    assert "Иванова Елена Анатольевна" in texts["nastavniki/index.html"]
    # Not published anywhere: withdrawn, expired and missing consents.
    for name in ("Петрова", "Кузнецова", "Морозов"):
        assert name not in everything, name
    # Per-field consent: Соколов's experience and category were not consented.
    card = re.search(
        r'<article class="nst-card nst-mentor" id="sokolov-dm">.*?</article>',
        texts["nastavniki/index.html"],
        re.S,
    ).group(0)
    assert "учитель информатики" in card
    assert "Педагогический стаж" not in card and "первая" not in card
    assert "Сведения о 3 наставниках не публикуются" in texts["nastavniki/index.html"]


def test_mentees_never_named(demo_site):
    everything = "\n".join(all_text_files(demo_site).values())
    for name in ("Смирнова Алина", "Смирнов", "Лаврентьев"):
        assert name not in everything
    program = read(demo_site / "programmy/pp-2026-uu-01/index.html")
    assert "молодой специалист, учитель музыки" in program


def test_results_only_after_completion(demo_site):
    everything = "\n".join(all_text_files(demo_site).values())
    assert "подготовлен и проведён школьный концерт" not in everything
    running = read(demo_site / "programmy/pp-2026-uu-01/index.html")
    assert "Результаты публикуются после завершения программы" in running
    done = read(demo_site / "programmy/pp-2025-uu-01/index.html")
    assert "Программа выполнена полностью" in done


def test_every_small_group_is_shown_as_the_note_says(demo_site):
    html = read(demo_site / "nastavlyaemye/index.html")
    counts = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]+)</td>', html)
    assert dict(counts)["педагоги, приступившие к работе после длительного перерыва"] == "менее 3"
    assert re.search(r"«группы риска».*?менее 3", html, re.S)
    # Nothing under the threshold the note names is published, in any category.
    assert "меньше 3 человек, не публикуется" in html
    assert [c for _, c in counts if c.isdigit() and int(c) < 3] == []
    assert "не менее 33" in html  # 4 + 3 + 21 + 5: the shown counts
    rows = read(demo_site / "data/mentees.csv").lstrip("\ufeff").splitlines()
    published = [line.split(";")[2] for line in rows[1:]]
    assert [c for c in published if c.isdigit() and int(c) < 3] == []
    assert published.count("менее 3") == 3


def test_news_split_into_announcements_and_past(demo_site):
    html = read(demo_site / "novosti/index.html")
    announcements, past = html.split("<h2", 2)[1:3]
    assert "Круглый стол" in announcements and "Фестиваль открытых занятий" in announcements
    assert "Подведены итоги" in past and "Круглый стол" not in past


def test_program_filter_data_and_grouping(demo_site):
    html = read(demo_site / "programmy/index.html")
    for heading in ("Реализуются (4)", "Планируются (1)", "Завершены (3)"):
        assert heading in html
    assert 'data-form="uchitel-uchitel" data-status="completed" data-year="2025"' in html


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio") and a.get("src"):
            self.urls.append(a["src"])
        if (
            tag == "link"
            and a.get("href")
            and set((a.get("rel") or "").split())
            & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
        ):
            self.urls.append(a["href"])


def test_nothing_is_loaded_from_another_host(demo_site):
    for page in demo_site.rglob("*.html"):
        parser = _Loads()
        parser.feed(read(page))
        external = [u for u in parser.urls if urlsplit(u).netloc or u.startswith("//")]
        assert not external, (page, external)
    for css in demo_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", read(css)), css
    assert "fonts.googleapis" not in "\n".join(all_text_files(demo_site).values())


def test_pages_are_small(demo_site):
    pages = list(demo_site.rglob("*.html"))
    average = sum(p.stat().st_size for p in pages) / len(pages)
    assert average < 100_000, average


def test_search_is_russian_and_covers_every_page(demo_site):
    entry = json.loads(read(demo_site / "pagefind/pagefind-entry.json"))
    assert list(entry["languages"]) == ["ru"]
    indexed = entry["languages"]["ru"]["page_count"]
    pages = [p for p in demo_site.rglob("index.html")]
    assert indexed == len(pages)  # every page of the section, not the 404 page
    assert not (demo_site / "search/search_index.json").exists()  # no whole-index download
