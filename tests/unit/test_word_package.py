"""The DOCX package as word.py writes it (report/docx_package.py): the
template's parts as python-docx saved them, the document's own parts read
back by python-docx, fixed times, and without Word 2010's second copy of
the styles."""

from __future__ import annotations

import io
import pickle
import zipfile

import docx

from generator.render.tables import Cell, Table
from generator.report import docx_package, word, word_template
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


def test_the_package_holds_what_python_docx_saves_of_the_same_document():
    """The parts shared with the template are python-docx's own; the body,
    the links and the properties are ours, and python-docx reads them back."""
    data = word.write_docx(_document())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None  # every member's checksum holds
        ours = {name: package.read(name) for name in package.namelist()}
    with zipfile.ZipFile(io.BytesIO(word_template.prepared())) as template:
        theirs = {name: template.read(name) for name in template.namelist()}
    assert list(ours) == list(theirs)
    for name in (
        "word/styles.xml",
        "word/numbering.xml",
        "word/footer1.xml",
        "word/theme/theme1.xml",
    ):
        assert ours[name] == theirs[name]
    opened = docx.Document(io.BytesIO(data))
    link = next(r for r in opened.part.rels.values() if r.is_external)
    assert link.target_ref == "https://example.ru/"
    assert opened.core_properties.title == "Весь раздел — Лицей № 1"
    assert opened.core_properties.author == ""
    assert opened.core_properties.language == "ru-RU"


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


def test_a_template_kept_in_the_build_cache_writes_the_same_bytes():
    """A portal keeps the template in its build cache (projects.py): read
    back, it writes what the template made in this process writes."""
    kept = pickle.loads(pickle.dumps(word.template(), protocol=5))
    for toc_field, pages in ((True, None), (False, {0: 3})):
        made = word.write_docx(_document(), pages=pages, toc_field=toc_field)
        assert word.write_docx(_document(), pages, toc_field, template=kept) == made
