"""The body of a Word document written as XML text (report/word_body.py):
whatever a record's text holds, the document opens and shows that text."""

from __future__ import annotations

import io
import zipfile

import docx
from lxml import etree

from generator.render.tables import Cell, Table
from generator.report import word
from generator.report.content import Heading, Paragraph, ReportDocument, Run, TableBlock

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRICKY = 'Иванова & Ко <школа> "№ 1"\tвкладка\rвозврат'


def _document(caption: str) -> ReportDocument:
    table = Table("", caption, ["Форма", TRICKY])
    table.rows.append([Cell("a < b", css="nst-num"), Cell("рост", css="nst-dyn--up")])
    blocks = [
        Heading(1, "Заголовок & <подзаголовок>"),
        Paragraph([Run(TRICKY), Run(" ссылка", href="https://example.ru/?a=1&b=2")]),
        Paragraph([Run("строка\nвторая\x00\x07\x1f\ud800\ufffe конец")]),
        TableBlock(table, [0.5, 0.5]),
    ]
    return ReportDocument(0, "Документ", "Тема", blocks)


def test_special_characters_reach_the_document_as_they_were_written():
    data = word.write_docx(_document("Подпись\nв две строки & «кавычки»"))
    opened = docx.Document(io.BytesIO(data))
    texts = [p.text for p in opened.paragraphs]
    assert "Заголовок & <подзаголовок>" in texts
    assert TRICKY + " ссылка" in texts
    # Characters XML cannot hold are left out; a line break stays one.
    assert "строка\nвторая конец" in texts
    cells = opened.tables[0]
    assert cells.cell(0, 1).text == TRICKY
    assert cells.cell(1, 0).text == "a < b"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        rels = package.read("word/_rels/document.xml.rels").decode()
    caption = body.find(f".//{W}tblCaption").get(f"{W}val")
    assert caption == "Подпись\nв две строки & «кавычки»"
    assert 'Target="https://example.ru/?a=1&amp;b=2"' in rels


def test_the_body_keeps_its_page_setup_last_and_the_dynamics_colour():
    data = word.write_docx(_document("Таблица"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    assert body[-1].tag == f"{W}sectPr"
    assert body[-1].find(f"{W}footerReference") is not None
    fills = [shd.get(f"{W}fill") for shd in body.iter(f"{W}shd")]
    assert "DCEFE0" in fills  # the «рост» cell
    right = [jc.get(f"{W}val") for jc in body.iter(f"{W}jc")]
    assert "right" in right  # the number
