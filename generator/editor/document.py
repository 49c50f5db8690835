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

This module is the editor's way in; the parts it uses: ``yaml_values`` (values
as forms see them), ``yaml_lines`` (the file as lines, its indentation),
``yaml_patch`` (the lines of the new document) and ``yaml_emit`` (YAML text of
new values).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import stat
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..diagnostics import Report
from ..load.encoding import decode_text
from ..load.safefile import Refused, read_limited
from ..load.yamlsource import YNode, parse_yaml_text
from ..workspace import Workspace
from .yaml_emit import scalar
from .yaml_lines import Line, Source, Unreadable, loaded, problems
from .yaml_patch import Patcher, Unchecked, with_comment
from .yaml_values import canon, clean, node_value, ynode_value

__all__ = [
    "Conflict",
    "Opened",
    "Unreadable",
    "confined",
    "count_entries",
    "open_file",
    "removed_entry_text",
    "trash",
    "updated_text",
    "values_of",
    "write_atomic",
]


CONTENT = "content"
MAX_BYTES = 16 * 1_048_576  # far above limits.max_file_mb: the build refuses what is larger


class Conflict(Exception):
    """The file changed on disk since it was opened; ``current`` is its text now."""

    def __init__(self, current: str):
        super().__init__(
            "файл изменился на диске после того, как его открыли в редакторе: "
            "изменения не сохранены."
        )
        self.current = current


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
            raise Unreadable(problems(report)) from None
        text = decoded  # Windows-1251 or UTF-16: saved back as UTF-8
    source = Source.of(text)
    loaded(source.normalized, rel)  # our own reader, within our limits, or Unreadable
    return Opened(path, rel, text, digest)


def values_of(opened: Opened, list_key: str | None = None, index: int | None = None) -> dict:
    """The record (or entry ``index`` of the list, from 1) as plain Python; {} if missing."""
    node = loaded(Source.of(opened.text).normalized, opened.rel)
    if list_key is not None and index is not None:
        items = _list_ynode(node, list_key)
        node = items.seq[index - 1] if items is not None and 1 <= index <= len(items.seq) else None
    value = ynode_value(node) if node is not None else None
    return value if isinstance(value, dict) else {}


def count_entries(opened: Opened, list_key: str) -> int:
    items = _list_ynode(loaded(Source.of(opened.text).normalized, opened.rel), list_key)
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
    source = Source.of(opened.text)
    root = source.root(opened.rel)
    # Keys stay (None when empty): a key empty before and still empty is kept as
    # it is written (a scaffold's «note:» under its comment); only a value that
    # became empty takes its key away.
    record = clean(values, keep_keys=True)
    context: Any = cls
    if list_key is None:
        new_doc: Any = record
    else:
        if index is None:
            raise ValueError("index: для файла-списка нужен номер записи")
        old = node_value(root) if root is not None else None
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
    source = Source.of(opened.text)
    root = source.root(opened.rel)
    old = node_value(root) if root is not None else None
    entries, new_doc = _entries_of(old, list_key)
    if not 1 <= index <= len(entries):
        raise ValueError(f"в списке «{list_key}» нет записи № {index}")
    del entries[index - 1]
    assert root is not None  # there was an entry
    seq = root if isinstance(root, yaml.SequenceNode) else _child(root, list_key)
    if entries or not isinstance(seq, yaml.SequenceNode) or seq.flow_style:
        return _finished(source, root, new_doc, None, opened.rel, drop=(seq, index - 1))
    # The last entry goes: the list stays, empty («documents: []»), for the loader.
    patcher = Patcher(source, None)
    try:
        if seq is root:
            first, last = root.start_mark.line, patcher.last(root)
            middle = [Line(source.lines[first].body[: root.start_mark.column] + "[]", None)]
        else:
            assert isinstance(root, yaml.MappingNode)
            key = next(k for k, v in root.value if v is seq)
            first, last = key.start_mark.line, patcher.last(seq)
            head = source.lines[first].body[: key.start_mark.column] + f"{scalar(list_key)}: []"
            middle = [Line(with_comment(head, patcher.comment_after(key, seq)), None)]
        lines = source.lines[:first] + middle + source.lines[last + 1 :]
        return _checked(source, lines, new_doc, opened.rel)
    except Unchecked as exc:
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
    source: Source,
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
        patcher = Patcher(source, context, coarse=coarse, drop=drop)
        try:
            return _checked(source, patcher.document(root, new_doc), new_doc, rel)
        except Unchecked as exc:
            problem = str(exc)
    raise ValueError(
        f"{rel}: изменения не удалось записать так, чтобы файл читался обратно "
        f"({problem}); файл не изменён."
    )


def _checked(source: Source, lines: list[Line], expected: Any, rel: str) -> str:
    text = source.render(lines)
    report = Report()
    node = parse_yaml_text(Source.of(text).normalized, rel, report, allow_empty=True)
    if not report.ok:
        raise Unchecked(problems(report))
    if canon(ynode_value(node) if node is not None else None) != canon(expected):
        raise Unchecked("прочитанные значения отличаются от заданных")
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


def _list_ynode(node: YNode | None, list_key: str) -> YNode | None:
    if node is not None and node.kind == "map":
        node = node.items.get(list_key)
    return node if node is not None and node.kind == "seq" else None
