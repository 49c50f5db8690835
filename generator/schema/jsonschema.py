"""JSON Schemas for editors, generated from the record classes.

One source of truth: the same field metadata the coercer reads. The
schemas follow what the coercer accepts, as the YAML language server sees
a file (YAML 1.2 core: ``24`` is a number, ``01.09.2025`` and ``да`` are
strings):

* dates are strings ``ДД.ММ.ГГГГ`` or ``ГГГГ-ММ-ДД``;
* numbers may also be written as text («1 111», «12,5»);
* a list of values also accepts a single value;
* a vocabulary field completes with the Russian labels (``enum`` with
  ``markdownEnumDescriptions``) and accepts every other spelling the
  coercer accepts — aliases, ids, any case, any dash — through a second
  ``anyOf`` branch with a forgiving ``pattern``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
import types
import typing
from typing import Any

from .coerce import hints, record_fields
from .fields import Markdown, Meta, SiteUrl, Url
from .vocab import Vocabulary, normalise

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = "schemas"
DATE_PATTERN = (
    r"^\s*(\d{1,2}\.\d{1,2}\.\d{4}\s*(г\.?|года)?"
    r"|\d{4}-\d{1,2}-\d{1,2})\s*$"
)
INT_PATTERN = r"^\s*-?\d[\d\s\u00a0\u2009\u202f]*\s*$"
DECIMAL_PATTERN = r"^\s*-?\d[\d\s\u00a0\u2009\u202f]*([.,]\d+)?\s*%?\s*$"
BOOL_WORDS = ["да", "нет", "yes", "no", "истина", "ложь", "true", "false"]
_DATE_HELP = "Дата: ДД.ММ.ГГГГ (например, 01.09.2025) или ГГГГ-ММ-ДД."


def schema_file(kind_name: str) -> str:
    return f"{SCHEMA_DIR}/{kind_name}.schema.json"


def schema_comment(file_rel: str, kind_name: str) -> str:
    """The first line of a YAML file: ``file_rel`` is relative to the project."""
    here = posixpath.dirname(file_rel) or "."
    target = posixpath.relpath(schema_file(kind_name), here)
    return f"# yaml-language-server: $schema={target}"


class SchemaWriter:
    def __init__(self, vocabularies: dict[str, Vocabulary]):
        self.vocabularies = vocabularies

    # -- documents ------------------------------------------------------------
    def record_schema(self, cls: type, title: str, kind_name: str) -> dict:
        body = self.object_schema(cls)
        return {"$schema": DRAFT, "$id": f"nastav:{kind_name}", "title": title, **body}

    def list_schema(self, cls: type, title: str, kind_name: str, key: str) -> dict:
        items = {"type": "array", "items": self.object_schema(cls)}
        return {
            "$schema": DRAFT,
            "$id": f"nastav:{kind_name}",
            "title": title,
            "anyOf": [
                {
                    "type": "object",
                    "properties": {key: _nullable(items)},
                    "additionalProperties": False,
                },
                items,
            ],
        }

    # -- parts ----------------------------------------------------------------
    def object_schema(self, cls: type) -> dict:
        properties: dict[str, Any] = {}
        required: list[str] = []
        type_hints = hints(cls)
        for fld, meta in record_fields(cls):
            prop = self.value_schema(type_hints[fld.name], meta)
            prop = {**_describe(meta, prop), **prop}
            if meta.required:
                required.append(fld.name)
            else:
                prop = _nullable(prop)
            properties[fld.name] = prop
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        return schema

    def value_schema(self, tp: Any, meta: Meta) -> dict:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(options) == 1:
                return self.value_schema(options[0], meta)
            return {"type": ["string", "number"]}  # ``date | str``: any text
        if origin is list:
            item_tp = typing.get_args(tp)[0]
            item = self.value_schema(item_tp, meta)
            array = {"type": "array", "items": item}
            if dataclasses.is_dataclass(item_tp):
                return array
            return {"anyOf": [array, item]}  # «types: групповая» is a list of one
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self.object_schema(tp)
        if meta.vocab and meta.vocab in self.vocabularies:
            return self.vocab_schema(self.vocabularies[meta.vocab])
        if tp is int:
            return _ranged(
                {
                    "type": ["integer", "string"],
                    "pattern": INT_PATTERN,
                    "patternErrorMessage": "Ожидается целое число, например 12.",
                },
                meta,
            )
        if tp is float:
            return _ranged(
                {
                    "type": ["number", "string"],
                    "pattern": DECIMAL_PATTERN,
                    "patternErrorMessage": "Ожидается число, например 12 или 69,28.",
                },
                meta,
            )
        if tp is bool:
            return {
                "anyOf": [
                    {"type": "boolean"},
                    {"type": "string", "pattern": _forgiving(BOOL_WORDS)},
                ]
            }
        if tp is dt.date:
            return {"type": "string", "pattern": DATE_PATTERN, "patternErrorMessage": _DATE_HELP}
        if tp in (Url, SiteUrl):
            return {
                "type": "string",
                "pattern": r"^\s*https?://\S+\s*$",
                "patternErrorMessage": "Ссылка начинается с http:// или https:// и не "
                "содержит пробелов (одна ссылка в поле).",
            }
        if tp is Markdown:
            return {"type": "string"}
        return {"type": ["string", "number"]}  # «number: 143» is text to the coercer

    def vocab_schema(self, vocabulary: Vocabulary) -> dict:
        labels = [t.label for t in vocabulary.terms]
        notes = []
        for term in vocabulary.terms:
            note = term.description or ""
            others = [a for a in term.aliases if normalise(a) != normalise(term.label)]
            if others:
                note = (
                    (note + " " if note else "")
                    + "Можно писать и так: "
                    + "; ".join(f"«{a}»" for a in others)
                    + "."
                )
            notes.append(note or term.label)
        spellings = [v for t in vocabulary.terms for v in (t.id, t.label, *t.aliases)]
        return {
            "anyOf": [
                {"enum": labels, "markdownEnumDescriptions": notes, "enumDescriptions": notes},
                {
                    "type": "string",
                    "pattern": _forgiving(spellings),
                    "patternErrorMessage": f"Значения нет в списке «{vocabulary.title}». Допустимо: "
                    f"{vocabulary.allowed()}.",
                },
            ],
        }


def _describe(meta: Meta, prop: dict) -> dict:
    text = meta.label
    if meta.required:
        text += " (обязательное поле)"
    if meta.help:
        text += ". " + meta.help
    if meta.internal:
        text += " Только для куратора: на сайт не выводится."
    if prop.get("pattern") == DATE_PATTERN:
        text += " " + _DATE_HELP
    return {"title": meta.label, "description": text, "markdownDescription": text}


def _nullable(schema: dict) -> dict:
    described = {
        k: schema[k] for k in ("title", "description", "markdownDescription") if k in schema
    }
    body = {k: v for k, v in schema.items() if k not in described}
    if isinstance(body.get("type"), list) and "anyOf" not in body:
        return {**described, **body, "type": [*body["type"], "null"]}
    if isinstance(body.get("type"), str) and "anyOf" not in body:
        return {**described, **body, "type": [body["type"], "null"]}
    return {**described, "anyOf": [*(body.get("anyOf") or [body]), {"type": "null"}]}


def _ranged(schema: dict, meta: Meta) -> dict:
    if meta.minimum is not None:
        schema["minimum"] = meta.minimum
    if meta.maximum is not None:
        schema["maximum"] = meta.maximum
    return schema


_DASH = "[-‐‑‒–—―]"
_QUOTE = "[«»\"“”„'‘’]"


def _forgiving(spellings: list[str]) -> str:
    """A regex matching each spelling the way ``vocab.normalise`` compares:
    any case, ё = е, any dash with any spaces, quotes optional, spaces repeated."""
    variants = sorted({_variant_regex(normalise(s)) for s in spellings if s})
    return r"^\s*(" + "|".join(variants) + r")\s*$"


def _variant_regex(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith(" - ", i):
            out.append(rf"\s*{_DASH}+\s*")
            i += 3
            continue
        if ch == " ":
            out.append(rf"{_QUOTE}*\s+")
        elif ch == "е":
            out.append("[ЕеЁё]")
        elif ch.isalpha() and ch.upper() != ch:
            out.append(f"[{ch.upper()}{ch}]")
        else:
            out.append(re.escape(ch))
        out.append(f"{_QUOTE}*" if ch == " " else "")
        i += 1
    return f"{_QUOTE}*" + "".join(out) + f"{_QUOTE}*"
