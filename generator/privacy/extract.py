"""Text of attached documents, to look for personal data inside them.

PDF through pypdf (pure Python); Office and OpenDocument files (DOCX, XLSX,
PPTX, ODT, ODS, ODP) are ZIP archives of XML, read with the standard
library; plain text and CSV are decoded. Everything is bounded — pages,
archive members, uncompressed bytes, characters — so a hostile file costs
seconds at most. A file that cannot be read raises ``Unreadable``.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from pathlib import Path

MAX_PAGES = 300
MAX_CHARS = 2_000_000  # text of one file
# XML of one archive part, unpacked a piece at a time: its markup is not
# its text (a region's monitoring report: 22 MB of tables around 1 M
# characters), so this bounds the time a hostile part costs (~3 s), not memory.
MAX_XML_BYTES = 256 * 1_048_576
_PIECE = 1_048_576
TOO_LARGE = "документ слишком велик для проверки"
_ZIP_TEXT = {  # suffix → archive members holding the text
    ".docx": r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml",
    ".xlsx": r"xl/(sharedStrings|worksheets/sheet\d+)\.xml",
    ".pptx": r"ppt/slides/slide\d+\.xml",
    ".odt": r"content\.xml",
    ".ods": r"content\.xml",
    ".odp": r"content\.xml",
}
_TAG = re.compile(r"<[^>]{0,2000}>")
# Words are split into runs (<w:t>Ива</w:t><w:t>нова</w:t>), so tags vanish
# without a trace; what separates text in the document becomes a space or a
# line break.
_SPACE = re.compile(r"<(?:w:tab|w:br|w:cr|text:s|text:tab|text:line-break|a:br)\b[^>]{0,200}>")
_PARAGRAPH_END = re.compile(r"</(?:w:p|a:p|text:p|text:h|si|row|c|w:tc)>")


# XML's five named entities and character references: «&#1051;аптева» is how
# some writers (openpyxl with lxml) put «Лаптева» into a sheet, and a name so
# written must be found as surely as one in plain letters.
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _entity(match: re.Match[str]) -> str:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


class Unreadable(Exception):
    """The file's text could not be extracted; the message says why, in Russian."""


def can_extract(path: Path) -> bool:
    return path.suffix.lower() in {".pdf", ".txt", ".csv", *_ZIP_TEXT}


def extract_text(path: Path) -> list[tuple[str, str]]:
    """``[(where, text)]``: «страница 2» for PDFs, the archive part otherwise."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf(path)
    if suffix in _ZIP_TEXT:
        return _zipped(path, _ZIP_TEXT[suffix])
    data = path.read_bytes()[: MAX_CHARS * 2]
    for encoding in ("utf-8-sig", "utf-16", "cp1251"):
        try:
            return [("", data.decode(encoding))]
        except UnicodeDecodeError:
            continue
    raise Unreadable("текст не в UTF-8 и не в Windows-1251")


def _pdf(path: Path) -> list[tuple[str, str]]:
    try:
        from pypdf import PdfReader
    except ImportError as exc:  # an installation without the optional reader
        raise Unreadable("не установлена библиотека pypdf") from exc
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            raise Unreadable("файл зашифрован")
        parts, total = [], 0
        for number, page in enumerate(reader.pages, start=1):
            if number > MAX_PAGES or total > MAX_CHARS:
                break
            text = page.extract_text() or ""
            total += len(text)
            parts.append((f"страница {number}", text))
        return parts
    except Unreadable:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise Unreadable(f"PDF не читается ({type(exc).__name__})") from exc


def _zipped(path: Path, members: str) -> list[tuple[str, str]]:
    try:
        with zipfile.ZipFile(path) as archive:
            parts, total = [], 0
            for info in archive.infolist():
                if not re.fullmatch(members, info.filename):
                    continue
                text = _part_text(archive, info, MAX_CHARS - total)
                total += len(text)
                parts.append((info.filename, text))
            return parts
    except Unreadable:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, ValueError, EOFError) as exc:
        raise Unreadable(f"файл повреждён ({type(exc).__name__})") from exc


def _part_text(archive: zipfile.ZipFile, info: zipfile.ZipInfo, room: int) -> str:
    """The text of one XML part, unpacked a piece at a time; ``room``: the
    characters the file may still have. Pieces end where a tag ends, so a
    word's runs, an entity and a tag are never cut between two of them."""
    if info.file_size > MAX_XML_BYTES:
        raise Unreadable(TOO_LARGE)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    texts: list[str] = []
    size = unpacked = 0
    carry = ""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_PIECE)
            unpacked += len(chunk)
            if unpacked > MAX_XML_BYTES:  # more than the archive said: a forged size
                raise Unreadable(TOO_LARGE)
            xml = carry + decoder.decode(chunk, final=not chunk)
            carry = ""
            if chunk:
                cut = xml.rfind(">") + 1
                if cut or len(xml) < 4 * _PIECE:  # no tag for megabytes: taken as it is
                    xml, carry = xml[:cut], xml[cut:]
            text = _ENTITY.sub(
                _entity, _TAG.sub("", _PARAGRAPH_END.sub("\n", _SPACE.sub(" ", xml)))
            )
            size += len(text)
            if size > room:
                raise Unreadable(TOO_LARGE)
            texts.append(text)
            if not chunk:
                return "".join(texts)
