"""The DOCX package as word.py writes it (report/docx_package.py): zipped once, the same bytes as
python-docx's own save zipped again, and without Word 2010's second copy of
the styles."""

from __future__ import annotations

import io
import zipfile

import docx

from generator.render.tables import Cell, Table
from generator.report import docx_package, word
from generator.report.content import (
    Bullets,
    Heading,
    Paragraph,
    ReportDocument,
    Run,
    TableBlock,
)


def _document() -> ReportDocument:
    table = Table("", "Наставники", ["Форма", "Число"])
    table.rows.append([Cell("педагог — педагог"), Cell("12", css="nst-num")])
    blocks = [
        Heading(1, "Наставничество"),
        Paragraph([Run("Раздел школы «Лицей № 1» — "), Run("ссылка", href="https://example.ru/")]),
        Bullets([[Run("первый пункт")], [Run("второй пункт", bold=True)]]),
        TableBlock(table, [0.7, 0.3]),
    ]
    return ReportDocument(0, "Весь раздел — Лицей № 1", "Раздел «Наставничество»", blocks)


def test_the_package_is_zipped_once_with_the_bytes_of_a_save_zipped_again(monkeypatch):
    assert docx_package.package_steps() is not None  # the python-docx of uv.lock has them
    fast = word.write_docx(_document())
    # python-docx without the package writer word.py uses: its own save, then
    # the parts zipped again at a fixed time.
    monkeypatch.setattr(docx_package, "package_steps", lambda: None)
    assert word.write_docx(_document()) == fast


def test_the_package_opens_and_holds_the_text_without_a_second_copy_of_the_styles():
    data = word.write_docx(_document())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
        times = {info.date_time for info in package.infolist()}
    assert "word/styles.xml" in names
    assert not any("stylesWithEffects" in text for text in [*names, types, rels])
    assert times == {docx_package.FIXED_TIME}
    opened = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in opened.paragraphs)
    assert "Раздел школы «Лицей № 1» — ссылка" in text
    assert opened.tables[0].cell(1, 0).text == "педагог — педагог"
    assert opened.styles["Heading 1"] is not None


def test_the_same_document_gives_the_same_bytes():
    assert word.write_docx(_document()) == word.write_docx(_document())
