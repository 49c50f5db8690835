"""The audit searches a JSON file's string values, in the document's order.
It parses them without keeping what is not searched (a region's
monitoring.json is 67 MB): the strings must be exactly those of the whole
parsed document, and a file that is not JSON is searched as text."""

import json

import pytest

from generator.audit.audit_data import _json_strings, _json_value_strings

DOCUMENTS = [
    '{"title": "Программы", "count": 2, "items": [{"id": "p1", "mentor": "Лебедев К. И.",'
    ' "period": {"start": "2025-09-01", "end": null}, "types": ["группа", 3, "пара"],'
    ' "ok": true, "score": 4.5}, {"id": "p2", "mentor": "Лебедев К. И."}]}',
    # A key given twice: its last value, at its first place — as json.loads keeps it.
    '{"a": "первое", "b": "между", "a": "последнее", "c": ["x", {"a": "1", "a": "2"}]}',
    '["строка", 1, -2.5e3, NaN, Infinity, -Infinity, null, false, [[["глубже"]]], {}]',
    '"одна строка"',
    "42",
    "null",
    '{"\\u0421\\u043c": "\\u0421\\u043c\\u0438\\u0440\\u043d\\u043e\\u0432\\u0430", "e": "\\ud83d\\ude00"}',
    '{"same": "повтор", "list": ["повтор", "повтор"], "deep": {"same": "повтор"}}',
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_string_values_are_those_of_the_whole_document(document):
    assert _json_value_strings(document) == _json_strings(json.loads(document))


@pytest.mark.parametrize(
    "text",
    [
        "ФИО;Телефон\nУченик;+7 912 345-67-89",  # a table named .json
        '{"a": "не закрыто"',
        '{"a": 1} лишнее',
        "\ufeff{}",  # json.loads refuses a byte order mark too
        "[" * 100_000 + "]" * 100_000,  # nested deeper than Python recurses
        '{"a": ' * 50_000 + "1" + "}" * 50_000,
    ],
)
def test_what_is_not_json_is_searched_as_text(text):
    assert _json_value_strings(text) is None
