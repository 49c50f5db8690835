"""Metadata of attached files: what they say about who made them, and a copy
without it.

``read_metadata`` gives every metadata value of a file, for the personal-data
check (privacy/attachments.py before the build, audit/audit_data.py after
it); ``clean`` gives the bytes to publish. The formats live in their own
modules: ``meta_pdf`` (PDF), ``meta_office`` (DOCX, XLSX, PPTX, ODT, ODS,
ODP), ``meta_image`` (JPEG, PNG, GIF, WebP, SVG), ``meta_rtf`` (RTF). Other
files (TXT, CSV, ZIP, DOC/XLS/PPT, audio and video) are published as they are.

A signed file is published as it is: an electronic signature inside the
file (PDF /ByteRange, OOXML ``_xmlsignatures``, ODF
``documentsignatures.xml``) or next to it (``X.pdf.sig``, ``X.sig``,
``X.p7s``) covers every byte, and a school's documents are signed by law.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import meta_image, meta_office, meta_pdf, meta_rtf
from .metafields import MetaField, Unreadable

__all__ = ["MetaField", "Metadata", "Unreadable", "can_clean", "clean", "read_metadata"]

_IMAGES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp"}
SUFFIXES = {".pdf", ".svg", ".rtf", *_IMAGES, *meta_office.ZIP_SUFFIXES}
_DETACHED = (".sig", ".p7s")


@dataclass(frozen=True)
class Metadata:
    fields: list[MetaField] = field(default_factory=list)
    signed: str | None = (
        None  # why the file is published unchanged: «подписан электронной подписью»
    )

    @property
    def personal(self) -> list[MetaField]:
        return [f for f in self.fields if f.personal]


def can_clean(path: Path | str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def read_metadata(path: Path, data: bytes | None = None) -> Metadata:
    """Every metadata value of the file; raises ``Unreadable``."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return Metadata()
    if data is None:
        data = _read(path)
    return Metadata(_fields(data, suffix), signature(path, data))


def _fields(data: bytes, suffix: str) -> list[MetaField]:
    if suffix == ".pdf":
        return meta_pdf.fields(data)
    if suffix in meta_office.ZIP_SUFFIXES:
        return meta_office.fields(data, suffix)
    if suffix == ".svg":
        return meta_image.svg_fields(data)
    if suffix == ".rtf":
        return meta_rtf.fields(data)
    return getattr(meta_image, _IMAGES[suffix] + "_fields")(data)


def signature(path: Path, data: bytes) -> str | None:
    """How the file is signed, if it is (in Russian), else None."""
    suffix = path.suffix.lower()
    if suffix == ".pdf" and meta_pdf.is_signed(data):
        return "подписан электронной подписью"
    if suffix in meta_office.ZIP_SUFFIXES:
        try:
            if meta_office.is_signed(data):
                return "подписан электронной подписью"
        except Unreadable:
            return None
    for name in (path.name, path.stem):
        for ending in _DETACHED:
            detached = path.with_name(name + ending)
            if detached.is_file():
                return f"подписан: рядом лежит его подпись «{detached.name}»"
    return None


def clean(path: Path, data: bytes, title: str | None = None) -> bytes:
    """The bytes to publish: ``data`` without metadata, the title of the
    record (``title``) in place of the document's own where the format has
    one. A signed file and a file of another kind come back unchanged;
    a file that cannot be read raises ``Unreadable``."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES or signature(path, data):
        return data
    if suffix == ".pdf":
        return meta_pdf.clean(data, title)
    if suffix in meta_office.ZIP_SUFFIXES:
        return meta_office.clean(data, suffix, title)
    if suffix == ".svg":
        return meta_image.clean_svg(data)
    if suffix == ".rtf":
        return meta_rtf.clean(data)
    return getattr(meta_image, "clean_" + _IMAGES[suffix])(data)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"файл не читается: {exc.strerror or exc}") from exc
