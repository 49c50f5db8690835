"""Checks that apply to a type of value wherever it occurs in any record:
links (V1–V19), attached files (inside content/, safe types, size; a PDF a
screen reader cannot read) and references between records."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..diagnostics import Location, Report
from ..schema.fields import Attachment, Record, SiteUrl, Url
from ..schema.links import check_url
from ..schema.records import Image
from ..schema.walk import walk
from ..util.pdftags import ADVICE, pdf_tags
from .files import resolve_attachment

A11Y = "a11y"  # accessibility to people with impaired sight: warnings only

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
    seen: set[Path] = set()  # a file attached to two records is looked at once
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
                path, file_problem = resolve_attachment(
                    content_root, leaf.value, max_bytes, image=_is_image_path(record, leaf.path)
                )
                if file_problem:
                    report.error(
                        location(record, leaf.path), f"{leaf.meta.label}: {file_problem}", "file"
                    )
                elif path is not None and path not in seen:
                    seen.add(path)
                    _check_accessible(path, leaf.value, location(record, leaf.path), report)


def _check_accessible(path: Path, shown: str, where: Location, report: Report) -> None:
    """A PDF a screen reader cannot read (not tagged, or a scan): a warning —
    the school still publishes it, and the accessibility statement lists it
    (render/accessibility.py). The built site's copy is not reported again
    (audit/audit.py)."""
    if path.suffix.lower() != ".pdf":
        return
    tags = pdf_tags(path)
    if tags is not None and not tags.tagged:
        report.warning(
            where,
            f"PDF «{shown}» {tags.problem}. Чтобы это исправить, {ADVICE}. Пока файл "
            "публикуется как есть и назван на странице «Сведения о доступности».",
            A11Y,
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
