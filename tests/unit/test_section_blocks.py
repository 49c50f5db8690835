"""A page as the blocks of «Весь раздел» (report/section.py): what a reader of
the printed document gets from the HTML the site shows."""

from __future__ import annotations

from generator.render.pageset import Page
from generator.report.content import Bullets, Heading, Paragraph, TableBlock
from generator.report.section import page_blocks

PAGE = """---
title: "Программы"
---

<nav class="nst-crumbs" aria-label="Вы находитесь здесь"><ol><li><a href="../">Наставничество</a></li></ol></nav>

# Программы

<p class="nst-section-files nst-no-print"><a href="ves-razdel.pdf">Весь раздел (PDF)</a></p>

Текст с **важным** словом и [ссылкой](../dokumenty/).

<ol class="nst-docs">
<li><p>приказ</p>
<p>«О наставничестве» от 01.09.2022</p></li>
<li><p>положение</p></li>
</ol>

<dl><dt>Статус</dt><dd>реализуется</dd></dl>

<table><caption>Программы по формам</caption><thead><tr><th scope="col">Форма</th><th scope="col">Число</th></tr></thead>
<tbody><tr><th scope="row">учитель – учитель</th><td>12</td></tr></tbody></table>
<p class="nst-downloads">Скачать таблицу: <a href="x.csv">CSV</a></p>

## План

<script>alert(1)</script><button>Нажать</button>
<img src="a.jpg" alt="Портрет наставника">
"""


def blocks(base: str | None = "https://school.example.ru/n/programmy/"):
    return page_blocks(Page("programmy/index.md", "Программы", PAGE), 1, base)


def test_headings_keep_their_level_under_the_pages_level():
    found = [(b.level, b.text) for b in blocks() if isinstance(b, Heading)]
    assert found == [(1, "Программы"), (2, "План")]
    shifted = page_blocks(Page("p/index.md", "П", PAGE), 2, None)
    assert [(b.level, b.text) for b in shifted if isinstance(b, Heading)] == [
        (2, "Программы"),
        (3, "План"),
    ]


def test_what_only_a_screen_needs_is_left_out():
    text = " ".join(r.text for b in blocks() if isinstance(b, Paragraph) for r in b.runs)
    for gone in ("Вы находитесь здесь", "Весь раздел", "Скачать таблицу", "alert", "Нажать"):
        assert gone not in text
    assert "[изображение: Портрет наставника]" in text


def test_links_inside_the_site_become_full_addresses_or_plain_text():
    paragraph = next(b for b in blocks() if isinstance(b, Paragraph))
    assert [(r.text, r.bold) for r in paragraph.runs if r.bold] == [("важным", True)]
    link = next(r for r in paragraph.runs if r.text == "ссылкой")
    assert link.href == "https://school.example.ru/n/dokumenty/"
    plain = next(b for b in blocks(None) if isinstance(b, Paragraph))
    assert all(r.href is None for r in plain.runs)


def test_a_list_item_of_several_paragraphs_stays_one_item():
    items = next(b for b in blocks() if isinstance(b, Bullets)).items
    assert ["".join(r.text for r in item) for item in items] == [
        "приказ\n«О наставничестве» от 01.09.2022",
        "положение",
    ]


def test_a_term_and_its_description_share_a_line():
    texts = ["".join(r.text for r in b.runs) for b in blocks() if isinstance(b, Paragraph)]
    assert "Статус: реализуется" in texts


def test_a_table_keeps_its_header_row_row_headers_and_numbers():
    table = next(b for b in blocks() if isinstance(b, TableBlock))
    assert table.table.caption == "Программы по формам"
    assert table.table.columns == ["Форма", "Число"]
    row = table.table.rows[0]
    assert (row[0].text, row[0].header) == ("учитель – учитель", True)
    assert (row[1].text, row[1].css) == ("12", "nst-num")
    assert abs(sum(table.widths) - 1) < 1e-9


def test_text_between_two_tags_is_one_run_whatever_entities_it_holds():
    page = Page("p/index.md", "П", "<p>Иванова &amp; Ко&nbsp;— «школа» &lt;№ 1&gt; &unknown;</p>\n")
    paragraph = next(b for b in page_blocks(page, 1, None) if isinstance(b, Paragraph))
    assert [r.text for r in paragraph.runs] == ["Иванова & Ко — «школа» <№ 1> &unknown;"]


def test_html_written_by_hand_without_closing_tags_loses_no_text():
    page = Page("p/index.md", "П", "<p>первый<div>второй</div>третий\n<ul><li>пункт<li>ещё\n")
    found = page_blocks(page, 1, None)
    texts = ["".join(r.text for r in b.runs) for b in found if isinstance(b, Paragraph)]
    assert texts == ["первый", "второй", "третий"]
    items = next(b for b in found if isinstance(b, Bullets)).items
    assert ["".join(r.text for r in item) for item in items] == ["пункт", "ещё"]
