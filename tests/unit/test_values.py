import datetime as dt

import pytest

from generator.schema.values import (
    ValueProblem,
    format_date_ru,
    months_between,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("01.09.2024", dt.date(2024, 9, 1)),
        ("1.9.2024", dt.date(2024, 9, 1)),
        ("2024-09-01", dt.date(2024, 9, 1)),
        ("29.04.2022 г.", dt.date(2022, 4, 29)),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw, words",
    [
        ("07.102021", "07.10.2021"),  # the malformed date in seed 001
        ("31.02.2024", "нет в календаре"),
        ("сентябрь", "не похоже на дату"),
        ("01.09.24", "двумя цифрами"),
    ],
)
def test_bad_dates_explain(raw, words):
    with pytest.raises(ValueProblem, match=words):
        parse_date(raw)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1 111", 1111),
        ("1\u2009111", 1111),
        ("69,28", 69.28),
        ("15,50%", 15.5),
        ("7.35", 7.35),
    ],
)
def test_numbers_as_reports_write_them(raw, expected):
    assert float(parse_decimal(raw)) == pytest.approx(expected)


def test_int_rejects_fractions():
    assert parse_int("1 354") == 1354
    with pytest.raises(ValueProblem):
        parse_int("3,5")


def test_bool_in_russian():
    assert parse_bool("да") is True and parse_bool("нет") is False and parse_bool("1") is True
    with pytest.raises(ValueProblem):
        parse_bool("может быть")


def test_helpers():
    assert format_date_ru(dt.date(2024, 9, 1)) == "1 сентября 2024 г."
    assert months_between(dt.date(2025, 9, 1), dt.date(2026, 5, 31)) == pytest.approx(9, abs=1)
