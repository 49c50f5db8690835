"""Two shortcuts of our MkDocs runner. Neither changes a byte of the pages:
they skip work whose result our build does not use, and plain ``mkdocs
build`` (or Zensical) of the same docs tree gives the same site. Each is
undone when the run ends and does nothing if MkDocs changes the parts it
replaces.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def theme_files_listed(listed: bool) -> Iterator[None]:
    """A partial run copies none of the theme's files, so it need not list
    them: MkDocs walks every folder of the theme for that — Material's
    10,000 icons included, a quarter of a second of each rebuild. The pages
    do not depend on the list (their asset URLs are written by the templates)."""
    from mkdocs.structure.files import Files

    if listed:
        yield
        return
    original = Files.add_files_from_theme
    Files.add_files_from_theme = lambda self, env, config: None
    try:
        yield
    finally:
        Files.add_files_from_theme = original


_TAG = re.compile(r"<([A-Za-z][^\s/>]*)([^>]*)>")
_ATTRIBUTE = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def anchor_ids(text: str) -> set[str]:
    """The ``id`` of every tag and the ``name`` of every ``<a>`` in raw HTML —
    what MkDocs collects with a full HTML parser — found by pattern (also in
    comments, so never fewer)."""
    found: set[str] = set()
    for tag in _TAG.finditer(text):
        is_link = tag.group(1).lower() == "a"
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            if attribute.group(1).lower() == "id" or is_link:
                value = next(v for v in attribute.group(2, 3, 4) if v is not None)
                found.add(html.unescape(value))
    return found


@contextmanager
def anchors_found_by_pattern() -> Iterator[None]:
    """MkDocs parses each page's raw HTML once more only to learn its anchor
    ids (for warnings about links to missing anchors): our pages are mostly
    HTML tables, and that second parse was a fifth of a cold build. The ids
    are found by pattern instead. Every anchor of the built site is checked
    anyway, exactly, by our audit (site/audit_links.py)."""
    try:
        from mkdocs.structure.pages import _RawHTMLPreprocessor
    except ImportError:
        yield
        return
    original = _RawHTMLPreprocessor.run

    def run(self, lines: list[str]) -> list[str]:
        self.present_anchor_ids = anchor_ids("\n".join(lines))
        return lines

    _RawHTMLPreprocessor.run = run
    try:
        yield
    finally:
        _RawHTMLPreprocessor.run = original
