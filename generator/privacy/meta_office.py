"""Metadata of Office Open XML (DOCX, XLSX, PPTX) and OpenDocument (ODT,
ODS, ODP) files: ZIP archives of XML parts.

Who wrote a document is kept apart from its text: ``docProps/core.xml``
(dc:creator, cp:lastModifiedBy), ``docProps/app.xml`` (Company, Manager,
the template's path), ``docProps/custom.xml``, ODF ``meta.xml``
(initial-creator, creator, printed-by, user-defined fields); and inside
the parts: the author and initials of every comment and tracked change
(``w:author``), the people list with their accounts (``word/people.xml``,
``xl/persons``), the folder the workbook was saved in (``x15ac:absPath``),
links to the template on the author's disk (``C:\\Users\\…\\Normal.dotm``)
and photos with their own EXIF in ``word/media``.

The clean copy keeps every part, in the same order, so Word, Excel and
LibreOffice open it as before: the properties are rewritten to hold only
the title of the record and document statistics, author attributes are
emptied, local paths are cut to the file name and images are cleaned by
``meta_image``. Members are written with a fixed time and no extra fields,
so the same input gives the same bytes.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from html import escape
from io import BytesIO

from . import meta_image
from .metafields import MetaField, Unreadable, looks_like_local_path, xml_fields

MAX_MEMBERS = 10_000
MAX_PART = 20 * 1_048_576  # one XML part read or rewritten
MAX_TOTAL = 512 * 1_048_576  # everything unpacked
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_SUFFIXES = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}
_IMAGE_SUFFIXES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp"}
_SIGNATURES = ("_xmlsignatures/", "META-INF/documentsignatures.xml")

# docProps/app.xml: statistics and the program, nothing about people or disks.
_APP_KEPT = (
    "Application", "AppVersion", "DocSecurity", "ScaleCrop", "LinksUpToDate", "SharedDoc",
    "HyperlinksChanged", "TotalTime", "Pages", "Words", "Characters", "CharactersWithSpaces",
    "Lines", "Paragraphs", "Slides", "Notes", "HiddenSlides", "MMClips", "PresentationFormat",
)  # fmt: skip
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{title}</cp:coreProperties>'
)
_CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)


def _attributes(names: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The pattern of these attributes with their values, and the names: one
    of them is in any text the pattern matches (a quick test first)."""
    alternatives = "|".join(names)
    return re.compile(rf"(\s(?:[\w.-]+:)?(?:{alternatives})\s*=\s*)(\"[^\"<]*\"|'[^'<]*')"), names


# Parts whose attributes may name a person or a path. The document of a long
# DOCX is megabytes of attributes, and a pattern tries each of them.
_BY_ATTRIBUTE: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {
    "word": _attributes(("author", "initials", "userId", "providerId")),
    "xl-persons": _attributes(("displayName", "userId", "providerId")),
    "ppt-authors": _attributes(("name", "initials", "userId", "providerId")),
    "xl-workbook": (
        re.compile(r"(<(?:[\w.-]+:)?absPath\b[^>]*?\surl\s*=\s*)(\"[^\"<]*\"|'[^'<]*')"),
        ("absPath",),
    ),
}
_ELEMENT_AUTHOR = re.compile(
    r"(<((?:[\w.-]+:)?(?:author|creator|creator-initials))>)([^<]*)(</\2>)"
)
_RELATIONSHIP = re.compile(r"<(?:[\w.-]+:)?Relationship\b[^>]*>")
_TARGET = re.compile(r"(\sTarget\s*=\s*)(\"[^\"<]*\"|'[^'<]*')")


def _kind(name: str, odf: bool) -> str | None:
    """Which rule applies to an archive member."""
    lowered = name.lower()
    for suffix in _IMAGE_SUFFIXES:
        if lowered.endswith(suffix):
            return "image"
    if odf:
        return {
            "meta.xml": "odf-meta",
            "content.xml": "odf-content",
            "styles.xml": "odf-content",
        }.get(name)
    if name == "docProps/core.xml":
        return "core"
    if name == "docProps/app.xml":
        return "app"
    if name == "docProps/custom.xml":
        return "custom"
    if name.endswith(".rels"):
        return "rels"
    if name.startswith("word/") and name.endswith(".xml"):
        return "word"
    if re.fullmatch(r"xl/comments[^/]*\.xml|xl/comments/[^/]+\.xml", name):
        return "xl-comments"
    if name.startswith("xl/persons/") and name.endswith(".xml"):
        return "xl-persons"
    if name == "xl/workbook.xml":
        return "xl-workbook"
    if name in ("ppt/commentAuthors.xml", "ppt/authors.xml"):
        return "ppt-authors"
    return None


