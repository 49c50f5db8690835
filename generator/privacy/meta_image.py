"""Metadata of images, read and removed byte by byte: JPEG, PNG, GIF, WebP, SVG.

A camera or an editor writes the photographer's name (EXIF Artist,
XPAuthor, XMP dc:creator, IPTC By-line), the camera owner and serial
number, GPS coordinates of where the photo was taken, comments and
thumbnails of the uncropped original. The published copy keeps only what
drawing the picture needs: the compressed image data is copied as it is,
nothing is decoded or re-encoded, so quality does not change.

* JPEG: APP1 (EXIF, XMP), APP13 (IPTC, Photoshop), COM, APP3–APP12 and
  APP15 (C2PA, Ducky, …), APP2 other than the ICC profile (MPF, FlashPix)
  and whatever follows the end of the image go; APP0 JFIF, the APP2 ICC
  profile and APP14 Adobe (colour transform) stay.
* PNG: every ancillary chunk that does not take part in drawing goes
  (tEXt, zTXt, iTXt, tIME, eXIf and unknown private chunks).
* GIF: comment extensions and application extensions other than looping
  (NETSCAPE2.0, ANIMEXTS1.0) and the ICC profile go.
* WebP: EXIF, XMP and unknown chunks go; the VP8X flags follow.
* SVG: ``<metadata>`` and editors' attributes holding file paths go.

The EXIF orientation is the one value a viewer needs: a phone photo taken
upright is stored sideways with «Orientation: 6». It is kept as a minimal
EXIF block holding nothing else.
"""

from __future__ import annotations

import re
import struct
import zlib

from .metafields import MetaField, Unreadable, decode_text, looks_like_local_path, xml_fields

MAX_CHUNKS = 100_000
MAX_TEXT_BYTES = 1_048_576  # decompressed zTXt/iTXt read for the check

# -- EXIF (a TIFF structure) -------------------------------------------------------
_EXIF_TAGS = {  # tag → (label, personal)
    0x010D: ("имя документа (EXIF DocumentName)", False),
    0x010E: ("описание (EXIF ImageDescription)", False),
    0x010F: ("производитель камеры (EXIF Make)", False),
    0x0110: ("модель камеры (EXIF Model)", False),
    0x0131: ("программа (EXIF Software)", False),
    0x013B: ("автор (EXIF Artist)", True),
    0x013C: ("компьютер (EXIF HostComputer)", True),
    0x8298: ("правообладатель (EXIF Copyright)", True),
    0x9286: ("комментарий (EXIF UserComment)", False),
    0x9C9B: ("название (EXIF XPTitle)", False),
    0x9C9C: ("комментарий (EXIF XPComment)", False),
    0x9C9D: ("автор (EXIF XPAuthor)", True),
    0x9C9E: ("ключевые слова (EXIF XPKeywords)", False),
    0x9C9F: ("тема (EXIF XPSubject)", False),
    0xA420: ("идентификатор снимка (EXIF ImageUniqueID)", False),
    0xA430: ("владелец камеры (EXIF CameraOwnerName)", True),
    0xA431: ("серийный номер камеры (EXIF BodySerialNumber)", True),
    0xA435: ("серийный номер объектива (EXIF LensSerialNumber)", True),
}
_EXIF_IFD, _GPS_IFD, _ORIENTATION = 0x8769, 0x8825, 0x0112
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}


def _ifd_entries(tiff: bytes, offset: int, order: str):
    """(tag, type, value bytes) of one IFD; malformed entries are skipped."""
    if offset + 2 > len(tiff):
        return
    (count,) = struct.unpack_from(order + "H", tiff, offset)
    for index in range(min(count, 1000)):
        at = offset + 2 + 12 * index
        if at + 12 > len(tiff):
            return
        tag, kind, number = struct.unpack_from(order + "HHI", tiff, at)
        size = _TYPE_SIZES.get(kind, 1) * number
        if size <= 4:
            value = tiff[at + 8 : at + 8 + size]
        else:
            (pointer,) = struct.unpack_from(order + "I", tiff, at + 8)
            value = tiff[pointer : pointer + min(size, 65536)]
        yield tag, kind, value


