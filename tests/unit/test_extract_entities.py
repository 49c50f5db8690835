"""A name written with XML character references inside an Office file
(«&#1051;аптева», as openpyxl writes sheets when lxml is installed) is
found as surely as one written in plain letters."""

from __future__ import annotations

import zipfile

from generator.privacy.extract import extract_text


def encoded(text: str, hexadecimal: bool = False) -> str:
    return "".join(f"&#x{ord(c):x};" if hexadecimal else f"&#{ord(c)};" for c in text)


def test_character_references_in_sheets_and_documents_are_read(tmp_path):
    sheet = tmp_path / "t.xlsx"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet><sheetData><row><c t="inlineStr"><is><t>{encoded("Лаптева Ирина")}'
            "</t></is></c></row></sheetData></worksheet>",
        )
    document = tmp_path / "d.docx"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr(
            "word/document.xml",
            f"<w:document><w:p><w:r><w:t>{encoded('Смирнова', True)} &amp; &#0; &#xD800;</w:t>"
            "</w:r></w:p></w:document>",
        )
    assert "Лаптева Ирина" in extract_text(sheet)[0][1]
    text = extract_text(document)[0][1]
    assert "Смирнова &" in text and "\ufffd" in text
