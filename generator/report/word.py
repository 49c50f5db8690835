"""The report's blocks (``content.py``) as a Word document, made with python-docx.

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
time, and the properties hold the title, subject and language, no author
and no dates.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Mapping

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.shared import Cm, Pt, RGBColor

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
from .docx_package import packaged
from .oxml import OxmlElement, qn
from .word_charts import ChartWriter, chart_parts

LANGUAGE = "ru-RU"
FONT = "Times New Roman"  # LibreOffice substitutes Liberation Serif, of the same metrics
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)  # A4
MARGINS = {"left": Cm(2.5), "right": Cm(1.5), "top": Cm(2), "bottom": Cm(2)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
BLACK = RGBColor(0, 0, 0)
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
TOC_LEVELS = 2
# Styles of our own: (name the office sees, id, size in points).
TABLE_TEXT = ("Текст таблицы", "TableText", 10)
TABLE_TEXT_SMALL = ("Текст таблицы мелкий", "TableTextSmall", 9)
COVER = ("Обложка", "Cover", 13)
COVER_NOTE = ("Обложка, примечание", "CoverNote", 11)
NOTE = ("Примечание к таблице", "TableNote", 10)
# CT_Settings: the elements that come after w:updateFields (ECMA-376 Part 1, 17.15.1.78).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)  # fmt: skip


def write_docx(
    document: ReportDocument,
    pages: Mapping[int, int] | None = None,
    toc_field: bool = True,
) -> bytes:
    """The DOCX of ``document``.

    ``pages``: the page of each heading (by its index among the document's
    headings), shown in the table of contents; without them the entries have
    no page numbers and Word offers to update the fields when the file is
    opened. ``toc_field=False`` writes the entries without the TOC field
    around them: LibreOffice then computes each page reference as it lays
    the document out (it keeps a TOC field's text as it is), which is how
    the PDF gets its page numbers (``pdf.py``)."""
    doc = Document(io.BytesIO(_prepared()))
    writer = _Writer(doc, document, pages or {}, toc_field)
    writer.write()
    if toc_field and pages is None:
        _update_fields_on_open(doc)
    return packaged(doc, document.title, document.subject, LANGUAGE)


@functools.cache
def _prepared() -> bytes:
    """python-docx's template with our page, styles and settings, made once
    per process: setting up the styles costs more than a short document's
    text (a portal writes one «Весь раздел» per organization)."""
    doc = Document()
    _page_setup(doc)
    _styles(doc)
    _settings(doc)
    package = doc.part.package  # the template's thumbnail shows another document
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[r_id]
    # Word 2010's copy of the styles (0.4 MB): Word reads styles.xml when it is
    # absent, LibreOffice never reads it; written and zipped with every document.
    for r_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[r_id]
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# -- page and styles ---------------------------------------------------------------------
def _page_setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.different_first_page_header_footer = True  # no number on the title page
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer._p, "PAGE", "")


def _fonts(element) -> None:
    """Our font in every script, instead of the template's theme fonts (which
    Word would prefer over a name)."""
    rpr = element.get_or_add_rPr()
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), FONT)
    rpr.insert(0, fonts)


def _styles(doc: DocxDocument) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:rFonts")) + rpr.findall(qn("w:lang")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), FONT)
    rpr.insert(0, fonts)
    lang = OxmlElement("w:lang")
    for attribute in ("val", "eastAsia", "bidi"):
        lang.set(qn(f"w:{attribute}"), LANGUAGE)
    rpr.append(lang)

    normal = styles["Normal"]
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.08

    for name, size, before, after in (
        ("Heading 1", 16, 0, 12),
        ("Heading 2", 14, 14, 6),
        ("Heading 3", 12, 10, 4),
    ):
        style = styles[name]
        _fonts(style.element)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = BLACK
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = True

    title = styles["Title"]
    _fonts(title.element)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    title.font.size, title.font.bold, title.font.color.rgb = Pt(18), True, BLACK
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(96), Pt(24)

    for style in (title, styles["Subtitle"]):  # the template spaces their letters out
        for spacing in style.element.get_or_add_rPr().findall(qn("w:spacing")):
            spacing.getparent().remove(spacing)
    subtitle = styles["Subtitle"]
    _fonts(subtitle.element)
    subtitle.font.size, subtitle.font.italic, subtitle.font.color.rgb = Pt(14), False, BLACK
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.space_after = Pt(48)

    toc_heading = styles["TOC Heading"]
    toc_heading.paragraph_format.page_break_before = False
    toc_heading.paragraph_format.space_after = Pt(12)

    caption = styles["Caption"]
    _fonts(caption.element)
    caption.font.size, caption.font.bold, caption.font.color.rgb = Pt(11), True, BLACK
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(8), Pt(4)
    caption.paragraph_format.keep_with_next = True

    for name, style_id, size in (TABLE_TEXT, TABLE_TEXT_SMALL, NOTE, COVER, COVER_NOTE):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.styleId = style_id
        style.base_style = normal
        style.font.size = Pt(size)
        fmt = style.paragraph_format
        fmt.space_after = Pt(0) if style_id.startswith("Table") else Pt(6)
        fmt.line_spacing = 1.0
    styles["Примечание к таблице"].font.italic = True
    styles["Примечание к таблице"].paragraph_format.space_after = Pt(2)
    for name in ("Обложка", "Обложка, примечание"):
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Обложка"].font.bold = True

    for level in range(1, TOC_LEVELS + 1):
        style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.styleId = f"TOC{level}"
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.left_indent = Cm(0.6 * (level - 1))
        fmt.space_after = Pt(3)
        fmt.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.element.styleId = "Hyperlink"
    link.font.color.rgb = RGBColor(0x1F, 0x4E, 0x9A)
    link.font.underline = True


def _settings(doc: DocxDocument) -> None:
    """Russian for the theme's fonts; a decimal comma and «;» between list
    items in Word's field formulas."""
    settings = doc.settings.element
    for name, value in (
        ("themeFontLang", LANGUAGE),
        ("decimalSymbol", ","),
        ("listSeparator", ";"),
    ):
        element = settings.find(qn(f"w:{name}"))
        if element is not None:
            for attribute in list(element.attrib):
                del element.attrib[attribute]
            element.set(qn("w:val"), value)


