"""Record values as the form editor sees them: a scalar as the loader's raw
text, given to a form as plain Python (``editor/document.py``), and a form's
value as it will be written — dates as ``ДД.ММ.ГГГГ``, empty values left out."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from ..load.yamlsource import YNode

_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
BREAKS = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")


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
    return dotted(raw)


def dotted(text: str) -> str:
    """«2025-09-01» → «01.09.2025»; anything else as it is."""
    match = _ISO_DATE.fullmatch(text.strip())
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups())).strftime("%d.%m.%Y")
        except ValueError:
            pass
    return text


def ynode_value(node: YNode | None) -> Any:
    if node is None:
        return None
    if node.kind == "map":
        return {key: ynode_value(value) for key, value in node.items.items()}
    if node.kind == "seq":
        return [ynode_value(item) for item in node.seq]
    return _scalar_value(node.raw, node.quoted, node.plain_null)


_NULL_TAG = "tag:yaml.org,2002:null"


def node_value(node: yaml.Node) -> Any:
    """The same as ``ynode_value`` for PyYAML's composed nodes (which know columns)."""
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): node_value(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [node_value(item) for item in node.value]
    assert isinstance(node, yaml.ScalarNode)
    plain = node.style is None
    return _scalar_value(node.value, not plain, plain and node.tag == _NULL_TAG)


def clean(value: Any, canon: bool = False, keep_keys: bool = False) -> Any:
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
        cleaned = {str(k): clean(v, canon, keep_keys) for k, v in value.items()}
        if keep_keys:
            return cleaned
        kept = {k: v for k, v in cleaned.items() if v is not None}
        return kept or None
    if isinstance(value, list | tuple):
        items = [clean(v, canon, keep_keys) for v in value]
        return [v for v in items if clean(v) is not None] or None
    text = BREAKS.sub("\n", str(value))
    text = text.rstrip().lstrip("\n") if "\n" in text.strip() else text.strip()
    return dotted(text) if text else None


def canon(value: Any) -> Any:
    return clean(value, canon=True)
