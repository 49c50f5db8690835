"""A record file as the form editor patches it: its lines with their own line
ends, its byte order mark, and the indentation it already uses."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..diagnostics import Report
from ..load.yamlsource import YNode, parse_yaml_text
from .yaml_values import BREAKS


class Unreadable(ValueError):
    """A file the editor cannot change safely (not YAML, not text, too large); Russian."""


def problems(report: Report) -> str:
    return "; ".join(d.format() for d in report.errors) or "файл не читается"


def loaded(normalized: str, rel: str) -> YNode | None:
    """The text read by the project's own loader, within its limits, or ``Unreadable``."""
    report = Report()
    node = parse_yaml_text(normalized, rel, report, allow_empty=True)
    if not report.ok:
        raise Unreadable(problems(report))
    return node


@dataclass
class Line:
    body: str
    eol: str | None  # None: a line we wrote; it gets the file's line end


@dataclass
class Source:
    bom: str
    lines: list[Line]
    newline: str
    normalized: str  # the lines joined by "\n": what the parsers read

    @classmethod
    def of(cls, text: str) -> Source:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text[len(bom) :]
        lines: list[Line] = []
        position = 0
        for match in BREAKS.finditer(body):
            lines.append(Line(body[position : match.start()], match.group()))
            position = match.end()
        if position < len(body):
            lines.append(Line(body[position:], ""))
        ends = [line.eol for line in lines if line.eol]
        newline = max(("\n", "\r\n", "\r"), key=ends.count) if ends else "\n"
        normalized = "\n".join(line.body for line in lines)
        if lines and lines[-1].eol:
            normalized += "\n"
        return cls(bom, lines, newline, normalized)

    def root(self, rel: str) -> yaml.Node | None:
        loaded(self.normalized, rel)  # our limits first: depth, size, aliases, tags
        return yaml.compose(self.normalized, Loader=yaml.SafeLoader)

    def render(self, lines: list[Line]) -> str:
        out = [self.bom]
        for number, line in enumerate(lines):
            eol = line.eol
            if eol is None or (not eol and number < len(lines) - 1):
                eol = self.newline
            out.append(line.body + eol)
        return "".join(out)


@dataclass(frozen=True)
class Style:
    mapping: int = 2  # a nested key: columns right of its parent key
    offset: int = 2  # a list's dash: columns right of its key
    sequence: int = 4  # a list item's value: columns right of its key

    @classmethod
    def of(cls, root: yaml.Node | None) -> Style:
        """The indentation the file already uses (the first nested map and the
        first block list found), the demo's where it has none."""
        found: dict[str, int] = {}
        stack = [root] if root is not None else []
        while stack and len(found) < 3:
            node = stack.pop(0)
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            if not isinstance(node, yaml.MappingNode):
                continue
            for key, value in node.value:
                column = key.start_mark.column
                if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
                    shift = value.value[0][0].start_mark.column - column
                    if shift > 0:
                        found.setdefault("mapping", shift)
                if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                    dash = value.start_mark.column
                    first = value.value[0]
                    on_dash = first.start_mark.line == value.start_mark.line
                    item = first.start_mark.column if on_dash else dash + 2
                    if dash >= column and item >= dash + 2 and "offset" not in found:
                        found["offset"], found["sequence"] = dash - column, item - column
                stack.append(value)
        return cls(**found)
