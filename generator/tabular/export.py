"""``nastav export DIR``: the public records as XLSX and CSV tables.

The same tables as the open data of the site (``opendata.tables``): made
from the published view, never from raw records, so a table can be sent
anywhere the site itself could be. Headers are the import's headers: a
table exported here, edited and imported back updates the same records.
"""

from __future__ import annotations

from pathlib import Path

from ..console import Console
from ..diagnostics import Report
from ..opendata.files import csv_bytes
from ..opendata.tables import PublicTable, public_tables
from ..schema.vocab import Vocabulary
from .columns import display


def export_tables(project: Path, output: Path | None, console: Console) -> int:
    from ..cli import print_report
    from ..pipeline import Outcome, check

    project = project.resolve()
    outcome = Outcome(Report())
    model = check(project, console, outcome)
    if model is None or not outcome.ok:
        print_report(outcome.report, console)
        console.problem("Таблицы не выгружены: сначала исправьте ошибки (nastav validate).")
        return 1
    if not model.public:
        console.problem("Таблицы не выгружены: в муниципальном проекте выгрузка делается для "
                        "одной организации — пока эта возможность не подключена.")
        return 1
    output = (output or project / "export").resolve()
    output.mkdir(parents=True, exist_ok=True)
    vocabularies = model.settings.vocabularies
    tables = public_tables(model.public[0])
    for table in tables:
        (output / f"{table.name}.csv").write_bytes(csv_bytes(table, vocabularies))
        xlsx_book(table, vocabularies).save(output / f"{table.name}.xlsx")
        console.detail(f"{table.name}: записей {len(table.rows)}")
    console.say(f"Выгружено таблиц: {len(tables)} (XLSX и CSV) в {output}.")
    console.say("В таблицах только то, что публикует сайт: сведения о наставниках — в пределах "
                "согласий, наставляемые — ролями, результаты — только завершённых программ.")
    return 0


def xlsx_book(table: PublicTable, vocabularies: dict[str, Vocabulary]):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31].replace(":", " ")
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = 12 if column.is_date else 30
    for number, row in enumerate(table.rows, start=2):
        for index, column in enumerate(table.columns, start=1):
            value = row.get(column.path)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                value = display(value, column, vocabularies) or None
            cell = sheet.cell(row=number, column=index, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return book
