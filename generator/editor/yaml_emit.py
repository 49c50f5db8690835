"""YAML text of new values, as the demo files write them: where new keys go
(the record class's order), quoting, ``|`` blocks, folded ``>-`` text, short
lists and groups in brackets."""

from __future__ import annotations

import dataclasses
import re
import typing
from typing import Any

WIDTH = 88  # new long text is folded (``>-``) to lines of at most this many characters


def key_order(value: dict, context: Any) -> list[str]:
    """The keys of ``value``: those the class declares in its order, then the rest."""
    if isinstance(context, type) and dataclasses.is_dataclass(context):
        declared = [f.name for f in dataclasses.fields(context)]
        return [n for n in declared if n in value] + [n for n in value if n not in declared]
    if isinstance(context, dict):
        return [n for n in context if n in value] + [n for n in value if n not in context]
    return list(value)


def child_context(context: Any, name: str | None) -> Any:
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


# -- scalars ---------------------------------------------------------------------------------
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


def scalar(value: Any, flow: bool = False) -> str:
    """One line of YAML reading back as ``value``: plain when that is safe."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if _plain_ok(text, flow) else quoted(text)


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


def quoted(text: str) -> str:
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


def literal_lines(text: str, column: int) -> list[str] | None:
    """A ``|`` block (header first), or None when the text cannot be one."""
    if text[:1] in (" ", "\t") or _ESCAPE.search(text):
        return None
    return ["|"] + [(" " * column + line) if line else "" for line in text.split("\n")]


def folded_lines(text: str, column: int) -> list[str] | None:
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


def flow_text(value: dict | list, context: Any) -> str | None:
    """``{a: b, c: d}`` or ``[a, b]`` when every value is one plain line."""
    if isinstance(value, dict):
        names = key_order(value, context)
        values = [value[n] for n in names]
    else:
        names, values = [], list(value)
    if any(isinstance(v, dict | list) or (isinstance(v, str) and "\n" in v) for v in values):
        return None
    parts = [scalar(v, flow=True) for v in values]
    if isinstance(value, dict):
        pairs = [f"{scalar(n, flow=True)}: {p}" for n, p in zip(names, parts)]
        return "{" + ", ".join(pairs) + "}"
    return "[" + ", ".join(parts) + "]"
