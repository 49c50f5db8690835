"""Stage 1: read a YAML file into a tree of positioned nodes.

We let PyYAML *compose* (parse into nodes) and never let it *construct*
Python objects: construction is where unsafe tags, alias bombs and the
YAML 1.1 surprises live (``057`` → 47, ``14:00`` → 840). Each node keeps its
line and the raw scalar text; the typed coercion of stage 2 decides what a
value means from the field it fills.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..diagnostics import Location, Report
from .encoding import decode_text

# Tags that plain YAML produces implicitly; anything else (``!!python/…``,
# custom ``!tags``) is refused.
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = {
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
MAX_DEPTH = 40


@dataclass(slots=True)
class YNode:
    """A composed YAML node with its position.

    ``kind`` is "map", "seq" or "scalar". For maps ``items`` is an ordered
    dict key → node, with ``key_lines`` giving the line of each key. For
    scalars ``raw`` is the text as written (unescaped) and ``plain_null`` tells
    whether it was an unquoted null (``~``, ``null`` or nothing).
    """

    kind: str
    line: int
    items: dict[str, "YNode"] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    seq: list["YNode"] = field(default_factory=list)
    raw: str = ""
    quoted: bool = False
    plain_null: bool = False

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.plain_null

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Problem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def load_yaml(path: Path, display: str, report: Report, max_bytes: int,
              allow_empty: bool = False) -> YNode | None:
    """Read ``path`` and return its root node, or ``None`` after reporting why not.

    ``display`` is the path shown to people (relative to the project). With
    ``allow_empty`` a file holding only comments is «not filled in yet»: None
    without a diagnostic.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        report.error(Location(display), f"файл не удаётся прочитать ({exc.strerror}).", "io")
        return None
    if size > max_bytes:
        report.error(
            Location(display),
            f"файл слишком большой: {size / 1_048_576:.1f} МБ при допустимых "
            f"{max_bytes / 1_048_576:.0f} МБ. Разбейте записи на несколько файлов "
            "или измените limits.max_file_mb в site_config.yml.",
            "size",
        )
        return None
    data = path.read_bytes()
    text = decode_text(data, display, report)
    if text is None:
        return None
    return parse_yaml_text(text, display, report, allow_empty)


