"""Decode the bytes of a content file into text.

Curators save files from Notepad, Word and Excel: UTF-8 with or without a
BOM, UTF-16 with a BOM, sometimes Windows-1251. We accept what can be read
unambiguously and report the rest with the line of the first bad byte.
"""

from __future__ import annotations

import codecs

from ..diagnostics import Location, Report

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def decode_text(data: bytes, display: str, report: Report) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                body = data[len(bom) :]
                report.error(
                    Location(display, _line_at(body, exc.start, encoding)),
                    f"файл начинается с метки {encoding.upper()}, но дальше в нём "
                    "недопустимые байты. Сохраните файл в UTF-8.",
                    "encoding",
                )
                return None
    # UTF-16 without a BOM first: text of ASCII and Cyrillic letters in UTF-16
    # is often *valid* UTF-8 (full of NUL and control bytes), so trying UTF-8
    # first would read garbage. A real UTF-8 text never holds NUL bytes.
    utf16 = _utf16_without_bom(data) if b"\x00" in data else None
    if utf16 is not None:
        report.warning(
            Location(display, 1),
            "файл сохранён в UTF-16 без метки порядка байтов; он прочитан, но лучше "
            "пересохранить его в UTF-8.",
            "encoding",
        )
        return _normalise(utf16)
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        if _looks_like_utf16(data):
            report.error(
                Location(display, 1),
                "файл похож на UTF-16, но прочитать его не удалось. Сохраните его в UTF-8.",
                "encoding",
            )
            return None
        legacy = _try_cp1251(data)
        if legacy is not None:
            report.warning(
                Location(display, bad_line),
                "файл сохранён не в UTF-8, а в Windows-1251; он прочитан, но лучше "
                "пересохранить его в UTF-8 («Сохранить как» → кодировка UTF-8).",
                "encoding",
            )
            return _normalise(legacy)
        report.error(
            Location(display, bad_line),
            "в файле есть байты, которые не являются текстом UTF-8. Сохраните файл "
            "в кодировке UTF-8.",
            "encoding",
        )
        return None


def _normalise(text: str) -> str:
    # A BOM left in the middle (files glued together) or CRLF line ends are
    # harmless to people; make them harmless to the parser too.
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")


def _line_at(data: bytes, position: int, encoding: str) -> int:
    """Line of the byte at ``position`` in ``data`` of the given encoding."""
    prefix = data[:position].decode(encoding, errors="replace")
    return prefix.count("\n") + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: ASCII characters (keys, spaces, colons, line
    breaks) leave zero bytes all on even or all on odd positions."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    if odd >= len(data) // 8 and even == 0:
        encoding = "utf-16-le"
    elif even >= len(data) // 8 and odd == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if "\x00" not in text else None


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return len(sample) >= 4 and sample.count(0) >= len(sample) // 4


def _try_cp1251(data: bytes) -> str | None:
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return None
    if b"\x00" in data:
        return None
    high = [ch for ch, byte in zip(text, data) if byte >= 0x80]
    if not high:
        return None
    # Russian letters and the typographic signs Word inserts; anything else
    # (Ђ, џ, …) means the bytes are not Windows-1251 Russian text.
    russian = sum(1 for ch in high if ch in _RUSSIAN)
    return text if russian / len(high) >= 0.9 else None


_RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ«»–—№…“”„\u00a0")
