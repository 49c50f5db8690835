"""YAML files written by an import: readable, commented, fingerprinted.

The fingerprint (``# nastav-import: …``) is the digest of the data as it
reads back from the written text, so «untouched since the import» is
simply «the file's data still has this digest».
"""

from __future__ import annotations

import datetime as dt

from ..diagnostics import Report
from ..scaffold.schemas import schema_line
from ..scaffold.yamlout import INDENT, dump_record
from ..schema.values import format_date_short
from .plain import MARKER, digest, read_plain


def _header(rel: str, source: str, today: dt.date) -> list[str]:
    return [
        line
        for line in (
            schema_line(rel),
            f"# Импортировано из таблицы: {source} ({format_date_short(today)}).",
            "# Файл можно править вручную; повторный импорт не перезапишет правку без --force.",
        )
        if line
    ]


def _with_marker(lines: list[str], data_of_text) -> str:
    text = "\n".join(lines) + "\n"
    stamp = digest(data_of_text(text))
    head = 1 if lines and lines[0].startswith("# yaml-language-server") else 0
    return "\n".join([*lines[: head + 2], f"{MARKER} {stamp}", *lines[head + 2 :]]) + "\n"


def record_file_text(cls: type, data: dict, rel: str, source: str, today: dt.date) -> str:
    lines = [*_header(rel, source, today), "", *dump_record(cls, data)]
    return _with_marker(lines, lambda text: read_plain(text, rel, Report()))


def list_file_text(
    cls: type, key: str, entries: list[dict], rel: str, source: str, today: dt.date
) -> str:
    lines = [*_header(rel, source, today), "", f"{key}:"]
    for number, entry in enumerate(entries):
        if number:
            lines.append("")
        lines += dump_record(cls, entry, INDENT * 2, first_prefix=f"{INDENT}- ")

    def entries_of(text: str):
        data = read_plain(text, rel, Report())
        return data.get(key) if isinstance(data, dict) else data

    return _with_marker(lines, entries_of)


def append_entries(text: str, cls: type, entries: list[dict], source: str, today: dt.date) -> str:
    """New entries at the end of a hand-written list file (its comments kept)."""
    lines = text.rstrip("\n").splitlines()
    indent = _item_indent(lines)
    lines += ["", f"{indent}# Добавлено из таблицы {source} ({format_date_short(today)})."]
    for number, entry in enumerate(entries):
        if number:
            lines.append("")
        lines += dump_record(cls, entry, indent + INDENT, first_prefix=f"{indent}- ")
    return "\n".join(lines) + "\n"


def _item_indent(lines: list[str]) -> str:
    for line in lines:
        stripped = line.lstrip(" ")
        if stripped.startswith("- "):
            return " " * (len(line) - len(stripped))
    return INDENT
