"""The report's blocks (``content.py``) as a Word document.

python-docx makes the template — the page, the styles, the settings
(``word_template.py``); ``word_body.py`` writes each document's body as XML
and ``docx_package.py`` packs it with the template's parts (this module).
A portal keeps the template in its build cache (projects.py): a rebuild
writing one organization's «Весь раздел» neither imports python-docx nor
sets up its styles.

What an office needs to keep editing it, in Word or LibreOffice: real
heading styles (Heading 1–3, so the navigation pane, the table of contents
and the PDF's bookmarks and tags follow them), styles of its own for the
text of tables and the cover («Текст таблицы», «Обложка»: change one and
every table changes), Word tables whose header row repeats on every page
(``w:tblHeader``) and whose rows do not break across pages, a table of
contents field, the page number in the footer, the language ru-RU.

The «тепловая карта» colours a dynamics cell and writes the label in it:
the colour only repeats the word (it is lost in print and to a screen
reader; the word is not).

The same blocks give the same bytes: the parts are zipped with a fixed
time and fixed attributes, and the properties hold the title, subject and
language, no author and no dates.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from . import word_body as body
from .content import ReportDocument
from .docx_package import Template, packaged
from .word_charts import ChartWriter
from .word_page import LANGUAGE, TEXT_WIDTH


def write_docx(
    document: ReportDocument,
    pages: Mapping[int, int] | None = None,
    toc_field: bool = True,
    template: Template | None = None,
) -> bytes:
    """The DOCX of ``document``.

    ``pages``: the page of each heading (by its index among the document's
    headings), shown in the table of contents; without them the entries have
    no page numbers and Word offers to update the fields when the file is
    opened. ``toc_field=False`` writes the entries without the TOC field
    around them: LibreOffice then computes each page reference as it lays
    the document out (it keeps a TOC field's text as it is), which is how
    the PDF gets its page numbers (``pdf.py``). ``template``: as
    ``template()`` makes it, kept by the caller; else made once per process."""
    links = _Links()
    charts = ChartWriter()
    xml = body.Body(document, pages or {}, toc_field, links, charts.runs, TEXT_WIDTH).xml()
    return packaged(
        template or _template(),
        xml,
        links.ids,
        charts.parts,
        (document.title, document.subject, LANGUAGE),
        update_fields=toc_field and pages is None,
    )


def template() -> Template:
    """The parts every document shares (``word_template.py``): a value to keep."""
    from . import word_template  # python-docx, imported only to make it (0.03 s)

    return word_template.made()


@functools.cache
def _template() -> Template:
    return template()


class _Links:
    """The relationship id of each external link, made on first use."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def __call__(self, address: str) -> str:
        r_id = self.ids.get(address)
        if r_id is None:
            r_id = self.ids[address] = f"rIdLink{len(self.ids) + 1}"
        return r_id
