"""JSON from outside (other sites' practice feeds) and from our own caches,
read within our limits.

Python's ``json`` recurses once per level of nesting: ``[`` × 100,000 ends
in ``RecursionError``, which no caller expected. Here nesting deeper than
``MAX_DEPTH`` (far more than any feed of ours: 4 levels) and more than
``MAX_VALUES`` values are refused with ``JsonError``, a ``ValueError``
with a Russian message; so is anything ``json`` cannot read. Sizes of
files are bounded by their readers before the text gets here.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64
MAX_VALUES = 1_000_000


class JsonError(ValueError):
    """Why a text is not usable JSON, in Russian, to follow its subject:
    «лента » + «не читается как JSON (строка 3)»."""


def loads(text: str | bytes, max_depth: int = MAX_DEPTH, max_values: int = MAX_VALUES) -> Any:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonError("не в кодировке UTF-8") from None
    # Every value but the first follows a «,» or a «:» or opens a bracket: an
    # upper bound counted at C speed before anything is built.
    if text.count(",") + text.count(":") > 2 * max_values:
        raise JsonError(
            f"не читается: слишком много значений (больше {max_values:,})".replace(",", " ")
        )
    try:
        document = json.loads(text)
    except RecursionError:
        raise JsonError(_too_deep(max_depth)) from None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise JsonError("не читается как JSON" + (f" (строка {line})" if line else "")) from None
    _check_shape(document, max_depth, max_values)
    return document


def _check_shape(document: Any, max_depth: int, max_values: int) -> None:
    """Depth and size of a parsed document, with an explicit stack."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    seen = 0
    while stack:
        value, depth = stack.pop()
        seen += 1
        if seen > max_values:
            raise JsonError(
                f"не читается: слишком много значений (больше {max_values:,})".replace(",", " ")
            )
        if isinstance(value, (dict, list)):
            if depth > max_depth:
                raise JsonError(_too_deep(max_depth))
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


def _too_deep(max_depth: int) -> str:
    return f"не читается: слишком глубокая вложенность (больше {max_depth} уровней скобок)"
