"""Parsing of scalar values as Russian documents write them.

Shared by YAML coercion and spreadsheet imports. Each parser returns the
value or raises ``ValueProblem`` with a Russian explanation of what was
expected.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal


class ValueProblem(ValueError):
    pass


_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2,4})\s*(?:г\.?|года)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DIGITS_AND_DOTS = re.compile(r"^[\d.\s/-]+$")

DATE_EXPECTED = "ожидается дата в виде ДД.ММ.ГГГГ (например, 01.09.2024) или ГГГГ-ММ-ДД"


def parse_date(raw: str) -> dt.date:
    text = raw.strip()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DOTTED.match(text)
        if not match:
            if _DIGITS_AND_DOTS.match(text) and sum(c.isdigit() for c in text) == 8:
                digits = "".join(c for c in text if c.isdigit())
                hint = f" Возможно, имелось в виду {digits[:2]}.{digits[2:4]}.{digits[4:]}."
                raise ValueProblem(f"дата «{raw}» записана неверно; {DATE_EXPECTED}.{hint}")
            raise ValueProblem(f"«{_short(raw)}» не похоже на дату; {DATE_EXPECTED}.")
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            raise ValueProblem(
                f"в дате «{raw}» год записан двумя цифрами; укажите год полностью "
                f"(например, 20{year:02d})."
            )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(f"даты «{_short(raw)}» нет в календаре; {DATE_EXPECTED}.") from None


_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")


_NUMBER = re.compile(r"^[+-]?\d{1,15}(?:\.\d{1,10})?$")


def parse_decimal(raw: str) -> Decimal:
    """«1 111», «69,28», «15,50%», «7.35» → Decimal. The % sign is dropped.

    Only plain digits are numbers: «1e999999999» or a thousand-digit value
    would be valid for ``Decimal`` and then hang every later computation.
    """
    text = _SPACES.sub("", raw.strip())
    if text.endswith("%"):
        text = text[:-1]
    text = text.replace(",", ".")
    if not _NUMBER.match(text):
        raise ValueProblem(f"«{_short(raw)}» не число; ожидается число, например 12 или 69,28.")
    return Decimal(text)


def _short(raw: str, limit: int = 60) -> str:
    text = " ".join(raw.split())
    return text if len(text) <= limit else text[:limit] + "…"


def parse_int(raw: str) -> int:
    try:
        value = parse_decimal(raw)
    except ValueProblem:
        raise ValueProblem(
            f"«{_short(raw)}» не целое число; ожидается целое число, например 12."
        ) from None
    if "%" in raw or value != value.to_integral_value():
        raise ValueProblem(f"«{_short(raw)}» не целое число; ожидается целое число, например 12.")
    return int(value)


_TRUE = {"true", "yes", "да", "1", "истина", "y", "on"}
_FALSE = {"false", "no", "нет", "0", "ложь", "n", "off"}


def parse_bool(raw: str) -> bool:
    text = raw.strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"«{_short(raw)}» не «да» и не «нет»; ожидается да/нет (true/false).")


_MONTHS_GENITIVE = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def format_date_ru(value: dt.date) -> str:
    """01.09.2024 → «1 сентября 2024 г.»"""
    return f"{value.day} {_MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def format_date_short(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def months_between(start: dt.date, end: dt.date) -> float:
    """Length of a period in months, counting whole months plus a day fraction."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    days = end.day - start.day
    return months + days / 30.0


# A file name longer than this many bytes cannot exist on any common file
# system (ext4, NTFS, APFS: 255); a longer path is a paste, not a file.
MAX_NAME_BYTES = 255
MAX_PATH_CHARS = 1000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_file_path(text: str) -> None:
    """A path to an attached file, as far as its shape goes: each name at
    most 255 bytes, no control characters. Raises ``ValueProblem``."""
    if _CONTROL.search(text):
        raise ValueProblem(
            "в пути к файлу есть управляющий (невидимый) символ; перенаберите имя файла."
        )
    if len(text) > MAX_PATH_CHARS:
        raise ValueProblem(
            f"путь к файлу длиннее {MAX_PATH_CHARS} знаков; переименуйте файл и папки короче."
        )
    for name in re.split(r"[/\\]", text):
        size = len(name.encode("utf-8"))
        if size > MAX_NAME_BYTES:
            raise ValueProblem(
                f"имя «{_short(name)}» длиннее {MAX_NAME_BYTES} байт (знаков: {len(name)}, "
                f"байт: {size}): файла с таким именем не бывает. Переименуйте файл короче, "
                "например по смыслу документа: polozhenie-2025.pdf."
            )
