"""The report's blocks (``content.py``) as the body of a Word document, written as XML text.

A city's «Весь раздел» documents hold a million elements. Made one by one
as lxml elements (python-docx's way), they took two thirds of the time the
documents took; written as text, the body costs a fraction of that.
``word.py`` packs it with the template's parts (``docx_package.py``):
styles, relationships, charts, properties.

What the body holds is told in ``word.py``: heading styles with bookmarks
for the table of contents, tables with a repeating header row and rows
that do not break, links as hyperlinks, the dynamics colours.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..render.tables import Cell
from .content import (
    Bullets,
    ChartBlock,
    Contents,
    Heading,
    PageBreak,
    Paragraph,
    ReportDocument,
    Run,
    TableBlock,
)

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
TOC_LEVELS = 2
HEADER_FILL = "E7E6E6"
GROUP_FILL = "F2F2F2"
# The site's colours (theme/assets/stylesheets/nastav.css, .nst-dyn--*):
# background and text of each dynamics label.
DYNAMICS_COLOURS = {
    "nst-dyn--up": ("DCEFE0", "14532D"),
    "nst-dyn--down": ("F8DCDC", "7F1D1D"),
    "nst-dyn--flat": ("FDF3C7", "5C4400"),
    "nst-dyn--none": ("ECEFF3", "374151"),
}
# The ids of our own paragraph styles (word.py makes them).
TABLE_TEXT, TABLE_TEXT_SMALL, NOTE = "TableText", "TableTextSmall", "TableNote"
COVER, COVER_NOTE = "Cover", "CoverNote"
# Paragraph styles by the blocks' names: ids, as Word keeps them.
PARAGRAPH_STYLES = {
    "body": None,
    "note": NOTE,
    "caption": "Caption",
    "title": "Title",
    "subtitle": "Subtitle",
    "cover": COVER,
    "cover-note": COVER_NOTE,
    "toc-heading": "TOCHeading",
}
# What XML 1.0 cannot hold (and lone surrogates, which UTF-8 cannot): left out.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EMU_PER_CM = 360_000  # lengths in the XML: English Metric Units
_WRAPPER = "<w:body {}>{{}}</w:body>".format(
    " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
)

Link = Callable[[str], str]  # an external address → its relationship id
Chart = Callable[[ChartBlock], list[tuple[str, str]]]  # → (drawing run, text alternative)


def wrapped(xml: str) -> str:
    """XML written as text (``field``) in a ``w:body`` declaring the namespaces."""
    return _WRAPPER.format(xml)


class Body:
    """The body's elements of a document, as XML (without ``w:body``):
    ``Body(...).xml()``. ``text_width``: the width between the margins, in EMU."""

    def __init__(
        self,
        document: ReportDocument,
        pages: Mapping[int, int],
        toc_field: bool,
        link: Link,
        chart: Chart,
        text_width: int,
    ):
        self.document, self.pages, self.toc_field = document, pages, toc_field
        self.link, self.chart, self.text_width = link, chart, text_width
        self.headings = document.headings()
        self.heading_index = {id(h): i for i, h in enumerate(self.headings)}
        self.out: list[str] = []

    def xml(self) -> str:
        add = self.out.append
        for block in self.document.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                add(paragraph(PARAGRAPH_STYLES[block.style], self.runs(block.runs)))
            elif isinstance(block, Bullets):
                for item in block.items:
                    add(paragraph("ListBullet", self.runs(item)))
            elif isinstance(block, TableBlock):
                self.table(block)
            elif isinstance(block, ChartBlock):
                for drawing, summary in self.chart(block):
                    add(paragraph(None, drawing, keep=True, align="center"))
                    add(paragraph(NOTE, run(summary)))  # the text alternative, in print too
            elif isinstance(block, Contents):
                self.contents()
            elif isinstance(block, PageBreak):
                add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        return "".join(self.out)

    def runs(self, runs: list[Run], colour: str | None = None) -> str:
        """Runs of text: links as hyperlinks."""
        out = []
        for item in runs:
            if not item.text:
                continue
            href = item.href
            if href and href.startswith(("http://", "https://")):
                element = run(item.text, item.bold, item.italic, colour, style="Hyperlink")
                out.append(
                    f'<w:hyperlink r:id="{self.link(href)}" w:history="1">{element}</w:hyperlink>'
                )
            else:
                out.append(run(item.text, item.bold, item.italic, colour))
        return "".join(out)

    @staticmethod
    def bookmark(index: int) -> str:
        return f"_Toc{index + 1:06d}"

    def heading(self, heading: Heading) -> None:
        index = self.heading_index[id(heading)]
        self.out.append(
            paragraph(
                f"Heading{heading.level}",
                f'<w:bookmarkStart w:id="{index + 1}" w:name="{self.bookmark(index)}"/>'
                f'{run(heading.text)}<w:bookmarkEnd w:id="{index + 1}"/>',
            )
        )

    def contents(self) -> None:
        entries = [(i, h) for i, h in enumerate(self.headings) if h.level <= TOC_LEVELS]
        for number, (index, heading) in enumerate(entries):
            inside = []
            if self.toc_field and number == 0:
                inside.append(field_start(f' TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u '))
            page = self.pages.get(index)
            reference = field(f"PAGEREF {self.bookmark(index)} \\h", str(page) if page else "")
            inside.append(
                f'<w:hyperlink w:anchor="{self.bookmark(index)}" w:history="1">'
                f"{run(heading.text)}<w:r><w:tab/></w:r>{reference}</w:hyperlink>"
            )
            if self.toc_field and number == len(entries) - 1:
                inside.append(field_char("end"))
            self.out.append(paragraph(f"TOC{heading.level}", "".join(inside)))

    def table(self, block: TableBlock) -> None:
        add = self.out.append
        source = block.table
        style = TABLE_TEXT_SMALL if block.size == "small" else TABLE_TEXT
        add(paragraph("Caption", run(source.caption)))
        for line in block.legend:  # what the columns mean, before them
            add(paragraph(NOTE, run(line), keep=True))
        columns = len(source.columns)
        widths = [int(self.text_width * share / 635) for share in block.widths]  # twips
        add(_table_start(widths, source.caption))
        add(_row_start(repeat=True))
        for text, width in zip(source.columns, widths):
            add(_cell(width, HEADER_FILL, paragraph(style, run(text, bold=True))))
        add("</w:tr>")
        for index, row in enumerate(source.rows):
            group = source.groups.get(index)
            if group:
                add(_row_start())
                content = paragraph(style, run(group, bold=True), keep=True)
                add(_cell(sum(widths), GROUP_FILL, content, span=columns))
                add("</w:tr>")
            add(_row_start())
            for value, width in zip(row, widths):
                add(self.cell(value, width, style))
            add("</w:tr>")
        add("</w:tbl>")
        add(paragraph(NOTE, ""))  # a little space under the table

    def cell(self, value: Cell, width: int, style: str) -> str:
        colours = next((c for css, c in DYNAMICS_COLOURS.items() if css in value.css), None)
        align = "right" if "nst-num" in value.css or "nst-nm" in value.css else None
        text = value.text
        if value.badge:
            text = f"{text} ({value.badge})" if text else value.badge
        runs = [Run(text, href=value.href or None)]
        if value.note:
            runs.append(Run(f" — {value.note}"))
        if colours:
            none = "nst-dyn--none" in value.css
            runs = [Run(r.text, bold=not none, italic=none, href=r.href) for r in runs]
        content = self.runs(runs, colours[1] if colours else None)
        return _cell(width, colours[0] if colours else None, paragraph(style, content, align=align))


# -- XML text ------------------------------------------------------------------------------
def text(value: str) -> str:
    """``value`` as XML character data (a carriage return kept as one)."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def attribute(value: str) -> str:
    """``value`` inside double quotes, its line breaks and tabs kept."""
    return text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def paragraph(style: str | None, content: str, keep: bool = False, align: str | None = None) -> str:
    """A ``w:p``; its properties in the order of CT_PPr (style, keep with the
    next paragraph, alignment)."""
    if not (style or keep or align):
        return f"<w:p>{content}</w:p>"
    properties = (
        (f'<w:pStyle w:val="{style}"/>' if style else "")
        + ("<w:keepNext/>" if keep else "")
        + (f'<w:jc w:val="{align}"/>' if align else "")
    )
    return f"<w:p><w:pPr>{properties}</w:pPr>{content}</w:p>"


