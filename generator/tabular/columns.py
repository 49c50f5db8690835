"""Spreadsheet columns of a record kind, derived from the record metadata.

One row is one record. Scalar fields are columns; a list of values is one
column with the values separated by «;»; the fields of a nested group
(period start/end, consent, an order) are columns of their own, headed
«Группа: поле». Lists of nested groups (stages, activity plans, files) do
not fit in a row: they stay in YAML, and an import keeps them untouched.

Headers are matched the way people retype them: case, ё/е, quotes, dashes,
punctuation and repeated spaces do not matter, and a trailing note in
parentheses may be added or left out («Педагогический стаж, лет (число)»).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..scaffold.yamlout import field_types, nested_class
from ..schema.fields import Attachment, Markdown, Meta
from ..schema.vocab import Vocabulary, normalise
from ..schema.walk import _scalar_type


@dataclass(frozen=True)
class Column:
    path: str  # «period.start»
    header: str  # «Период реализации: Начало»
    meta: Meta
    type: Any  # scalar type: str, Markdown, int, dt.date, …
    is_list: bool = False
    internal: bool = False  # the field or its group is for the curator only
    group: str = ""  # label of an optional group this column belongs to («Согласие…»)

    @property
    def required(self) -> bool:
        """Required in every row (a field of an optional group is not)."""
        return self.meta.required and not self.group

    @property
    def required_text(self) -> str:
        if not self.meta.required:
            return ""
        return f"да, если заполнен раздел «{self.group}»" if self.group else "да"

    @property
    def vocab(self) -> str | None:
        return self.meta.vocab

    @property
    def is_date(self) -> bool:
        return self.type is dt.date

    @property
    def is_file(self) -> bool:
        return self.type is Attachment

    @property
    def multiline(self) -> bool:
        return self.type is Markdown


def columns_of(
    cls: type, prefix: str = "", group: str = "", internal: bool = False, optional: str = ""
) -> list[Column]:
    result = []
    for name, meta, tp in field_types(cls):
        path = f"{prefix}{name}"
        header = f"{group}: {meta.label}" if group else meta.label
        inner, is_list = nested_class(tp)
        hidden = internal or meta.internal
        if inner is not None:
            if not is_list:
                result += columns_of(
                    inner, f"{path}.", header, hidden, optional or ("" if meta.required else header)
                )
            continue
        result.append(Column(path, header, meta, _scalar_type(tp), is_list, hidden, optional))
    return result


def row_fields(cls: type) -> list[tuple[str, str]]:
    """(path, label) of list-of-group fields that a row cannot hold."""
    result = []
    for name, meta, tp in field_types(cls):
        inner, is_list = nested_class(tp)
        if inner is not None and is_list:
            result.append((name, meta.label))
    return result


# Columns an export adds for readers (page and file addresses, the mentor as
# shown); the import recognises and skips them, so exported tables re-import.
PAGE_HEADER = "Страница на сайте"
FILE_HEADER = "Файл на сайте"
MENTOR_SHOWN_HEADER = "Наставник (как на сайте)"
# Tables of a whole municipality (export, open data) say whose record a row
# is; the import sends each row to that organization's folder.
ORG_ID_HEADER = "Идентификатор организации"
ORG_NAME_HEADER = "Наименование организации"
HAS_SECTION_HEADER = "Записи организации на портале"
EXPORT_ONLY_HEADERS = (
    PAGE_HEADER,
    FILE_HEADER,
    MENTOR_SHOWN_HEADER,
    ORG_NAME_HEADER,
    HAS_SECTION_HEADER,
)


# -- header matching --------------------------------------------------------------
_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_NON_WORD = re.compile(r"[^\w]+")


def header_key(text: str) -> str:
    return _NON_WORD.sub(" ", normalise(text).replace("_", " ")).strip()


def _without_notes(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _NOTE.sub("", text)
    return text


class HeaderIndex:
    """Finds the column a header names; exact names win over names without notes."""

    def __init__(self, columns: list[Column]):
        self.columns = columns
        self._exact: dict[str, Column] = {}
        loose: dict[str, list[Column]] = {}
        for column in columns:
            for name in (column.header, column.path, column.path.replace(".", " ")):
                self._exact.setdefault(header_key(name), column)
            loose.setdefault(header_key(_without_notes(column.header)), []).append(column)
            if "." in column.path and ":" in column.header:
                group, _, label = column.header.partition(": ")
                loose.setdefault(
                    header_key(f"{_without_notes(group)} {_without_notes(label)}"), []
                ).append(column)
        self._loose = {k: v[0] for k, v in loose.items() if len(v) == 1}

    @staticmethod
    def export_only(header: str) -> bool:
        return header_key(header) in {header_key(h) for h in EXPORT_ONLY_HEADERS}

    @staticmethod
    def is_org(header: str) -> bool:
        return header_key(header) == header_key(ORG_ID_HEADER)

    def find(self, header: str) -> Column | None:
        key = header_key(header)
        if key in self._exact:
            return self._exact[key]
        bare = header_key(_without_notes(header))
        return self._exact.get(bare) or self._loose.get(bare) or self._loose.get(key)


# -- cell text --------------------------------------------------------------------
def display(value: Any, column: Column, vocabularies: dict[str, Vocabulary]) -> str:
    """A typed value as a person reads it in a cell (and the import reads back)."""
    if type(value) is str:  # most cells: a region's monitoring.csv has 1.8 million
        return vocabularies[column.vocab].label(value) if column.vocab in vocabularies else value
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(display(v, column, vocabularies) for v in value)
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):  # monitoring values: «69,28», as the import reads them
        text = format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
        return text.replace(".", ",")
    if column.vocab and column.vocab in vocabularies:
        return vocabularies[column.vocab].label(str(value))
    return str(value)


def get_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        obj = obj.get(part) if isinstance(obj, dict) else getattr(obj, part, None)
    return obj


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
