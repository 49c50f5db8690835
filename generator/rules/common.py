"""Checks that apply to a type of value wherever it occurs in any record:
links (V1–V19), attached files (inside content/, safe types, size) and
references between records."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..diagnostics import Location, Report
from ..schema.fields import Attachment, Record, SiteUrl, Url
from ..schema.links import check_url
from ..schema.records import Image
from ..schema.walk import walk
from .files import resolve_attachment

REF_TITLES = {
    "mentor": "наставника",
    "program": "программы",
    "contest": "конкурса",
    "org": "организации в реестре",
}


def location(record: Record, path: str | None) -> Location:
    src = record.src
    if src is None:
        return Location("", None, path)
    return Location(src.file, src.line_of(path) if path else src.line, src.field_path(path))


def check_fields(records: Iterable[Record], content_root: Path, limits, report: Report) -> None:
    max_bytes = int(limits.max_attachment_mb * 1_048_576)
    for record in records:
        for leaf in walk(record):
            if leaf.type in (Url, SiteUrl):
                for problem in check_url(leaf.value, leaf.type):
                    emit = report.error if problem.severity == "error" else report.warning
                    emit(
                        location(record, leaf.path),
                        f"{leaf.meta.label}: {problem.message}",
                        problem.code,
                    )
            elif leaf.type is Attachment:
                _, file_problem = resolve_attachment(
                    content_root, leaf.value, max_bytes, image=_is_image_path(record, leaf.path)
                )
                if file_problem:
                    report.error(
                        location(record, leaf.path), f"{leaf.meta.label}: {file_problem}", "file"
                    )


def check_references(records: Iterable[Record], ids: dict[str, set[str]], report: Report) -> None:
    for record in records:
        for leaf in walk(record):
            kind = leaf.meta.ref
            if not kind or kind not in ids or leaf.value in ids[kind]:
                continue
            known = ", ".join(sorted(ids[kind])[:15]) or "нет ни одной записи"
            report.error(
                location(record, leaf.path),
                f"{leaf.meta.label}: нет "
                f"{REF_TITLES.get(kind, kind)} с идентификатором «{leaf.value}». "
                f"Известные: {known}.",
                "ref",
            )


def _is_image_path(record: Record, path: str) -> bool:
    """Is the attachment at ``path`` the ``file`` of an ``Image``?"""
    if not path.endswith(".file"):
        return False
    obj: object = record
    for part in path.split(".")[:-1]:
        name, _, index = part.partition("[")
        obj = getattr(obj, name, None)
        if index and isinstance(obj, list):  # a path from ``walk``: «materials[2].file»
            obj = obj[int(index.rstrip("]")) - 1]
    return isinstance(obj, Image)
