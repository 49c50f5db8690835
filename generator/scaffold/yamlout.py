"""Writing records as YAML a person would write: field order of the schema,
Russian comments, dates as in documents, short lists in brackets.

Two styles, both generated from the record metadata so they never drift:

* ``dump_record`` writes the fields a record has, each with its Russian
  label as a trailing comment (files written by ``nastav import``);
* ``scaffold_record`` writes every field of a kind — filled ones with their
  value, the others empty — each preceded by a comment saying what it is,
  whether it is required and which values are allowed (``nastav new``).

Values are «plain data»: strings, lists and dicts, exactly as they will be
read back by the loader (which keeps the raw text of every scalar).
"""

from __future__ import annotations

import dataclasses
import re
import typing
from typing import Any

from ..schema.coerce import hints, record_fields
from ..schema.fields import Meta
from ..schema.vocab import Vocabulary

Plain = str | list | dict | None
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]([^\n]*[^\s])?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
INDENT = "  "


def scalar(value: str) -> str:
    """A one-line YAML scalar reading back as exactly ``value``."""
    text = str(value)
    if (
        text not in _NULLS
        and _PLAIN_SAFE.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\t" not in text
    ):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def _block(text: str, indent: str) -> list[str]:
    body = text.rstrip("\n")
    head = "|" if not body[:1].isspace() else "|2"
    return [head] + [f"{indent}{line}" if line else "" for line in body.split("\n")]


def _flow_list(items: list[str]) -> str | None:
    parts = [scalar(i) for i in items]
    if any(p.startswith('"') or any(c in p for c in ",[]{}") for p in parts):
        return None
    text = "[" + ", ".join(parts) + "]"
    return text if len(text) <= 60 else None


def field_types(cls: type) -> list[tuple[str, Meta, Any]]:
    """(name, meta, type) of each declared field, in declaration order."""
    type_hints = hints(cls)
    return [(f.name, meta, type_hints[f.name]) for f, meta in record_fields(cls)]


def nested_class(tp: Any) -> tuple[type | None, bool]:
    """The dataclass a field holds (and whether as a list), or (None, is_list)."""
    origin = typing.get_origin(tp)
    if origin is list:
        inner, _ = nested_class(typing.get_args(tp)[0])
        return inner, True
    if origin is not None:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return nested_class(options[0])
        return None, False
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp, False
    return None, False


# -- data files ----------------------------------------------------------------
def dump_record(
    cls: type, data: dict, indent: str = "", comments: bool = True, first_prefix: str | None = None
) -> list[str]:
    """Lines of a mapping in schema order; ``first_prefix`` replaces the indent
    of the first line (``"  - "`` for an item of a list file)."""
    lines: list[str] = []
    known = {name for name, _, _ in field_types(cls)}
    order = [name for name, _, _ in field_types(cls) if name in data]
    order += [k for k in data if k not in known]  # never drop what a person wrote
    metas = {name: meta for name, meta, _ in field_types(cls)}
    types_ = {name: tp for name, _, tp in field_types(cls)}
    for name in order:
        prefix = indent
        if first_prefix is not None and not lines:
            prefix = first_prefix
        meta = metas.get(name)
        note = f"  # {meta.label}" if comments and meta else ""
        inner, _ = nested_class(types_.get(name)) if name in types_ else (None, False)
        lines += _field(name, data[name], inner, prefix, indent + INDENT, note, comments)
    return lines


def _field(
    name: str,
    value: Plain,
    inner: type | None,
    prefix: str,
    child_indent: str,
    note: str,
    comments: bool,
) -> list[str]:
    if value is None:
        return [f"{prefix}{name}:{note}"]
    if isinstance(value, dict):
        body = (
            dump_record(inner, value, child_indent, comments)
            if inner
            else [f"{child_indent}{k}: {scalar(v)}" for k, v in value.items()]
        )
        return [f"{prefix}{name}:{note}"] + body
    if isinstance(value, list):
        if not value:
            return [f"{prefix}{name}: []{note}"]
        if all(isinstance(v, str) and "\n" not in v for v in value):
            flow = _flow_list(value)
            if flow:
                return [f"{prefix}{name}: {flow}{note}"]
            return [f"{prefix}{name}:{note}"] + [f"{child_indent}- {scalar(v)}" for v in value]
        lines = [f"{prefix}{name}:{note}"]
        for item in value:
            if isinstance(item, dict) and inner:
                lines += dump_record(
                    inner,
                    item,
                    child_indent + INDENT,
                    comments=False,
                    first_prefix=f"{child_indent}- ",
                )
            else:
                lines.append(f"{child_indent}- {scalar(str(item))}")
        return lines
    text = str(value)
    if "\n" in text:
        block = _block(text, child_indent)
        return [f"{prefix}{name}: {block[0]}{note}"] + block[1:]
    return [f"{prefix}{name}: {scalar(text)}{note}"]


