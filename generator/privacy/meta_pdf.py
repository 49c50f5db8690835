"""Metadata of PDF files, through pypdf.

A PDF says who made it in the document information dictionary (/Author,
/Title, /Subject, /Keywords, /Creator and any key a program adds) and again
in XMP packets (``/Metadata`` streams, on the catalog and on pages and
images). Comments carry their author (/T of a markup annotation), editors
keep private data (/PieceInfo), and photos placed in the document keep
their EXIF inside the JPEG data.

The clean copy is the same document rewritten by pypdf from its catalog —
pages, text, fonts, links, bookmarks, the structure tree of a tagged PDF
are cloned as they are, compressed streams are not recompressed — without
any of that: the information dictionary holds only the title of the record
(viewers show it in the window when the PDF asks to), XMP is gone unless
the file declared PDF/A or PDF/UA conformance, in which case a packet with
only that declaration and the title stays, so the claim survives. The /ID
is derived from the content, so the same file always gives the same bytes.

A signed PDF (a /ByteRange signature) is never rewritten: the signature
covers every byte.
"""

from __future__ import annotations

import hashlib
import re
from io import BytesIO
from typing import Any

from . import meta_image
from .metafields import MetaField, Unreadable, decode_text, xml_fields

MAX_PAGES = 300  # read for metadata; a hostile file is read in part
_INFO_LABELS = {
    "/Author": ("автор (PDF Author)", True),
    "/Title": ("название (PDF Title)", False),
    "/Subject": ("тема (PDF Subject)", False),
    "/Keywords": ("ключевые слова (PDF Keywords)", False),
    "/Creator": ("программа (PDF Creator)", False),
    "/Producer": ("программа (PDF Producer)", False),
}
_MARKUP = {
    "/Text", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight",
    "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/FileAttachment",
    "/Sound", "/Redact",
}  # fmt: skip
_SIGNATURE = re.compile(rb"/ByteRange\s*\[")


def is_signed(data: bytes) -> bool:
    return _SIGNATURE.search(data) is not None


def _reader(data: bytes):
    from pypdf import PdfReader

    try:
        reader = PdfReader(BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise Unreadable(f"PDF не читается ({type(exc).__name__})") from exc
    if encrypted:
        raise Unreadable("файл зашифрован")
    return reader


# -- reading ---------------------------------------------------------------------------
def fields(data: bytes) -> list[MetaField]:
    reader = _reader(data)
    try:
        return _fields(reader)
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(f"PDF не читается ({type(exc).__name__})") from exc


def _fields(reader) -> list[MetaField]:
    from pypdf.generic import DictionaryObject, StreamObject

    found: list[MetaField] = []
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else None
    if isinstance(info, DictionaryObject):
        for key, value in info.items():
            value = value.get_object()
            if isinstance(value, str) and value.strip():
                label, personal = _INFO_LABELS.get(key, (f"свойство PDF {key}", False))
                found.append(MetaField(label, " ".join(value.split()), personal))
    for obj in _carriers(reader):
        metadata = obj.get("/Metadata")
        if metadata is not None:
            stream = metadata.get_object()
            if isinstance(stream, StreamObject):
                found += xml_fields(decode_text(stream.get_data()), "XMP")
        author = obj.get("/T")
        if obj.get("/Subtype") in _MARKUP and isinstance(author, str) and author.strip():
            found.append(MetaField("автор примечания (PDF /T)", " ".join(author.split()), True))
        if isinstance(obj, StreamObject) and _is_jpeg(obj):
            try:
                found += [
                    MetaField(f"{f.label}, изображение в PDF", f.value, f.personal)
                    for f in meta_image.jpeg_fields(obj._data)
                ]
            except Unreadable:
                pass
    return found


def _carriers(reader):
    """The objects that hold metadata in practice: the catalog, the pages,
    their comments and the images and forms they draw (forms three deep).
    The rest (fonts, the structure tree: thousands of objects in a tagged
    PDF) is left unread; the clean copy loses metadata everywhere anyway."""
    from pypdf.generic import DictionaryObject

    root = reader.trailer["/Root"].get_object()
    yield root
    seen: set[int] = set()
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES:
            return
        yield page
        for annotation in _resolved(page.get("/Annots")):
            if isinstance(annotation, DictionaryObject):
                yield annotation
        todo = [(page.get("/Resources"), 0)]
        while todo:
            resources, depth = todo.pop()
            resources = resources.get_object() if resources is not None else None
            if not isinstance(resources, DictionaryObject) or depth > 3:
                continue
            drawn = resources.get("/XObject")
            drawn = drawn.get_object() if drawn is not None else None
            if not isinstance(drawn, DictionaryObject):
                continue
            for reference in drawn.values():
                key = getattr(reference, "idnum", None)
                if key is not None and key in seen:
                    continue
                if key is not None:
                    seen.add(key)
                item = reference.get_object()
                if isinstance(item, DictionaryObject):
                    yield item
                    if item.get("/Subtype") == "/Form":
                        todo.append((item.get("/Resources"), depth + 1))


def _resolved(value) -> list:
    from pypdf.generic import ArrayObject

    value = value.get_object() if value is not None else None
    return [item.get_object() for item in value] if isinstance(value, ArrayObject) else []


def _is_jpeg(stream) -> bool:
    filters = stream.get("/Filter")
    return stream.get("/Subtype") == "/Image" and (
        filters == "/DCTDecode" or (isinstance(filters, list) and list(filters) == ["/DCTDecode"])
    )


# -- cleaning --------------------------------------------------------------------------
def clean(data: bytes, title: str | None) -> bytes:
    reader = _reader(data)
    try:
        return _clean(reader, data, title)
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(f"PDF не удалось переписать ({type(exc).__name__})") from exc


def _clean(reader, data: bytes, title: str | None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject

    claim = _conformance(reader)
    writer = PdfWriter()
    writer.clone_reader_document_root(reader)  # the catalog and all it holds; no /Info, no /ID
    writer.pdf_header = reader.pdf_header
    for obj in list(writer._objects):
        if obj is not None:
            _strip(obj)
    root = writer._root_object
    if claim:
        root[NameObject("/Metadata")] = writer._add_object(_xmp(claim, title))
    if title:
        writer.add_metadata({"/Title": title})
    _sweep(writer)
    identifier = hashlib.sha256(data + (title or "").encode()).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(identifier), ByteStringObject(identifier)])
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _strip(obj: Any) -> None:
    """Remove metadata from an object and the direct objects inside it."""
    from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

    todo = [obj]
    while todo:
        item = todo.pop()
        if isinstance(item, DictionaryObject):
            for key in ("/Metadata", "/PieceInfo", "/LastModified"):
                item.pop(key, None)
            if item.get("/Subtype") in _MARKUP:
                item.pop("/T", None)
            if isinstance(item, StreamObject) and _is_jpeg(item):
                try:
                    item._data = meta_image.clean_jpeg(item._data)
                except Unreadable:
                    pass  # drawn as before; its bytes are left alone
            todo.extend(item.values())
        elif isinstance(item, ArrayObject):
            todo.extend(item)


