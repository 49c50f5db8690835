"""Walk every leaf value of a record together with its declared field.

Rules that apply to a *type* of value wherever it occurs — links, attached
files, references, free text scanned for personal data — use this instead
of knowing each record's layout.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .coerce import hints, record_fields
from .fields import Meta


@dataclass(frozen=True)
class Leaf:
    path: str
    value: Any
    meta: Meta
    type: Any  # the declared scalar type (NewTypes kept: Url, Markdown, …)


def _scalar_type(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is list:
        return _scalar_type(typing.get_args(tp)[0])
    if origin is not None:  # Optional[X] / X | None / date | str
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return options[0] if len(options) == 1 else str
    return tp


def walk(obj: Any, path: str = "") -> Iterator[Leaf]:
    # ``is_dataclass`` is true for a dataclass class as well; only instances are walked.
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return
    type_hints = hints(type(obj))
    for fld, meta in record_fields(type(obj)):
        value = getattr(obj, fld.name)
        child = f"{path}.{fld.name}" if path else fld.name
        tp = _scalar_type(type_hints[fld.name])
        if isinstance(value, list):
            for index, item in enumerate(value, start=1):
                item_path = f"{child}[{index}]"
                if dataclasses.is_dataclass(item):
                    yield from walk(item, item_path)
                else:
                    yield Leaf(item_path, item, meta, tp)
        elif dataclasses.is_dataclass(value):
            yield from walk(value, child)
        elif value is not None:
            yield Leaf(child, value, meta, tp)
