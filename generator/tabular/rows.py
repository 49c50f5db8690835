"""From spreadsheet rows to plain record data, with every problem located by
row and column and reported at once."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, Location, Report
from ..schema.values import ValueProblem, parse_date
from ..schema.vocab import Vocabulary, normalise
from .columns import Column, HeaderIndex, column_letter
from .kinds import ORG, TableKind
from .plain import prune, set_path
from .read import CellLocation, Sheet

_SPLIT = re.compile(r"\s*[;\n]\s*")


@dataclass
class Row:
    number: int
    data: dict  # plain data from the cells present in the sheet
    cleared: set[str] = field(default_factory=set)  # columns present but empty
    key: str | None = None
    org: str = ""  # «Идентификатор организации» of a municipal table, as typed


@dataclass
class Mapping:
    columns: list[tuple[int, Column]]  # (cell index, column)
    org_column: int | None = None  # cell index of «Идентификатор организации»

    def where(self, sheet: Sheet, row: int, path: str) -> Location:
        """The cell a field path came from (``subjects[2]`` → «Преподаваемые предметы»)."""
        base = re.sub(r"\[\d+\]", "", path or "")
        best = None
        for index, column in self.columns:
            if (
                column.path == base
                or base.startswith(column.path + ".")
                or column.path.startswith(base + ".")
            ):
                best = (index, column)
                if column.path == base:
                    break
        if best is None:
            return CellLocation(sheet.display, row)
        index, column = best
        return CellLocation(sheet.display, row, column=_cell_name(index, column.header))


def _cell_name(index: int, header: str) -> str:
    return f"{column_letter(index)} «{header}»"


def map_headers(sheet: Sheet, kind: TableKind, report: Report) -> Mapping | None:
    index = HeaderIndex(kind.columns)
    mapped: list[tuple[int, Column]] = []
    seen: dict[str, int] = {}
    org_column = None
    known = [c.header for c in kind.columns]
    for position, header in enumerate(sheet.headers):
        if not header:
            if any(len(cells) > position and cells[position].strip() for _, cells in sheet.rows):
                report.warning(
                    CellLocation(sheet.display, sheet.header_row, column=column_letter(position)),
                    "у столбца нет заголовка; его значения не импортируются.",
                    "header",
                )
            continue
        if index.export_only(header):
            continue  # added by «nastav export» for readers; nothing to import
        if index.is_org(header) and org_column is None and ORG in kind.levels:
            org_column = position
            continue
        column = index.find(header)
        where = CellLocation(sheet.display, sheet.header_row, column=_cell_name(position, header))
        if column is None:
            close = difflib.get_close_matches(header, known, n=1, cutoff=0.6)
            hint = f" Возможно, имелось в виду «{close[0]}»." if close else ""
            report.error(
                where,
                f"неизвестный заголовок столбца.{hint} Допустимые заголовки "
                f"({kind.title}): {'; '.join(known)}.",
                "header",
            )
            continue
        if column.path in seen:
            report.error(
                where,
                f"столбец «{column.header}» уже есть — это столбец "
                f"{column_letter(seen[column.path])}. Оставьте один.",
                "header",
            )
            continue
        seen[column.path] = position
        mapped.append((position, column))
    present = {c.path for _, c in mapped}
    if "id" not in present:
        missing = [
            c for c in kind.columns if c.required and c.path not in present and c.path != "id"
        ]  # ids are made from key columns (kinds.py)
        for column in missing:
            report.error(
                CellLocation(sheet.display, sheet.header_row),
                f"нет столбца «{column.header}»: это обязательное поле. Добавьте "
                "столбец с таким заголовком (шаблон: nastav templates).",
                "header",
            )
    return Mapping(mapped, org_column) if report.ok else None


def read_rows(
    sheet: Sheet,
    mapping: Mapping,
    kind: TableKind,
    vocabularies: dict[str, Vocabulary],
    report: Report,
) -> list[Row]:
    rows = []
    for number, cells in sheet.rows:
        row = Row(number, {})
        if mapping.org_column is not None and mapping.org_column < len(cells):
            row.org = " ".join(cells[mapping.org_column].split())
        for position, column in mapping.columns:
            raw = cells[position] if position < len(cells) else ""
            value = cell_value(raw, column, vocabularies)
            if value is None:
                row.cleared.add(column.path)
            set_path(row.data, column.path, value)
        row.data = prune(row.data)
        rows.append(row)
    return rows


def cell_value(raw: str, column: Column, vocabularies: dict[str, Vocabulary]) -> Any:
    """The plain value a cell holds: None for an empty cell, a list for list columns.

    Vocabulary values are written with their label, dates as ДД.ММ.ГГГГ, so
    files made from spreadsheets look like hand-written ones; a value that
    does not parse is kept as typed and the coercer reports it."""
    text = raw.replace("\r\n", "\n")
    text = text.strip("\n") if column.multiline else text.strip()
    if not text.strip():
        return None
    if column.multiline:
        return text + "\n" if "\n" in text else text
    if column.is_list:
        return [_one(v, column, vocabularies) for v in _SPLIT.split(text) if v.strip()]
    return _one(text, column, vocabularies)


def _one(text: str, column: Column, vocabularies: dict[str, Vocabulary]) -> str:
    text = " ".join(text.split())
    if column.vocab and column.vocab in vocabularies:
        term = vocabularies[column.vocab].lookup(text)
        return term.label if term else text
    if column.is_date:
        try:
            return parse_date(text).strftime("%d.%m.%Y")
        except ValueProblem:
            return text
    return text


def relocate(
    source: Report, sheet: Sheet, mapping: Mapping, row: int, target: Report, prefix: str = ""
) -> None:
    """Move the coercer's diagnostics (file, line = row, field path) onto cells."""
    for diagnostic in source.items:
        where = mapping.where(sheet, row, diagnostic.location.field or "")
        message = prefix + _strip_field_name(diagnostic.message)
        target.items.append(Diagnostic(diagnostic.severity, where, message, diagnostic.code))


def _strip_field_name(message: str) -> str:
    """«не заполнено обязательное поле «start» (Начало).» → Russian only."""
    return re.sub(r"поле «[a-z_\.\[\]0-9]+» \(([^)]*)\)", r"поле «\1»", message)


def match_mentor(value: str, mentors: dict[str, str]) -> str | None:
    """A mentor given by id or by full name (any case, ё/е) → the mentor id."""
    if value in mentors.values():
        return value
    return mentors.get(normalise(value))