def _tiff_order(tiff: bytes) -> tuple[str, int] | None:
    if len(tiff) < 8:
        return None
    if tiff[:4] == b"II*\x00":
        order = "<"
    elif tiff[:4] == b"MM\x00*":
        order = ">"
    else:
        return None
    return order, struct.unpack_from(order + "I", tiff, 4)[0]


def exif_fields(tiff: bytes, source: str = "EXIF") -> list[MetaField]:
    """Text values of an EXIF block (IFD0, the Exif IFD) and the GPS position."""
    tiff = tiff.removeprefix(b"Exif\x00\x00")
    header = _tiff_order(tiff)
    if header is None:
        return []
    order, first = header
    fields: list[MetaField] = []
    todo, seen = [first], set[int]()
    while todo and len(seen) < 8:
        offset = todo.pop()
        if offset in seen or offset < 8:
            continue
        seen.add(offset)
        for tag, kind, value in _ifd_entries(tiff, offset, order):
            if tag == _EXIF_IFD and kind in (4, 13) and len(value) == 4:
                todo.append(struct.unpack(order + "I", value)[0])
            elif tag == _GPS_IFD and kind in (4, 13) and len(value) == 4:
                position = _gps(tiff, struct.unpack(order + "I", value)[0], order)
                if position:
                    fields.append(MetaField(f"место съёмки ({source} GPS)", position, True))
            elif tag in _EXIF_TAGS:
                text = _exif_text(tag, kind, value)
                if text:
                    label, personal = _EXIF_TAGS[tag]
                    fields.append(MetaField(label.replace("EXIF", source), text, personal))
    return fields


def _exif_text(tag: int, kind: int, value: bytes) -> str:
    if 0x9C9B <= tag <= 0x9C9F:  # Windows «XP» tags: UTF-16LE in BYTE values
        text = value.decode("utf-16-le", errors="replace")
    elif tag == 0x9286:  # UserComment: an 8-byte character code, then the text
        code, body = value[:8], value[8:]
        text = (
            body.decode("utf-16", errors="replace")
            if code.startswith(b"UNICODE")
            else (decode_text(body))
        )
    elif kind in (1, 2, 7):
        text = decode_text(value)
    else:
        return ""
    return " ".join(text.replace("\x00", " ").split())


def _gps(tiff: bytes, offset: int, order: str) -> str:
    values: dict[int, tuple] = {}
    refs: dict[int, str] = {}
    for tag, kind, value in _ifd_entries(tiff, offset, order):
        if tag in (2, 4) and kind == 5 and len(value) >= 24:
            values[tag] = struct.unpack(order + "6I", value[:24])
        elif tag in (1, 3) and kind == 2:
            refs[tag] = value[:1].decode("ascii", errors="replace")
    if 2 not in values or 4 not in values:
        return ""

    def degrees(parts: tuple) -> float:
        d, m, s = (parts[i] / parts[i + 1] if parts[i + 1] else 0.0 for i in (0, 2, 4))
        return d + m / 60 + s / 3600

    return f"{degrees(values[2]):.5f} {refs.get(1, '')}, {degrees(values[4]):.5f} {refs.get(3, '')}"


def exif_orientation(tiff: bytes) -> int | None:
    tiff = tiff.removeprefix(b"Exif\x00\x00")
    header = _tiff_order(tiff)
    if header is None:
        return None
    order, first = header
    for tag, kind, value in _ifd_entries(tiff, first, order):
        if tag == _ORIENTATION and kind == 3 and len(value) >= 2:
            (orientation,) = struct.unpack(order + "H", value[:2])
            return orientation if 2 <= orientation <= 8 else None
    return None


def orientation_only(orientation: int) -> bytes:
    """A TIFF block holding one tag, Orientation: what a viewer needs to turn
    the picture, and nothing about who took it."""
    return (
        b"MM\x00*\x00\x00\x00\x08\x00\x01"
        + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
        + (b"\x00\x00\x00\x00")
    )


