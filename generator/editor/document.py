"""Record files for the form editor of ``nastav serve``: read a file, replace one
record (or one entry of a list file) and write the file back.

A curator's file is theirs: comments, blank lines, folded titles, flow lists
and the order of keys are kept. ``updated_text`` does not dump the document
again: it compares the values in the file with the new ones and rewrites only
the lines of the values that changed, so every other line stays byte for byte
as it was (line ends included). New values are written as the demo files
write them: dates ``ДД.ММ.ГГГГ``, multi-line text as a ``|`` block, long text
folded ``>-``, lists of values as block lists, with the file's own
indentation. Every result is read back by the project's own loader
(``load/yamlsource.py``) and compared with the values asked for before it is
returned; nothing it cannot read back is ever written.

Values are read as the loader reads them (the raw text of each scalar), then
given to forms as plain Python: ``true``/``false`` as booleans, whole numbers
written plainly as ints, dates ``ГГГГ-ММ-ДД`` as ``ДД.ММ.ГГГГ``, everything else
as text exactly as written (``1.10`` stays «1.10»).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import secrets
import shutil
import stat
import time
import typing
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..diagnostics import Report
from ..load.encoding import decode_text
from ..load.safefile import Refused, read_limited
from ..load.yamlsource import YNode, parse_yaml_text
from ..workspace import Workspace

CONTENT = "content"
MAX_BYTES = 16 * 1_048_576  # far above limits.max_file_mb: the build refuses what is larger
WIDTH = 88  # new long text is folded (``>-``) to lines of at most this many characters
FLOW_WIDTH = 120  # a list or group written in brackets stays so up to this line length


class Conflict(Exception):
    """The file changed on disk since it was opened; ``current`` is its text now."""

    def __init__(self, current: str):
        super().__init__(
            "файл изменился на диске после того, как его открыли в редакторе: "
            "изменения не сохранены."
        )
        self.current = current


class Unreadable(ValueError):
    """A file the editor cannot change safely (not YAML, not text, too large); Russian."""


@dataclass
class Opened:
    path: Path
    rel: str  # as shown to the user, e.g. "content/documents.yml"
    text: str  # "" for a missing file
    digest: str  # sha256 of the bytes read ("" for a missing file)


# -- reading ---------------------------------------------------------------------------
def open_file(path: Path, rel: str) -> Opened:
    """The file as it is now; a missing file opens empty. Raises ``Unreadable``
    for a file that is not UTF-8 text our loader reads (after telling why)."""
    try:
        raw = read_limited(path, MAX_BYTES)
    except FileNotFoundError:
        return Opened(path, rel, "", "")
    except Refused as refused:
        raise Unreadable(f"{rel}: {refused.message}") from None
    except OSError as exc:
        raise Unreadable(f"{rel}: файл не удаётся прочитать ({exc.strerror or exc}).") from None
    if len(raw) > MAX_BYTES:
        raise Unreadable(f"{rel}: файл слишком большой для редактора.")
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        report = Report()
        decoded = decode_text(raw, rel, report)
        if decoded is None:
            raise Unreadable(_problems(report)) from None
        text = decoded  # Windows-1251 or UTF-16: saved back as UTF-8
    source = _Source.of(text)
    _loaded(source.normalized, rel)  # our own reader, within our limits, or Unreadable
    return Opened(path, rel, text, digest)


def values_of(opened: Opened, list_key: str | None = None, index: int | None = None) -> dict:
    """The record (or entry ``index`` of the list, from 1) as plain Python; {} if missing."""
    node = _loaded(_Source.of(opened.text).normalized, opened.rel)
    if list_key is not None and index is not None:
        items = _list_ynode(node, list_key)
        node = items.seq[index - 1] if items is not None and 1 <= index <= len(items.seq) else None
    value = _ynode_value(node) if node is not None else None
    return value if isinstance(value, dict) else {}


def count_entries(opened: Opened, list_key: str) -> int:
    items = _list_ynode(_loaded(_Source.of(opened.text).normalized, opened.rel), list_key)
    return len(items.seq) if items is not None else 0


# -- changing ----------------------------------------------------------------------------
def updated_text(
    opened: Opened,
    values: dict,
    list_key: str | None = None,
    index: int | None = None,
    *,
    cls: type | None = None,
) -> str:
    """The file's text with the record (or entry ``index``; ``count + 1`` appends)
    replaced by ``values``. Empty values (None, "", [], {}) remove their keys.

    New keys go after the nearest key before them in the order of ``cls``'s
    fields (the record class, or the entry's for a list file) when given, else
    in the order of ``values``; the form module builds ``values`` in that order."""
    if not isinstance(values, dict):
        raise ValueError("values: ожидается словарь полей записи")
    source = _Source.of(opened.text)
    root = source.root(opened.rel)
    # Keys stay (None when empty): a key empty before and still empty is kept as
    # it is written (a scaffold's «note:» under its comment); only a value that
    # became empty takes its key away.
    record = _clean(values, keep_keys=True)
    context: Any = cls
    if list_key is None:
        new_doc: Any = record
    else:
        if index is None:
            raise ValueError("index: для файла-списка нужен номер записи")
        old = _node_value(root) if root is not None else None
        entries, new_doc = _entries_of(old, list_key)
        if not 1 <= index <= len(entries) + 1:
            raise ValueError(f"в списке «{list_key}» нет записи № {index}")
        if index == len(entries) + 1:
            entries.append(record)
        else:
            entries[index - 1] = record
        if cls is not None and isinstance(new_doc, dict):
            context = {list_key: cls}
    return _finished(source, root, new_doc, context, opened.rel)


def removed_entry_text(opened: Opened, list_key: str, index: int) -> str:
    """The file's text without entry ``index`` (from 1) of its list, with the
    comment lines just above the entry and one blank separator."""
    source = _Source.of(opened.text)
    root = source.root(opened.rel)
    old = _node_value(root) if root is not None else None
    entries, new_doc = _entries_of(old, list_key)
    if not 1 <= index <= len(entries):
        raise ValueError(f"в списке «{list_key}» нет записи № {index}")
    del entries[index - 1]
    assert root is not None  # there was an entry
    seq = root if isinstance(root, yaml.SequenceNode) else _child(root, list_key)
    if entries or not isinstance(seq, yaml.SequenceNode) or seq.flow_style:
        return _finished(source, root, new_doc, None, opened.rel, drop=(seq, index - 1))
    # The last entry goes: the list stays, empty («documents: []»), for the loader.
    patcher = _Patcher(source, None)
    try:
        if seq is root:
            first, last = root.start_mark.line, patcher.last(root)
            middle = [_Line(source.lines[first].body[: root.start_mark.column] + "[]", None)]
        else:
            assert isinstance(root, yaml.MappingNode)
            key = next(k for k, v in root.value if v is seq)
            first, last = key.start_mark.line, patcher.last(seq)
            head = source.lines[first].body[: key.start_mark.column] + f"{_scalar(list_key)}: []"
            middle = [_Line(_with_comment(head, patcher.comment_after(key, seq)), None)]
        lines = source.lines[:first] + middle + source.lines[last + 1 :]
        return _checked(source, lines, new_doc, opened.rel)
    except _Unchecked as exc:
        raise ValueError(
            f"{opened.rel}: запись не удалось удалить ({exc}); файл не изменён."
        ) from None


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    return None


def _entries_of(old: Any, list_key: str) -> tuple[list, Any]:
    """(the list to change, the document holding it): a copy of the old values."""
    if isinstance(old, list):  # a list file written without its key
        return old, old
    doc = old if isinstance(old, dict) else {}
    entries = doc.get(list_key)
    if not isinstance(entries, list):
        entries = doc[list_key] = []
    return entries, doc


def _finished(
    source: _Source,
    root: yaml.Node | None,
    new_doc: Any,
    context: Any,
    rel: str,
    drop: tuple[Any, int] | None = None,
) -> str:
    """The patched text, read back; when the fine patch cannot be read back
    (a shape we did not foresee), the changed values are written whole."""
    problem = ""
    for coarse in (False, True):
        patcher = _Patcher(source, context, coarse=coarse, drop=drop)
        try:
            return _checked(source, patcher.document(root, new_doc), new_doc, rel)
        except _Unchecked as exc:
            problem = str(exc)
    raise ValueError(
        f"{rel}: изменения не удалось записать так, чтобы файл читался обратно "
        f"({problem}); файл не изменён."
    )


class _Unchecked(ValueError):
    pass


def _checked(source: _Source, lines: list[_Line], expected: Any, rel: str) -> str:
    text = source.render(lines)
    report = Report()
    node = parse_yaml_text(_Source.of(text).normalized, rel, report, allow_empty=True)
    if not report.ok:
        raise _Unchecked(_problems(report))
    if _canon(_ynode_value(node) if node is not None else None) != _canon(expected):
        raise _Unchecked("прочитанные значения отличаются от заданных")
    return text


# -- writing, removing, paths ------------------------------------------------------------
def write_atomic(path: Path, text: str, expected_digest: str) -> None:
    """Write ``text`` (UTF-8, its line ends as they are) in place of the file,
    if the file is still what was opened: its digest is ``expected_digest``
    ("" — the file must not exist). Otherwise raise ``Conflict``."""
    try:
        current: bytes | None = path.read_bytes()
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        current, mode = None, None
    found = "" if current is None else hashlib.sha256(current).hexdigest()
    if found != expected_digest:
        raise Conflict("" if current is None else current.decode("utf-8", "replace"))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temporary, flags, 0o666 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)  # the umask took some of it at creation
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def trash(project: Path, path: Path) -> Path:
    """Move a record file to ``.nastav/deleted/<ГГГГММДД-ЧЧММСС>/<its path
    in the project>`` and return where it went (a build never empties it)."""
    project_abs = Path(os.path.abspath(project))
    relative = Path(os.path.abspath(path)).relative_to(project_abs)
    base = Workspace.of(project_abs).deleted
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = base / stamp / relative
    number = 1
    while target.exists() or target.is_symlink():
        number += 1
        target = base / f"{stamp}-{number}" / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(os.fspath(path), os.fspath(target))
    return target


def confined(project: Path, rel: str) -> Path:
    """``project/content/rel``, refusing what could lead out of ``content/``."""
    refused = f"недопустимый путь к файлу записи: «{rel}»"
    if not rel or "\x00" in rel or "\\" in rel:
        raise ValueError(refused + " (пустой или с недопустимыми символами).")
    if rel.startswith("/") or re.match(r"^[A-Za-z]:", rel):
        raise ValueError(refused + " (путь должен быть внутри папки content).")
    parts = PurePosixPath(rel).parts
    if ".." in parts:
        raise ValueError(refused + " («..» не допускается).")
    if not parts or parts == (".",):
        raise ValueError(refused + " (это сама папка content).")
    content = project / CONTENT
    base = content.resolve()
    resolved = (content / rel).resolve()
    if resolved == base or base not in resolved.parents:
        raise ValueError(refused + " (он ведёт за пределы папки content).")
    return content.joinpath(*parts)


def _problems(report: Report) -> str:
    return "; ".join(d.format() for d in report.errors) or "файл не читается"


def _loaded(normalized: str, rel: str) -> YNode | None:
    report = Report()
    node = parse_yaml_text(normalized, rel, report, allow_empty=True)
    if not report.ok:
        raise Unreadable(_problems(report))
    return node


def _list_ynode(node: YNode | None, list_key: str) -> YNode | None:
    if node is not None and node.kind == "map":
        node = node.items.get(list_key)
    return node if node is not None and node.kind == "seq" else None


# -- values ------------------------------------------------------------------------------
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_BREAKS = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")


def _scalar_value(raw: str, quoted: bool, null: bool) -> Any:
    """A scalar as the loader's raw text, given to a form as plain Python."""
    if null:
        return None
    if not quoted:
        if raw in ("true", "True", "TRUE"):
            return True
        if raw in ("false", "False", "FALSE"):
            return False
        if _INT.fullmatch(raw):
            return int(raw)
    return _dotted(raw)


def _dotted(text: str) -> str:
    """«2025-09-01» → «01.09.2025»; anything else as it is."""
    match = _ISO_DATE.fullmatch(text.strip())
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups())).strftime("%d.%m.%Y")
        except ValueError:
            pass
    return text


