"""Stage 2: turn positioned YAML nodes into typed records.

One generic walker over dataclass type hints. Every problem becomes a
Russian diagnostic with file, line and field path; the walker never stops
at the first problem, so a curator sees them all at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import types
import typing
from typing import Any, TypeVar

from ..diagnostics import Location, Report, brief
from ..load.yamlsource import YNode
from .fields import (
    Attachment,
    Email,
    Markdown,
    Meta,
    Phone,
    Record,
    SiteUrl,
    Source,
    Url,
    meta_of,
)
from .values import (
    ValueProblem,
    check_file_path,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
)
from .vocab import Vocabulary

T = TypeVar("T")
_TEXT_TYPES = {str, Markdown, Url, SiteUrl, Attachment, Email, Phone}
# A page, not a book: longer values are pasted by mistake (a whole document in
# a title) and would make every later stage slow.
MAX_TEXT = 10_000
MAX_MARKDOWN = 100_000
_KIND_RU = {"map": "словарь (поля «ключ: значение»)", "seq": "список", "scalar": "значение"}


@functools.cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def record_fields(cls: type) -> list[tuple[dataclasses.Field[Any], Meta]]:
    """The declared fields of a record class with their metadata, in order;
    helper fields without metadata (``src``) are left out."""
    declared = []
    for fld in dataclasses.fields(cls):
        meta = meta_of(fld)
        if meta is not None:
            declared.append((fld, meta))
    return declared


class Coercer:
    def __init__(self, vocabularies: dict[str, Vocabulary], report: Report, file: str):
        self.vocabularies = vocabularies
        self.report = report
        self.file = file
        self._lines: dict[str, int] = {}
        self._errored_paths: set[str] = set()
        self._prefix = ""
        self.failed = False

    # -- public -----------------------------------------------------------
    def record(self, node: YNode, cls: type[T], path: str = "") -> T | None:
        """Build one top-level record; ``None`` if the node is not a mapping."""
        self._lines = {}
        self.failed = False
        # Paths are relative to the record: «title» of the third document is
        # not the «title» of the first, and must be reported on its own.
        self._errored_paths = set()
        self._prefix = path
        value = self._dataclass(node, cls, "", Meta(label="запись"))
        if value is not None and isinstance(value, Record):
            value.src = Source(self.file, node.line, dict(self._lines), prefix=path)
        return value

    # -- dispatch ---------------------------------------------------------
    def _value(self, node: YNode, tp: Any, path: str, meta: Meta) -> Any:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            return self._union(node, typing.get_args(tp), path, meta)
        if origin is list:
            return self._list(node, typing.get_args(tp)[0], path, meta)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self._dataclass(node, tp, path, meta)
        if node.kind != "scalar":
            self._error(
                node.line,
                path,
                f"{meta.label}: ожидается {_expected(tp)}, а указан {_KIND_RU[node.kind]}.",
            )
            return None
        if node.is_null or (node.raw.strip() == "" and tp is not bool):
            return None
        return self._scalar(node, tp, path, meta)

    def _union(self, node: YNode, args: tuple, path: str, meta: Meta) -> Any:
        options = [a for a in args if a is not type(None)]
        if node.is_null:
            return None
        if len(options) == 1:
            return self._value(node, options[0], path, meta)
        # ``date | str``: a date when it reads as one, text otherwise.
        if dt.date in options and node.kind == "scalar":
            try:
                return parse_date(node.raw)
            except ValueProblem:
                return node.raw.strip()
        return self._value(node, options[0], path, meta)

    def _scalar(self, node: YNode, tp: Any, path: str, meta: Meta) -> Any:
        raw = node.raw
        try:
            if tp in _TEXT_TYPES:
                value = raw.strip() if tp is not Markdown else raw.strip("\n")
                limit = MAX_MARKDOWN if tp is Markdown else MAX_TEXT
                if len(value) > limit:
                    raise ValueProblem(
                        f"текст слишком длинный: {len(value):,} знаков при "
                        f"допустимых {limit:,}. Сократите его или приложите "
                        "документ файлом.".replace(",", " ")
                    )
                if meta.vocab:
                    vocabulary = self.vocabularies[meta.vocab]
                    return self._vocab(value, vocabulary, node.line, path, meta)
                if tp is Attachment:
                    check_file_path(value)  # no stage may meet a name no file can have
                return value
            if tp is int:
                whole = parse_int(raw)
                self._check_range(whole, node.line, path, meta)
                return whole
            if tp is float:
                number = float(parse_decimal(raw))
                self._check_range(number, node.line, path, meta)
                return number
            if tp is bool:
                return parse_bool(raw)
            if tp is dt.date:
                return parse_date(raw)
        except ValueProblem as problem:
            self._error(node.line, path, f"{meta.label}: {problem}")
            return None
        raise TypeError(f"unsupported field type {tp!r} at {path}")  # a bug in a record class

    def _list(self, node: YNode, item_tp: Any, path: str, meta: Meta) -> list:
        if node.is_null:
            return []
        if node.kind != "seq":
            if node.kind == "scalar" and not dataclasses.is_dataclass(item_tp):
                # A single value where a list is expected: «types: групповая».
                item = self._value(node, item_tp, path, meta)
                return [] if item is None else [item]
            self._error(
                node.line,
                path,
                f"{meta.label}: ожидается список (каждый элемент "
                f"с новой строки, начиная с «- »), а указан {_KIND_RU[node.kind]}.",
            )
            return []
        result = []
        for index, child in enumerate(node.seq, start=1):
            child_path = f"{path}[{index}]"
            self._lines[child_path] = child.line
            item = self._value(child, item_tp, child_path, meta)
            if item is not None:
                result.append(item)
        return result

    def _dataclass(self, node: YNode, cls: type, path: str, meta: Meta) -> Any:
        if node.kind != "map":
            self._error(
                node.line,
                path,
                f"{meta.label}: ожидается набор полей «ключ: "
                f"значение», а указан {_KIND_RU[node.kind]}.",
            )
            return None
        fields = {fld.name: meta for fld, meta in record_fields(cls)}
        for key in node.items:
            if key not in fields:
                suggestion = difflib.get_close_matches(key[:100], list(fields), n=1)
                hint = f" Возможно, имелось в виду «{suggestion[0]}»." if suggestion else ""
                if node.flow and node.items[key].is_null:
                    hint = (
                        " Похоже, это продолжение предыдущего значения: в фигурных "
                        "скобках {…} запятая разделяет поля. Возьмите значение с "
                        'запятой в кавычки, например title: "приказ, от 01.09.2025".'
                    )
                known = ", ".join(fields)
                self._error(
                    node.line_of(key),
                    _join(path, brief(key, 40)),
                    f"неизвестное поле «{brief(key)}».{hint} Допустимые поля: {known}.",
                )
        kwargs = {}
        type_hints = hints(cls)
        for name, fmeta in fields.items():
            child_path = _join(path, name)
            child = node.items.get(name)
            if child is None:
                value = None
            else:
                self._lines[child_path] = node.line_of(name)
                value = self._value(child, type_hints[name], child_path, fmeta)
            if value is None or value == []:
                if fmeta.required and not self._reported_at(child_path):
                    line = node.line_of(name) if child is not None else node.line
                    self._error(
                        line,
                        child_path,
                        f"не заполнено обязательное поле «{name}» ({fmeta.label}).",
                    )
                continue
            kwargs[name] = value
        return cls(**kwargs)

    def _vocab(
        self, value: str, vocabulary: Vocabulary, line: int, path: str, meta: Meta
    ) -> str | None:
        term = vocabulary.lookup(value)
        if term is None:
            self._error(
                line,
                path,
                f"{meta.label}: значения «{brief(value)}» нет в списке "
                f"«{vocabulary.title}». Допустимо: {vocabulary.allowed()}. Список "
                f"можно дополнить в site_config.yml (vocabularies.{vocabulary.name}).",
            )
            return None
        return term.id

    def _check_range(self, value: float, line: int, path: str, meta: Meta) -> None:
        if meta.minimum is not None and value < meta.minimum:
            self._error(
                line, path, f"{meta.label}: {value} меньше допустимого минимума {meta.minimum:g}."
            )
        if meta.maximum is not None and value > meta.maximum:
            self._error(
                line, path, f"{meta.label}: {value} больше допустимого максимума {meta.maximum:g}."
            )

    def _error(self, line: int, path: str, message: str) -> None:
        self.failed = True
        self._errored_paths.add(path)
        shown = _join(self._prefix, path) if path else (self._prefix or None)
        self.report.error(Location(self.file, line, shown), message, "schema")

    def _reported_at(self, path: str) -> bool:
        return path in self._errored_paths


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _expected(tp: Any) -> str:
    if tp is int:
        return "целое число"
    if tp is float:
        return "число"
    if tp is bool:
        return "да или нет"
    if tp is dt.date:
        return "дата"
    return "текст"