def _sweep(writer) -> None:
    """Objects nothing refers to any more (the old XMP streams) are not written."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    objects = writer._objects
    roots = [writer._root_object.indirect_reference]
    if writer._info_obj is not None:
        roots.append(writer._info_obj.indirect_reference)
    keep: set[int] = set()
    todo: list = list(roots)
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in keep or not 0 < item.idnum <= len(objects):
                continue
            keep.add(item.idnum)
            item = objects[item.idnum - 1]
        if isinstance(item, DictionaryObject):
            todo.extend(item.values())
        elif isinstance(item, ArrayObject):
            todo.extend(item)
    for index in range(len(objects)):
        if index + 1 not in keep:
            objects[index] = None


def _conformance(reader) -> dict[str, str]:
    """PDF/A and PDF/UA identification declared in the catalog's XMP."""
    try:
        metadata = reader.trailer["/Root"].get_object().get("/Metadata")
        text = decode_text(metadata.get_object().get_data()) if metadata is not None else ""
    except Exception:  # an unreadable packet declares nothing
        return {}
    claim = {}
    for prefix, name in (("pdfaid", "part"), ("pdfaid", "conformance"), ("pdfuaid", "part")):
        match = re.search(rf"{prefix}:{name}\s*(?:=\s*[\"']|>)\s*([0-9A-Za-z]{{1,2}})", text)
        if match:
            claim[f"{prefix}:{name}"] = match.group(1)
    return claim


_PDFUA_EXTENSION = (
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
    'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
    'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag>'
    '<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>PDF/UA Universal Accessibility Schema'
    "</pdfaSchema:schema><pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/"
    "</pdfaSchema:namespaceURI><pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource"><pdfaProperty:name>part'
    "</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category><pdfaProperty:description>"
    "Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>"
    "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>"
    "</rdf:Description>"
)


def _xmp(claim: dict[str, str], title: str | None):
    """A packet with the conformance declaration and the title only."""
    from html import escape

    from pypdf.generic import DecodedStreamObject, NameObject

    parts = []
    if title:
        parts.append(
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title, quote=False)}'
            "</rdf:li></rdf:Alt></dc:title></rdf:Description>"
        )
    if "pdfaid:part" in claim:
        level = claim.get("pdfaid:conformance")
        parts.append(
            '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
            f"<pdfaid:part>{claim['pdfaid:part']}</pdfaid:part>"
            + (f"<pdfaid:conformance>{level}</pdfaid:conformance>" if level else "")
            + "</rdf:Description>"
        )
    if "pdfuaid:part" in claim:
        parts.append(
            '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
            f"<pdfuaid:part>{claim['pdfuaid:part']}</pdfuaid:part></rdf:Description>"
        )
        if claim.get("pdfaid:part") in ("1", "2", "3"):
            parts.append(_PDFUA_EXTENSION)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        + "".join(parts)
        + '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    stream = DecodedStreamObject()
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    stream.set_data(packet.encode("utf-8"))
    return stream