# -- IPTC (in a Photoshop APP13 segment) ---------------------------------------------
_IPTC = {  # (record, dataset) → (label, personal)
    (2, 5): ("название (IPTC ObjectName)", False),
    (2, 25): ("ключевые слова (IPTC Keywords)", False),
    (2, 80): ("автор (IPTC By-line)", True),
    (2, 85): ("должность автора (IPTC By-lineTitle)", True),
    (2, 90): ("город (IPTC City)", False),
    (2, 92): ("место (IPTC Sub-location)", False),
    (2, 110): ("источник (IPTC Credit)", False),
    (2, 115): ("источник (IPTC Source)", False),
    (2, 116): ("авторские права (IPTC CopyrightNotice)", True),
    (2, 118): ("контакт (IPTC Contact)", True),
    (2, 120): ("подпись (IPTC Caption)", False),
    (2, 122): ("автор подписи (IPTC Writer)", True),
}


def photoshop_fields(data: bytes) -> list[MetaField]:
    """IPTC records and the XMP kept in Photoshop's image resources."""
    data = data.removeprefix(b"Photoshop 3.0\x00")
    fields: list[MetaField] = []
    at = 0
    while at + 12 <= len(data) and data[at : at + 4] == b"8BIM" and len(fields) < 500:
        (resource,) = struct.unpack_from(">H", data, at + 4)
        name_length = data[at + 6]
        at += 6 + 1 + name_length + ((name_length + 1) % 2)
        if at + 4 > len(data):
            break
        (size,) = struct.unpack_from(">I", data, at)
        body = data[at + 4 : at + 4 + size]
        at += 4 + size + size % 2
        if resource == 0x0404:
            fields += _iptc(body)
        elif resource == 0x0424:
            fields += xml_fields(decode_text(body), "XMP")
    return fields


def _iptc(data: bytes) -> list[MetaField]:
    fields, at = [], 0
    while at + 5 <= len(data) and data[at] == 0x1C:
        record, dataset = data[at + 1], data[at + 2]
        (size,) = struct.unpack_from(">H", data, at + 3)
        if size & 0x8000:  # an extended length: too long for a text field anyway
            break
        value = data[at + 5 : at + 5 + size]
        at += 5 + size
        if record != 2 or dataset == 0:
            continue
        text = " ".join(decode_text(value).split())
        if text:
            label, personal = _IPTC.get((record, dataset), (f"IPTC {record}:{dataset}", False))
            fields.append(MetaField(label, text, personal))
    return fields


# -- JPEG ----------------------------------------------------------------------------
_SOI, _EOI, _SOS, _COM = 0xD8, 0xD9, 0xDA, 0xFE
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _jpeg_segments(data: bytes) -> list[tuple[int, int, int]]:
    """(marker, start, end) of every segment and scan, in order, up to EOI
    (included); what follows EOI is not listed. Entropy-coded data after an
    SOS belongs to the SOS entry."""
    if data[:2] != b"\xff\xd8":
        raise Unreadable("это не JPEG")
    segments = [(_SOI, 0, 2)]
    at, size = 2, len(data)
    while len(segments) < MAX_CHUNKS:
        if at >= size or data[at] != 0xFF:
            raise Unreadable("JPEG повреждён")
        start = at
        while at < size and data[at] == 0xFF:  # fill bytes
            at += 1
        if at >= size:
            raise Unreadable("JPEG обрывается")
        marker = data[at]
        at += 1
        if marker == _EOI:
            segments.append((marker, start, at))
            return segments
        if marker in _STANDALONE:
            segments.append((marker, start, at))
            continue
        if at + 2 > size:
            raise Unreadable("JPEG обрывается")
        (length,) = struct.unpack_from(">H", data, at)
        if length < 2 or at + length > size:
            raise Unreadable("JPEG повреждён")
        at += length
        if marker == _SOS:  # entropy-coded data: up to the next marker that is not RST
            while True:
                at = data.find(b"\xff", at)
                if at < 0 or at + 1 >= size:  # no end marker: browsers show it all the same
                    segments.append((marker, start, size))
                    return segments
                following = data[at + 1]
                if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    at += 1 if following == 0xFF else 2
                    continue
                break
        segments.append((marker, start, at))
    raise Unreadable("в JPEG слишком много частей")


