"""The Jinja environment that writes pages.

Every ``{{ value }}`` is escaped by default (``finalize``), so a template
cannot print raw user text by forgetting a filter; only the sanitizing
filters (``md``, ``inline``) and our own link helpers return markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from .. import addresses, words
from ..publish.files import Withheld
from ..schema.values import format_date_ru, format_date_short
from ..util.markup import escape_text, render_inline, render_markdown

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: object) -> object:
    if value is None:
        return ""
    return escape_text(value)


def _parts(items: list[object], separator: str = ", ") -> str:
    """The present parts joined: no stray «, 25.08.2025» when the first is missing."""
    return separator.join(str(item) for item in items if item not in (None, ""))


def safe_href(url: str | None) -> str:
    """External links: only http(s) and mailto/tel survive."""
    if not url:
        return "#"
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https", "mailto", "tel") else "#"


def yaml_string(value: str) -> Markup:
    """A front-matter value: JSON strings are valid YAML scalars.

    HTML-escaped first: Material prints ``page.title`` and
    ``page.meta.description`` into ``<title>``, the header and a ``<meta>``
    attribute without escaping, so «<img onerror=…>» in a title would run.
    """
    text = html.escape(" ".join(str(value).split()), quote=True)
    return Markup(json.dumps(text, ensure_ascii=False))


def _number(value) -> str:
    """1111 → «1 111», 69.28 → «69,28»."""
    from decimal import Decimal

    from ..monitoring.quality import fmt

    return fmt(Decimal(str(value))) if value is not None else "—"


@functools.cache
def make_env(cache_dir: str | None = None) -> jinja2.Environment:
    """One shared environment: it holds no per-build state, and compiling the
    templates once saves most of the time of a ``validate``. ``cache_dir``
    keeps the compiled templates between runs (Jinja checks their source)."""
    bytecode = None
    if cache_dir:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        bytecode = jinja2.FileSystemBytecodeCache(cache_dir)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=bytecode,
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=render_markdown,
        inline=render_inline,
        date=lambda d: format_date_ru(d) if isinstance(d, dt.date) else (d or ""),
        d=lambda d: format_date_short(d) if isinstance(d, dt.date) else (d or ""),
        href=safe_href,
        yaml=yaml_string,
        num=_number,
    )
    env.globals.update(plural=words.plural, genitive=words.GENITIVE, dative=words.DATIVE)
    env.globals["addresses"] = addresses  # the site's fixed pages and files
    env.filters.update(count=words.count, word_for=words.word_for, parts=_parts)
    env.tests["withheld"] = lambda value: isinstance(value, Withheld)
    return env
