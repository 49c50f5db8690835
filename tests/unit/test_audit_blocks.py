"""A large text searched block by block finds exactly what one search of the
whole text finds, in the same order — wherever the findings fall relative
to the blocks — and an edit re-searches only the block it is in."""

import random

import pytest

from generator.audit.audit_blocks import (
    BLOCKS_FROM,
    CONTEXT,
    _lines,
    own_hits,
    search_blocks,
    spans,
)
from generator.privacy.detectors import Allowed, find_personal_data
from generator.privacy.names import NameFinder, Person

FINDER = NameFinder(
    [
        Person("Смирнова Алина Олеговна", "наставляемый"),
        Person("Лебедев Кирилл Игоревич", "наставник без согласия"),
    ],
    ["Лебедева Анна Петровна"],
)
ALLOWED = Allowed()
ALLOWED.add_phone("+7 (34512) 2-14-14")

# What a personal-data leak looks like in an open-data table, including the
# shapes that need context: a name after «имени» (allowed), a surname with
# the given name on the next line, labels before numbers.
PLANTS = [
    "Звоните маме: 8 912 345-67-89",
    "СНИЛС 112-233-445 95",
    "пишите на ivanova.ea@mail.ru",
    "наставляемая Смирнова Алина",
    "Смирновой\nАлине вручена грамота",
    "школа имени\nКирилла Лебедева",
    "проживает по адресу: ул. Ленина, д. 5, кв. 12",
    "тел.\n57-31-56",
    "паспорт серии 45 06 № 123456",
    "Лебедеву К. И. — благодарность",
    "официальный телефон +7 (34512) 2-14-14",
]


def table(seed: int, rows: int = 1500, planted: float = 0.04) -> str:
    rng = random.Random(seed)
    lines = ["id;организация;название;цель;год"]
    for n in range(rows):
        goal = " ".join(
            rng.choice(
                [
                    "адаптация",
                    "молодого",
                    "учителя",
                    "в коллективе",
                    "2025",
                    "№ 14",
                    "наставник",
                    "план",
                ]
            )
            for _ in range(rng.randint(5, 40))
        )
        if rng.random() < planted:
            goal += " " + rng.choice(PLANTS)
        lines.append(f"pp-{n};oo{n % 93:03d};Программа {n};{goal};202{n % 6}")
    return "\n".join(lines) + "\n"


def whole(text: str):
    return own_hits(text, 0, len(text), search)


def search(text: str):
    return FINDER.find_known(text), find_personal_data(text, ALLOWED)


@pytest.mark.parametrize("seed", range(6))
def test_blocks_find_what_the_whole_text_holds(seed):
    text = table(seed)
    assert len(text) > BLOCKS_FROM and len(spans(text)) > 5
    expected = whole(text)
    assert expected[0] and expected[1]  # the plants are found at all
    assert search_blocks(text, search, "f", {}, {}) == expected


# (end of a block, start of the next): a finding needs both.
STRADDLING = [
    ("школа имени", "Кирилла Лебедева — лучший наставник; "),
    ("тел.", "57-31-56 — мобильный; "),
    ("наставляемая Смирновой", "Алине 15 лет; "),
]


def test_findings_across_every_block_boundary():
    """Every boundary falls inside a finding that needs both sides: «имени»
    and the allowed name after it, a label and its phone number, a surname
    and the given name. The line ending a block is padded until it still
    ends the block, so the boundaries stay where the plants are."""
    import zlib

    text = table(99, rows=800, planted=0)
    boundaries = [start for start, _ in spans(text)[1:]]
    for n, start in reversed(list(enumerate(boundaries))):
        before, after = STRADDLING[n % 3]
        line_start = text.rindex("\n", 0, start - 1) + 1
        for pad in range(1000):
            line = f"{text[line_start : start - 1]} {'план ' * pad}{before}\n"
            if zlib.crc32(line.encode()) & 31 == 0:
                break
        text = text[:line_start] + line + after + text[start:]
    ends = [text[:s].rsplit("\n", 2)[-2] for s, _ in spans(text)[1:]]
    assert len(ends) == len(boundaries) >= 6
    assert all(any(e.endswith(b) for b, _ in STRADDLING) for e in ends)
    expected = whole(text)
    phones = [item for item in expected[1] if item[1] == "57-31-56"]
    names = [hit for hit in expected[0] if hit[0] == "Смирнова Алина Олеговна"]
    assert len(phones) == len(names) == len(boundaries[1::3]) and all(
        hit[1] == "Смирновой\nАлине" for hit in names
    )
    assert not any(hit[0].startswith("Лебедев") for hit in expected[0])  # «имени» seen
    assert search_blocks(text, search, "f", {}, {}) == expected


def test_an_edit_searches_again_only_its_block():
    text = table(7)
    used: dict = {}
    first = search_blocks(text, search, "f", {}, used)
    calls = []

    def counting(window):
        calls.append(window)
        return search(window)

    middle = len(text) // 2
    line_end = text.index("\n", middle)
    edited = text[:line_end] + " тел. 8 912 000-11-22" + text[line_end:]
    again: dict = {}
    result = search_blocks(edited, counting, "f", used, again)
    assert result == whole(edited) != first
    blocks = len(spans(edited))
    assert blocks > 10
    # The edited block, and at most the neighbours whose context reaches the edit.
    assert 1 <= len(calls) <= 3, (len(calls), blocks)
    assert all(
        len(window) <= max(e - s for s, e in spans(edited)) + 2 * CONTEXT for window in calls
    )  # blocks, never the whole text
    # What is looked for changed (another fingerprint): everything again.
    calls.clear()
    search_blocks(edited, counting, "g", again, {})
    assert len(calls) == len(spans(edited))


SEPARATORS = [
    "\n",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
    "\u2028",
    "\u2029",
]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 16, 1 << 20])
def test_lines_are_read_a_chunk_at_a_time_as_splitlines_gives_them(chunk):
    """Blocks end where lines end: reading the text a chunk at a time (not
    one list of a million lines) must cut it into the same lines, «\\r\\n»
    included, whatever line separator falls on a chunk's edge."""
    rng = random.Random(chunk)
    for _ in range(300):
        text = "".join(
            rng.choice(SEPARATORS) if rng.random() < 0.4 else rng.choice("аб c")
            for _ in range(rng.randint(0, 40))
        )
        assert list(_lines(text, chunk)) == text.splitlines(keepends=True), repr(text)