def _payload(data: bytes, start: int, end: int) -> bytes:
    body = data[start:end].lstrip(b"\xff")
    return body[3:]  # marker byte and two length bytes


def jpeg_fields(data: bytes) -> list[MetaField]:
    fields: list[MetaField] = []
    for marker, start, end in _jpeg_segments(data):
        if marker in _STANDALONE | {_SOI, _EOI, _SOS}:
            continue
        body = _payload(data, start, end)
        if marker == 0xE1 and body.startswith(b"Exif\x00"):
            fields += exif_fields(body[6:])
        elif marker == 0xE1 and body.startswith(b"http://ns.adobe.com/"):
            fields += xml_fields(decode_text(body.split(b"\x00", 1)[-1]), "XMP")
        elif marker == 0xED:
            fields += photoshop_fields(body)
        elif marker == _COM:
            text = " ".join(decode_text(body).split())
            if text:
                fields.append(MetaField("комментарий JPEG", text, False))
    return fields


def _keep_jpeg(marker: int, body: bytes) -> bool:
    if marker == 0xE0:
        return body.startswith(b"JFIF\x00")
    if marker == 0xE2:
        return body.startswith(b"ICC_PROFILE\x00")
    if marker == 0xEE:
        return body.startswith(b"Adobe")
    return not (0xE1 <= marker <= 0xEF or marker == _COM)


def clean_jpeg(data: bytes) -> bytes:
    out = bytearray()
    for marker, start, end in _jpeg_segments(data):
        if marker in _STANDALONE | {_SOI, _EOI, _SOS}:
            out += data[start:end]
            continue
        body = _payload(data, start, end)
        if _keep_jpeg(marker, body):
            out += data[start:end]
        elif marker == 0xE1 and body.startswith(b"Exif\x00"):
            orientation = exif_orientation(body[6:])
            if orientation:
                block = b"Exif\x00\x00" + orientation_only(orientation)
                out += b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block
    return bytes(out)


# -- PNG -----------------------------------------------------------------------------
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Ancillary chunks that take part in drawing (colour, transparency, animation).
_PNG_KEEP = {
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"mDCV", b"cLLI", b"sBIT",
    b"bKGD", b"pHYs", b"hIST", b"sPLT", b"acTL", b"fcTL", b"fdAT", b"oFFs", b"sCAL",
}  # fmt: skip


