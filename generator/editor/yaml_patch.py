"""The line-preserving patch of ``editor/document.py``: the lines of the new
document, the old lines wherever values did not change — comments, blank
lines, folded titles, flow lists and the order of keys stay as written."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .yaml_emit import (
    WIDTH,
    child_context,
    flow_text,
    folded_lines,
    key_order,
    literal_lines,
    quoted,
    scalar,
)
from .yaml_lines import Line, Source, Style
from .yaml_values import canon, clean, node_value

FLOW_WIDTH = 120  # a list or group written in brackets stays so up to this line length


class Unchecked(ValueError):
    """A patch that does not read back as asked (``document.py`` then writes
    the changed values whole, or refuses)."""


class Patcher:
    """Lines of the new document: the old lines where values did not change."""

    def __init__(
        self,
        source: Source,
        context: Any,
        coarse: bool = False,
        drop: tuple[Any, int] | None = None,
    ):
        self.lines = source.lines
        self.context = context
        self.coarse = coarse  # write changed values whole, never line by line inside
        self.drop = drop  # (list node, item index): the entry removed_entry_text removes
        self.style = Style.of(None)

    # -- the whole document
    def document(self, root: yaml.Node | None, new: Any) -> list[Line]:
        self.style = Style.of(root)
        if root is None:  # missing, empty or only comments: the record after them
            return list(self.lines) + _new(self.emit_root(new))
        last = self.last(root)
        if isinstance(root, yaml.MappingNode) and not root.flow_style and isinstance(new, dict):
            first = root.value[0][0].start_mark.line
            middle = self.mapping(root, new, self.context)
        elif isinstance(root, yaml.SequenceNode) and not root.flow_style and isinstance(new, list):
            first = root.start_mark.line
            middle = self.sequence(root, new, self.context)
        else:
            first = root.start_mark.line
            middle = _new(self.emit_root(new))
        return self.lines[:first] + middle + self.lines[last + 1 :]

    def emit_root(self, new: Any) -> list[str]:
        if isinstance(new, list):
            return self.emit_list(new, 0, self.style.sequence - self.style.offset, self.context)
        return self.emit_map(new if isinstance(new, dict) else {}, 0, self.context)

    # -- where values are
    def last(self, node: yaml.Node) -> int:
        """The last line holding any of the node's text (comments after it excluded)."""
        own = self._last(node)
        return node.start_mark.line if own is None else own

    def _last(self, node: yaml.Node) -> int | None:
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.value == "":
                return None  # nothing written: the key's or the dash's line
            if node.style in ("|", ">"):
                end = node.end_mark.line + (1 if node.end_mark.column else 0)
                while end - 1 > node.start_mark.line and not self.lines[end - 1].body.strip():
                    end -= 1
                return end - 1
            return node.end_mark.line if node.end_mark.column else node.end_mark.line - 1
        if not _block(node):
            return node.end_mark.line
        if isinstance(node, yaml.MappingNode):
            return max(
                max(key.start_mark.line, self._last(value) or 0) for key, value in node.value
            )
        assert isinstance(node, yaml.SequenceNode)
        dashes = self.dashes(node)
        return max(max(d, self._last(item) or 0) for d, item in zip(dashes, node.value))

    def dashes(self, seq: yaml.SequenceNode) -> list[int]:
        """The line of each item's «-»."""
        column = seq.start_mark.column
        found: list[int] = []
        line = seq.start_mark.line
        for number in range(len(seq.value)):
            if number:
                line = max(found[-1], self._last(seq.value[number - 1]) or 0) + 1
                while not self._dash_at(line, column):
                    line += 1
            found.append(line)
        return found

    def _dash_at(self, line: int, column: int) -> bool:
        if line >= len(self.lines):
            raise Unchecked("не найдено начало элемента списка")
        body = self.lines[line].body
        return (
            len(body) > column
            and body[column] == "-"
            and not body[:column].strip()
            and (len(body) == column + 1 or body[column + 1] in " \t")
        )

    def comment_after(
        self,
        key: yaml.Node | None,
        value: yaml.Node | None,
        dash: tuple[int, int] = (0, 0),
    ) -> tuple[str, int] | None:
        """(text, column) of the comment ending the line of ``key`` (without a
        key: of the list item's dash at ``dash`` = (line, column)), or None."""
        line = key.start_mark.line if key is not None else dash[0]
        body = self.lines[line].body
        if value is None or _empty_scalar(value) or value.start_mark.line != line or _block(value):
            if key is None:
                return _comment_at(body, dash[1] + 1)
            colon = body.find(":", key.end_mark.column)
            return _comment_at(body, colon + 1) if colon >= 0 else None
        if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):
            start = value.start_mark.column
            header = re.match(r"[|>][-+0-9]*", body[start:])
            return _comment_at(body, start + (header.end() if header else 1))
        if self.last(value) == line:
            return _comment_at(body, value.end_mark.column)
        return None

    # -- maps
    def mapping(self, node: yaml.MappingNode, new: dict, context: Any) -> list[Line]:
        """Lines from the map's first key to its last value."""
        pairs = [(str(k.value), k, v) for k, v in node.value]
        column = pairs[0][1].start_mark.column
        status = {}
        for name, _key, value in pairs:
            if name in new and _same(value, new[name]):
                status[name] = "keep"
            elif name not in new or clean(new[name]) is None:
                status[name] = "drop"
            else:
                status[name] = "change"
        kept = [name for name, *_ in pairs if status[name] != "drop"]
        added = [
            n for n in key_order(new, context) if n not in status and clean(new[n]) is not None
        ]
        if not kept:  # nothing of the old map stays: it is written anew
            fresh = {n: new[n] for n in added}
            return _new(self.emit_map(fresh, column, context) if fresh else [" " * column + "{}"])
        order = key_order(new, context)
        after: dict[str | None, list[str]] = {}
        for name in added:
            before = order[: order.index(name)]
            anchor = next((n for n in reversed(before) if n in kept), None)
            after.setdefault(anchor, []).append(name)
        out = self._added(after.get(None, []), new, column, context)
        last = self.last(node)
        for number, (name, key, value) in enumerate(pairs):
            start = key.start_mark.line
            end = max(start, self._last(value) or 0)
            following = (
                pairs[number + 1][1].start_mark.line if number + 1 < len(pairs) else last + 1
            )
            if status[name] == "keep":
                out += self.lines[start : end + 1]
            elif status[name] == "change":
                child = child_context(context, name)
                out += self.changed(name, key, value, new[name], column, child)
            if status[name] != "drop":
                out += self._added(after.get(name, []), new, column, context)
            out += self.lines[end + 1 : following]
        return out

    def _added(self, names: list[str], new: dict, column: int, context: Any) -> list[Line]:
        lines: list[str] = []
        for name in names:
            lines += self.emit_key(name, new[name], column, child_context(context, name))
        return _new(lines)

    def changed(
        self, name: str, key: yaml.Node, value: yaml.Node, new: Any, column: int, context: Any
    ) -> list[Line]:
        line = key.start_mark.line
        if not self.coarse and _block(value) and value.value:
            if isinstance(value, yaml.MappingNode) and isinstance(new, dict):
                first = value.value[0][0].start_mark.line
                return self.lines[line:first] + self.mapping(value, new, context)
            if isinstance(value, yaml.SequenceNode) and isinstance(new, list):
                first = value.start_mark.line
                return self.lines[line:first] + self.sequence(value, new, context)
        lines = self.emit_key(name, clean(new), column, context, hint=value)
        prefix = self.lines[line].body[:column]  # «  - » when the key opens a list item
        lines[0] = with_comment(prefix + lines[0][column:], self.comment_after(key, value))
        return _new(lines)

    # -- lists
    def sequence(self, node: yaml.SequenceNode, new: list, context: Any) -> list[Line]:
        """Lines from the list's first dash to its last item."""
        items = node.value
        dash = node.start_mark.column
        dashes = self.dashes(node)
        ends = [max(d, self._last(item) or 0) for d, item in zip(dashes, items)]
        first = items[0]
        on_dash = first.start_mark.line == dashes[0] and not _empty_scalar(first)
        column = first.start_mark.column if on_dash else dash + 2
        gaps = [self.lines[ends[n] + 1 : dashes[n + 1]] for n in range(len(items) - 1)]
        separated = any(not line.body.strip() for gap in gaps for line in gap)

        plan: dict[int, int | None] = {}  # old item → new item it becomes, None: removed
        inserts: dict[int, list[int]] = {}  # after old item (-1: before all) → new items
        if self.drop is not None and self.drop[0] is node:
            plan = {n: (n if n < self.drop[1] else n - 1) for n in range(len(items))}
            plan[self.drop[1]] = None
        else:
            size, wanted = len(items), len(new)
            head = 0
            while head < min(size, wanted) and _same(items[head], new[head]):
                head += 1
            tail = 0
            while tail < min(size, wanted) - head and _same(
                items[size - 1 - tail], new[wanted - 1 - tail]
            ):
                tail += 1
            middle_old, middle_new = size - tail - head, wanted - tail - head
            paired = min(middle_old, middle_new)
            for n in range(size):
                if n < head + paired:
                    plan[n] = n
                elif n < head + middle_old:
                    plan[n] = None
                else:
                    plan[n] = n - size + wanted
            if middle_new > paired:
                inserts[head + paired - 1] = list(range(head + paired, head + middle_new))

        removed_lines: set[int] = set()
        for n, target in plan.items():
            if target is None:
                removed_lines |= self._removal(n, dashes, ends, gaps)
        item_context = context

        def inserted(numbers: list[int], leading: bool) -> list[Line]:
            out: list[Line] = []
            for number in numbers:
                lines = _new(self.emit_item(new[number], dash, column, item_context))
                gap = [Line("", None)] if separated else []
                out += (gap + lines) if leading else (lines + gap)
            return out

        out = inserted(inserts.get(-1, []), leading=False)
        for n, item in enumerate(items):
            if n:
                out += [
                    line
                    for offset, line in enumerate(gaps[n - 1])
                    if ends[n - 1] + 1 + offset not in removed_lines
                ]
            target = plan[n]
            if target is None:
                continue
            if _same(item, new[target]):
                out += self.lines[dashes[n] : ends[n] + 1]
            else:
                out += self.item(item, dashes[n], ends[n], dash, column, new[target], context)
            out += inserted(inserts.get(n, []), leading=True)
        return out

    def _removal(
        self, n: int, dashes: list[int], ends: list[int], gaps: list[list[Line]]
    ) -> set[int]:
        """Lines going with item ``n``: its own, the comments just above it,
        and one blank separator (after it, or before it for the last item)."""
        lines = set(range(dashes[n], ends[n] + 1))
        line = dashes[n] - 1
        if n:
            while line > ends[n - 1] and self.lines[line].body.lstrip().startswith("#"):
                lines.add(line)
                line -= 1
        if n + 1 < len(dashes):
            after = ends[n] + 1
            while after < dashes[n + 1] and not self.lines[after].body.strip():
                lines.add(after)
                after += 1
        elif n:
            while line > ends[n - 1] and not self.lines[line].body.strip():
                lines.add(line)
                line -= 1
        return lines

    def item(
        self,
        node: yaml.Node,
        dash_line: int,
        end: int,
        dash: int,
        column: int,
        new: Any,
        context: Any,
    ) -> list[Line]:
        if not self.coarse and _block(node) and node.value:
            first_line = node.start_mark.line
            if isinstance(node, yaml.MappingNode) and isinstance(new, dict):
                inner = node.value[0][0].start_mark.column
                lines = self.mapping(node, new, context)
            elif isinstance(node, yaml.SequenceNode) and isinstance(new, list):
                inner = node.start_mark.column
                lines = self.sequence(node, new, child_context(context, None))
            else:
                lines = []
            if lines:
                if first_line != dash_line:  # «-» alone on its line
                    return self.lines[dash_line:first_line] + lines
                return _dash_moved(lines, self.lines[dash_line], inner)
        own_column = node.start_mark.column if node.start_mark.line == dash_line else column
        own_column = max(own_column, dash + 2)
        emitted = self.emit_item(clean(new), dash, own_column, context, hint=node)
        prefix = self.lines[dash_line].body[:dash]
        emitted[0] = with_comment(
            prefix + emitted[0][dash:], self.comment_after(None, node, dash=(dash_line, dash))
        )
        return _new(emitted)

    # -- new text
    def emit_map(self, value: dict, column: int, context: Any) -> list[str]:
        lines: list[str] = []
        for name in key_order(value, context):
            if clean(value[name]) is not None:
                lines += self.emit_key(name, value[name], column, child_context(context, name))
        return lines or [" " * column + "{}"]

    def emit_key(
        self, name: str, value: Any, column: int, context: Any, hint: yaml.Node | None = None
    ) -> list[str]:
        value = clean(value)
        head = " " * column + scalar(name) + ":"
        style = self.style
        if isinstance(value, dict | list):
            flow = flow_text(value, context) if getattr(hint, "flow_style", False) else None
            if flow is not None and len(head) + 1 + len(flow) <= FLOW_WIDTH:
                return [f"{head} {flow}"]
            if isinstance(value, dict):
                return [head] + self.emit_map(value, column + style.mapping, context)
            return [head] + self.emit_list(
                value, column + style.offset, column + style.sequence, context
            )
        return self._scalar_lines(head + " ", value, column + style.mapping, hint)

    def emit_list(self, value: list, dash: int, column: int, context: Any) -> list[str]:
        lines: list[str] = []
        for item in value:
            lines += self.emit_item(item, dash, column, context)
        return lines

    def emit_item(
        self, value: Any, dash: int, column: int, context: Any, hint: yaml.Node | None = None
    ) -> list[str]:
        value = clean(value)
        head = " " * dash + "-" + " " * (column - dash - 1)
        if isinstance(value, dict | list):
            flow = flow_text(value, context) if getattr(hint, "flow_style", False) else None
            if flow is not None and len(head) + len(flow) <= FLOW_WIDTH:
                return [head + flow]
            if isinstance(value, dict):
                lines = self.emit_map(value, column, context)
            else:
                nested = column + self.style.sequence - self.style.offset
                lines = self.emit_list(value, column, nested, child_context(context, None))
            return [head + lines[0][column:]] + lines[1:]
        if value is None:
            return [head.rstrip()]
        return self._scalar_lines(head, value, column, hint)

    def _scalar_lines(self, head: str, value: Any, inner: int, hint: yaml.Node | None) -> list[str]:
        """``head`` («key: » or «- ») followed by the value; ``inner``: the
        column of a block's lines."""
        if isinstance(value, str) and "\n" in value:
            block = literal_lines(value, inner)
            if block is not None:
                return [head + block[0]] + block[1:]
            return [head + quoted(value)]
        text = scalar(value)
        folded_before = isinstance(hint, yaml.ScalarNode) and hint.style == ">"
        if (
            isinstance(value, str)
            and len(head) + len(text) > WIDTH
            and (hint is None or folded_before)
        ):
            folded = folded_lines(value, inner)
            if folded is not None:
                return [head + ">-"] + folded
        return [head + text]


