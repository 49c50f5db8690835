"""What ``--verbose`` tells about each stage, in Russian."""

from __future__ import annotations

from .load.content import SCHOOL_KINDS, OrgContent


def content_counts(content: OrgContent) -> str:
    """«записей: база наставников — 8, программы — 8, …» for the kinds present."""
    parts = []
    for spec in SCHOOL_KINDS:
        value = getattr(content, spec.name)
        count = len(value) if isinstance(value, list) else int(value is not None)
        parts.append(f"{spec.title} — {count}")
    return "записей: " + ", ".join(parts)


def output_counts(pages: int, files: int, generated: int) -> str:
    return (f"страниц: {pages}, файлов-вложений: {files}, файлов открытых данных "
            f"(data/): {generated}")