def run(
    value: str,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    style: str | None = None,
) -> str:
    """A ``w:r`` of ``value`` (line breaks as ``w:br``; characters XML cannot
    hold are left out)."""
    properties = ""
    if style or bold or italic or colour:
        properties = (
            "<w:rPr>"
            + (f'<w:rStyle w:val="{style}"/>' if style else "")
            + ("<w:b/>" if bold else "")
            + ("<w:i/>" if italic else "")
            + (f'<w:color w:val="{colour}"/>' if colour else "")
            + "</w:rPr>"
        )
    lines = text(_CONTROL.sub("", value)).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f"<w:r>{properties}{body}</w:r>"


def field_char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def field_start(instruction: str) -> str:
    return (
        field_char("begin")
        + f'<w:r><w:instrText xml:space="preserve">{text(instruction)}</w:instrText></w:r>'
        + field_char("separate")
    )


def field(instruction: str, result: str) -> str:
    """A complex field (PAGE, PAGEREF) with ``result`` as its current text."""
    shown = run(result) if result else ""
    return field_start(f" {instruction.strip()} ") + shown + field_char("end")


def _table_start(widths: list[int], caption: str) -> str:
    """A ``w:tbl`` in the «Table Grid» style with fixed column widths (twips),
    centred, titled for assistive technology (``w:tblCaption``, Word's
    «Замещающий текст»), its grid and no rows yet."""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    title = attribute(_CONTROL.sub("", caption)[:255])
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f'<w:tblCaption w:val="{title}"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    )


def _row_start(repeat: bool = False) -> str:
    """A row that never breaks across pages; the header row repeats on each page."""
    header = '<w:tblHeader w:val="true"/>' if repeat else ""
    return f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>"


def _cell(width: int, fill: str | None, content: str, span: int = 1) -> str:
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if fill:
        properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"
