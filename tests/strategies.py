"""Hypothesis strategies for what curators type: YAML-ish text, nasty
values and damaged copies of real records."""

from __future__ import annotations

import string

from hypothesis import strategies as st

# Characters that mean something to YAML, Markdown, HTML or our parsers,
# plus the invisible ones Word and PDFs leave behind.
SPECIAL = ":-[]{}#&*!|>'\"\n\t ,?%@`<>/\\=_~^+;()$.0123456789"
INVISIBLE = "\x00\x07\x85\u00a0\u2028\u2029\ufeff\u200b\r"
LETTERS = (
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" + string.ascii_letters
)

yamlish_text = st.text(alphabet=st.sampled_from(SPECIAL + INVISIBLE + LETTERS), max_size=300)

NASTY = [
    "07.102021",
    "1 111",
    "69,28",
    "31.02.2026",
    "2026-13-01",
    "01.09.25",
    "1e999999999",
    "9" * 40,
    "-1",
    "",
    "~",
    "null",
    "да",
    "нет",
    "15%",
    "0x1F",
    "inf",
    "NaN",
    "<script>__xss()</script>",
    "javascript:alert(1)",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Users\\Учитель\\Программа.pdf",
    "file:///C:/Users/x/a.pdf",
    "https://docs.google.com/d/1/edit?ouid=102868417210807477671",
    "https://a.example.ru/a.pdf https://b.example.ru/b.pdf",
    "https://a.example.ru/",
    "Смирнова Алина Олеговна",
    "Иванов И. И.",
    "им. В.Г. Короленко",
    "+7 912 345-67-89",
    "112-233-445 95",
    "паспорт 45 06 123456",
    "ул. Ленина, д. 5, кв. 12",
    "\x00",
    "\ufeff",
    "\u2028",
    "учитель – учитель",
    "{{ x }}",
    "{% if %}",
    "[x](javascript:y)",
    "a" * 10_001,
]
scalars = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def damaged(draw, data):
    """``data`` (a loaded record) with some values replaced, some keys
    dropped or added: wrong types everywhere, one example at a time."""
    if isinstance(data, dict):
        result = {}
        for key, value in data.items():
            choice = draw(st.integers(0, 9))
            if choice == 0:
                continue  # a field left out
            result[key] = draw(values) if choice == 1 else draw(damaged(value))
        if draw(st.integers(0, 9)) == 0:
            result[draw(st.text(max_size=10))] = draw(values)
        return result
    if isinstance(data, list):
        return [draw(damaged(item)) for item in data[:3]]
    return draw(values) if draw(st.integers(0, 3)) == 0 else data