# -- scaffolds -------------------------------------------------------------------
def scaffold_record(
    cls: type,
    values: dict,
    vocabularies: dict[str, Vocabulary],
    indent: str = "",
    skip: frozenset[str] = frozenset(),
) -> list[str]:
    """Every field of ``cls``, commented; ``values`` fills some of them.

    Optional groups of fields (an order, a photo, a consent, stages…) are
    written commented out: half-filled they would not validate, and a
    curator uncomments what the record needs."""
    lines: list[str] = []
    for name, meta, tp in field_types(cls):
        if name in skip:
            continue
        lines += [f"{indent}# {comment}" for comment in _explain(meta, tp, vocabularies)]
        inner, is_list = nested_class(tp)
        value = values.get(name)
        if inner is not None and value is None:
            if not meta.required:
                body = skeleton(inner, INDENT * (2 if is_list else 1))
                if is_list:
                    body = as_list_item(body, INDENT)
                lines.append(f"{indent}# {name}:")
                lines += [f"{indent}# {line}" for line in body]
                continue
            lines.append(f"{indent}{name}:")
            if is_list:
                lines += as_list_item(
                    scaffold_record(inner, {}, vocabularies, indent + INDENT * 2), indent + INDENT
                )
            else:
                lines += scaffold_record(inner, {}, vocabularies, indent + INDENT)
            continue
        if value is None:
            value = [] if is_list else None
        lines += _field(name, value, inner, indent, indent + INDENT, "", False)
    return lines


def skeleton(cls: type, indent: str = "") -> list[str]:
    """Every key of ``cls`` with its label as a trailing comment, values empty."""
    lines = []
    for name, meta, tp in field_types(cls):
        note = f"  # {meta.label}" + (", обязательно" if meta.required else "")
        inner, is_list = nested_class(tp)
        lines.append(f"{indent}{name}:{note}")
        if inner is not None:
            body = skeleton(inner, indent + INDENT * (2 if is_list else 1))
            lines += as_list_item(body, indent + INDENT) if is_list else body
    return lines


def as_list_item(lines: list[str], dash_indent: str) -> list[str]:
    """Turn the lines of a mapping into one list item: the first key gets «- »."""
    marker = dash_indent + "- "
    out, done = [], False
    for line in lines:
        if not done and not line.lstrip().startswith("#"):
            line = marker + line[len(marker) :]
            done = True
        out.append(line)
    return out


def _explain(meta, tp: Any, vocabularies: dict[str, Vocabulary]) -> list[str]:
    import datetime as dt

    from ..schema.walk import _scalar_type

    head = meta.label + (" — обязательно" if meta.required else "")
    parts = [head + "."]
    if meta.help:
        parts.append(meta.help)
    if meta.internal:
        parts.append("Только для куратора: на сайт не выводится.")
    scalar_tp = _scalar_type(tp)
    _, is_list = nested_class(tp)
    if scalar_tp is dt.date:
        parts.append("Формат: ДД.ММ.ГГГГ.")
    if meta.vocab and meta.vocab in vocabularies:
        labels = "; ".join(t.label for t in vocabularies[meta.vocab].terms)
        parts.append(
            ("Одно или несколько значений" if is_list else "Одно из значений") + f": {labels}."
        )
    elif is_list and nested_class(tp)[0] is None:
        parts.append("Список: [первое, второе] или каждое с новой строки после «- ».")
    return _wrap(" ".join(parts), 86)


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return lines + ([current] if current else [])