def _png_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of each chunk, the length, type and CRC included."""
    if not data.startswith(PNG_SIGNATURE):
        raise Unreadable("это не PNG")
    chunks: list[tuple[bytes, int, int]] = []
    at = len(PNG_SIGNATURE)
    while at < len(data) and len(chunks) < MAX_CHUNKS:
        if at + 12 > len(data):
            raise Unreadable("PNG обрывается")
        (length,) = struct.unpack_from(">I", data, at)
        kind = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data) or not kind.isalpha():
            raise Unreadable("PNG повреждён")
        chunks.append((kind, at, end))
        at = end
        if kind == b"IEND":
            return chunks
    raise Unreadable("в PNG нет конца изображения (IEND)")


def png_fields(data: bytes) -> list[MetaField]:
    fields: list[MetaField] = []
    for kind, start, end in _png_chunks(data):
        body = data[start + 8 : end - 4]
        if kind == b"eXIf":
            fields += exif_fields(body)
        elif kind in (b"tEXt", b"zTXt", b"iTXt"):
            keyword, text = _png_text(kind, body)
            if keyword.startswith("XML:com.adobe.xmp"):
                fields += xml_fields(text, "XMP")
            elif text.strip():
                personal = keyword.lower() in ("author", "copyright")
                fields.append(MetaField(f"текст PNG «{keyword}»", " ".join(text.split()), personal))
    return fields


def _png_text(kind: bytes, body: bytes) -> tuple[str, str]:
    keyword, _, rest = body.partition(b"\x00")
    name = keyword.decode("latin-1")
    try:
        if kind == b"tEXt":
            return name, rest.decode("latin-1")
        if kind == b"zTXt":
            return name, _inflate(rest[1:]).decode("latin-1")
        compressed, rest = rest[0], rest[2:]
        _language, _, rest = rest.partition(b"\x00")
        _translated, _, text = rest.partition(b"\x00")
        return name, (_inflate(text) if compressed else text).decode("utf-8", errors="replace")
    except (IndexError, zlib.error):
        return name, ""


def _inflate(data: bytes) -> bytes:
    return zlib.decompressobj().decompress(data, MAX_TEXT_BYTES)


def clean_png(data: bytes) -> bytes:
    out = bytearray(PNG_SIGNATURE)
    for kind, start, end in _png_chunks(data):
        if kind[:1].isupper() or kind in _PNG_KEEP:
            out += data[start:end]
        elif kind == b"eXIf":
            orientation = exif_orientation(data[start + 8 : end - 4])
            if orientation:
                block = orientation_only(orientation)
                crc = zlib.crc32(b"eXIf" + block)
                out += struct.pack(">I", len(block)) + b"eXIf" + block + struct.pack(">I", crc)
    return bytes(out)


# -- GIF -----------------------------------------------------------------------------
_GIF_APPLICATIONS_KEPT = ("NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012")


def _gif_blocks(data: bytes) -> tuple[int, list[tuple[str, int, int]]]:
    """The header's length and (kind, start, end) of each block up to the
    trailer: «image», «extension:<label>», «application:<id>», «trailer»."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise Unreadable("это не GIF")
    flags = data[10]
    at = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    header, blocks = at, list[tuple[str, int, int]]()
    while len(blocks) < MAX_CHUNKS:
        if at >= len(data):
            raise Unreadable("GIF обрывается")
        start, introducer = at, data[at]
        if introducer == 0x3B:
            blocks.append(("trailer", start, at + 1))
            return header, blocks
        if introducer == 0x21 and at + 2 < len(data):
            label = data[at + 1]
            kind = f"extension:{label:02x}"
            if label == 0xFF and at + 14 <= len(data):
                kind = "application:" + data[at + 3 : at + 14].decode("latin-1")
            at = _sub_blocks(data, at + 2)
        elif introducer == 0x2C and at + 10 <= len(data):
            local = data[at + 9]
            at += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0)
            at = _sub_blocks(data, at + 1)  # after the LZW minimum code size
            kind = "image"
        else:
            raise Unreadable("GIF повреждён")
        blocks.append((kind, start, at))
    raise Unreadable("в GIF слишком много частей")


def _sub_blocks(data: bytes, at: int) -> int:
    while True:
        if at >= len(data):
            raise Unreadable("GIF обрывается")
        size = data[at]
        at += 1 + size
        if size == 0:
            return at


def _sub_block_data(data: bytes, at: int, end: int) -> bytes:
    out = bytearray()
    while at < end and data[at]:
        out += data[at + 1 : at + 1 + data[at]]
        at += 1 + data[at]
    return bytes(out)


def gif_fields(data: bytes) -> list[MetaField]:
    _, blocks = _gif_blocks(data)
    fields = []
    for kind, start, end in blocks:
        if kind == "extension:fe":
            text = " ".join(decode_text(_sub_block_data(data, start + 2, end)).split())
            if text:
                fields.append(MetaField("комментарий GIF", text, False))
        elif kind.startswith("application:XMP"):
            # The packet is stored raw, followed by a 258-byte «magic trailer».
            packet = data[start + 14 : end]
            trailer = packet.find(b"\x01\xff\xfe\xfd")
            fields += xml_fields(decode_text(packet[: trailer if trailer >= 0 else None]), "XMP")
    return fields


