"""Reading a spreadsheet: XLSX (first sheet) or CSV, into rows of cell texts.

CSV: «;» or «,» as delimiter (whichever the header line uses), UTF-8 with or
without BOM; Windows-1251 — what Excel saves as «CSV» on Russian Windows —
is read too, with a warning. Cell values are turned into the text a person
sees: dates as ДД.ММ.ГГГГ, whole numbers without «.0», да/нет.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Location, Report
from ..load.sheets import csv_grid, read_table_bytes, xlsx_grid


@dataclass(frozen=True, order=True)
class CellLocation(Location):
    """A place in a spreadsheet: file, row and column (letter and header)."""

    column: str = ""

    def describe(self) -> str:
        parts = [self.file] if self.file else []
        if self.line:
            parts.append(f"строка {self.line}")
        if self.column:
            parts.append(f"столбец {self.column}")
        return ", ".join(parts)


@dataclass
class Sheet:
    display: str  # the file as shown in messages
    header_row: int = 1
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)


def read_table(path: Path, display: str, report: Report) -> Sheet | None:
    if not os.path.lexists(path):
        report.error(Location(display), "файл не найден.", "io")
        return None
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        grid = _read_xlsx(path, display, report)
    elif suffix in (".csv", ".txt"):
        grid = _read_csv(path, display, report)
    elif suffix in (".xls", ".ods"):
        report.error(
            Location(display),
            f"формат {suffix} не поддерживается: сохраните таблицу "
            "как «Книга Excel (.xlsx)» или «CSV (разделители — точка с запятой)».",
            "io",
        )
        return None
    else:
        report.error(Location(display), "ожидается файл .xlsx или .csv.", "io")
        return None
    if grid is None:
        return None
    return _sheet(grid, display, report)


def _sheet(grid: list[list[str]], display: str, report: Report) -> Sheet | None:
    sheet = Sheet(display)
    rows = iter(enumerate(grid, start=1))
    for number, cells in rows:
        if any(c.strip() for c in cells):
            sheet.header_row = number
            sheet.headers = [c.strip() for c in cells]
            break
    else:
        report.error(
            Location(display), "таблица пуста: нет строки с заголовками столбцов.", "empty"
        )
        return None
    for number, cells in rows:
        if any(c.strip() for c in cells):
            sheet.rows.append((number, cells + [""] * (len(sheet.headers) - len(cells))))
    return sheet


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",")
    return str(value).replace("\r\n", "\n").replace("_x000D_", "")


def _read_xlsx(path: Path, display: str, report: Report) -> list[list[str]] | None:
    grid = xlsx_grid(path, display, report, required=True)  # our limits: load/sheets.py
    return None if grid is None else [[cell_text(v) for v in row] for row in grid]


def _read_csv(path: Path, display: str, report: Report) -> list[list[str]] | None:
    data = read_table_bytes(path, display, report, required=True)  # within our limits
    if data is None:
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1251", errors="replace")
            report.warning(
                Location(display),
                "файл в кодировке Windows-1251; он прочитан, но "
                "лучше сохранять таблицы в UTF-8 («CSV UTF-8» в Excel).",
                "encoding",
            )
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    if "\t" in first and not first.count(";") and not first.count(","):
        delimiter = "\t"
    return csv_grid(text, delimiter, display, report)
