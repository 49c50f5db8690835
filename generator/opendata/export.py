"""``nastav export DIR``: the public records as XLSX and CSV tables.

The same tables as the open data of the site (``opendata.tables``): made
from the published view, never from raw records, so a table can be sent
anywhere the site itself could be. Headers are the import's headers: a
table exported here, edited and imported back updates the same records.

A municipal project exports the registry, one table per kind for all its
organizations (``opendata.municipal``: the organization in the first
columns, which the import uses to send each row back to its folder) and the
monitoring values; ``--org ID`` exports one organization as a school would.

The files are checked like the built site before they are written
(``audit/audit_export.py``, called by ``commands/export.py``).
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from ..privacy.meta_office import clean as clean_office
from ..schema.vocab import Vocabulary
from ..tabular.columns import display
from ..util.cells import protect_openpyxl_cell
from .files import csv_bytes
from .monitoring import monitoring_table
from .municipal import municipal_tables
from .tables import PublicTable, public_tables


def export_files(model) -> tuple[list[PublicTable], list[tuple[str, bytes]]]:
    """The tables of a checked model (``pipeline.check``) and their files,
    ``(name, bytes)``: a CSV and an XLSX for each."""
    vocabularies = model.settings.vocabularies
    if model.municipality is not None:
        tables = municipal_tables(model.municipality)
        if model.municipality.monitoring is not None:
            tables.append(monitoring_table(model.municipality))
    else:
        tables = public_tables(model.public[0])
    files = []
    for table in tables:
        files.append((f"{table.name}.csv", csv_bytes(table, vocabularies)))
        files.append((f"{table.name}.xlsx", _xlsx_bytes(table, vocabularies)))
    return tables, files


def write_files(folder: Path, files: list[tuple[str, bytes]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (folder / name).write_bytes(data)


def _xlsx_bytes(table: PublicTable, vocabularies: dict[str, Vocabulary]) -> bytes:
    """The workbook without openpyxl's «creator» and the time it was saved:
    the same table gives the same bytes (privacy/meta_office.py)."""
    buffer = io.BytesIO()
    xlsx_book(table, vocabularies).save(buffer)
    return clean_office(buffer.getvalue(), ".xlsx", table.title)


def xlsx_book(table: PublicTable, vocabularies: dict[str, Vocabulary]):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook starts with one (active) worksheet
    sheet.title = table.title[:31].replace(":", " ")
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = 12 if column.is_date else 30
    for number, row in enumerate(table.rows, start=2):
        for index, column in enumerate(table.columns, start=1):
            value = row.get(column.path)
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                value = display(value, column, vocabularies) or None
            cell = sheet.cell(row=number, column=index, value=value)
            protect_openpyxl_cell(cell)  # «=HYPERLINK(…)» stays text (util/cells.py)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return book
