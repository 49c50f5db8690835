"""Turning user text into page markup that cannot run anything.

Plain text is escaped once for both contexts it may land in: HTML blocks
and Markdown lines (headings, list items). Characters that mean something
to either are written as character references, which both read as plain
characters. Markdown fields are rendered by markdown-it-py (CommonMark) and
then cleaned by an allow-list sanitizer (nh3, the Rust «ammonia» library):
scripts, event handlers, ``javascript:``/``data:`` links, frames, objects
and styles are dropped.

markdown-it-py rather than Python-Markdown: the latter takes quadratic time
on some inputs (2,000 «[» in a row: 1 s; 10,000: 25 s), so one pasted
text could stall a build; markdown-it-py stays near-linear (100,000
characters of any such pattern: under 3 s).
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_SPECIAL = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "#": "&#35;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "+": "&#43;",
    ":": "&#58;",
}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
_WS = re.compile(r"\s+")


def escape_text(value: object) -> Markup:
    """Escape a plain value for Markdown and HTML at once; newlines become spaces."""
    if isinstance(value, Markup):
        return value
    text = _WS.sub(" ", str(value)).strip()
    return Markup(_SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], text))


ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "small",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "code",
    "pre",
    "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

# Raw HTML in user text is parsed (curators paste <b> and <br> from Word) and
# then reduced to the allow-list by nh3 below.
_MD = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable("table")


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str | None) -> Markup:
    """A Markdown field as a sanitized HTML block, safe to place in a page."""
    if not text:
        return Markup("")
    # Headings in user text start at h3: the page owns h1/h2.
    html = _MD.render(re.sub(r"(?m)^(#{1,2})(?=\s)", "###", text))
    html = clean_html(html)
    # Blank lines inside a raw block would end it early in the page's Markdown;
    # between block elements they carry no meaning, so they are dropped.
    html = re.sub(r"\n\s*\n", "\n", html).strip()
    return Markup(f'<div class="nst-text">\n{html}\n</div>')


def render_inline(text: str | None) -> Markup:
    """A one-line text with Markdown emphasis and links allowed, sanitized."""
    if not text:
        return Markup("")
    html = clean_html(_MD.render(text))
    html = re.sub(r"^<p>|</p>$", "", html.strip())
    return Markup(html.replace("\n", " "))
