"""Tables that are shown, sorted and downloaded.

One ``Table`` renders as an accessible HTML table (sortable in the
browser) and is written next to its page as CSV (UTF-8 with BOM, «;», as
Excel in Russia expects) and XLSX. Downloads are byte-reproducible: the
same data gives the same files.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .. import addresses
from ..util.cells import safe_rows
from .xlsx import workbook

_HIDDEN = ' class="nst-visually-hidden"'
# A table is one raw HTML block of the page's Markdown: a blank line in a cell
# (a record's text written over several lines) would end the block early.
_NEWLINES = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def _line(text: str) -> str:
    return _NEWLINES.sub(" ", text)


@dataclass
class Cell:
    text: str
    sort: float | str | None = None  # numeric sort key; None sorts by text
    href: str | None = None  # a link (already relative or external)
    css: str = ""
    label: str | None = None  # accessible name for a link whose text is a bare number
    header: bool = False  # a row header (<th scope="row">)
    value: object = None  # what goes into CSV/XLSX when it differs from the text
    badge: str | None = None  # a label after the text (<span class="nst-badge">)
    badge_css: str = ""  # extra class of the badge
    note: str | None = None  # a muted second line under the text

    def plain(self) -> object:
        """The cell in CSV/XLSX: ``value``, or what the reader sees as text
        («Название (типовая)», «Мероприятие\nРезультат: …»)."""
        if self.value is not None:
            return self.value
        text = self.text
        if self.badge:
            text = f"{text} ({self.badge})" if text else self.badge
        return f"{text}\n{self.note}" if self.note else text


@dataclass
class Table:
    slug: str  # file name of the downloads
    caption: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    groups: dict[int, str] = field(default_factory=dict)  # row index → group heading above it
    sortable: bool = True
    folder: str | None = None  # docs folder the downloads were written to
    css: str = ""  # extra class of the <table>
    caption_hidden: bool = False  # a heading right above already names the table
    attrs: dict[str, str] = field(default_factory=dict)  # of the <table>: «data-nst-rows»
    row_attrs: dict[int, dict[str, str]] = field(default_factory=dict)  # row index → attributes

    def downloads(self, folder: str) -> list[tuple[str, bytes]]:
        self.folder = folder
        return [
            (addresses.page_file(folder, f"{self.slug}.csv"), self.csv()),
            (addresses.page_file(folder, f"{self.slug}.xlsx"), self.xlsx()),
        ]

    def _plain_rows(self) -> list[list[object]]:
        return [[c.plain() for c in row] for row in self.rows]

    def csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        # Formula-like texts are neutralised (util/cells.py); the XLSX writer does the same.
        writer.writerows(safe_rows([self.columns, *self._plain_rows()]))
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def xlsx(self) -> bytes:
        return workbook(self.caption, self.columns, self._plain_rows())

    def html(self, href=None) -> Markup:
        """``href(docs_path)`` links from the page; downloads are offered when written."""
        parts = [
            '<div class="nst-table-wrap" tabindex="0" role="region" aria-label="',
            str(escape(_line(self.caption))),
            '">',
            f'<table class="nst-table {escape(self.css)}"'
            f"{' data-sortable' if self.sortable else ''}{_attrs(self.attrs)}>",
            f"<caption{_HIDDEN if self.caption_hidden else ''}>"
            f"{escape(_line(self.caption))}</caption><thead><tr>",
        ]
        parts += [f'<th scope="col">{escape(c)}</th>' for c in self.columns]
        parts.append("</tr></thead>")
        body_open = False
        for index, row in enumerate(self.rows):
            if index in self.groups:
                if body_open:
                    parts.append("</tbody>")
                parts.append(
                    f'<tbody><tr class="nst-stage"><th scope="rowgroup" '
                    f'colspan="{len(self.columns)}">{escape(self.groups[index])}</th></tr>'
                )
                body_open = True
            elif not body_open:
                parts.append("<tbody>")
                body_open = True
            parts.append(
                f"<tr{_attrs(self.row_attrs.get(index, {}))}>"
                + "".join(_cell_html(c) for c in row)
                + "</tr>"
            )
        if body_open:
            parts.append("</tbody>")
        parts.append("</table></div>")
        parts.append(self.links(href))
        return Markup("".join(parts))

    def links(self, href=None) -> Markup:
        """The «Скачать таблицу» line alone: also under a list whose records
        are offered as a table (the documents of an organization)."""
        if not href or self.folder is None:
            return Markup("")
        folder = self.folder
        csv_file, xlsx_file = (
            addresses.page_file(folder, f"{self.slug}.{e}") for e in ("csv", "xlsx")
        )
        return Markup(
            f'<p class="nst-downloads">Скачать таблицу «{escape(_line(self.caption))}»: '
            f'<a href="{href(csv_file)}" download>CSV</a>, '
            f'<a href="{href(xlsx_file)}" download>XLSX</a></p>'
        )


def _cell_html(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    attrs = ' scope="row"' if cell.header else ""
    if cell.css:
        attrs += f' class="{escape(cell.css)}"'
    if cell.sort is not None:
        attrs += f' data-sort="{escape(str(cell.sort))}"'
    text = escape(_line(cell.text))
    if cell.href:
        label = f' aria-label="{escape(cell.label)}"' if cell.label else ""
        external = ' rel="noopener"' if cell.href.startswith("http") else ""
        text = Markup(f'<a href="{escape(cell.href)}"{label}{external}>{text}</a>')
    if cell.badge:
        css = escape(f"nst-badge {cell.badge_css}".strip())
        space = " " if cell.text else ""
        text += Markup(f'{space}<span class="{css}">{escape(_line(cell.badge))}</span>')
    if cell.note:
        text += Markup(f'<br><span class="nst-muted">{escape(_line(cell.note))}</span>')
    return f"<{tag}{attrs}>{text}</{tag}>"


def _attrs(attrs: dict[str, str]) -> str:
    """` name="value"` for each; an empty value is a bare attribute (``data-nst-rows``)."""
    return "".join(
        f' {name}="{escape(value)}"' if value else f" {name}" for name, value in attrs.items()
    )