def _update_fields_on_open(doc: DocxDocument) -> None:
    """Word offers to update the fields (the table of contents) on opening."""
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    after = next(
        (child for child in settings if child.tag in {qn(f"w:{n}") for n in _AFTER_UPDATE_FIELDS}),
        None,
    )
    if after is None:
        settings.append(update)
    else:
        after.addprevious(update)


# -- the body ------------------------------------------------------------------------------
# Paragraph styles by the blocks' names: ids, so no lookup by name (python-docx
# searches every style for each one: seconds for a report's thousand cells).
PARAGRAPH_STYLES = {
    "body": None,
    "note": NOTE[1],
    "caption": "Caption",
    "title": "Title",
    "subtitle": "Subtitle",
    "cover": COVER[1],
    "cover-note": COVER_NOTE[1],
    "toc-heading": "TOCHeading",
}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _Writer:
    def __init__(
        self,
        doc: DocxDocument,
        document: ReportDocument,
        pages: Mapping[int, int],
        toc_field: bool,
    ):
        self.doc, self.document, self.pages, self.toc_field = doc, document, pages, toc_field
        self.body = doc.element.body
        self.part = doc.part
        self.headings = document.headings()
        self.heading_index = {id(h): i for i, h in enumerate(self.headings)}
        self.links: dict[str, str] = {}  # address → relationship id
        self.charts = ChartWriter(doc.part)

    def link(self, address: str) -> str:
        """The relationship of an external link; python-docx's own lookup
        scans every relationship (a city's report links thousands of documents)."""
        r_id = self.links.get(address)
        if r_id is None:
            r_id = self.links[address] = f"rIdLink{len(self.links) + 1}"
            self.part.rels.add_relationship(
                RELATIONSHIP_TYPE.HYPERLINK, address, r_id, is_external=True
            )
        return r_id

    def write(self) -> None:
        for block in self.document.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.runs(self.paragraph(PARAGRAPH_STYLES[block.style]), block.runs)
            elif isinstance(block, Bullets):
                for item in block.items:
                    self.runs(self.paragraph("ListBullet"), item)
            elif isinstance(block, TableBlock):
                self.table(block)
            elif isinstance(block, ChartBlock):
                self.chart(block)
            elif isinstance(block, Contents):
                self.contents()
            elif isinstance(block, PageBreak):
                run = OxmlElement("w:r")
                br = OxmlElement("w:br")
                br.set(qn("w:type"), "page")
                run.append(br)
                self.paragraph(None).append(run)

    def paragraph(self, style: str | None, parent=None):
        """A new ``w:p`` at the end of the body (or of ``parent``, a cell)."""
        p = OxmlElement("w:p")
        if style:
            ppr = OxmlElement("w:pPr")
            style_element = OxmlElement("w:pStyle")
            style_element.set(qn("w:val"), style)
            ppr.append(style_element)
            p.append(ppr)
        if parent is None:
            self.body._insert_p(p)
        else:
            parent.append(p)
        return p

    def runs(self, p, runs: list[Run], colour: str | None = None) -> None:
        """Runs of text into ``p``: links as hyperlinks."""
        for run in runs:
            if not run.text:
                continue
            element = _run(run.text, run.bold, run.italic, colour)
            if run.href and run.href.startswith(("http://", "https://")):
                link = OxmlElement("w:hyperlink")
                link.set(qn("r:id"), self.link(run.href))
                link.set(qn("w:history"), "1")
                rpr = element.find(qn("w:rPr"))
                if rpr is None:
                    rpr = OxmlElement("w:rPr")
                    element.insert(0, rpr)
                style = OxmlElement("w:rStyle")
                style.set(qn("w:val"), "Hyperlink")
                rpr.insert(0, style)
                link.append(element)
                p.append(link)
            else:
                p.append(element)

    @staticmethod
    def bookmark(index: int) -> str:
        return f"_Toc{index + 1:06d}"

    def heading(self, heading: Heading) -> None:
        index = self.heading_index[id(heading)]
        p = self.paragraph(f"Heading{heading.level}")
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(index + 1))
        start.set(qn("w:name"), self.bookmark(index))
        p.append(start)
        p.append(_run(heading.text))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(index + 1))
        p.append(end)

    def contents(self) -> None:
        entries = [(i, h) for i, h in enumerate(self.headings) if h.level <= TOC_LEVELS]
        for number, (index, heading) in enumerate(entries):
            p = self.paragraph(f"TOC{heading.level}")
            if self.toc_field and number == 0:
                _field_start(p, f' TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u ')
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), self.bookmark(index))
            link.set(qn("w:history"), "1")
            link.append(_run(heading.text))
            tab = OxmlElement("w:r")
            tab.append(OxmlElement("w:tab"))
            link.append(tab)
            page = self.pages.get(index)
            _field(link, f" PAGEREF {self.bookmark(index)} \\h ", str(page) if page else "")
            p.append(link)
            if self.toc_field and number == len(entries) - 1:
                p.append(_field_char("end"))

    def table(self, block: TableBlock) -> None:
        source = block.table
        style = TABLE_TEXT_SMALL[1] if block.size == "small" else TABLE_TEXT[1]
        caption = self.paragraph("Caption")
        caption.append(_run(source.caption))
        for line in block.legend:  # what the columns mean, before them
            note = self.paragraph(NOTE[1])
            _keep_with_next(note)
            note.append(_run(line))
        columns = len(source.columns)
        widths = [int(TEXT_WIDTH * share / 635) for share in block.widths]  # twips
        tbl = _table(widths, source.caption)
        self.body._insert_tbl(tbl)
        header = _row(tbl, repeat=True)
        for text, width in zip(source.columns, widths):
            p = self.paragraph(style, _cell(header, width, HEADER_FILL))
            p.append(_run(text, bold=True))
        for index, row in enumerate(source.rows):
            group = source.groups.get(index)
            if group:
                tr = _row(tbl)
                p = self.paragraph(style, _cell(tr, sum(widths), GROUP_FILL, span=columns))
                _keep_with_next(p)
                p.append(_run(group, bold=True))
            tr = _row(tbl)
            for value, width in zip(row, widths):
                self.cell(tr, value, width, style)
        self.paragraph(NOTE[1])  # a little space under the table

    def chart(self, block: ChartBlock) -> None:
        for title, summary, points in chart_parts(block.chart):
            p = self.paragraph(None)
            _align(p, "center")
            _keep_with_next(p)
            p.append(self.charts.run(block.chart, title, summary, points))
            self.paragraph(NOTE[1]).append(_run(summary))  # the text alternative, in print too

    def cell(self, tr, value: Cell, width: int, style: str) -> None:
        colours = next((c for css, c in DYNAMICS_COLOURS.items() if css in value.css), None)
        tc = _cell(tr, width, colours[0] if colours else None)
        p = self.paragraph(style, tc)
        if "nst-num" in value.css or "nst-nm" in value.css:
            _align(p, "right")
        text = value.text
        if value.badge:
            text = f"{text} ({value.badge})" if text else value.badge
        runs = [Run(text, href=value.href or None)]
        if value.note:
            runs.append(Run(f" — {value.note}"))
        if colours:
            none = "nst-dyn--none" in value.css
            runs = [Run(r.text, bold=not none, italic=none, href=r.href) for r in runs]
        self.runs(p, runs, colours[1] if colours else None)


