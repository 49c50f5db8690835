"""Relative links between pages of the docs tree.

Shared by the renderer (links on pages) and the practice collection (links
in the catalog's JSON), which sits below it.
"""

from __future__ import annotations

import posixpath


def relative(from_page: str, target: str) -> str:
    """Link from the page at docs path ``from_page`` to ``target``.

    Pages live in their own folders (``programmy/pp-1/index.md``), so the
    same relative link works in the Markdown source and the built HTML.
    ``target`` is a folder for pages ("programmy/pp-1/") or a file path.
    """
    here = posixpath.dirname(from_page)
    is_dir = target.endswith("/") or target == ""
    path = posixpath.relpath(target or ".", here or ".")
    if is_dir:
        return "./" if path == "." else path.rstrip("/") + "/"
    return path
