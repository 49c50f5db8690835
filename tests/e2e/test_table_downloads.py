"""Every table a visitor sees can be downloaded: under each table of every
page of the demo school and the municipal demo portal there is «Скачать
таблицу «…»: CSV, XLSX», both files are next to the page, and they hold the
table as the page shows it — its column headers, one row for each row of
the table (group headings such as the roadmap's stages are not rows), the
same cells in the CSV and in the XLSX. The files are made from the public
copies the pages are made from: small groups of mentees are «менее 3» in
them too, and a running program's results are in neither."""

from __future__ import annotations

import csv
import io
import posixpath
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path

from openpyxl import load_workbook

from generator.util.cells import read_back
from tests.conftest import copy_demo, run_cli

RUNNING_RESULTS = "подготовлен и проведён школьный концерт"  # pp-2026-uu-01, not completed


@dataclass
class ShownTable:
    page: str
    caption: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # «CSV»/«XLSX» → href
    followed: bool | None = None  # the next element after the table is the downloads line


class _Tables(HTMLParser):
    """The ``nst-table`` tables of a page as a reader sees them, and the
    links of the element right after each."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.tables: list[ShownTable] = []
        self.table: ShownTable | None = None
        self.waiting: ShownTable | None = None  # closed, the next element not seen yet
        self.downloads: ShownTable | None = None  # inside its «Скачать таблицу» line
        self.section = ""  # thead / tbody
        self.row: list[str] | None = None
        self.text: list[str] | None = None  # of the cell, caption or link being read
        self.href = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if self.waiting is not None:
            self.waiting.followed = tag == "p" and "nst-downloads" in classes
            if self.waiting.followed:
                self.downloads = self.waiting
            self.waiting = None
        if tag == "table" and "nst-table" in classes:
            self.table = ShownTable(self.page)
            return
        if self.downloads is not None and tag == "a":
            self.href, self.text = a.get("href") or "", []
        if self.table is None:
            return
        if tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr":
            self.row = None if "nst-stage" in classes else []
        elif tag in ("th", "td", "caption") and (tag == "caption" or self.row is not None):
            self.text = []

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        text = " ".join("".join(self.text or []).split())
        if self.downloads is not None:
            if tag == "a" and self.text is not None:
                self.downloads.links[text] = self.href
                self.text = None
            elif tag == "p":
                self.downloads = None
            return
        if self.table is None:
            return
        if tag == "caption":
            self.table.caption, self.text = text, None
        elif tag in ("th", "td") and self.text is not None and self.row is not None:
            self.row.append(text)
            self.text = None
        elif tag == "tr" and self.row is not None:
            if self.section == "thead":
                self.table.header += self.row
            else:
                self.table.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.tables.append(self.table)
            self.waiting, self.table = self.table, None


def shown_tables(site: Path) -> list[ShownTable]:
    tables = []
    for path in sorted(site.rglob("*.html")):
        parser = _Tables(path.relative_to(site).as_posix())
        parser.feed(path.read_text("utf-8"))
        tables += parser.tables
    return tables


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode()), f"{path}: CSV без BOM"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    return [[read_back(cell) for cell in row] for row in rows]


def read_xlsx(path: Path) -> tuple[str, list[list[object]]]:
    """The caption (A1) and the rows from the header on."""
    sheet = load_workbook(path, read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return str(rows[0][0]), rows[1:]


def same_cell(xlsx: object, csv_text: str) -> bool:
    if xlsx is None:
        return csv_text == ""
    if isinstance(xlsx, (int, float)):
        try:
            return Decimal(str(xlsx)) == Decimal(csv_text)
        except InvalidOperation:
            return False
    return str(xlsx) == csv_text


def check_downloads(site: Path) -> list[ShownTable]:
    tables = shown_tables(site)
    assert tables
    for t in tables:
        where = f"{t.page}: таблица «{t.caption}»"
        assert t.followed, f"{where}: сразу после таблицы нет строки «Скачать таблицу»"
        assert set(t.links) == {"CSV", "XLSX"}, f"{where}: {t.links}"
        folder = posixpath.dirname(t.page)
        csv_file = site / posixpath.normpath(posixpath.join(folder, t.links["CSV"]))
        xlsx_file = site / posixpath.normpath(posixpath.join(folder, t.links["XLSX"]))
        assert csv_file.suffix == ".csv" and csv_file.is_file(), f"{where}: {csv_file}"
        assert xlsx_file.suffix == ".xlsx" and xlsx_file.is_file(), f"{where}: {xlsx_file}"
        rows = read_csv(csv_file)
        assert rows[0] == t.header, where
        assert len(rows) - 1 == len(t.rows), where
        assert all(len(r) == len(t.header) for r in rows), where
        caption, sheet = read_xlsx(xlsx_file)
        assert caption == t.caption, where
        assert len(sheet) == len(rows), where
        for number, (got, want) in enumerate(zip(sheet, rows, strict=True), start=2):
            got = got + [None] * (len(want) - len(got))  # trailing empty cells are not stored
            assert all(same_cell(g, w) for g, w in zip(got, want, strict=True)), (
                f"{where}, строка {number} XLSX: {got} ≠ CSV {want}"
            )
    return tables


def test_every_table_of_the_school_site_is_downloadable(demo_site):
    tables = check_downloads(demo_site)
    pages = {t.page for t in tables}
    for page in (
        "index.html",
        "dorozhnaya-karta/index.html",
        "nastavlyaemye/index.html",
        "nastavniki/index.html",
        "programmy/index.html",
        "programmy/pp-2026-uu-01/index.html",
    ):
        assert page in pages, page


def test_every_table_of_the_municipal_portal_is_downloadable(municipal_site):
    tables = check_downloads(municipal_site)
    pages = {t.page for t in tables}
    for page in (
        "dorozhnaya-karta/index.html",
        "organizatsii/index.html",
        "organizatsii/sosh3/index.html",
        "organizatsii/sosh3/programmy/pp-2025-1/index.html",
        "konkursy/index.html",
        "konkursy/festival-2024/index.html",
        "monitoring/2025/index.html",
    ):
        assert page in pages, page
    captions = {t.caption for t in tables if t.page == "konkursy/festival-2024/index.html"}
    assert captions == {"Номинации", "Победители и призёры"}


def test_files_show_what_the_page_shows(demo_site, municipal_site):
    programs = read_csv(demo_site / "programmy/programmy-realizuyutsya.csv")
    assert programs[0] == ["Программа", "Форма", "Вид", "Участники", "Период"]
    assert [
        "Подготовка к олимпиаде по информатике (типовая)",
        "учитель – ученик",
        "групповая",
        "обучающиеся 8–9 классов (2 чел.)",
        "01.10.2026 – 30.04.2027",
    ] in programs
    roadmap = read_csv(demo_site / "dorozhnaya-karta/dorozhnaya-karta.csv")
    assert roadmap[1][1] == (
        "Актуализация положений о наставничестве педагогических работников и обучающихся\n"
        "Результат: Приказ об утверждении положений"
    )
    assert roadmap[1][4] == "выполнено"
    winners = read_csv(municipal_site / "konkursy/festival-2024/pobediteli.csv")
    assert winners[3] == [
        "Наставник на первой аттестации",
        "МБОУ «СОШ № 1»",
        "Наставник для педагога",
        "призёр (3 место)",
    ]
    nominations = read_csv(municipal_site / "konkursy/festival-2024/nominatsii.csv")
    assert nominations[-1] == ["Всего", "11", "3"]


def test_programs_filter_keeps_working(demo_site):
    """The rows of the program tables still carry what the filter reads."""
    html = (demo_site / "programmy/index.html").read_text("utf-8")
    assert html.count("data-nst-rows") == 3 and html.count("data-nst-group") == 3
    assert 'data-form="uchitel-uchitel" data-status="completed" data-year="2025"' in html
    assert html.count("<tr data-form=") == 8


def test_documents_list_is_offered_as_a_table(demo_site):
    html = (demo_site / "dokumenty/index.html").read_text("utf-8")
    assert (
        'Скачать таблицу «Документы организации»: <a href="dokumenty.csv" download>CSV</a>' in html
    )
    rows = read_csv(demo_site / "dokumenty/dokumenty.csv")
    assert rows[0][:3] == ["Вид документа", "Отчётный год", "Название"]
    assert html.count('<li class="nst-doc"') == len(rows) - 1
    files = [r[5] for r in rows[1:] if r[5].startswith("files/")]
    assert files and all((demo_site / f).is_file() for f in files)


def test_small_groups_of_mentees_stay_hidden_in_the_files(demo_site):
    tables = [t for t in shown_tables(demo_site) if t.page == "nastavlyaemye/index.html"]
    hidden = 0
    for t in tables:
        rows = read_csv(demo_site / "nastavlyaemye" / t.links["CSV"])[1:]
        _, sheet = read_xlsx(demo_site / "nastavlyaemye" / t.links["XLSX"])
        for shown, row, cells in zip(t.rows, rows, sheet[1:], strict=True):
            assert row == shown  # category and count, as on the page
            if shown[1] == "менее 3":
                hidden += 1
                assert cells[1] == "менее 3"
            else:
                assert int(row[1]) >= 3 and cells[1] == int(row[1])
    assert hidden == 3


def test_running_programs_results_are_in_no_download(demo_site, municipal_site):
    for site in (demo_site, municipal_site):
        for path in site.rglob("*.csv"):
            assert RUNNING_RESULTS not in path.read_text("utf-8-sig"), path
        for path in site.rglob("*.xlsx"):
            if "files" in path.relative_to(site).parts:
                continue  # attachments: checked by the privacy tests
            _, sheet = read_xlsx(path)
            assert not any(RUNNING_RESULTS in str(c) for row in sheet for c in row), path
    running = read_csv(demo_site / "programmy/pp-2026-uu-01/plan-meropriyatiy.csv")
    assert running[0] == ["Срок", "Мероприятие", "Результат"] and len(running) == 5


def test_downloads_are_byte_reproducible(demo_site, tmp_path):
    """A second build without caches writes the same bytes for every table."""
    project = copy_demo(tmp_path / "school")
    result = run_cli("build", project, "--no-cache", "-q")
    assert result.code == 0, result.out
    site = project / "site"
    written = sorted(
        p.relative_to(demo_site).as_posix()
        for p in demo_site.rglob("*")
        if p.suffix in (".csv", ".xlsx") and "files" not in p.relative_to(demo_site).parts
    )
    assert len(written) >= 20
    for rel in written:
        assert (site / rel).read_bytes() == (demo_site / rel).read_bytes(), rel
