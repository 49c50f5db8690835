"""Russian explanations of PyYAML syntax errors.

PyYAML's messages («mapping values are not allowed here») mean nothing to a
curator; each known problem gets a sentence that says what to change.
"""

from __future__ import annotations

import re

import yaml

_PROBLEMS = [
    ("found character '\\t'", "символ табуляции: в YAML отступы делаются только пробелами."),
    (
        "mapping values are not allowed",
        "лишнее двоеточие: если в значении есть «: », заключите всё значение в кавычки.",
    ),
    (
        "could not find expected ':'",
        "ожидалась пара «ключ: значение» — проверьте двоеточие и отступ.",
    ),
    (
        "found unknown escape character",
        "в строке в двойных кавычках встретилась обратная косая черта «\\»; используйте одинарные кавычки.",
    ),
    (
        "expected hexdecimal number",
        "в строке в двойных кавычках встретилась обратная косая черта «\\»; используйте одинарные кавычки.",
    ),
    (
        "expected a single document",
        "в файле несколько документов YAML (разделитель «---»); оставьте один.",
    ),
    ("found undefined alias", "ссылки YAML (*ссылка) не поддерживаются."),
    ("found duplicate anchor", "ссылки YAML (&якорь) не поддерживаются."),
    ("found unexpected end of stream", "файл оборвался: не закрыта кавычка или скобка."),
    ("found unexpected ':'", "лишнее двоеточие: заключите значение в кавычки."),
    (
        "expected <block end>",
        "неверный отступ: элементы одного уровня должны начинаться в одной колонке.",
    ),
    (
        "did not find expected key",
        "неверный отступ или лишний символ: ожидалось «ключ: значение» на этом уровне.",
    ),
    (
        "did not find expected '-' indicator",
        "неверный отступ в списке: каждый элемент начинается с «- » в одной колонке.",
    ),
    ("did not find expected node content", "пропущено значение."),
    (
        "found character that cannot start any token",
        "значение начинается со служебного символа YAML (например, «@», «`» или «%»); заключите его в кавычки.",
    ),
    ("did not find expected ',' or ']'", "не закрыта квадратная скобка списка «[ ]»."),
    ("did not find expected ',' or '}'", "не закрыта фигурная скобка «{ }»."),
    ("found a tab character", "символ табуляции: в YAML отступы делаются только пробелами."),
    (
        "found undefined tag handle",
        "неизвестный тег (слово после «!»); уберите «!» или заключите значение в кавычки.",
    ),
    (
        "directive",
        "строка, начинающаяся с «%», — служебная команда YAML; заключите значение в кавычки.",
    ),
    ("could not find expected", "не закрыта кавычка или скобка."),
    ("found unexpected", "неожиданный символ: проверьте кавычки и отступы."),
]
SYNTAX = "ошибка синтаксиса YAML: "


def error_line(exc: yaml.MarkedYAMLError) -> int | None:
    mark = exc.problem_mark or exc.context_mark
    # An unclosed «[», «{» or quote is noticed lines later; point at the opening.
    if exc.context_mark and exc.context and ("flow" in exc.context or "quoted" in exc.context):
        mark = exc.context_mark
    return mark.line + 1 if mark else None


def translate(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark
    if mark is not None:
        lines = text.split("\n")
        if mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            return SYNTAX + "символ табуляции: в YAML отступы делаются только пробелами."
    for needle, message in _PROBLEMS:
        if needle in problem:
            return SYNTAX + message
    return SYNTAX + "проверьте отступы, двоеточия и кавычки в этой строке."


# What YAML accepts as text (YAML 1.1 «printable»); the first character
# outside it is what the reader complained about.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def reader_line(text: str, exc: yaml.YAMLError) -> int | None:
    # libyaml reports a byte offset, the pure-Python reader a character
    # index; finding the character ourselves works for both.
    match = _NOT_PRINTABLE.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1
