"""Tables that are shown, sorted and downloaded.

One ``Table`` renders as an accessible HTML table (sortable in the
browser) and is written next to its page as CSV (UTF-8 with BOM, «;», as
Excel in Russia expects) and XLSX. Downloads are byte-reproducible: the
same data gives the same files.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .xlsx import workbook


@dataclass
class Cell:
    text: str
    sort: float | str | None = None  # numeric sort key; None sorts by text
    href: str | None = None  # a link (already relative or external)
    css: str = ""
    label: str | None = None  # accessible name for a link whose text is a bare number
    header: bool = False  # a row header (<th scope="row">)
    value: object = None  # what goes into CSV/XLSX when it differs from the text


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

    def downloads(self, folder: str) -> list[tuple[str, bytes]]:
        self.folder = folder
        return [
            (f"{folder}{self.slug}.csv", self.csv()),
            (f"{folder}{self.slug}.xlsx", self.xlsx()),
        ]

    def _plain_rows(self) -> list[list[object]]:
        return [[c.value if c.value is not None else c.text for c in row] for row in self.rows]

    def csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self._plain_rows())
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def xlsx(self) -> bytes:
        return workbook(self.caption, self.columns, self._plain_rows())

    def html(self, href=None) -> Markup:
        """``href(docs_path)`` links from the page; downloads are offered when written."""
        parts = [
            '<div class="nst-table-wrap" tabindex="0" role="region" aria-label="',
            str(escape(self.caption)),
            '">',
            f'<table class="nst-table {escape(self.css)}"'
            f"{' data-sortable' if self.sortable else ''}>",
            f"<caption>{escape(self.caption)}</caption><thead><tr>",
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
            parts.append("<tr>" + "".join(_cell_html(c) for c in row) + "</tr>")
        if body_open:
            parts.append("</tbody>")
        parts.append("</table></div>")
        if href and self.folder is not None:
            base = f"{self.folder}{self.slug}"
            parts.append(
                f'<p class="nst-downloads">Скачать таблицу «{escape(self.caption)}»: '
                f'<a href="{href(base + ".csv")}" download>CSV</a>, '
                f'<a href="{href(base + ".xlsx")}" download>XLSX</a></p>'
            )
        return Markup("".join(parts))


def _cell_html(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    attrs = ' scope="row"' if cell.header else ""
    if cell.css:
        attrs += f' class="{escape(cell.css)}"'
    if cell.sort is not None:
        attrs += f' data-sort="{escape(str(cell.sort))}"'
    text = escape(cell.text)
    if cell.href:
        label = f' aria-label="{escape(cell.label)}"' if cell.label else ""
        external = ' rel="noopener"' if cell.href.startswith("http") else ""
        text = Markup(f'<a href="{escape(cell.href)}"{label}{external}>{text}</a>')
    return f"<{tag}{attrs}>{text}</{tag}>"
