"""``nastav export DIR``: the public records as XLSX and CSV tables.

The same tables as the open data of the site (``opendata.tables``): made
from the published view, never from raw records, so a table can be sent
anywhere the site itself could be. Headers are the import's headers: a
table exported here, edited and imported back updates the same records.

A municipal project exports the registry, one table per kind for all its
organizations (``opendata.municipal``: the organization in the first
columns, which the import uses to send each row back to its folder) and the
monitoring values; ``--org ID`` exports one organization as a school would.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from ..console import Console
from ..diagnostics import Report
from ..opendata.files import csv_bytes
from ..opendata.monitoring import monitoring_table
from ..opendata.municipal import municipal_tables
from ..opendata.tables import PublicTable, public_tables
from ..privacy.meta_office import clean as clean_office
from ..schema.vocab import Vocabulary
from ..site.audit_export import check_export
from ..util.cells import protect_openpyxl_cell
from .columns import display


def export_tables(
    project: Path, output: Path | None, console: Console, org: str | None = None
) -> int:
    from ..cli import print_report
    from ..pipeline import Outcome, check

    project = project.resolve()
    outcome = Outcome(Report())
    model = check(project, console, outcome, org)
    if model is None or not outcome.ok:
        print_report(outcome.report, console)
        console.problem("Таблицы не выгружены: сначала исправьте ошибки (nastav validate).")
        return 1
    output = (output or project / "export").resolve()
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
    # Checked like the built site before anything is written (site/audit_export.py).
    problems = Report()
    check_export(files, [model.guard], problems, "в таблицах", "таблицы не выгружены", f"{output}/")
    print_report(problems, console)
    if not problems.ok:
        console.problem(
            "Таблицы не выгружены: в них найдены персональные данные, которые сайт не публикует."
        )
        return 1
    output.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (output / name).write_bytes(data)
    for table in tables:
        console.detail(f"{table.name}: записей {len(table.rows)}")
    console.say(f"Выгружено таблиц: {len(tables)} (XLSX и CSV) в {output}.")
    if model.municipality is not None:
        console.say(
            "Записи всех организаций — в общих таблицах, организация указана в первых "
            "столбцах; импорт такой таблицы возвращает каждую строку в папку её "
            "организации. Одна организация: nastav export ПАПКА --org ИДЕНТИФИКАТОР."
        )
    console.say(
        "В таблицах только то, что публикует сайт: сведения о наставниках — в пределах "
        "согласий, наставляемые — ролями, результаты — только завершённых программ."
    )
    return 0


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
