"""Downloads of tables: under each monitoring table a visitor clicks «CSV»
or «XLSX» and gets the table they were looking at, in a file.

The page shows values as people read them («5 612», «3,94 %», «да», «218 *»
for a value without a document link); the files hold the values themselves
(5612, 3.94, 1, 218) so that a spreadsheet can compute with them. The test
compares the two cell by cell after reading the page's text back into
values.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation

import pytest
from openpyxl import load_workbook

# (page, the table's caption, the downloads' file name without extension)
TABLES = [
    (
        "monitoring/2025/",
        "«Тепловая карта» динамики значений критериев мониторинга, 2025 год",
        "svodnaya-tablitsa",
    ),
    (
        "monitoring/2025/napravlenie-5/",
        "Значения организаций, 2025 год (ссылка ведёт на подтверждающий документ; * — ссылки нет)",
        "napravlenie-5-organizatsii",
    ),
]
_NUMBER = re.compile(r"-?\d[\d\s]*(?:,\d+)?")


def as_value(text: object) -> object:
    """A cell read back into a value: numbers as Decimal, «—» and empty as ""."""
    if text is None:
        return ""
    if isinstance(text, (int, float)):
        return Decimal(str(text))
    text = " ".join(str(text).split())
    if text in ("", "—"):
        return ""
    # Yes/no criteria are counted as 1 and 0 («1 - да / 0 – нет» in their names).
    if text in ("да", "нет"):
        return Decimal(1 if text == "да" else 0)
    number = text.removesuffix(" *").removesuffix(" %").removesuffix("%")
    if _NUMBER.fullmatch(number):
        number = re.sub(r"\s", "", number).replace(",", ".")
    try:
        return Decimal(number)
    except InvalidOperation:
        return text


def shown_table(page, caption: str) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of the table as the page shows them (group
    headings of the heat map are not data rows)."""
    table = page.locator("table.nst-table").filter(has=page.locator("caption", has_text=caption))
    assert table.count() == 1, caption
    header = [" ".join(t.split()) for t in table.locator("thead th").all_inner_texts()]
    rows = table.locator("tbody tr:not(.nst-stage)").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.innerText))"
    )
    return header, rows


def download(page, caption: str, label: str, folder) -> tuple[str, bytes]:
    links = page.locator("p.nst-downloads", has_text=caption)
    with page.expect_download() as info:
        links.get_by_role("link", name=label, exact=True).click()
    got = info.value
    target = folder / got.suggested_filename
    got.save_as(target)
    return got.suggested_filename, target.read_bytes()


@pytest.mark.parametrize("path, caption, slug", TABLES, ids=[t[2] for t in TABLES])
def test_downloaded_files_hold_the_table_on_the_page(
    path, caption, slug, page, municipal_url, tmp_path
):
    page.goto(municipal_url + path)
    header, rows = shown_table(page, caption)
    assert len(rows) > 5
    shown = [[as_value(cell) for cell in row] for row in rows]

    name, data = download(page, caption, "CSV", tmp_path)
    assert name == f"{slug}.csv"
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads Cyrillic
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert records[0] == header
    assert [[as_value(cell) for cell in row] for row in records[1:]] == shown

    name, data = download(page, caption, "XLSX", tmp_path)
    assert name == f"{slug}.xlsx"
    sheet = load_workbook(io.BytesIO(data)).active
    lines = list(sheet.iter_rows(values_only=True, max_col=len(header)))
    assert lines[0][0] == caption  # the caption heads the sheet
    assert [str(v) for v in lines[1]] == header
    assert [[as_value(v) for v in line] for line in lines[2:]] == shown
    # Numbers are numbers in the spreadsheet, not text that looks like one.
    numeric = [v for line in lines[2:] for v in line if isinstance(v, (int, float))]
    assert len(numeric) > len(rows)
    assert page.external_requests == []