def _ynode_value(node: YNode | None) -> Any:
    if node is None:
        return None
    if node.kind == "map":
        return {key: _ynode_value(value) for key, value in node.items.items()}
    if node.kind == "seq":
        return [_ynode_value(item) for item in node.seq]
    return _scalar_value(node.raw, node.quoted, node.plain_null)


_NULL_TAG = "tag:yaml.org,2002:null"


def _node_value(node: yaml.Node) -> Any:
    """The same as ``_ynode_value`` for PyYAML's composed nodes (which know columns)."""
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _node_value(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_node_value(item) for item in node.value]
    assert isinstance(node, yaml.ScalarNode)
    plain = node.style is None
    return _scalar_value(node.value, not plain, plain and node.tag == _NULL_TAG)


def _clean(value: Any, canon: bool = False, keep_keys: bool = False) -> Any:
    """A form's value as it will be written: dates as ``ДД.ММ.ГГГГ``, line ends
    as LF, empty values (None, blank text, [], {}) as None and left out.
    ``canon``: also numbers and booleans as text, to compare values;
    ``keep_keys``: a map keeps its keys with empty values, as None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ("true" if value else "false") if canon else value
    if isinstance(value, int):
        return str(value) if canon else value
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dict):
        cleaned = {str(k): _clean(v, canon, keep_keys) for k, v in value.items()}
        if keep_keys:
            return cleaned
        kept = {k: v for k, v in cleaned.items() if v is not None}
        return kept or None
    if isinstance(value, list | tuple):
        items = [_clean(v, canon, keep_keys) for v in value]
        return [v for v in items if _clean(v) is not None] or None
    text = _BREAKS.sub("\n", str(value))
    text = text.rstrip().lstrip("\n") if "\n" in text.strip() else text.strip()
    return _dotted(text) if text else None


def _canon(value: Any) -> Any:
    return _clean(value, canon=True)


# -- the file as lines -------------------------------------------------------------------
@dataclass
class _Line:
    body: str
    eol: str | None  # None: a line we wrote; it gets the file's line end


@dataclass
class _Source:
    bom: str
    lines: list[_Line]
    newline: str
    normalized: str  # the lines joined by "\n": what the parsers read

    @classmethod
    def of(cls, text: str) -> _Source:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text[len(bom) :]
        lines: list[_Line] = []
        position = 0
        for match in _BREAKS.finditer(body):
            lines.append(_Line(body[position : match.start()], match.group()))
            position = match.end()
        if position < len(body):
            lines.append(_Line(body[position:], ""))
        ends = [line.eol for line in lines if line.eol]
        newline = max(("\n", "\r\n", "\r"), key=ends.count) if ends else "\n"
        normalized = "\n".join(line.body for line in lines)
        if lines and lines[-1].eol:
            normalized += "\n"
        return cls(bom, lines, newline, normalized)

    def root(self, rel: str) -> yaml.Node | None:
        _loaded(self.normalized, rel)  # our limits first: depth, size, aliases, tags
        return yaml.compose(self.normalized, Loader=yaml.SafeLoader)

    def render(self, lines: list[_Line]) -> str:
        out = [self.bom]
        for number, line in enumerate(lines):
            eol = line.eol
            if eol is None or (not eol and number < len(lines) - 1):
                eol = self.newline
            out.append(line.body + eol)
        return "".join(out)


@dataclass(frozen=True)
class _Style:
    mapping: int = 2  # a nested key: columns right of its parent key
    offset: int = 2  # a list's dash: columns right of its key
    sequence: int = 4  # a list item's value: columns right of its key

    @classmethod
    def of(cls, root: yaml.Node | None) -> _Style:
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


# -- the patch ---------------------------------------------------------------------------
class _Patcher:
    """Lines of the new document: the old lines where values did not change."""

    def __init__(
        self,
        source: _Source,
        context: Any,
        coarse: bool = False,
        drop: tuple[Any, int] | None = None,
    ):
        self.lines = source.lines
        self.context = context
        self.coarse = coarse  # write changed values whole, never line by line inside
        self.drop = drop  # (list node, item index): the entry removed_entry_text removes
        self.style = _Style.of(None)

    # -- the whole document
    def document(self, root: yaml.Node | None, new: Any) -> list[_Line]:
        self.style = _Style.of(root)
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
            raise _Unchecked("не найдено начало элемента списка")
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
    def mapping(self, node: yaml.MappingNode, new: dict, context: Any) -> list[_Line]:
        """Lines from the map's first key to its last value."""
        pairs = [(str(k.value), k, v) for k, v in node.value]
        column = pairs[0][1].start_mark.column
        status = {}
        for name, _key, value in pairs:
            if name in new and _same(value, new[name]):
                status[name] = "keep"
            elif name not in new or _clean(new[name]) is None:
                status[name] = "drop"
            else:
                status[name] = "change"
        kept = [name for name, *_ in pairs if status[name] != "drop"]
        added = [n for n in _order(new, context) if n not in status and _clean(new[n]) is not None]
        if not kept:  # nothing of the old map stays: it is written anew
            fresh = {n: new[n] for n in added}
            return _new(self.emit_map(fresh, column, context) if fresh else [" " * column + "{}"])
        order = _order(new, context)
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
                child = _child_context(context, name)
                out += self.changed(name, key, value, new[name], column, child)
            if status[name] != "drop":
                out += self._added(after.get(name, []), new, column, context)
            out += self.lines[end + 1 : following]
        return out

    def _added(self, names: list[str], new: dict, column: int, context: Any) -> list[_Line]:
        lines: list[str] = []
        for name in names:
            lines += self.emit_key(name, new[name], column, _child_context(context, name))
        return _new(lines)

    def changed(
        self, name: str, key: yaml.Node, value: yaml.Node, new: Any, column: int, context: Any
    ) -> list[_Line]:
        line = key.start_mark.line
        if not self.coarse and _block(value) and value.value:
            if isinstance(value, yaml.MappingNode) and isinstance(new, dict):
                first = value.value[0][0].start_mark.line
                return self.lines[line:first] + self.mapping(value, new, context)
            if isinstance(value, yaml.SequenceNode) and isinstance(new, list):
                first = value.start_mark.line
                return self.lines[line:first] + self.sequence(value, new, context)
        lines = self.emit_key(name, _clean(new), column, context, hint=value)
        prefix = self.lines[line].body[:column]  # «  - » when the key opens a list item
        lines[0] = _with_comment(prefix + lines[0][column:], self.comment_after(key, value))
        return _new(lines)

    # -- lists
    def sequence(self, node: yaml.SequenceNode, new: list, context: Any) -> list[_Line]:
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

        def inserted(numbers: list[int], leading: bool) -> list[_Line]:
            out: list[_Line] = []
            for number in numbers:
                lines = _new(self.emit_item(new[number], dash, column, item_context))
                gap = [_Line("", None)] if separated else []
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
        self, n: int, dashes: list[int], ends: list[int], gaps: list[list[_Line]]
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
    ) -> list[_Line]:
        if not self.coarse and _block(node) and node.value:
            first_line = node.start_mark.line
            if isinstance(node, yaml.MappingNode) and isinstance(new, dict):
                inner = node.value[0][0].start_mark.column
                lines = self.mapping(node, new, context)
            elif isinstance(node, yaml.SequenceNode) and isinstance(new, list):
                inner = node.start_mark.column
                lines = self.sequence(node, new, _child_context(context, None))
            else:
                lines = []
            if lines:
                if first_line != dash_line:  # «-» alone on its line
                    return self.lines[dash_line:first_line] + lines
                return _dash_moved(lines, self.lines[dash_line], inner)
        own_column = node.start_mark.column if node.start_mark.line == dash_line else column
        own_column = max(own_column, dash + 2)
        emitted = self.emit_item(_clean(new), dash, own_column, context, hint=node)
        prefix = self.lines[dash_line].body[:dash]
        emitted[0] = _with_comment(
            prefix + emitted[0][dash:], self.comment_after(None, node, dash=(dash_line, dash))
        )
        return _new(emitted)

    # -- new text
    def emit_map(self, value: dict, column: int, context: Any) -> list[str]:
        lines: list[str] = []
        for name in _order(value, context):
            if _clean(value[name]) is not None:
                lines += self.emit_key(name, value[name], column, _child_context(context, name))
        return lines or [" " * column + "{}"]

    def emit_key(
        self, name: str, value: Any, column: int, context: Any, hint: yaml.Node | None = None
    ) -> list[str]:
        value = _clean(value)
        head = " " * column + _scalar(name) + ":"
        style = self.style
        if isinstance(value, dict | list):
            flow = _flow(value, context) if getattr(hint, "flow_style", False) else None
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
        value = _clean(value)
        head = " " * dash + "-" + " " * (column - dash - 1)
        if isinstance(value, dict | list):
            flow = _flow(value, context) if getattr(hint, "flow_style", False) else None
            if flow is not None and len(head) + len(flow) <= FLOW_WIDTH:
                return [head + flow]
            if isinstance(value, dict):
                lines = self.emit_map(value, column, context)
            else:
                nested = column + self.style.sequence - self.style.offset
                lines = self.emit_list(value, column, nested, _child_context(context, None))
            return [head + lines[0][column:]] + lines[1:]
        if value is None:
            return [head.rstrip()]
        return self._scalar_lines(head, value, column, hint)

    def _scalar_lines(self, head: str, value: Any, inner: int, hint: yaml.Node | None) -> list[str]:
        """``head`` («key: » or «- ») followed by the value; ``inner``: the
        column of a block's lines."""
        if isinstance(value, str) and "\n" in value:
            block = _literal(value, inner)
            if block is not None:
                return [head + block[0]] + block[1:]
            return [head + _quoted(value)]
        text = _scalar(value)
        folded_before = isinstance(hint, yaml.ScalarNode) and hint.style == ">"
        if (
            isinstance(value, str)
            and len(head) + len(text) > WIDTH
            and (hint is None or folded_before)
        ):
            folded = _folded(value, inner)
            if folded is not None:
                return [head + ">-"] + folded
        return [head + text]