def clean_gif(data: bytes) -> bytes:
    header, blocks = _gif_blocks(data)
    out = bytearray(data[:header])
    for kind, start, end in blocks:
        if kind == "extension:fe":
            continue
        if kind.startswith("application:") and kind.removeprefix("application:") not in (
            _GIF_APPLICATIONS_KEPT
        ):
            continue
        out += data[start:end]
    return bytes(out)


# -- WebP ----------------------------------------------------------------------------
_WEBP_KEEP = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}


def _webp_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """(fourcc, start, end) of each chunk, the padding byte included."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise Unreadable("это не WebP")
    chunks: list[tuple[bytes, int, int]] = []
    at = 12
    (riff_size,) = struct.unpack_from("<I", data, 4)
    end_of_file = min(len(data), 8 + riff_size)
    while at < end_of_file and len(chunks) < MAX_CHUNKS:
        if at + 8 > end_of_file:
            raise Unreadable("WebP обрывается")
        kind = data[at : at + 4]
        (size,) = struct.unpack_from("<I", data, at + 4)
        end = at + 8 + size + (size & 1)
        if at + 8 + size > end_of_file:
            raise Unreadable("WebP повреждён")
        chunks.append((kind, at, min(end, end_of_file)))
        at = end
    if not chunks:
        raise Unreadable("WebP пуст")
    return chunks


def webp_fields(data: bytes) -> list[MetaField]:
    fields: list[MetaField] = []
    for kind, start, _end in _webp_chunks(data):
        (size,) = struct.unpack_from("<I", data, start + 4)
        body = data[start + 8 : start + 8 + size]
        if kind == b"EXIF":
            fields += exif_fields(body)
        elif kind == b"XMP ":
            fields += xml_fields(decode_text(body), "XMP")
    return fields


def clean_webp(data: bytes) -> bytes:
    chunks = _webp_chunks(data)
    body = bytearray()
    orientation = None
    for kind, start, end in chunks:
        if kind == b"EXIF":
            (size,) = struct.unpack_from("<I", data, start + 4)
            orientation = exif_orientation(data[start + 8 : start + 8 + size])
        elif kind in _WEBP_KEEP:
            chunk = bytearray(data[start:end])
            if kind == b"VP8X" and len(chunk) >= 9:
                chunk[8] &= ~0x0C & 0xFF  # no EXIF (bit 3), no XMP (bit 2)
            body += chunk
    if orientation and chunks[0][0] == b"VP8X" and len(body) > 8:
        block = orientation_only(orientation)
        body[8] |= 0x08
        body += b"EXIF" + struct.pack("<I", len(block)) + block
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + bytes(body)


# -- SVG -----------------------------------------------------------------------------
_SVG_METADATA = re.compile(rb"<((?:[\w.-]+:)?metadata)\b[^>]*?(?:/>|>.*?</\1\s*>)", re.S | re.I)
_SVG_PATHS = re.compile(
    rb"\s(?:sodipodi:docname|inkscape:export-filename|sodipodi:absref|sketch:[\w-]+)"
    rb"\s*=\s*(\"[^\"]*\"|'[^']*')"
)
MAX_SVG = 4 * 1_048_576


def svg_fields(data: bytes) -> list[MetaField]:
    data = data[:MAX_SVG]
    fields: list[MetaField] = []
    for match in _SVG_METADATA.finditer(data):
        fields += xml_fields(decode_text(match.group(0)), "SVG metadata")
    for match in _SVG_PATHS.finditer(data):
        name = decode_text(match.group(0).split(b"=")[0]).strip()
        value = decode_text(match.group(1)[1:-1])
        if value:
            personal = "docname" not in name or looks_like_local_path(value)
            fields.append(MetaField(f"атрибут редактора ({name})", value, personal))
    return fields


def clean_svg(data: bytes) -> bytes:
    """Byte patterns, so the file keeps whatever encoding it declares."""
    if len(data) > MAX_SVG:
        raise Unreadable("SVG слишком велик для проверки")
    return _SVG_PATHS.sub(b"", _SVG_METADATA.sub(b"", data))
