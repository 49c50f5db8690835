"""«Plain data»: a record as nested dicts, lists and raw strings.

It is what a YAML file says before typing (the loader keeps every scalar's
raw text), so it can be compared, merged, hashed and written back without
losing a person's spelling. Typing goes through the one coercer.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..diagnostics import Report
from ..load.yamlsource import YNode, parse_yaml_text
from ..schema.coerce import Coercer
from ..schema.vocab import Vocabulary

MARKER = "# nastav-import:"


def from_node(node: YNode | None) -> Any:
    if node is None:
        return None
    if node.kind == "map":
        return {k: from_node(v) for k, v in node.items.items()}
    if node.kind == "seq":
        return [from_node(v) for v in node.seq]
    return None if node.is_null else node.raw


def to_node(value: Any, line: int) -> YNode:
    if isinstance(value, dict):
        return YNode(
            "map",
            line,
            items={k: to_node(v, line) for k, v in value.items()},
            key_lines={k: line for k in value},
        )
    if isinstance(value, list):
        return YNode("seq", line, seq=[to_node(v, line) for v in value])
    if value is None:
        return YNode("scalar", line, raw="", plain_null=True)
    return YNode("scalar", line, raw=str(value), quoted=True)


def read_plain(text: str, display: str, report: Report) -> Any:
    return from_node(parse_yaml_text(text, display, report, allow_empty=True))


def digest(data: Any) -> str:
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def marker_of(text: str) -> str | None:
    for line in text.splitlines()[:8]:
        if line.startswith(MARKER):
            return line[len(MARKER) :].strip()
    return None


def coerce(
    data: dict,
    cls: type,
    vocabularies: dict[str, Vocabulary],
    display: str,
    line: int,
    report: Report,
):
    """Type ``data`` as ``cls``; problems go to ``report`` with ``line`` and a field path."""
    coercer = Coercer(vocabularies, report, display)
    record = coercer.record(to_node(data, line), cls)
    return None if coercer.failed else record


def set_path(data: dict, path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        child = data.get(part)
        if not isinstance(child, dict):
            child = data[part] = {}
        data = child
    if value is None:
        data.pop(parts[-1], None)
    else:
        data[parts[-1]] = value


def prune(data: Any) -> Any:
    """Drop empty groups: a consent with no cell filled is no consent."""
    if isinstance(data, dict):
        cleaned = {k: prune(v) for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, {}, [])}
    return data
