"""Small real files that carry metadata, for the tests of cleaning and of the
metadata check: a PDF with /Info and XMP, DOCX/XLSX/ODT with their document
properties, JPEG/PNG/GIF/WebP with EXIF, XMP, IPTC, text chunks and comments.

Each maker takes ``who``: the person written into every field of its kind,
so a test can plant a mentee's name (or an unknown author) everywhere at
once, or into one field (``only``). The metadata is assembled here, byte by
byte and independently of ``generator/privacy``, so the tests do not check
the code with itself.
"""

from __future__ import annotations

import base64
import io
import struct
import zipfile
import zlib
from pathlib import Path

# -- images ----------------------------------------------------------------------------
# A 16×8 baseline JPEG as Chromium encodes a canvas: APP0 JFIF, APP2 ICC profile, tables.
TINY_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAA"
    "AAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPA"
    "AAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAA"
    "AAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIA"
    "AAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAA"
    "AAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQ"
    "YFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoICh"
    "MKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIABADASIAAh"
    "EBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAME/8QAIRAAAQIEBwAAAAAAAAAAAAAAABMxAgQUYRESISIzUYH/xAAVAQEBAA"
    "AAAAAAAAAAAAAAAAAFBv/EACARAAEBCAMAAAAAAAAAAAAAAAEEAAIDERIhQVETIjH/2gAMAwEAAhEDEQA/AMk9U7KW+ZvHKy"
    "qqEK/Jri3dgA6V5tHxF1aV1LxuikzqA7n2xORfWBpv/9k="
)
# 1×1 lossless WebP (the image of the well-known feature test).
TINY_WEBP = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
# 1×1 GIF89a with a global colour table of two colours.
TINY_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
    b"\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b"
)


def exif(who: str, orientation: int = 6) -> bytes:
    """A big-endian TIFF block: IFD0 with Orientation, Artist (UTF-8) and
    XPAuthor (UTF-16LE), and a GPS IFD with a position."""
    artist = who.encode("utf-8") + b"\x00"
    xp_author = who.encode("utf-16-le") + b"\x00\x00"
    entries = 4
    ifd0 = 8
    data_at = ifd0 + 2 + 12 * entries + 4
    artist_at = data_at
    xp_at = artist_at + len(artist)
    gps_at = xp_at + len(xp_author)
    gps_entries = 4
    gps_data = gps_at + 2 + 12 * gps_entries + 4
    out = bytearray(b"MM\x00*" + struct.pack(">I", ifd0))
    out += struct.pack(">H", entries)
    out += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    out += struct.pack(">HHII", 0x013B, 2, len(artist), artist_at)
    out += struct.pack(">HHII", 0x8825, 4, 1, gps_at)
    out += struct.pack(">HHII", 0x9C9D, 1, len(xp_author), xp_at)
    out += b"\x00\x00\x00\x00"
    out += artist + xp_author
    out += struct.pack(">H", gps_entries)
    out += struct.pack(">HH I 1s3x", 1, 2, 2, b"N")
    out += struct.pack(">HHII", 2, 5, 3, gps_data)
    out += struct.pack(">HH I 1s3x", 3, 2, 2, b"E")
    out += struct.pack(">HHII", 4, 5, 3, gps_data + 24)
    out += b"\x00\x00\x00\x00"
    out += struct.pack(">6I", 57, 1, 9, 1, 0, 1) + struct.pack(">6I", 60, 1, 36, 1, 0, 1)
    return bytes(out)


def xmp(who: str) -> bytes:
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator><rdf:Seq><rdf:li>{who}</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def _iptc(who: str) -> bytes:
    value = who.encode("utf-8")
    record = b"\x1c\x01\x5a\x00\x03\x1b%G" + b"\x1c\x02\x50" + struct.pack(">H", len(value)) + value
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    return b"Photoshop 3.0\x00" + resource + (b"\x00" if len(record) % 2 else b"")


def _segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


JPEG_FIELDS = ("exif", "xmp", "iptc", "comment")


def make_jpeg(path: Path, who: str, only: str | None = None, orientation: int = 6) -> Path:
    """The tiny JPEG with ``who`` in EXIF (Artist, XPAuthor), XMP dc:creator,
    IPTC By-line and a COM segment (or in ``only`` one of them), placed
    after APP0 JFIF as cameras and editors place them."""
    parts = {
        "exif": _segment(0xE1, b"Exif\x00\x00" + exif(who, orientation)),
        "xmp": _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp(who)),
        "iptc": _segment(0xED, _iptc(who)),
        "comment": _segment(0xFE, f"Фото: {who}".encode()),
    }
    head = 2 + 2 + struct.unpack(">H", TINY_JPEG[4:6])[0]  # SOI and APP0
    inserted = b"".join(v for k, v in parts.items() if only in (None, k))
    path.write_bytes(TINY_JPEG[:head] + inserted + TINY_JPEG[head:])
    return path


