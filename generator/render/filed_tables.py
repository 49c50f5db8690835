"""The table of a kind published by the generic step (kinds/base.py
«filed»): one row per record, a column per public field, the published file
linked. The list page shows it and offers it as CSV and XLSX, with the
same columns and values as the open data (opendata/tables.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..kinds import Kind
from ..publish.files import Withheld
from ..publish.generic import FiledRecord
from ..schema.fields import SiteUrl, Url
from ..schema.vocab import Vocabulary
from ..tabular.columns import FILE_HEADER, Column, columns_of, display, get_path
from .tables import Cell, Table


def public_columns(cls: type) -> list[Column]:
    """What a reader may see of a record: neither internal fields nor the
    uploaded file name (the published address replaces it)."""
    return [c for c in columns_of(cls) if not c.internal and not c.is_file]


def filed_table(
    kind: Kind,
    entries: Sequence[FiledRecord],
    vocabularies: dict[str, Vocabulary],
    link: Callable[[str], str],
    short: bool = False,
) -> Table | None:
    """``link`` makes a docs path a link from the page; ``short``: only the
    kind's ``columns``."""
    if not entries or kind.section is None:
        return None
    columns = public_columns(kind.cls)
    if short and kind.columns:
        columns = [c for name in kind.columns for c in columns if c.path == name]
    table = Table(
        kind.section.slug,
        kind.table_title or kind.section.title,
        [c.header for c in columns] + [FILE_HEADER],
    )
    for entry in entries:
        row = [_cell(get_path(entry.record, c.path), c, vocabularies) for c in columns]
        file = entry.file
        if isinstance(file, Withheld):
            row.append(Cell("файл не опубликован"))
        elif file is not None:
            row.append(
                Cell(f"{file.format}, {file.size_text}", href=link(file.href), value=file.href)
            )
        else:
            row.append(Cell(""))
        table.rows.append(row)
    return table


def _cell(value: object, column: Column, vocabularies: dict[str, Vocabulary]) -> Cell:
    text = display(value, column, vocabularies)
    if value is None:
        return Cell("")
    if isinstance(value, int) and not isinstance(value, bool):
        return Cell(text, sort=float(value), value=value)
    if column.is_date:
        return Cell(text, sort=str(value), value=value)
    if column.type in (Url, SiteUrl):
        return Cell(text, href=text)
    return Cell(text)
