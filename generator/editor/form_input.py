"""Submitted form pairs → plain values for the document layer (``editor/forms.py``
names the fields: «title», «period.start», «activities[2].date»)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..schema.fields import Markdown
from ..schema.values import ValueProblem, parse_bool, parse_date, parse_decimal, parse_int
from .forms import DELETE_MARK, NAME_PART, fields_of, is_record, shape


@dataclass
class _Node:
    values: list[str] = field(default_factory=list)
    fields: dict[str, _Node] = field(default_factory=dict)
    items: dict[int, _Node] = field(default_factory=dict)  # in submitted order


def _tree(pairs: Iterable[tuple[str, str]]) -> _Node:
    root = _Node()
    for name, value in pairs:
        node = root
        parts = name.split(".")
        matches = [NAME_PART.match(part) for part in parts]
        if not all(matches):
            continue  # not a field of ours (a button, the token)
        for match in matches:
            assert match is not None
            node = node.fields.setdefault(match[1], _Node())
            if match[2] is not None:
                node = node.items.setdefault(int(match[2]), _Node())
        node.values.append(value)
    return root


def parse_form(pairs: list[tuple[str, str]], cls: type) -> dict:
    """Submitted (name, value) pairs → the record's plain values.

    Every field of ``cls`` is in the result: an empty text is None, an
    unticked checkbox False, an empty list [], a group with nothing filled
    None. Numbers become ``int`` when they read as one and stay text when
    not (the validator reports them); dates read as dates are written
    ДД.ММ.ГГГГ, others stay as typed («сентябрь 2025»); «lines» are split
    by line; list items are renumbered in submitted order, and an item with
    nothing filled in (the blank one) or ticked «Удалить» is left out. When
    a name comes twice for one value, the last wins: append
    ``(field, stored path)`` for an uploaded file."""
    return _record(cls, _tree(pairs), top=True)


def _record(cls: type, node: _Node, top: bool = False) -> dict:
    result: dict[str, Any] = {}
    for fld, _meta, tp in fields_of(cls, top):
        child = node.fields.get(fld.name, _Node())
        base, is_list, _ = shape(tp)
        if is_record(base) and is_list:
            items = []
            for item in child.items.values():
                if any(_truth_text(v) for v in item.fields.get(DELETE_MARK, _Node()).values):
                    continue
                values = _record(base, item)
                if not _empty(values):
                    items.append(values)
            result[fld.name] = items
        elif is_record(base):
            values = _record(base, child)
            result[fld.name] = None if _empty(values) else values
        elif is_list:
            result[fld.name] = [
                line.strip()
                for raw in child.values
                for line in _newlines(raw).split("\n")
                if line.strip()
            ]
        else:
            result[fld.name] = _scalar(child.values, base)
    return result


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _truth_text(text: str) -> bool:
    try:
        return parse_bool(text)
    except ValueProblem:
        return False


def _scalar(raw: list[str], base: Any) -> Any:
    if base is bool:
        return any(_truth_text(v) for v in raw)
    text = _newlines(raw[-1]) if raw else ""
    if base is Markdown:
        return text if text.strip() else None
    text = text.strip()
    if not text:
        return None
    try:
        if base is int:
            return parse_int(text)
        if base is float:
            return float(parse_decimal(text))
        if base is dt.date:
            return parse_date(text).strftime("%d.%m.%Y")
    except ValueProblem:
        return text
    return text


def _empty(value: Any) -> bool:
    if value is None or value is False or value == []:
        return True
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return False
