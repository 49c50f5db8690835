"""The template of our Word documents, made with python-docx: the page, the
styles and the settings (``word.py`` packs each document with its parts).

python-docx's own template, set up: our page (A4, margins, the page number
in the footer), our font in every script, the heading styles, styles of
our own for the text of tables and the cover, the table of contents'
styles, a decimal comma and «;» in field formulas. Made once per project
(``word.template``, kept in the build cache) or once per process.
"""

from __future__ import annotations

import functools
import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import oxml_parser
from docx.shared import Cm, Emu, Pt, RGBColor
from lxml import etree

from . import word_body as body
from .docx_package import Template, template_of
from .oxml import OxmlElement, qn
from .word_page import LANGUAGE, MARGINS, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH

FONT = "Times New Roman"  # LibreOffice substitutes Liberation Serif, of the same metrics
BLACK = RGBColor(0, 0, 0)
# Styles of our own: (name the office sees, id, size in points).
TABLE_TEXT = ("Текст таблицы", body.TABLE_TEXT, 10)
TABLE_TEXT_SMALL = ("Текст таблицы мелкий", body.TABLE_TEXT_SMALL, 9)
COVER = ("Обложка", body.COVER, 13)
COVER_NOTE = ("Обложка, примечание", body.COVER_NOTE, 11)
NOTE = ("Примечание к таблице", body.NOTE, 10)
# CT_Settings: the elements that come after w:updateFields (ECMA-376 Part 1, 17.15.1.78).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)  # fmt: skip


def made() -> Template:
    """The parts every document shares, and the settings that ask Word to
    update the fields (the table of contents) on opening."""
    doc = Document(io.BytesIO(prepared()))
    _update_fields_on_open(doc)
    settings = doc.settings.element
    return template_of(prepared(), serialize_part_xml(settings))


@functools.cache
def prepared() -> bytes:
    """python-docx's template with our page, styles and settings."""
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
    section.page_width, section.page_height = Emu(PAGE_WIDTH), Emu(PAGE_HEIGHT)
    section.left_margin, section.right_margin = Emu(MARGINS["left"]), Emu(MARGINS["right"])
    section.top_margin, section.bottom_margin = Emu(MARGINS["top"]), Emu(MARGINS["bottom"])
    section.different_first_page_header_footer = True  # no number on the title page
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.extend(_parsed(body.field("PAGE", "")))


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

    for level in range(1, body.TOC_LEVELS + 1):
        style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.styleId = f"TOC{level}"
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.left_indent = Cm(0.6 * (level - 1))
        fmt.space_after = Pt(3)
        fmt.tab_stops.add_tab_stop(Emu(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

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


def _parsed(xml: str):
    """The ``w:body`` of XML written as text (``word_body.field``), parsed
    into python-docx's element classes."""
    return etree.fromstring(body.wrapped(xml).encode("utf-8"), oxml_parser)
