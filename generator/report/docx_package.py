"""A Word document's package (DOCX), written from a template and the body's XML.

python-docx makes the template once per process (``word.py``: page, styles,
settings); every document shares its parts — styles, fonts, theme,
numbering, footer — compressed once. A document adds its body, the
relationships of its links and charts, and its properties: the title,
subject and language; no author, no template, no dates. Opening the
template with python-docx for each document, then serializing and
compressing its every part again, took half the time of a portal's
«Весь раздел» documents.

The archive is written here, member by member, at a fixed time and with
fixed attributes, so the same document gives the same bytes on any system.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1  # FIXED_TIME as ZIP stores it
LEVEL = 6
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>"
    "<dc:language>{language}</dc:language></cp:coreProperties>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>nastav</Application></Properties>'
)
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
TYPES, DOCUMENT, DOCUMENT_RELS = (
    "[Content_Types].xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
)
CORE, APP, SETTINGS = "docProps/core.xml", "docProps/app.xml", "word/settings.xml"


@dataclass(frozen=True)
class Template:
    """What every document takes from the template's package."""

    order: tuple[str, ...]  # its members, in the order python-docx wrote them
    shared: Mapping[str, _Member]  # the parts every document has as they are
    document: tuple[str, str]  # document.xml before and from its page setup (``w:sectPr``)
    relationships: str  # document.xml.rels without its end tag
    types: str  # [Content_Types].xml without its end tag
    settings: tuple[bytes, bytes]  # settings.xml as it is, and asking Word to update fields


def template_of(package: bytes, settings_updating: bytes) -> Template:
    """The template from the package python-docx saved; ``settings_updating``:
    its settings.xml asking Word to update the fields on opening."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = parts[DOCUMENT].decode("utf-8")
    cut = document.rindex("<w:sectPr")  # the body goes last before the page setup
    variable = {TYPES, DOCUMENT, DOCUMENT_RELS, CORE, APP, SETTINGS}
    return Template(
        order=tuple(parts),
        shared={name: _Member.of(data) for name, data in parts.items() if name not in variable},
        document=(document[:cut], document[cut:]),
        relationships=_without_end(parts[DOCUMENT_RELS], "</Relationships>"),
        types=_without_end(parts[TYPES], "</Types>"),
        settings=(parts[SETTINGS], settings_updating),
    )


def packaged(
    template: Template,
    body: str,
    links: Mapping[str, str],
    charts: Sequence[tuple[str, str, bytes]],
    properties: tuple[str, str, str],
    update_fields: bool,
) -> bytes:
    """The DOCX of a document: ``body`` (the XML of its body's elements),
    ``links`` (address → relationship id), ``charts`` (relationship id,
    member name, XML), ``properties`` (title, subject, language)."""
    title, subject, language = properties
    relationships = [template.relationships]
    for address, r_id in links.items():
        relationships.append(
            f'<Relationship Id="{r_id}" Type="{_RELATIONSHIPS}/hyperlink" '
            f'Target="{escape(address)}" TargetMode="External"/>'
        )
    types = [template.types]
    for r_id, name, _ in charts:
        relationships.append(
            f'<Relationship Id="{r_id}" Type="{_RELATIONSHIPS}/chart" '
            f'Target="{name.removeprefix("word/")}"/>'
        )
        types.append(f'<Override PartName="/{name}" ContentType="{_CHART_TYPE}"/>')
    own = {
        TYPES: "".join(types) + "</Types>",
        DOCUMENT: template.document[0] + body + template.document[1],
        DOCUMENT_RELS: "".join(relationships) + "</Relationships>",
        CORE: _CORE.format(title=escape(title), subject=escape(subject), language=language),
        APP: _APP,
    }
    archive = _Archive()
    for name in template.order:
        if name in own:
            archive.add(name, _Member.of(own[name].encode("utf-8")))
        elif name == SETTINGS:
            archive.add(name, _Member.of(template.settings[update_fields]))
        else:
            archive.add(name, template.shared[name])
    for _, name, xml in charts:
        archive.add(name, _Member.of(xml))
    return archive.close()


def _without_end(xml: bytes, end: str) -> str:
    text = xml.decode("utf-8")
    return text[: text.rindex(end)]


@dataclass(frozen=True)
class _Member:
    """A member's bytes compressed (raw deflate), with what ZIP records of them."""

    data: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, data: bytes) -> _Member:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        return cls(compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


class _Archive:
    """A ZIP archive of deflated members, at ``FIXED_TIME``, with no extra
    fields and no attributes (as APPNOTE 6.3 describes it, version 2.0)."""

    def __init__(self) -> None:
        self.out = io.BytesIO()
        self.directory: list[bytes] = []

    def add(self, name: str, member: _Member) -> None:
        encoded = name.encode("ascii")
        common = struct.pack(
            "<HHHHHIII",
            20,  # version needed: deflate
            0,  # flags
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            member.crc,
            len(member.data),
            member.size,
        )
        offset = self.out.tell()
        self.out.write(struct.pack("<I", 0x04034B50) + common + struct.pack("<HH", len(encoded), 0))
        self.out.write(encoded)
        self.out.write(member.data)
        self.directory.append(
            struct.pack("<IH", 0x02014B50, 20)  # made by: MS-DOS, version 2.0
            + common
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset)
            + encoded
        )

    def close(self) -> bytes:
        start = self.out.tell()
        for entry in self.directory:
            self.out.write(entry)
        size = self.out.tell() - start
        count = len(self.directory)
        self.out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, start, 0))
        return self.out.getvalue()