_LOWER = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
         "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
        strict=True,
    )
)  # fmt: skip
_LATIN = str.maketrans({**_LOWER, **{c.upper(): t.capitalize() for c, t in _LOWER.items()}})


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def tiny_png() -> bytes:
    """A 2×2 RGB PNG."""
    rows = b"".join(b"\x00" + bytes([200, 30, 30] * 2) for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + _chunk(b"sRGB", b"\x00")
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


PNG_FIELDS = ("tEXt", "zTXt", "iTXt", "eXIf", "xmp")


def make_png(path: Path, who: str, only: str | None = None) -> Path:
    """A PNG with ``who`` in tEXt Author (transliterated: tEXt is Latin-1),
    zTXt Comment, iTXt Author (UTF-8), eXIf and an XMP iTXt, and a
    tIME chunk — before IDAT, as editors write them."""
    latin = who.translate(_LATIN)
    parts = {
        "tEXt": _chunk(b"tEXt", b"Author\x00" + latin.encode("latin-1")),
        "zTXt": _chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(latin.encode("latin-1"))),
        "iTXt": _chunk(b"iTXt", b"Author\x00\x00\x00ru\x00\x00" + who.encode("utf-8")),
        "eXIf": _chunk(b"eXIf", exif(who)),
        "xmp": _chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + xmp(who)),
    }
    png = tiny_png()
    at = png.index(b"IDAT") - 4
    inserted = b"".join(v for k, v in parts.items() if only in (None, k))
    time = _chunk(b"tIME", struct.pack(">HBBBBB", 2026, 5, 1, 12, 0, 0))
    path.write_bytes(png[:at] + inserted + time + png[at:])
    return path


def make_gif(path: Path, who: str) -> Path:
    """The tiny GIF with a comment extension and an XMP application extension."""
    comment = f"Автор: {who}".encode()
    blocks = b"".join(
        bytes([len(comment[i : i + 255])]) + comment[i : i + 255]
        for i in range(0, len(comment), 255)
    )
    comment_extension = b"\x21\xfe" + blocks + b"\x00"
    # XMP in GIF: the packet as raw bytes, then the «magic trailer» 0x01, 0xFF…0x00.
    xmp_extension = (
        b"\x21\xff\x0bXMP DataXMP" + xmp(who) + b"\x01" + bytes(range(255, -1, -1)) + b"\x00"
    )
    at = TINY_GIF.index(b"\x2c")
    path.write_bytes(TINY_GIF[:at] + comment_extension + xmp_extension + TINY_GIF[at:])
    return path


