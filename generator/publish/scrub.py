"""Public copies of records.

A public copy keeps the record's shape (templates read the same fields)
but internal fields are emptied and every text passes the personal-data
guard. Templates only ever receive public copies, so a field that is not
meant for the site cannot be printed by mistake.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from ..privacy.guard import PersonalDataGuard
from ..schema.coerce import hints, record_fields
from ..schema.fields import Attachment, Record, SiteUrl, Url
from ..schema.walk import _scalar_type
from .files import WITHHELD

T = TypeVar("T")


def public_copy(
    obj: T, guard: PersonalDataGuard, record: Record, path: str = "", trusted: tuple[type, ...] = ()
) -> T:
    """Copy ``obj`` for publication. The ``full_name`` of ``trusted`` types
    (officials, whose names are public by law) is copied without the scan;
    their other fields (position, phone, order) are checked like any text —
    the official's own phone and e-mail are allowed contacts."""
    # ``is_dataclass`` is true for a dataclass class as well; only instances are copied.
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return obj
    official = isinstance(obj, trusted)
    changes: dict[str, Any] = {}
    type_hints = hints(type(obj))
    for fld, meta in record_fields(type(obj)):
        value = getattr(obj, fld.name)
        child = f"{path}.{fld.name}" if path else fld.name
        if meta.internal:
            changes[fld.name] = fld.default if fld.default is not dataclasses.MISSING else None
            continue
        tp = _scalar_type(type_hints[fld.name])
        # A reference (``mentor: petrova-nv``) is an identifier, not text: the
        # publish step decides what it becomes (a card with consent, or nothing).
        scan = not (official and fld.name == "full_name") and not meta.ref
        changes[fld.name] = _copy_value(value, tp, guard, record, child, scan, trusted)
    return dataclasses.replace(obj, **changes)


def _copy_value(
    value: Any,
    tp: Any,
    guard: PersonalDataGuard,
    record: Record,
    path: str,
    scan: bool,
    trusted: tuple[type, ...],
) -> Any:
    if isinstance(value, list):
        return [
            item
            for item in (
                _copy_value(v, tp, guard, record, f"{path}[{i}]", scan, trusted)
                for i, v in enumerate(value, start=1)
            )
            if item is not None
        ]
    if dataclasses.is_dataclass(value):
        return public_copy(value, guard, record, path, trusted)
    if not isinstance(value, str) or not scan:
        return value
    if tp is Attachment:
        # Published under a name made from metadata; the original name and
        # the text inside are checked for personal data. A refused file stays
        # visible as withheld: the page says so instead of dropping the entry.
        checked = guard.attachment(value, record, path)
        return WITHHELD if checked is None else checked
    if tp in (Url, SiteUrl):
        return guard.link(value, record, path)
    return guard.text(value, record, path)
