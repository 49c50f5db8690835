"""The generic publish step of a kind declared ``publish="filed"``
(kinds/base.py): each record's public copy — through the privacy guard like
every published text — with its attachment published under the kind's
folder, in the kind's order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..kinds import Kind
from ..schema.fields import Record
from .files import FileRef, FileRegistry

R = TypeVar("R", bound=Record)


@dataclass
class FiledRecord(Generic[R]):
    """A document-like record with its published file."""

    record: R
    file: FileRef


def file_title(record: Any) -> str:
    """The published file's name and document title: what the record is called."""
    words = [getattr(record, name, None) for name in ("title", "name", "number", "partner")]
    return " ".join(str(w) for w in words if w) or "fail"


def publish_filed(
    kind: Kind, records: Sequence[R], pub: Callable[[R], R], files: FileRegistry
) -> list[FiledRecord[R]]:
    public = [pub(r) for r in records]
    for name in reversed(kind.order):  # stable sorts: the first field decides
        public.sort(key=_by(name.lstrip("-")), reverse=name.startswith("-"))
    return [
        FiledRecord(r, files.add(getattr(r, "file", None), file_title(r), kind.files_folder))
        for r in public
    ]


def _by(field: str) -> Callable[[Any], tuple[int, Any]]:
    return lambda record: _sortable(getattr(record, field, None))


def _sortable(value: Any) -> tuple[int, Any]:
    """A missing value sorts as the smallest one."""
    if value is None:
        return (0, "")
    if isinstance(value, dt.date):
        return (1, value.toordinal())
    return (1, str(value).lower() if isinstance(value, str) else value)
