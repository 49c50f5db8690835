"""Shortcuts of our MkDocs runner. None changes a byte of the site: they
skip work whose result our build does not use, and plain ``mkdocs build``
(or Zensical) of the same docs tree gives the same site. They replace parts
of MkDocs that are not its public interface, so they are taken only on the
MkDocs and Material versions where that was shown (``PROVEN``); on any other
the runner is stock MkDocs. Each shortcut is undone when the run ends.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata

# (MkDocs, Material) on which tests/e2e/test_mkdocs_speed.py built the
# municipal demo with and without the shortcuts and got the same bytes.
# To add a pair: install it, run that test (it forces the shortcuts on and
# off), then add the pair here.
PROVEN = {("1.6.1", "9.8.2")}
# For that test and for developers: «on» takes the shortcuts on any version,
# «off» never takes them.
SWITCH = "NASTAV_MKDOCS_SHORTCUTS"


def installed_versions() -> tuple[str, str]:
    try:
        return metadata.version("mkdocs"), metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        return "?", "?"


def shortcuts_allowed() -> bool:
    switch = os.environ.get(SWITCH, "")
    if switch in ("on", "off"):
        return switch == "on"
    return installed_versions() in PROVEN


def shortcuts_note() -> str:
    """For ``--verbose``: whether this build takes the shortcuts, and why."""
    mkdocs, material = installed_versions()
    if shortcuts_allowed():
        return f"MkDocs {mkdocs}, Material {material}: ускорения сборки включены"
    if os.environ.get(SWITCH) == "off":
        return f"ускорения сборки выключены ({SWITCH}=off): обычный код MkDocs"
    return (
        f"MkDocs {mkdocs}, Material {material}: ускорения сборки с этими версиями не "
        "проверены, используется обычный код MkDocs (сборка медленнее, результат тот же)"
    )


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
    # Replacing MkDocs' own methods is what a shortcut is (only on PROVEN versions).
    Files.add_files_from_theme = lambda self, env, config: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        Files.add_files_from_theme = original  # type: ignore[method-assign]


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
    anyway, exactly, by our audit (audit/audit_links.py)."""
    try:
        from mkdocs.structure.pages import _RawHTMLPreprocessor
    except ImportError:
        yield
        return
    original = _RawHTMLPreprocessor.run

    def run(self, lines: list[str]) -> list[str]:
        self.present_anchor_ids = anchor_ids("\n".join(lines))
        return lines

    _RawHTMLPreprocessor.run = run  # type: ignore[method-assign]
    try:
        yield
    finally:
        _RawHTMLPreprocessor.run = original  # type: ignore[method-assign]