def make_webp(path: Path, who: str) -> Path:
    """The tiny WebP in an extended (VP8X) file with EXIF and XMP chunks."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return kind + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) % 2 else b"")

    image = TINY_WEBP[12:]  # the VP8L chunk
    vp8x = chunk(b"VP8X", bytes([0x08 | 0x04]) + b"\x00\x00\x00" + b"\x00\x00\x00" * 2)
    body = b"WEBP" + vp8x + image + chunk(b"EXIF", exif(who)) + chunk(b"XMP ", xmp(who))
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


# -- documents -------------------------------------------------------------------------
def _pdf_text(value: str) -> str:
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


PDF_FIELDS = ("Author", "Title", "Subject", "Keywords", "xmp", "comment")


def make_pdf(path: Path, lines: list[str], who: str, only: str | None = None) -> Path:
    """A one-page PDF with a text layer (``lines``, Latin-1), ``who`` in
    /Info (Author, Title, Subject, Keywords), in the XMP of the catalog and
    as the author (/T) of a comment on the page, and a link annotation."""
    stream = (
        "BT /F1 12 Tf 50 750 Td 14 TL "
        + " ".join("(" + line.replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines)
        + " ET"
    )
    packet = xmp(who)

    def wanted(field: str) -> bool:
        return only in (None, field)

    annotations = ["7 0 R"] + (["8 0 R"] if wanted("comment") else [])
    metadata = " /Metadata 6 0 R" if wanted("xmp") else ""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R{metadata} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> >> /Annots [{' '.join(annotations)}] >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Type /Metadata /Subtype /XML /Length {len(packet)} >>\nstream\n"
        + packet.decode("latin-1")
        + "\nendstream",
        "<< /Type /Annot /Subtype /Link /Rect [50 700 200 720] "
        "/A << /S /URI /URI (https://example.ru/) >> >>",
        f"<< /Type /Annot /Subtype /Text /Rect [300 700 320 720] /T {_pdf_text(who)} "
        "/Contents (OK) >>",
    ]
    info = " ".join(
        f"/{key} {_pdf_text(who if key == 'Author' else f'{key}: {who}')}"
        for key in ("Author", "Title", "Subject", "Keywords")
        if wanted(key)
    )
    objects.append(f"<< {info} /Creator (Writer) >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R "
        f"/ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(bytes(out))
    return path


_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{fields}</cp:coreProperties>'
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><TotalTime>3</TotalTime><Pages>1</Pages>"
    "<Application>Microsoft Office Word</Application>{fields}<AppVersion>16.0000</AppVersion>"
    "</Properties>"
)
OFFICE_FIELDS = ("creator", "lastModifiedBy", "Manager", "Company", "author")


def _properties(who: str, only: str | None) -> dict[str, str]:
    def wanted(field: str) -> bool:
        return only in (None, field)

    core = "".join(
        [
            "<dc:title>План</dc:title>",
            f"<dc:creator>{who}</dc:creator>" if wanted("creator") else "",
            f"<cp:lastModifiedBy>{who}</cp:lastModifiedBy>" if wanted("lastModifiedBy") else "",
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-05-01T10:00:00Z</dcterms:created>',
        ]
    )
    app = (f"<Manager>{who}</Manager>" if wanted("Manager") else "") + (
        f"<Company>{who}</Company>" if wanted("Company") else ""
    )
    return {
        "docProps/core.xml": _CORE.format(fields=core),
        "docProps/app.xml": _APP.format(fields=app),
    }


_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{main}"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/extended-properties" Target="docProps/app.xml"/></Relationships>'
)
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="{main}" ContentType="{kind}"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)


def make_docx(path: Path, text: str, who: str, only: str | None = None) -> Path:
    """A DOCX: one paragraph of ``text`` with a tracked insertion by ``who``
    (w:author), and ``who`` as creator, last editor, manager and company."""
    author = f' w:author="{who}" w:initials="АС"' if only in (None, "author") else ""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:body><w:p><w:r><w:t xml:space="preserve">{text} </w:t></w:r>'
        f'<w:ins w:id="1"{author} w:date="2026-05-01T10:00:00Z"><w:r><w:t>дополнено</w:t></w:r>'
        "</w:ins></w:p></w:body></w:document>"
    )
    parts = {
        "[Content_Types].xml": _TYPES.format(
            main="/word/document.xml",
            kind="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        ),
        "_rels/.rels": _RELS.format(main="word/document.xml"),
        "word/document.xml": document,
        **_properties(who, only),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in parts.items():
            archive.writestr(name, value)
    return path


def make_xlsx(path: Path, text: str, who: str, only: str | None = None) -> Path:
    """A one-sheet XLSX (our own download writer) with ``who`` in its
    document properties."""
    from generator.render.xlsx import workbook

    book = zipfile.ZipFile(io.BytesIO(workbook("Таблица", ["Текст"], [[text]])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in book.infolist():
            data = book.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/docProps/core.xml" ContentType="application/'
                    b'vnd.openxmlformats-package.core-properties+xml"/></Types>',
                )
            if info.filename == "_rels/.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/'
                    b'2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                    b"</Relationships>",
                )
            archive.writestr(info.filename, data)
        for name, value in _properties(who, only).items():
            archive.writestr(name, value)
    return path


def make_odt(path: Path, text: str, who: str) -> Path:
    """An ODT: ``text`` in one paragraph, ``who`` as initial creator, last
    editor and the author of a comment."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    namespaces = (
        f'xmlns:office="{office}" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {namespaces} office:version="1.3"><office:body><office:text>'
        f"<text:p>{text}<office:annotation><dc:creator>{who}</dc:creator>"
        "<dc:date>2026-05-01T10:00:00</dc:date><text:p>проверить</text:p></office:annotation>"
        "</text:p></office:text></office:body></office:document-content>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-meta {namespaces} office:version="1.3"><office:meta>'
        f"<meta:initial-creator>{who}</meta:initial-creator><dc:creator>{who}</dc:creator>"
        "<dc:title>План</dc:title><meta:generator>LibreOffice/7.4</meta:generator>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )  # stored, first
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", meta, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path
