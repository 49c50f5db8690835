"""Can a screen reader read an attached PDF: is it tagged, is there text at all?

Постановление Правительства РФ № 102 of 07.02.2026 wants published documents
readable by assistive software and «размечены» (tagged). A tagged PDF has a
structure tree (``/StructTreeRoot`` in its catalog) and says its content is
marked (``/MarkInfo << /Marked true >>``); Word and LibreOffice write both
when asked for a PDF «с тегами». Only the trailer and the catalog are read
(pypdf parses the cross-reference table and resolves what it is asked for),
never a page's content. An untagged file is looked at a little further — the
resources of its first pages — to tell a scan (pages that are images, no
font anywhere) from a text document saved without tags.

The rules of records (``rules/common.py``, with the record and field), the
public model (``publish/files.py``: the accessibility statement lists such
files) and the audit of a built site (``audit/audit.py``) ask this module;
the first two share a cache by the file's path, size and time, the audit
keeps what it found with the file's other findings (``audit/audit_cache.py``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

FIRST_PAGES = 3  # looked at for fonts when the catalog says «untagged»
STRUCTURE = "/StructTreeRoot"
MARKED = "/MarkInfo /Marked true"


@dataclass(frozen=True)
class PdfTags:
    missing: tuple[str, ...]  # what the catalog lacks: STRUCTURE, MARKED
    scan: bool = False  # untagged, and its first pages are images with no font

    @property
    def tagged(self) -> bool:
        return not self.missing

    @property
    def problem(self) -> str:
        """What a reader of the file meets, in Russian, to follow «PDF «…» »
        or «документ » («» when tagged)."""
        if self.tagged:
            return ""
        if self.scan:
            return (
                "— скан без текстового слоя и тегов: его страницы — изображения, "
                "программа чтения с экрана их не прочтёт"
            )
        lacks = " и ".join(
            {STRUCTURE: "структуры тегов /StructTreeRoot", MARKED: "отметки /MarkInfo"}[m]
            for m in self.missing
        )
        return (
            f"не размечен (нет {lacks}): программа чтения с экрана не различит в нём "
            "заголовки, списки и таблицы"
        )


# How to make a tagged copy: the same advice wherever the problem is reported.
ADVICE = (
    "сохраните документ из Word («Сохранить как» → PDF → «Параметры» → «Теги "
    "структуры документа для улучшения восприятия») или LibreOffice («Экспорт в PDF» "
    "→ «PDF с тегами»); размеченных документов требует постановление Правительства РФ "
    "от 07.02.2026 № 102"
)


def pdf_tags(path: Path) -> PdfTags | None:
    """``path``'s tags, or None when the file cannot be read as a PDF (damaged,
    encrypted: the privacy check of attachments says so already). Cached by
    the path, size and time: the rules and the public model ask for the same
    files in one build."""
    try:
        info = path.stat()
    except OSError:
        return None
    return _cached(str(path), info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _cached(path: str, size: int, mtime: int) -> PdfTags | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return pdf_tags_of(data)


def pdf_tags_of(data: bytes) -> PdfTags | None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            return None
        catalog = _resolved(reader.trailer.get("/Root"))
        if not hasattr(catalog, "get"):
            return None
        missing = []
        if catalog.get(STRUCTURE) is None:
            missing.append(STRUCTURE)
        mark_info = _resolved(catalog.get("/MarkInfo"))
        marked = mark_info.get("/Marked") if hasattr(mark_info, "get") else None
        if getattr(marked, "value", marked) is not True:  # pypdf's BooleanObject
            missing.append(MARKED)
        return PdfTags(tuple(missing), scan=bool(missing) and _is_scan(reader))
    except Exception:  # pypdf raises many kinds of errors on broken files
        return None


def _resolved(value: Any) -> Any:
    """The object behind a reference (pypdf types its values as wide unions)."""
    return value.get_object() if value is not None else None


def _is_scan(reader) -> bool:
    """Its first pages show images and use no font: a scan without a text layer
    (a scan with recognised text has a font for the invisible text)."""
    images = False
    for number, page in enumerate(reader.pages):
        if number == FIRST_PAGES:
            break
        fonts, pictures = _resources(page.get("/Resources"), depth=2)
        if fonts:
            return False
        images |= pictures
    return images


def _resources(resources, depth: int) -> tuple[bool, bool]:
    """(a font, an image) in a resource dictionary and the forms it draws."""
    resources = _resolved(resources)
    if not hasattr(resources, "get"):
        return False, False
    fonts = _resolved(resources.get("/Font"))
    if fonts:
        return True, False
    xobjects = _resolved(resources.get("/XObject"))
    images = False
    for ref in xobjects.values() if hasattr(xobjects, "values") else ():
        xobject = _resolved(ref)
        subtype = xobject.get("/Subtype") if hasattr(xobject, "get") else None
        if subtype == "/Image":
            images = True
        elif subtype == "/Form" and depth > 0:
            font, image = _resources(xobject.get("/Resources"), depth - 1)
            if font:
                return True, False
            images |= image
    return False, images
