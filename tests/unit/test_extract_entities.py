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


BORDERS = (
    "<w:tcBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right")
    )
    + "</w:tcBorders>"
)


def _whole(xml: str) -> str:
    """The text of a part read at once, as before the parts were read in pieces."""
    from generator.privacy import extract as x

    return x._ENTITY.sub(
        x._entity, x._TAG.sub("", x._PARAGRAPH_END.sub("\n", x._SPACE.sub(" ", xml)))
    )


def test_a_large_part_read_in_pieces_is_the_part_read_at_once(tmp_path):
    """A monitoring report of a region: 22 MB of table markup around 1 M
    characters. Read a megabyte at a time, its text is the same to the
    character — names split into runs, entities and Cyrillic letters across
    every piece boundary included — and it is not «too large to check»."""
    cells = []
    for i in range(40_000):
        name = encoded("Лаптева") if i % 7 == 0 else "Лап</w:t></w:r><w:r><w:t>тева"
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{1000 + i % 9}" w:type="dxa"/><w:shd w:val="clear" '
            f'w:color="auto" w:fill="F2F2F2"/>{BORDERS}</w:tcPr><w:p w:rsidR="00A1{i % 97:02d}B2C">'
            f'<w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr>'
            f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>Школа № {i} — {name} И. И.,'
            f"<w:tab/>&amp; ёжик</w:t></w:r></w:p></w:tc>"
        )
    xml = (
        "<w:document><w:body><w:tbl><w:tr>"
        + "".join(cells)
        + "</w:tr></w:tbl></w:body></w:document>"
    )
    assert len(xml.encode()) > 21 * 1_048_576  # more than the old per-part limit
    document = tmp_path / "report.docx"
    with zipfile.ZipFile(document, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml)
    [(where, text)] = extract_text(document)
    assert where == "word/document.xml"
    assert text == _whole(xml)
    assert text.count("Лаптева И. И.") == 40_000 and len(text) < 2_000_000


def test_too_much_text_or_markup_is_still_refused(tmp_path):
    import pytest

    from generator.privacy import extract as x

    wordy = tmp_path / "wordy.docx"
    with zipfile.ZipFile(wordy, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:t>" + "слово " * 400_000 + "</w:t>")
    with pytest.raises(x.Unreadable, match="слишком велик"):
        extract_text(wordy)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:p/>" * (x.MAX_XML_BYTES // 6 + 10))
    with pytest.raises(x.Unreadable, match="слишком велик"):
        extract_text(bomb)