def _new(lines: list[str]) -> list[Line]:
    return [Line(body, None) for body in lines]


def _block(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style


def _empty_scalar(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.value == ""


def _same(node: yaml.Node, new: Any) -> bool:
    return canon(node_value(node)) == canon(new)


def _dash_moved(lines: list[Line], dash_line: Line, column: int) -> list[Line]:
    """The item's lines with its «- » on their first key, wherever that went."""
    prefix = dash_line.body[:column]
    first = next(
        (
            n
            for n, line in enumerate(lines)
            if line.body.strip() and not line.body.lstrip().startswith("#")
        ),
        0,
    )
    out = []
    for n, line in enumerate(lines):
        if n == first and line is not dash_line:
            line = Line(prefix + line.body[column:], line.eol)
        elif n != first and line is dash_line:
            line = Line(" " * column + line.body[column:], line.eol)
        out.append(line)
    return out


def _comment_at(body: str, column: int) -> tuple[str, int] | None:
    rest = body[column:]
    text = rest.lstrip(" \t")
    if text.startswith("#") and (column == 0 or rest != text or body[column - 1] in " \t"):
        return text, len(body) - len(text)
    return None


def with_comment(head: str, comment: tuple[str, int] | None) -> str:
    if comment is None:
        return head
    text, column = comment
    gap = column - len(head) if len(head) < column else 2
    return head + " " * gap + text
