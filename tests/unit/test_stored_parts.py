"""A lazy stage's result as the build cache stores it (util/stored.py
``StoredParts``): read back, its fields are the very values stored, in
their order, each unpickled only when asked for, and a large one read from
the file only then; a file cut off is computed again."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import pytest

from generator.diagnostics import Location, Report
from generator.memo import Memo
from generator.util.later import Later, Parts, resolved
from generator.util.stored import StoredParts


@dataclass
class Published:
    title: str
    programs: list[str]
    figures: dict[str, int] = field(default_factory=dict)
    note: str | None = None
    raw: bytes = b""


def _value() -> Published:
    return Published(
        "СОШ № 3", ["Адаптация", "Учитель — ученик"], {"mentors": 5}, None, b"\x00\x01"
    )


def _round_trip(tmp_path, value, items, large: int = 4096):
    """Stored in a file and read back, as memo.py does."""
    path = tmp_path / "result.pickle"
    codec = StoredParts(path, large)
    path.write_bytes(codec.dumps((Parts.of(value), items)))
    again = StoredParts(path, large)
    with open(path, "rb") as stream:
        return again.loads(again.read(stream))


def test_read_back_fields_are_the_stored_ones_in_their_order(tmp_path):
    value = _value()
    items = [("warning", "content/orgs/oo1/programs.yml", "укажите год")]
    parts, read_items = _round_trip(tmp_path, value, items)
    assert read_items == items and list(parts.fields) == [
        "title",
        "programs",
        "figures",
        "note",
        "raw",
    ]
    asked: list[str] = []
    later = parts.later(lambda _value: None, lambda name, _value: asked.append(name))
    assert later.part("title") == "СОШ № 3" and asked == []  # plain: stored as it is
    assert resolved(later.part("programs")) == value.programs and asked == ["programs"]
    whole = resolved(later)
    assert whole == value and list(vars(whole)) == list(vars(value))
    # The same bytes as the value itself pickles to: keys made of it do not change.
    assert pickle.dumps(whole, protocol=5) == pickle.dumps(value, protocol=5)


def test_large_fields_are_read_from_the_file_when_asked_for(tmp_path):
    value = _value()
    value.programs = [f"Программа {n}: адаптация молодого учителя" for n in range(300)]
    parts, _ = _round_trip(tmp_path, value, [], large=1024)
    assert callable(parts.fields["programs"])  # not read with the rest
    assert isinstance(parts.fields["figures"], memoryview)
    later = parts.later(lambda _v: None, lambda _n, _v: None)
    assert resolved(later.part("programs")) == value.programs
    assert resolved(later) == value and list(vars(resolved(later))) == list(vars(value))


def test_a_field_is_a_later_made_once_and_told_when_made(tmp_path):
    parts, _ = _round_trip(tmp_path, _value(), [])
    made: list[tuple[str, Later]] = []
    later = parts.later(lambda _v: None, lambda _n, _v: None, lambda n, lt: made.append((n, lt)))
    assert made == []  # nothing is made before it is asked for
    first = later.part("figures")
    assert later.part("figures") is first and made == [("figures", first)]
    assert not first.worked_out and resolved(first) == {"mentors": 5}


DAMAGES = {
    "cut off": lambda data: data[:-1],
    "lengths of another file": lambda data: b"\xff" * 16 + data[16:],
    "a plain pickle": lambda data: pickle.dumps(("не тот", "формат")),
    "empty": lambda data: b"",
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
@pytest.mark.parametrize("programs", [2, 300], ids=["small fields", "a large field"])
def test_a_stored_result_damaged_is_computed_again(tmp_path, programs, damage):
    calls: list[int] = []

    def publish(report: Report, n: int) -> Published:
        calls.append(n)
        report.warning(Location("content/orgs/oo1"), "предупреждение")
        return _with_programs(programs)

    memo = Memo(tmp_path / "cache")
    assert resolved(memo.stage("publish", publish, Report(), lazy=True, n=1)) == _with_programs(
        programs
    )
    (stored,) = (tmp_path / "cache" / "publish").glob("*.pickle")
    stored.write_bytes(damage(stored.read_bytes()))
    report = Report()
    again = Memo(tmp_path / "cache").stage("publish", publish, report, lazy=True, n=1)
    assert resolved(again) == _with_programs(programs) and calls == [1, 1]
    assert [d.message for d in report.items] == ["предупреждение"]
    report = Report()
    third = Memo(tmp_path / "cache").stage("publish", publish, report, lazy=True, n=1)
    assert (
        isinstance(third, Later) and resolved(third) == _with_programs(programs) and calls == [1, 1]
    )
    assert [d.message for d in report.items] == ["предупреждение"]


def _with_programs(count: int) -> Published:
    value = _value()
    value.programs = [f"Программа {n}: адаптация молодого учителя" for n in range(count)]
    return value