def _open(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise Unreadable(f"файл повреждён или зашифрован ({type(exc).__name__})") from exc
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_TOTAL:
        raise Unreadable("документ слишком велик для проверки")
    return archive, members


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return archive.read(info)
    except (
        zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError,
        RuntimeError,  # an encrypted member
    ) as exc:  # fmt: skip
        raise Unreadable(f"файл повреждён ({type(exc).__name__})") from exc


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    return data.decode("utf-8", errors="replace"), "utf-8"


def is_signed(data: bytes) -> bool:
    """An electronic signature inside the package: changing any part breaks it."""
    archive, members = _open(data)
    return any(m.filename.startswith(_SIGNATURES) for m in members)


# -- reading ---------------------------------------------------------------------------
def fields(data: bytes, suffix: str) -> list[MetaField]:
    archive, members = _open(data)
    odf = suffix.startswith(".od")
    found: list[MetaField] = []
    for info in members:
        kind = _kind(info.filename, odf)
        if kind is None or info.file_size > MAX_PART:
            continue
        raw = _read(archive, info)
        if kind == "image":
            found += _image_fields(info.filename, raw)
            continue
        text, _ = _decode(raw)
        found += _part_fields(kind, info.filename, text)
    return found


def _image_fields(name: str, raw: bytes) -> list[MetaField]:
    reader = getattr(meta_image, _IMAGE_SUFFIXES[_suffix(name)] + "_fields")
    try:
        items = reader(raw)
    except Unreadable:
        return []
    return [MetaField(f"{f.label}, изображение {name}", f.value, f.personal) for f in items]


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower()


def _part_fields(kind: str, name: str, text: str) -> list[MetaField]:
    if kind in ("core", "app", "custom", "odf-meta"):
        items = xml_fields(text, "свойства документа")
        return [
            MetaField(f"путь к файлу на компьютере ({f.label})", f.value, True)
            if looks_like_local_path(f.value)
            else f
            for f in items
        ]
    where = f"часть {name}"
    if kind == "rels":
        return [
            MetaField(f"путь к файлу на компьютере ({where})", target, True)
            for target in _local_targets(text)
        ]
    pattern, needs = _BY_ATTRIBUTE.get(kind, (None, ()))
    values: list[str] = []
    if pattern is not None and any(name in text for name in needs):
        values = [m.group(2)[1:-1] for m in pattern.finditer(text)]
    if kind in ("xl-comments", "odf-content"):
        values = [m.group(3) for m in _ELEMENT_AUTHOR.finditer(text)]
    label = "путь к файлу на компьютере" if kind == "xl-workbook" else "автор примечания или правки"
    return [
        MetaField(f"{label} ({where})", value, True)
        for value in dict.fromkeys(" ".join(v.split()) for v in values)
        if value
    ]


def _local_targets(text: str) -> list[str]:
    targets = []
    for relationship in _RELATIONSHIP.findall(text):
        match = _TARGET.search(relationship)
        if match and looks_like_local_path(match.group(2)[1:-1]):
            targets.append(match.group(2)[1:-1])
    return targets


# -- cleaning --------------------------------------------------------------------------
def clean(data: bytes, suffix: str, title: str | None) -> bytes:
    archive, members = _open(data)
    odf = suffix.startswith(".od")
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in members:
            if info.is_dir():
                continue
            kind = _kind(info.filename, odf)
            raw = _read(archive, info)
            if kind is not None and info.file_size <= MAX_PART:
                raw = _clean_part(kind, info.filename, raw, title)
            member = zipfile.ZipInfo(info.filename, FIXED_TIME)
            member.compress_type = (
                zipfile.ZIP_STORED
                if info.compress_type == zipfile.ZIP_STORED
                else zipfile.ZIP_DEFLATED
            )
            member.create_system = 0
            member.external_attr = 0
            target.writestr(member, raw)
    return out.getvalue()


def _clean_part(kind: str, name: str, raw: bytes, title: str | None) -> bytes:
    if kind == "image":
        cleaner: Callable[[bytes], bytes] = getattr(
            meta_image, "clean_" + _IMAGE_SUFFIXES[_suffix(name)]
        )
        try:
            return cleaner(raw)
        except Unreadable:
            return raw  # a broken picture inside: Word shows a placeholder either way
    text, encoding = _decode(raw)
    heading = f"<dc:title>{escape(title, quote=False)}</dc:title>" if title else ""
    if kind == "core":
        text = _CORE.format(title=heading)
    elif kind == "custom":
        text = _CUSTOM
    elif kind == "app":
        text = _app(text)
    elif kind == "odf-meta":
        text = _odf_meta(text, title)
    elif kind == "rels":
        text = _RELATIONSHIP.sub(_relationship, text)
    elif kind in _BY_ATTRIBUTE:
        pattern, needs = _BY_ATTRIBUTE[kind]
        if any(name in text for name in needs):
            text = pattern.sub(r'\1""', text)
    elif kind in ("xl-comments", "odf-content"):
        text = _ELEMENT_AUTHOR.sub(r"\1\4", text)
    if encoding == "utf-16":
        return text.encode("utf-16")
    return text.encode("utf-8")


def _app(text: str) -> str:
    root = re.search(r"<((?:[\w.-]+:)?)Properties\b[^>]*?>", text)
    if root is None or root.group(0).endswith("/>"):
        return text
    prefix = re.escape(root.group(1))
    kept = [
        match.group(0)
        for match in re.finditer(rf"<{prefix}([\w.-]+)>[^<]*</{prefix}\1>", text)
        if match.group(1) in _APP_KEPT
    ]
    head = text[: root.start()] if text.startswith("<?xml") else ""
    return f"{head}{root.group(0)}{''.join(kept)}</{root.group(1)}Properties>"


def _odf_meta(text: str, title: str | None) -> str:
    dc = re.search(r"xmlns:([\w.-]+)\s*=\s*[\"']http://purl\.org/dc/elements/1\.1/[\"']", text)
    heading = (
        f"<{dc.group(1)}:title>{escape(title, quote=False)}</{dc.group(1)}:title>"
        if title and dc
        else ""
    )
    meta = re.search(r"<([\w.-]+:)meta(\s[^>]*)?>.*</\1meta\s*>", text, re.S)
    if meta is None:
        return text
    prefix = meta.group(1)
    return text[: meta.start()] + f"<{prefix}meta>{heading}</{prefix}meta>" + text[meta.end() :]


def _relationship(match: re.Match[str]) -> str:
    relationship = match.group(0)
    target = _TARGET.search(relationship)
    if target is None or not looks_like_local_path(target.group(2)[1:-1]):
        return relationship
    quote = target.group(2)[0]
    name = re.split(r"[\\/]", target.group(2)[1:-1])[-1]
    return relationship[: target.start(2)] + quote + name + quote + relationship[target.end(2) :]