def parse_yaml_text(text: str, display: str, report: Report,
                    allow_empty: bool = False) -> YNode | None:
    if not text.strip():
        if allow_empty:
            return None
        report.error(Location(display, 1), "файл пуст: в нём нет ни одной записи.", "empty")
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An unclosed «[», «{» or quote is noticed lines later; point at the opening.
        if exc.context_mark and exc.context and ("flow" in exc.context or "quoted" in exc.context):
            mark = exc.context_mark
        line = mark.line + 1 if mark else None
        report.error(Location(display, line), _translate(exc, text), "yaml")
        return None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        line = _reader_line(text, exc)
        report.error(
            Location(display, line),
            "в файле есть недопустимый управляющий символ (например, невидимый символ "
            "из Word или PDF). Удалите его или перенаберите строку.",
            "yaml",
        )
        return None
    except RecursionError:
        report.error(
            Location(display),
            f"слишком глубокая вложенность (больше {MAX_DEPTH} уровней).",
            "depth",
        )
        return None
    if root is None:
        if allow_empty:
            return None
        report.error(Location(display, 1), "файл пуст: в нём только комментарии.", "empty")
        return None
    try:
        return _convert(root, depth=0, seen=set())
    except _Problem as problem:
        report.error(Location(display, problem.line), problem.message, "yaml")
        return None


# Prefer libyaml's composer when present: same nodes, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _convert(node: yaml.Node, depth: int, seen: set[int]) -> YNode:
    if depth > MAX_DEPTH:
        raise _Problem(
            node.start_mark.line + 1,
            f"слишком глубокая вложенность (больше {MAX_DEPTH} уровней).",
        )
    if id(node) in seen and not isinstance(node, yaml.ScalarNode):
        raise _Problem(
            node.start_mark.line + 1,
            "ссылки YAML (&якорь и *ссылка) не поддерживаются: повторите значение явно.",
        )
    line = node.start_mark.line + 1
    if node.tag not in ALLOWED_TAGS:
        raise _Problem(
            line,
            f"тег «{_short_tag(node.tag)}» не поддерживается: уберите его, "
            "значения записываются как обычный текст, числа, даты или списки.",
        )
    if isinstance(node, yaml.ScalarNode):
        return YNode(
            kind="scalar",
            line=line,
            raw=node.value,
            quoted=node.style in ("'", '"', "|", ">"),
            plain_null=node.tag == _CORE + "null" and node.style in (None, ""),
        )
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        return YNode(
            kind="seq",
            line=line,
            seq=[_convert(child, depth + 1, seen) for child in node.value],
        )
    result = YNode(kind="map", line=line)
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Problem(key_line, "ключ должен быть словом, а не списком или словарём.")
        key = key_node.value
        if key == "<<":
            raise _Problem(
                key_line,
                "слияние словарей («<<») не поддерживается: перечислите поля явно.",
            )
        if key in result.items:
            raise _Problem(
                key_line,
                f"ключ «{key}» повторяется (первый раз — строка {result.key_lines[key]}). "
                "Оставьте одно значение.",
            )
        result.items[key] = _convert(value_node, depth + 1, seen)
        result.key_lines[key] = key_line
    return result


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _reader_line(text: str, exc: yaml.YAMLError) -> int | None:
    position = getattr(exc, "position", None)
    if position is None:
        return None
    return text.count("\n", 0, position) + 1


_PROBLEMS = [
    ("found character '\\t'", "символ табуляции: в YAML отступы делаются только пробелами."),
    ("mapping values are not allowed", "лишнее двоеточие: если в значении есть «: », заключите всё значение в кавычки."),
    ("could not find expected ':'", "ожидалась пара «ключ: значение» — проверьте двоеточие и отступ."),
    ("found unknown escape character", "в строке в двойных кавычках встретилась обратная косая черта «\\»; используйте одинарные кавычки."),
    ("expected hexdecimal number", "в строке в двойных кавычках встретилась обратная косая черта «\\»; используйте одинарные кавычки."),
    ("expected a single document", "в файле несколько документов YAML (разделитель «---»); оставьте один."),
    ("found undefined alias", "ссылки YAML (*ссылка) не поддерживаются."),
    ("found duplicate anchor", "ссылки YAML (&якорь) не поддерживаются."),
    ("found unexpected end of stream", "файл оборвался: не закрыта кавычка или скобка."),
    ("found unexpected ':'", "лишнее двоеточие: заключите значение в кавычки."),
    ("expected <block end>", "неверный отступ: элементы одного уровня должны начинаться в одной колонке."),
    ("did not find expected key", "неверный отступ или лишний символ: ожидалось «ключ: значение» на этом уровне."),
    ("did not find expected '-' indicator", "неверный отступ в списке: каждый элемент начинается с «- » в одной колонке."),
    ("did not find expected node content", "пропущено значение."),
    ("found character that cannot start any token", "значение начинается со служебного символа YAML (например, «@», «`» или «%»); заключите его в кавычки."),
    ("did not find expected ',' or ']'", "не закрыта квадратная скобка списка «[ ]»."),
    ("did not find expected ',' or '}'", "не закрыта фигурная скобка «{ }»."),
    ("found a tab character", "символ табуляции: в YAML отступы делаются только пробелами."),
    ("could not find expected", "не закрыта кавычка или скобка."),
    ("found unexpected", "неожиданный символ: проверьте кавычки и отступы."),
]


def _translate(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark
    if mark is not None and "\t" in text.split("\n")[mark.line][:mark.column + 1]:
        return "ошибка синтаксиса YAML: символ табуляции: в YAML отступы делаются только пробелами."
    for needle, message in _PROBLEMS:
        if needle in problem:
            return f"ошибка синтаксиса YAML: {message}"
    return "ошибка синтаксиса YAML: проверьте отступы, двоеточия и кавычки в этой строке."
