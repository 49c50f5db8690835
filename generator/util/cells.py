"""Cells of downloaded tables that a spreadsheet must not run as formulas.

Texts in our CSV and XLSX files come from records and monitoring reports;
one beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
taken by Excel and LibreOffice for a formula (``=HYPERLINK(…)``, ``@SUM(…)``,
«CSV injection», OWASP). Every writer of cells goes through here:

* CSV: such a text gets a leading apostrophe (``'=HYPERLINK(…)``), which a
  spreadsheet shows as text; the import reads the apostrophe back off;
* XLSX: the cell is written as a string with the «quote prefix» style, the
  apostrophe's own form in the file format (nothing is added to the text).

A plain number (``-5``, ``-0,5``, ``+7``, ``-1 111,5``, ``-3 %``) is left as it is:
it is data, not a formula, and stays a number in the spreadsheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(
    r"[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?(?:[eE][+-]?\d+)?(?: ?%)?"
)


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet take this text for a formula?"""
    return text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text)


def csv_safe(value: Any) -> Any:
    """A CSV cell: a formula-like text with an apostrophe in front; anything
    else as it is."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def safe_rows(rows: Iterable[Iterable[Any]]) -> Iterable[list[Any]]:
    """``csv.writer(...).writerows(safe_rows(rows))``."""
    return ([csv_safe(value) for value in row] for row in rows)


def read_back(text: str) -> str:
    """A cell read from a CSV: the apostrophe ``csv_safe`` put in front of a
    formula-like text is taken off again."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def protect_openpyxl_cell(cell: Any) -> None:
    """An openpyxl cell holding a formula-like text: a string, quote-prefixed
    (openpyxl would otherwise store ``=…`` as a formula)."""
    if isinstance(cell.value, str) and is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


class SafeCsvWriter:
    """``csv.writer`` whose rows go through ``csv_safe``."""

    def __init__(self, stream: Any, **options: Any):
        import csv

        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_safe(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
