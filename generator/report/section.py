"""A school's whole section (or one organization's part of a portal) as one document.

Schools print their section for inspections; the regulations want
published documents readable by screen readers. The document is made from
the very pages the site shows (their Markdown with its HTML, as
``render/`` wrote it), in navigation order, as the report's blocks
(``content.py``): headings stay headings, tables stay tables with a header
row, lists stay lists; ``word.py`` writes the DOCX and ``pdf.py`` the
tagged PDF. What only makes sense on screen is left out: the breadcrumbs,
the search, forms and buttons, drawings (their text alternative stays),
and anything marked ``nst-no-print`` (the link to this very document).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin

from lxml import etree
from markdown_it import MarkdownIt

from ..render.pageset import Page
from ..render.tables import Cell, Table
from .content import (
    Block,
    Bullets,
    Contents,
    Heading,
    PageBreak,
    Paragraph,
    ReportDocument,
    Run,
    TableBlock,
)

SUBJECT = "Раздел «Наставничество» официального сайта"
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_SKIP = {"nav", "script", "style", "form", "button", "input", "select", "textarea", "svg",
         "template", "noscript", "iframe", "object", "video", "audio"}  # fmt: skip
# What the site's print style hides (theme/assets/stylesheets/nastav.css, @media print).
_SKIP_CLASSES = {"nst-no-print", "nst-crumbs", "nst-filter", "nst-back", "nst-cite__actions",
                 "nst-feeds", "nst-downloads", "md-source", "headerlink"}  # fmt: skip
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "aside", "ul", "ol", "li",
          "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr", "td", "th",
          "figure", "figcaption", "blockquote", "pre", "details", "summary", "main",
          "h1", "h2", "h3", "h4", "h5", "h6", "hr"}  # fmt: skip
_NUMBER = re.compile(r"[−–-]?\d[\d\s\u202f\xa0]*(?:[.,]\d+)?\s?%?")
_SPACES = re.compile(r"\s+")
_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")


def section_document(
    title: str,
    owner: str,
    pages: Sequence[tuple[Page, int]],
    site_url: str | None,
    updated: str | None,
) -> ReportDocument:
    """The document of ``pages``, each with the heading level its title gets
    (1 for a section, 2 for a record reached from it)."""
    blocks: list[Block] = [
        Paragraph([Run(owner)], "cover"),
        Paragraph([Run(title)], "title"),
        Paragraph([Run(SUBJECT)], "subtitle"),
    ]
    if updated:
        blocks.append(Paragraph([Run(f"Обновлено: {updated}")], "cover-note"))
    if site_url:
        blocks.append(Paragraph([Run(site_url, href=site_url)], "cover-note"))
    blocks += [PageBreak(), Paragraph([Run("Содержание")], "toc-heading"), Contents()]
    for page, level in pages:
        if level == 1:
            blocks.append(PageBreak())
        base = urljoin(site_url, _page_url(page.path)) if site_url else None
        blocks += page_blocks(page, level, base)
    return ReportDocument(0, f"{title} — {owner}", SUBJECT, blocks)


def _page_url(path: str) -> str:
    return path.removesuffix("index.md")


def page_blocks(page: Page, level: int, base: str | None) -> list[Block]:
    """The blocks of one page; its first heading at ``level``. Links inside
    the site become absolute under ``base`` (the page's public address), or
    plain text when the site's address is not known."""
    html = _MARKDOWN.render(_FRONT.sub("", page.content, count=1))
    reader = _Reader(level, base)
    # libxml2's HTML parser reads the tags (five times faster than html.parser's)
    # and tells the reader of each one.
    parser = etree.HTMLParser(target=_Events(reader), no_network=True)
    parser.feed(html)
    parser.close()
    blocks = reader.finish()
    if not any(isinstance(b, Heading) for b in blocks[:1]):
        blocks.insert(0, Heading(level, page.title))
    return blocks


class _Reader:
    """HTML to blocks, with one pending paragraph of inline runs."""

    def __init__(self, level: int, base: str | None):
        self.shift = level - 1
        self.base = base
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.skipping = 0  # depth inside an element left out
        self.stack: list[tuple[str, bool]] = []  # open tags, and whether each is skipped
        self.bold = self.italic = 0
        self.href: str | None = None
        self.heading: int | None = None
        self.items: list[list[Run]] | None = None  # the list being read
        self.lists = 0
        self.after_term = False  # a <dt> just ended: its <dd> follows on the same line
        self.in_item = 0  # depth of open list items: their paragraphs are lines of one item
        self.table: dict | None = None  # caption, rows (cells of text, href, header, span)
        self.cell: list[Run] | None = None
        self.cell_info: tuple[bool, int] = (False, 1)

    # -- tags ------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attributes: dict[str, str]) -> None:
        classes = set(attributes.get("class", "").split())
        skip = bool(
            self.skipping
            or tag in _SKIP
            or classes & _SKIP_CLASSES
            or "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
        )
        if tag not in _VOID:
            self.stack.append((tag, skip))
            if skip:
                self.skipping += 1
        if skip:
            return
        if tag == "dd" and self.after_term:
            self.after_term = False  # «Статус: реализуется» on one line
        elif tag in _BLOCK:
            self.separate(tag)
        if tag == "li":
            self.in_item += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = min(3, int(tag[1]) + self.shift)
        elif tag in ("strong", "b", "dt", "summary"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "a":
            self.href = self.link(attributes.get("href", ""))
        elif tag in ("ul", "ol"):
            self.lists += 1
            if self.items is None:
                self.items = []
        elif tag == "table":
            self.table = {"caption": "", "rows": []}
        elif tag == "tr" and self.table is not None:
            self.table["rows"].append([])
        elif tag in ("td", "th") and self.table is not None:
            self.bold += tag == "th"
            self.cell = []
            span = attributes.get("colspan", "1")
            self.cell_info = (tag == "th", int(span) if span.isdigit() else 1)
        elif tag == "br":
            self.runs_target().append(Run("\n", bool(self.bold), bool(self.italic)))
        elif tag == "img" and attributes.get("alt"):
            self.runs_target().append(Run(f"[изображение: {attributes['alt']}]", italic=True))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # Close up to the matching open tag (HTML written by hand may not close all).
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skipping -= 1
            else:
                self.end_element(open_tag)
            if open_tag == tag:
                break

    def end_element(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
            self.heading = None
        elif tag in ("strong", "b", "dt", "summary"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a":
            self.href = None
        if tag == "th":
            self.bold = max(0, self.bold - 1)
        if tag in ("td", "th") and self.table is not None and self.cell is not None:
            text = " ".join("".join(r.text for r in self.cell).split(" "))
            link = next((r.href for r in self.cell if r.href), None)
            if self.table["rows"]:
                self.table["rows"][-1].append((text.strip(), link, *self.cell_info))
            self.cell = None
        elif tag == "caption" and self.table is not None:
            self.table["caption"] = "".join(r.text for r in self.runs).strip()
            self.runs = []
        elif tag == "table":
            self.flush_table()
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists -= 1
            if self.lists == 0 and self.items is not None:
                if self.items:
                    self.blocks.append(Bullets(self.items))
                self.items = None
        elif tag == "dt" and self.runs and self.cell is None:
            self.runs.append(Run(": "))
            self.after_term = True
        elif tag in _BLOCK:
            self.separate(tag)
        if tag == "li":
            self.in_item = max(0, self.in_item - 1)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text(data)

    # -- runs and blocks -------------------------------------------------------------------
    def link(self, href: str) -> str | None:
        if href.startswith(("http://", "https://", "mailto:", "tel:")):
            return href
        if self.base and href and not href.startswith(("#", "javascript:", "data:")):
            return urljoin(self.base, href)
        return None

    def runs_target(self) -> list[Run]:
        return self.cell if self.cell is not None else self.runs

    def text(self, data: str) -> None:
        text = _SPACES.sub(" ", data)
        target = self.runs_target()
        if target and target[-1].text.endswith((" ", "\n")):
            text = text.lstrip()
        if text.strip() or (target and text == " "):
            href = self.href if self.href and self.href.startswith("http") else None
            target.append(Run(text, bool(self.bold), bool(self.italic), href))

    def separate(self, tag: str) -> None:
        """A block starts or ends: inside a list item a new line of the item,
        elsewhere a new block."""
        if self.in_item and tag not in ("li", "ul", "ol") and self.heading is None:
            target = self.runs_target()
            if target and target[-1].text != "\n":
                target.append(Run("\n"))
            return
        self.flush()

    def flush(self) -> None:
        """The pending runs as a heading, a list item or a paragraph."""
        if self.cell is not None or (self.table is not None and self.heading is None):
            return
        runs = _trimmed(self.runs)
        self.runs = []
        if not runs:
            return
        if self.heading is not None:
            self.blocks.append(Heading(self.heading, "".join(r.text for r in runs).strip()))
        elif self.items is not None:
            self.items.append(runs)
        else:
            self.blocks.append(Paragraph(runs))

    def flush_table(self) -> None:
        table, self.table = self.table, None
        if not table:
            return
        rows = [r for r in table["rows"] if r]
        if not rows:
            return
        header = rows[0] if all(c[2] for c in rows[0]) else None
        width = max(sum(c[3] for c in r) for r in rows)
        columns = [c[0] for c in header] if header else [""] * width
        while len(columns) < width:
            columns.append("")
        out = Table("", table["caption"] or "Таблица", columns)
        for row in rows[1:] if header else rows:
            if len(row) == 1 and row[0][3] >= width > 1:
                out.groups[len(out.rows)] = row[0][0]
                continue
            cells = [
                Cell(text, href=href, header=th, css="nst-num" if _NUMBER.fullmatch(text) else "")
                for text, href, th, _ in row
            ]
            out.rows.append((cells + [Cell("")] * width)[:width])
        # A column as wide as its longest word, wider for long texts.
        texts = [[columns[i], *(r[i].text for r in out.rows)] for i in range(width)]
        shares = [
            max(4, *(len(w) for t in column for w in t.split()), min(40, max(map(len, column))) / 2)
            for column in texts
        ]
        total = sum(shares)
        widths = [s / total for s in shares]
        self.blocks.append(TableBlock(out, widths, size="small" if width > 4 else "normal"))

    def finish(self) -> list[Block]:
        self.flush()
        return self.blocks


class _Events:
    """A parser target (lxml) that hands the reader each tag, and the text
    between two tags in one piece, as html.parser would."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.pending: list[str] = []

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.flush()
        self.reader.handle_starttag(tag, attributes)

    def end(self, tag: str) -> None:
        self.flush()
        self.reader.handle_endtag(tag)

    def data(self, text: str) -> None:
        self.pending.append(text)

    def close(self) -> None:
        self.flush()

    def flush(self) -> None:
        if self.pending:
            text, self.pending = "".join(self.pending), []
            self.reader.handle_data(text)


def _trimmed(runs: list[Run]) -> list[Run]:
    while runs and not runs[0].text.strip():
        runs = runs[1:]
    while runs and not runs[-1].text.strip():
        runs = runs[:-1]
    if runs:
        runs = [Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic, runs[0].href), *runs[1:]]
        last = runs[-1]
        runs[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.href)
    return runs
