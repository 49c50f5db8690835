"""Reading spreadsheets (CSV, XLSX) within our own limits.

Tables come from outside (monitoring reports of schools, imports): every
reader of one goes through here, so no table can make a build slow or
large, and what is too big is an error naming the file, the row and the
column:

* a file: at most ``MAX_TABLE_MB`` (CSV) and at most ``MAX_UNPACKED_MB``
  unpacked for all parts of an XLSX (a «zip bomb» is refused before any
  part is read; zip itself stops at the sizes it declares);
* a cell: at most ``MAX_CELL`` characters, Excel's own limit;
* rows: at most ``MAX_ROWS``; columns beyond ``MAX_COLUMNS`` are not read.

Python's ``csv`` has a field limit of its own (131,072 characters) that
ends in an English exception; it is raised above the file limit once, and
our cell limit applies instead.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from ..diagnostics import Location, Report
from ..util.cells import read_back
from .safefile import Refused, read_limited, skipped

MAX_TABLE_MB = 50
MAX_UNPACKED_MB = 50
MAX_CELL = 32_767
MAX_ROWS = 100_000
MAX_COLUMNS = 256
MB = 1_048_576


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_too_long(display: str, row: int, column: int, length: int) -> tuple[Location, str]:
    return (
        Location(display, row),
        f"в ячейке столбца {column_letter(column)} {length:,} знаков — больше "
        f"{MAX_CELL:,} (предел ячейки Excel). Сократите текст или приложите его "
        "документом.".replace(",", " "),
    )


def _too_many_rows(display: str) -> tuple[Location, str]:
    return (
        Location(display, MAX_ROWS + 1),
        f"в таблице больше {MAX_ROWS:,} строк; разбейте её на несколько файлов.".replace(",", " "),
    )


def read_table_bytes(
    path: Path, display: str, report: Report, required: bool = False
) -> bytes | None:
    """The bytes of a CSV file: a regular file (load/safefile.py) within
    ``MAX_TABLE_MB``; None after a diagnostic (an error, or a warning for a
    pipe that is skipped unless ``required``)."""
    if skipped(path, display, report, required):
        return None
    limit = MAX_TABLE_MB * MB
    try:
        data = read_limited(path, limit)
    except Refused as refused:
        report.error(Location(display), refused.message, "file")
        return None
    except OSError as exc:
        report.error(Location(display), f"файл не удаётся прочитать ({exc.strerror or exc}).", "io")
        return None
    if len(data) > limit:
        report.error(
            Location(display),
            f"файл таблицы больше {MAX_TABLE_MB} МБ; разбейте его на несколько файлов.",
            "size",
        )
        return None
    return data


def csv_grid(text: str, delimiter: str, display: str, report: Report) -> list[list[str]] | None:
    """Rows of cell texts; None after an error (a cell or the table too large,
    or text the csv module cannot read)."""
    if csv.field_size_limit() < MAX_TABLE_MB * MB:
        csv.field_size_limit(MAX_TABLE_MB * MB)  # ours is MAX_CELL, with row and column
    rows: list[list[str]] = []
    try:
        for number, row in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1
        ):
            if number > MAX_ROWS:
                report.error(*_too_many_rows(display), "size")
                return None
            for column, value in enumerate(row):
                if len(value) > MAX_CELL:
                    report.error(*_cell_too_long(display, number, column, len(value)), "size")
                    return None
            # «'=…»: the apostrophe our CSV writers put before a formula-like text
            rows.append([read_back(value) for value in row[:MAX_COLUMNS]])
    except csv.Error as exc:
        report.error(
            Location(display, len(rows) + 1),
            f"файл не читается как CSV ({exc}). Проверьте кавычки в этой строке.",
            "io",
        )
        return None
    return rows if _cells_fit_header(rows, delimiter, display, report) else None


_SIGN = {";": "«;»", ",": "запятая", "\t": "знак табуляции"}
_OR_REPLACE = {";": " или замените «;» запятой", ",": " или замените запятую знаком «—»"}


def _cells_fit_header(rows: list[list[str]], delimiter: str, display: str, report: Report) -> bool:
    """A row with more filled cells than the header has columns: almost always a
    «;» typed inside a text without quotes, which shifts the rest of the row.
    Every such row is an error; a cell is never dropped silently."""
    header_at = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if header_at is None:
        return True
    width = max(i for i, c in enumerate(rows[header_at]) if c.strip()) + 1
    fits = True
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        extra = [c for c in row[width:] if c.strip()]
        if extra:
            fits = False
            filled = width + len(extra)
            report.error(
                Location(display, number),
                f"заполненных ячеек в строке — {filled}, а столбцов в заголовке — {width} "
                f"(лишнее: «{extra[0][:60]}»): вероятно, в тексте есть "
                f"{_SIGN.get(delimiter, repr(delimiter))} без кавычек. Возьмите такой текст в "
                f'кавычки "…"{_OR_REPLACE.get(delimiter, "")}.',
                "columns",
            )
    return fits


def xlsx_grid(
    path: Path, display: str, report: Report, formats: bool = False, required: bool = False
) -> list[list[Any]] | None:
    """The first sheet's rows of cell values (with ``formats``: pairs of the
    value and whether the cell is formatted as a percentage), trailing empty
    cells dropped; None after an error."""
    if skipped(path, display, report, required) or not _unpacked_size_ok(path, display, report):
        return None
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a corrupt or foreign file; openpyxl raises many types
        report.error(
            Location(display),
            f"файл не читается как таблица Excel (.xlsx) ({type(exc).__name__}). Откройте "
            "его в Excel или LibreOffice и сохраните заново как .xlsx.",
            "io",
        )
        return None
    rows: list[list[Any]] = []
    try:
        sheet = book.worksheets[0]
        # Rows and columns are bounded here, whatever size the sheet declares.
        grid: Any = sheet.iter_rows(
            min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=not formats
        )
        for number, cells in enumerate(grid, start=1):
            row: list[Any] = []
            for column, cell in enumerate(cells):
                value = cell.value if formats else cell
                if isinstance(value, str) and len(value) > MAX_CELL:
                    report.error(*_cell_too_long(display, number, column, len(value)), "size")
                    return None
                if formats:
                    row.append((value, "%" in (cell.number_format or "")))
                else:
                    row.append(value)
            while row and (row[-1][0] if formats else row[-1]) in (None, ""):
                row.pop()
            if number > MAX_ROWS:
                if row:
                    report.error(*_too_many_rows(display), "size")
                    return None
                break
            rows.append(row)
    except Exception as exc:  # a damaged part found while reading
        report.error(
            Location(display),
            f"таблица Excel повреждена ({type(exc).__name__}). Откройте её в Excel или "
            "LibreOffice и сохраните заново как .xlsx.",
            "io",
        )
        return None
    finally:
        book.close()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _unpacked_size_ok(path: Path, display: str, report: Report) -> bool:
    """An XLSX is a zip: what its parts declare unpacked must be within the limit
    (zip reads no more than a part declares, so this bounds the reading)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        report.error(
            Location(display),
            "файл не читается как таблица Excel (.xlsx): это не архив XLSX. Откройте "
            "его в Excel или LibreOffice и сохраните заново как .xlsx.",
            "io",
        )
        return False
    if unpacked > MAX_UNPACKED_MB * MB:
        report.error(
            Location(display),
            f"таблица Excel в распакованном виде больше {MAX_UNPACKED_MB} МБ "
            f"({unpacked / MB:,.0f} МБ); разбейте её на несколько файлов.".replace(",", " "),
            "size",
        )
        return False
    return True
