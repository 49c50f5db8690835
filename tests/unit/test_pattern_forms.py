"""The name and contact patterns are written for the regex engine's speed:
the first character (a class) before the lookbehind or word boundary, the
case of a label's first letter spelled out. Each must find exactly what its
plain form finds — the form a reader would write — on texts made of the
pieces where they could differ: word edges, letter case (with the letters
that match ignoring case, «ᲄ» for «т»), Latin among Cyrillic, colons of
addresses and drive letters."""

from __future__ import annotations

import random
import re

import pytest

from generator.audit import audit_html
from generator.privacy import detectors, names, textfold

UP, LO = "А-ЯЁ", "а-яё"
WORD = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
SURNAME = rf"(?:{WORD}|[{UP}]{{2,}}(?:-[{UP}]{{2,}})?)"
PATRONYMIC = rf"[{UP}][{LO}]*(?:вич|вн|ичн|ьич)[{LO}]{{0,3}}"
INITIAL = rf"[{UP}]\.\s?"
FOREIGN = textfold._FOREIGN

PLAIN = {
    "fio": [
        re.compile(rf"(?<![{UP}{LO}]){SURNAME}\s+{WORD}\s+{PATRONYMIC}(?![{LO}])"),
        re.compile(rf"(?<![{UP}{LO}]){WORD}\s+{PATRONYMIC}\s+{SURNAME}(?![{UP}{LO}])"),
        re.compile(rf"(?<![{UP}{LO}]){SURNAME}\s+{INITIAL}{INITIAL}?(?![{LO}])"),
        re.compile(rf"(?<![{UP}{LO}]){INITIAL}{INITIAL}?{SURNAME}(?![{UP}{LO}])"),
    ],
    "capitalised": re.compile(
        rf"(?<![{UP}{LO}])[{UP}](?:[{LO}]+|[{UP}]+)(?:-[{UP}](?:[{LO}]+|[{UP}]+))?(?![{UP}{LO}])"
    ),
    "any_word": re.compile(rf"(?<![{UP}{LO}])[{UP}{LO}]{{3,}}(?:-[{UP}{LO}]+)?(?![{UP}{LO}])"),
    "latin_word": re.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?![A-Za-z])"),
    "phone_labelled": re.compile(
        r"(?:\bтел(?:ефон)?[а-я]*\.?|\bмоб\.?|\bсот\.?|\bWhatsApp|\bTelegram)"
        r"\s*:?\s*(\+?[\d][\d\s\-()]{4,18}\d)",
        re.I,
    ),
    "snils_labelled": re.compile(r"СНИЛС\s*:?\s*(?:№\s*)?(\d[\d\s\-]{9,14}\d)", re.I),
    "pair": re.compile(f"[А-яЁё][{FOREIGN}]|[{FOREIGN}][А-яЁё]"),
    "patronymic": re.compile(
        rf"(?<![{UP}{LO}])[{UP}{LO}]+"
        rf"(?:(?:вич|вн|ичн|ьич)[{LO}]{{0,3}}|(?:ВИЧ|ВН|ИЧН|ЬИЧ)[{UP}]{{0,3}})(?![{UP}{LO}])"
    ),
    "drive": re.compile(r"(?<![\w/])[A-Za-z]:[\\/]", re.I),
}

PIECES = [
    *"  \n\t-.,:/\\()+№",
    "а", "Ж", "ё", "Ё", "x", "Q", "ſ", "İ", "K", "ᲄ", "ᲃ", "Ᲊ",  # noqa: RUF001 (look-alikes on purpose)
    "тел.", "Тел: ", "ТЕЛЕФОН ", "ᲄел.", "моб.", "Сот.:", "WhatsApp ", "telegram:", "хтел ",
    "СНИЛС", "снилс ", "ᲃнилс", "№ ", "112-233-445 95", "8 912 345-67-89", "1234567",
    "Смирнова", "СМИРНОВА", "Алина", "Олеговна", "ОЛЕГОВНА", "олеговне", "Петров-Водкин",
    "Иванович", "ИВАНОВИЧ", "Ивaнова", "Krylova", "ab", "https://x.ru/", "C:", "d:/",
    "c:\\", "2:/", "x1:/", "/:/", "file:///", "А.", "О. ",
    "Смирнова Алина Олеговна", "Алина Олеговна Смирнова", "Смирнова А. О.", "А.О. Смирнова",
    "СМИРНОВА А.О.", "Петров-Водкин Иван Ильич", "Ивaнова Анна Петровна",
]  # fmt: skip


