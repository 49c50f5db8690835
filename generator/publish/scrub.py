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
from ..schema.fields import Attachment, Record, SiteUrl, Url, meta_of
from ..schema.walk import _scalar_type

T = TypeVar("T")


def public_copy(obj: T, guard: PersonalDataGuard, record: Record, path: str = "",
                trusted: tuple[type, ...] = ()) -> T:
    """Copy ``obj`` for publication. Subtrees of ``trusted`` types (officials,
    whose names are public by law) are copied without the name scan."""
    if not dataclasses.is_dataclass(obj):
        return obj
    scan = not isinstance(obj, trusted)
    changes: dict[str, Any] = {}
    type_hints = hints(type(obj))
    for fld in record_fields(type(obj)):
        meta = meta_of(fld)
        value = getattr(obj, fld.name)
        child = f"{path}.{fld.name}" if path else fld.name
        if meta.internal:
            changes[fld.name] = fld.default if fld.default is not dataclasses.MISSING else None
            continue
        tp = _scalar_type(type_hints[fld.name])
        changes[fld.name] = _copy_value(value, tp, guard, record, child, scan, trusted)
    return dataclasses.replace(obj, **changes)


def _copy_value(value: Any, tp: Any, guard: PersonalDataGuard, record: Record, path: str,
                scan: bool, trusted: tuple[type, ...]) -> Any:
    if isinstance(value, list):
        return [
            item for item in (
                _copy_value(v, tp, guard, record, f"{path}[{i}]", scan, trusted)
                for i, v in enumerate(value, start=1)
            ) if item is not None
        ]
    if dataclasses.is_dataclass(value):
        return public_copy(value, guard, record, path, trusted)
    if not isinstance(value, str) or not scan:
        return value
    if tp is Attachment:
        # Published under a name made from metadata; the original name and
        # the text inside are checked for personal data.
        return guard.attachment(value, record, path)
    if tp in (Url, SiteUrl):
        return guard.link(value, record, path)
    return guard.text(value, record, path)