def _new(lines: list[str]) -> list[_Line]:
    return [_Line(body, None) for body in lines]


def _block(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style


def _empty_scalar(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.value == ""


def _same(node: yaml.Node, new: Any) -> bool:
    return _canon(_node_value(node)) == _canon(new)


def _dash_moved(lines: list[_Line], dash_line: _Line, column: int) -> list[_Line]:
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
            line = _Line(prefix + line.body[column:], line.eol)
        elif n != first and line is dash_line:
            line = _Line(" " * column + line.body[column:], line.eol)
        out.append(line)
    return out


def _comment_at(body: str, column: int) -> tuple[str, int] | None:
    rest = body[column:]
    text = rest.lstrip(" \t")
    if text.startswith("#") and (column == 0 or rest != text or body[column - 1] in " \t"):
        return text, len(body) - len(text)
    return None


def _with_comment(head: str, comment: tuple[str, int] | None) -> str:
    if comment is None:
        return head
    text, column = comment
    gap = column - len(head) if len(head) < column else 2
    return head + " " * gap + text


# -- the record class: where new keys go ----------------------------------------------------
def _order(value: dict, context: Any) -> list[str]:
    """The keys of ``value``: those the class declares in its order, then the rest."""
    if isinstance(context, type) and dataclasses.is_dataclass(context):
        declared = [f.name for f in dataclasses.fields(context)]
        return [n for n in declared if n in value] + [n for n in value if n not in declared]
    if isinstance(context, dict):
        return [n for n in context if n in value] + [n for n in value if n not in context]
    return list(value)


def _child_context(context: Any, name: str | None) -> Any:
    """The class of field ``name`` (of a list's items), or None."""
    if isinstance(context, dict):
        return context.get(name) if name is not None else None
    if not (isinstance(context, type) and dataclasses.is_dataclass(context)) or name is None:
        return None
    try:
        hints = typing.get_type_hints(context)
    except (NameError, TypeError):
        return None
    return _dataclass_in(hints.get(name))


def _dataclass_in(tp: Any) -> type | None:
    origin = typing.get_origin(tp)
    if origin is list:
        return _dataclass_in(typing.get_args(tp)[0])
    if origin is not None:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _dataclass_in(options[0]) if len(options) == 1 else None
    return tp if isinstance(tp, type) and dataclasses.is_dataclass(tp) else None


# -- YAML text of new values ------------------------------------------------------------------
# Plain scalars another YAML reader (VS Code's schema check) would take for
# something other than text: written in quotes, as roadmap.yml writes «"1"».
_NOT_TEXT = re.compile(
    r"""(?x)
    ~ | null | Null | NULL | true | True | TRUE | false | False | FALSE
    | y | Y | yes | Yes | YES | n | N | no | No | NO | on | On | ON | off | Off | OFF
    | [-+]?[0-9][0-9_]* | [-+]?0[xXoObB][0-9a-fA-F_]+
    | [-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)? | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?
    | = | <<
    """
)
_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x00": "\\0",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def _scalar(value: Any, flow: bool = False) -> str:
    """One line of YAML reading back as ``value``: plain when that is safe."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if _plain_ok(text, flow) else _quoted(text)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or _NOT_TEXT.fullmatch(text):
        return False
    if "\n" in text or "\t" in text or _ESCAPE.search(text):
        return False
    if text[0] in "-?:,[]{}#&*!|>'\"%@`":
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return not (flow and any(c in text for c in ",[]{}:#"))


def _quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _ESCAPE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _literal(text: str, column: int) -> list[str] | None:
    """A ``|`` block (header first), or None when the text cannot be one."""
    if text[:1] in (" ", "\t") or _ESCAPE.search(text):
        return None
    return ["|"] + [(" " * column + line) if line else "" for line in text.split("\n")]


def _folded(text: str, column: int) -> list[str] | None:
    """The lines of a ``>-`` block holding ``text``, or None when folding
    would change it (line breaks, double spaces, tabs) or gain nothing."""
    if "\n" in text or "\t" in text or "  " in text or _ESCAPE.search(text):
        return None
    width = max(WIDTH - column, 30)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    if len(lines) < 2:
        return None
    return [" " * column + line for line in lines]


def _flow(value: dict | list, context: Any) -> str | None:
    """``{a: b, c: d}`` or ``[a, b]`` when every value is one plain line."""
    if isinstance(value, dict):
        names = _order(value, context)
        values = [value[n] for n in names]
    else:
        names, values = [], list(value)
    if any(isinstance(v, dict | list) or (isinstance(v, str) and "\n" in v) for v in values):
        return None
    parts = [_scalar(v, flow=True) for v in values]
    if isinstance(value, dict):
        pairs = [f"{_scalar(n, flow=True)}: {p}" for n, p in zip(names, parts)]
        return "{" + ", ".join(pairs) + "}"
    return "[" + ", ".join(parts) + "]"