def texts(count: int = 4000) -> list[str]:
    chance = random.Random(18)
    return ["".join(chance.choices(PIECES, k=chance.randint(1, 14))) for _ in range(count)]


def spans(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("plain", "fast"),
    [
        (PLAIN["capitalised"], names._CAPITALISED),
        (PLAIN["any_word"], names._ANY_WORD),
        (PLAIN["latin_word"], names._LATIN_WORD),
        (PLAIN["phone_labelled"], detectors._PHONE_LABELLED),
        (PLAIN["snils_labelled"], detectors._SNILS_LABELLED),
        *zip(PLAIN["fio"], names.FIO_PATTERNS, strict=True),
    ],
)
def test_fast_form_finds_what_the_plain_form_finds(plain, fast):
    found = 0
    for text in texts():
        expected = spans(plain, text)
        assert spans(fast, text) == expected, text
        found += bool(expected)
    assert found > 20  # the texts do hold what is looked for


def test_mixed_script_pair_and_drive_letter_are_found_where_the_plain_forms_find_them():
    pairs = drives = 0
    for text in texts():
        pair = PLAIN["pair"].search(text) is not None
        assert (textfold._PAIR.search(text) is not None) is pair, text
        drive = PLAIN["drive"].search(text) is not None
        assert (detectors._DRIVE.search(text) is not None) is drive, text
        pairs, drives = pairs + pair, drives + drive
    assert pairs > 20 and drives > 20


def test_patronymics_found_by_runs_are_those_the_pattern_finds():
    for text in texts():
        runs = [
            (m.span(), m.group(0))
            for m in names._LETTER_RUN.finditer(text)
            if names._PATRONYMIC_RUN.fullmatch(m.group(0))
        ]
        assert runs == [(m.span(), m.group(0)) for m in PLAIN["patronymic"].finditer(text)], text


LAZY_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^<>]*?)?)\s*/?>")
TAG_PIECES = [*"<>:-/='\" \t\n!", "a", "b1", "x=y", "\u00a0", "\u2003", "\x1c", 'href="/p/"', "br"]


def test_tags_and_attributes_are_those_the_lazy_pattern_takes():
    """audit_html: a greedy tag pattern, the attributes cut in Python."""
    chance = random.Random(14)
    tags = 0
    for _ in range(40_000):
        text = "".join(chance.choices(TAG_PIECES, k=chance.randint(1, 12)))
        expected = [(m.start(), m.group(1), m.group(2)) for m in LAZY_TAG.finditer(text)]
        found = [
            (m.start(), m.group(1), audit_html._attributes(m.group(2)))
            for m in audit_html._TAG.finditer(text)
        ]
        assert [f for f in found if f[2] is not None] == expected, repr(text)
        tags += len(expected)
    assert tags > 100


def test_a_link_taken_as_plainly_fine_has_no_problem():
    """schema/links.py: the fast path for a plain document link skips nothing."""
    from generator.schema import links
    from generator.schema.fields import SiteUrl, Url

    pieces = ["https://", "http://", "HTTPS://", "sosh1", ".", "example", "ru", "рф", "/",
              "Plan.pdf", "?", "ouid=1", "#", " ", "-", "my-drive", "drive.google.com",
              "yadi.sk", "@", ":8080", "file:///", "c:\\", "www.", "https://b.ru/x", "\t"]  # fmt: skip
    chance = random.Random(8)
    plain = 0
    for _ in range(60_000):
        value = "".join(chance.choices(pieces, k=chance.randint(1, 9)))
        if links._plainly_fine(value):
            plain += 1
            assert links._examine(value, Url) == [] and links._examine(value, SiteUrl) == [], value
    assert plain > 500
    assert links.check_url("https://sosh1.example.ru/files/plan.pdf") == []
    assert links.check_url("https://sosh1.example.ru/") != []  # the home page: not plain
