"""Stage 1: read a YAML file into a tree of positioned nodes.

We let PyYAML *parse* (produce events) and build our own nodes from the
event stream; PyYAML never *constructs* Python objects. Construction is
where unsafe tags, alias bombs and the YAML 1.1 surprises live (``057`` →
47, ``14:00`` → 840). Building from events also lets us stop early: an
alias, a forbidden tag, nesting deeper than ``MAX_DEPTH`` or more than
``MAX_NODES`` values end the reading at once, so no input can make us hold
more than a bounded tree in memory. Each node keeps its line and the raw
scalar text; the typed coercion of stage 2 decides what a value means from
the field it fills.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..diagnostics import Location, Report, brief
from .encoding import decode_text
from .safefile import Refused, read_limited, skipped
from .yamlerrors import error_line, reader_line, translate

_CORE = "tag:yaml.org,2002:"
# Explicit tags that only restate what plain YAML means; anything else
# (``!!python/…``, ``!!binary``, custom ``!tags``) is refused.
ALLOWED_TAGS = {"!"} | {
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
MAX_DEPTH = 40
# Nesting is ours to refuse, never the parser's. libyaml 0.2.6 (PyYAML
# 6.0.4) stops at 1,000 levels with its own English error, and a parser reads
# ahead of the events we see, so that error can come before our MAX_DEPTH
# check does. How far a parser reads ahead is bounded by the YAML grammar,
# not by a version: a token is handed on once it cannot start an implicit
# key, and an implicit key spans neither a line break nor 1,024 characters
# («simple keys», YAML 1.1 and 1.2). So while our stack is within MAX_DEPTH,
# the parser has read at most LOOKAHEAD_WINDOWS stretches of WINDOW
# characters beyond our last event, each adding at most its openers («[»,
# «{», «- », «? ») and two block levels. If no such stretch holds more than
# MAX_WINDOW_OPENERS openers, the parser is at most PARSER_DEPTH_NEEDED deep
# and any parser with a higher limit (libyaml: 1,000; pure Python: none)
# cannot have failed for depth: its error is a real syntax error and is
# translated. If one does, the error is reported as nesting, in our words.
# A valid file is never refused for what it holds in quoted or block text.
# tests/unit/test_yaml_source.py lowers libyaml's limit to just above
# PARSER_DEPTH_NEEDED and feeds the worst shapes.
WINDOW = 1024
MAX_WINDOW_OPENERS = 250
LOOKAHEAD_WINDOWS = 3
PARSER_DEPTH_NEEDED = MAX_DEPTH + LOOKAHEAD_WINDOWS * (MAX_WINDOW_OPENERS + 2)
_OPENER = re.compile(r"[\[{]|[-?] ")
# Far above any real content file (a list of 1,000 documents is ~10,000
# values), far below what would take seconds and hundreds of megabytes.
MAX_NODES = 200_000
_NULLS = {"", "~", "null", "Null", "NULL"}
# YAML also breaks lines at NEL, LS and PS; we make them ordinary newlines
# so that our line numbers and PyYAML's agree.
_LINE_BREAKS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


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
    items: dict[str, YNode] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    seq: list[YNode] = field(default_factory=list)
    raw: str = ""
    quoted: bool = False
    plain_null: bool = False
    flow: bool = False  # a map written in braces: {title: …, date: …}

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.plain_null

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Problem(Exception):
    def __init__(self, line: int, message: str, code: str = "yaml"):
        super().__init__(message)
        self.line = line
        self.message = message
        self.code = code


def load_yaml(
    path: Path,
    display: str,
    report: Report,
    max_bytes: int,
    allow_empty: bool = False,
    required: bool = False,
) -> YNode | None:
    """Read ``path`` and return its root node, or ``None`` after reporting why not.

    ``display`` is the path shown to people (relative to the project). With
    ``allow_empty`` a file holding only comments is «not filled in yet»: None
    without a diagnostic. A pipe, device or link out of the project is never
    opened (load/safefile.py): a warning, or an error when ``required``.
    """
    if skipped(path, display, report, required):
        return None
    try:
        size = path.stat().st_size
        if size > max_bytes:
            report.error(
                Location(display),
                f"файл слишком большой: {size / 1_048_576:.1f} МБ при допустимых "
                f"{max_bytes / 1_048_576:.0f} МБ. Разбейте записи на несколько файлов "
                "или измените limits.max_file_mb в site_config.yml.",
                "size",
            )
            return None
        data = read_limited(path, max_bytes)  # no more than the limit, whatever stat said
    except Refused as refused:  # replaced by a pipe since it was looked at
        report.error(Location(display), refused.message, "file")
        return None
    except OSError as exc:
        report.error(Location(display), f"файл не удаётся прочитать ({exc.strerror or exc}).", "io")
        return None
    if len(data) > max_bytes:
        report.error(
            Location(display), "файл слишком большой (он растёт во время чтения?).", "size"
        )
        return None
    text = decode_text(data, display, report)
    if text is None:
        return None
    return parse_yaml_text(text, display, report, allow_empty)


def parse_yaml_text(
    text: str, display: str, report: Report, allow_empty: bool = False
) -> YNode | None:
    text = text.translate(_LINE_BREAKS)
    if not text.strip():
        if allow_empty:
            return None
        report.error(Location(display, 1), "файл пуст: в нём нет ни одной записи.", "empty")
        return None
    builder = _Builder()
    try:
        root = builder.build(text)
    except _Problem as problem:
        report.error(Location(display, problem.line), problem.message, problem.code)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        stop = len(text) if mark is None else min(len(text), mark.index + WINDOW)
        dense = _dense_openers(text, builder.read_to, stop)
        if dense is not None:
            report.error(
                Location(display, dense),
                "слишком глубокая вложенность или незакрытые скобки: больше "
                f"{MAX_WINDOW_OPENERS} открывающих скобок «[» и «{{» (или отступов «- ») "
                "подряд. Проверьте, что каждая скобка и кавычка закрыта.",
                "depth",
            )
            return None
        report.error(Location(display, error_line(exc)), translate(exc, text), "yaml")
        return None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        report.error(
            Location(display, reader_line(text, exc)),
            "в файле есть недопустимый управляющий символ (например, невидимый символ "
            "из Word или PDF). Удалите его или перенаберите строку.",
            "yaml",
        )
        return None
    if root is None:
        if allow_empty:
            return None
        report.error(Location(display, 1), "файл пуст: в нём только комментарии.", "empty")
        return None
    return root


def _dense_openers(text: str, start: int, end: int) -> int | None:
    """Line of the first WINDOW in text[start:end] holding more than
    MAX_WINDOW_OPENERS openers, or None (see above)."""
    positions = [m.start() for m in _OPENER.finditer(text, start, end)]
    first = 0
    for last, position in enumerate(positions):
        while position - positions[first] >= WINDOW:
            first += 1
        if last - first >= MAX_WINDOW_OPENERS:
            return text.count("\n", 0, positions[first]) + 1
    return None


# Prefer libyaml's parser when present: same events, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Frame:
    node: YNode
    key: str | None = None  # a map's key waiting for its value
    key_line: int = 0


class _Builder:
    """Build ``YNode``s from parser events with an explicit stack (no recursion)."""

    def __init__(self) -> None:
        self.count = 0
        self.read_to = 0  # where the last event we were given ends

    def build(self, text: str) -> YNode | None:
        root: YNode | None = None
        stack: list[_Frame] = []
        documents = 0
        for event in yaml.parse(text, Loader=_Loader):
            self.read_to = event.end_mark.index if event.end_mark else self.read_to
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Problem(
                        line,
                        "ошибка синтаксиса YAML: в файле несколько документов "
                        "YAML (разделитель «---»); оставьте один.",
                    )
            elif isinstance(event, yaml.AliasEvent):
                raise _Problem(
                    line,
                    "ссылки YAML (&якорь и *ссылка) не поддерживаются: повторите значение явно.",
                )
            elif isinstance(
                event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
            ):
                node = self._node(event, line)
                if not stack:
                    root = node
                else:
                    self._attach(stack[-1], node, line)
                if node.kind != "scalar":
                    stack.append(_Frame(node))
                    if len(stack) > MAX_DEPTH:
                        raise _Problem(
                            line,
                            f"слишком глубокая вложенность (больше {MAX_DEPTH} уровней): "
                            "записи nastav не бывают вложены так глубоко. Проверьте отступы "
                            "и закрывающие скобки «]» и «}».",
                            "depth",
                        )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
        return root

    def _node(self, event, line: int) -> YNode:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Problem(
                line,
                f"в файле слишком много значений (больше {MAX_NODES:,}); "
                "разбейте записи на несколько файлов.".replace(",", " "),
                "size",
            )
        tag = event.tag
        if tag is not None and tag not in ALLOWED_TAGS:
            raise _Problem(
                line,
                f"тег «{_short_tag(tag)}» не поддерживается: уберите его, "
                "значения записываются как обычный текст, числа, даты или списки.",
            )
        if isinstance(event, yaml.SequenceStartEvent):
            return YNode(kind="seq", line=line)
        if isinstance(event, yaml.MappingStartEvent):
            return YNode(kind="map", line=line, flow=bool(event.flow_style))
        plain = not event.style
        return YNode(
            kind="scalar",
            line=line,
            raw=event.value,
            quoted=event.style in ("'", '"', "|", ">"),
            plain_null=(tag == _CORE + "null") or (tag is None and plain and event.value in _NULLS),
        )

    @staticmethod
    def _attach(frame: _Frame, node: YNode, line: int) -> None:
        parent = frame.node
        if parent.kind == "seq":
            parent.seq.append(node)
            return
        if frame.key is None:
            if node.kind != "scalar":
                raise _Problem(line, "ключ должен быть словом, а не списком или словарём.")
            key = node.raw
            if key == "<<":
                raise _Problem(
                    line, "слияние словарей («<<») не поддерживается: перечислите поля явно."
                )
            if key in parent.items:
                raise _Problem(
                    line,
                    f"ключ «{brief(key)}» повторяется (первый раз — строка "
                    f"{parent.key_lines[key]}). Оставьте одно значение.",
                )
            frame.key, frame.key_line = key, line
            return
        parent.items[frame.key] = node
        parent.key_lines[frame.key] = frame.key_line
        frame.key = None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
