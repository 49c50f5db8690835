"""Every count is written in correct Russian: «1 программа реализуется»,
«4 программы реализуются», «5 программ реализуется», «0,6 мес.»."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.render.env import make_env
from generator.words import COUNTED, GENITIVE, lines_phrase, number
from tests.conftest import read

NUMBERS = [0, 1, 2, 5, 11, 21, 22, 25]
FORM_INDEX = {0: 2, 1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1, 25: 2}  # one, few, many
TEMPLATES = Path(__file__).resolve().parents[2] / "generator/render/templates"


@pytest.mark.parametrize("word", sorted(COUNTED))
def test_each_counted_word_renders_for_every_kind_of_number(tmp_path, word):
    env = make_env(str(tmp_path))
    template = env.from_string("{{ n | count(word) }}|{{ n | word_for(word) }}")
    for n in NUMBERS:
        expected = COUNTED[word][FORM_INDEX[n]]
        assert template.render(n=n, word=word) == f"{n} {expected}|{expected}", (word, n)


def test_the_forms_themselves_are_russian():
    env = make_env()
    rendered = [env.from_string("{{ n | count('program_active') }}").render(n=n) for n in NUMBERS]
    assert rendered == [
        "0 программ реализуется",
        "1 программа реализуется",
        "2 программы реализуются",
        "5 программ реализуется",
        "11 программ реализуется",
        "21 программа реализуется",
        "22 программы реализуются",
        "25 программ реализуется",
    ]
    genitive = env.from_string("{{ n | count('organization', forms) }}")
    assert [genitive.render(n=n, forms=GENITIVE) for n in (1, 2, 5, 21)] == [
        "1 организации",
        "2 организаций",
        "5 организаций",
        "21 организации",
    ]


def test_no_template_puts_a_fixed_word_under_a_number():
    """A figure's label is chosen by its number, never written as fixed text."""
    fixed = []
    for path in TEMPLATES.rglob("*.j2"):
        fixed += [
            f"{path.name}: {m.group(0)}"
            for m in re.finditer(r'nst-figure__label">[^{<]+', path.read_text("utf-8"))
        ]
    assert fixed == []


def test_fractions_use_a_decimal_comma_and_lines_agree():
    assert number(0.6) == "0,6" and number(1.25, 2) == "1,25" and number(3.0) == "3"
    assert [_index(n) for n in NUMBERS] == [FORM_INDEX[n] for n in NUMBERS]
    assert lines_phrase([7]) == "в строке 7" and lines_phrase([7, 9]) == "в строках 7, 9"


def test_demo_home_figures_agree_with_their_numbers(demo_site):
    html = read(demo_site / "index.html")
    figures = re.findall(
        r'nst-figure__value">(?:≥ )?(\d+)</span>\s*<span class="nst-figure__label">([^<]+)<',
        html,
    )
    assert len(figures) == 4
    words = {label: int(value) for value, label in figures}
    for label, value in words.items():
        forms = next(f for f in COUNTED.values() if label in f)
        assert label == forms[_index(value)], (value, label)


def _index(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2