# -- XML helpers ---------------------------------------------------------------------------
def _run(text: str, bold: bool = False, italic: bool = False, colour: str | None = None):
    """A ``w:r`` of ``text`` (line breaks as ``w:br``; characters XML cannot
    hold are left out)."""
    run = OxmlElement("w:r")
    if bold or italic or colour:
        rpr = OxmlElement("w:rPr")
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if colour:
            element = OxmlElement("w:color")
            element.set(qn("w:val"), colour)
            rpr.append(element)
        run.append(rpr)
    for index, line in enumerate(_CONTROL.sub("", text).split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = line
        run.append(t)
    return run


def _ppr(p):
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    return ppr


def _align(p, value: str) -> None:
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), value)
    _ppr(p).append(jc)  # after pStyle and keepNext: the order of CT_PPr


def _keep_with_next(p) -> None:
    ppr = _ppr(p)
    keep = OxmlElement("w:keepNext")
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(keep)
    else:
        ppr.insert(0, keep)


def _field_char(kind: str):
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _field_start(parent, instruction: str) -> None:
    parent.append(_field_char("begin"))
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    run.append(text)
    parent.append(run)
    parent.append(_field_char("separate"))


def _field(parent, instruction: str, result: str) -> None:
    """A complex field (PAGE, PAGEREF) with ``result`` as its current text."""
    _field_start(parent, f" {instruction.strip()} ")
    if result:
        parent.append(_run(result))
    parent.append(_field_char("end"))


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _table(widths: list[int], caption: str):
    """A ``w:tbl`` in the «Table Grid» style with fixed column widths (twips),
    centred, titled for assistive technology (``w:tblCaption``, Word's
    «Замещающий текст»)."""
    tbl = OxmlElement("w:tbl")
    pr = OxmlElement("w:tblPr")
    pr.append(_element("w:tblStyle", val="TableGrid"))
    pr.append(_element("w:tblW", w=str(sum(widths)), type="dxa"))
    pr.append(_element("w:jc", val="center"))
    pr.append(_element("w:tblLayout", type="fixed"))
    pr.append(
        _element(
            "w:tblLook",
            val="04A0",
            firstRow="1",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )
    pr.append(_element("w:tblCaption", val=_CONTROL.sub("", caption)[:255]))
    tbl.append(pr)
    grid = OxmlElement("w:tblGrid")
    for width in widths:
        grid.append(_element("w:gridCol", w=str(width)))
    tbl.append(grid)
    return tbl


def _row(tbl, repeat: bool = False):
    """A row that never breaks across pages; the header row repeats on each page."""
    tr = OxmlElement("w:tr")
    pr = OxmlElement("w:trPr")
    pr.append(OxmlElement("w:cantSplit"))
    if repeat:
        pr.append(_element("w:tblHeader", val="true"))
    tr.append(pr)
    tbl.append(tr)
    return tr


def _cell(tr, width: int, fill: str | None = None, span: int = 1):
    tc = OxmlElement("w:tc")
    pr = OxmlElement("w:tcPr")
    pr.append(_element("w:tcW", w=str(width), type="dxa"))
    if span > 1:
        pr.append(_element("w:gridSpan", val=str(span)))
    if fill:
        pr.append(_element("w:shd", val="clear", color="auto", fill=fill))
    tc.append(pr)
    tr.append(tc)
    return tc
