"""The links to «Весь раздел» on a home page (the files: report/sections.py).

Marked ``nst-no-print``: left out of the printed page and of the files
themselves. The file names come from ``addresses.section_document``; the
links are relative, the files lie next to the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from .. import addresses
from ..words import size_text
from .pageset import Page, page_of_data

FORMATS = {"pdf": "PDF", "docx": "DOCX"}
DOCX_ONLY = ("docx",)  # without LibreOffice


def linked_by_stage(formats: Sequence[str]) -> bool:
    """Whether an organization's own stage links its «Весь раздел» files
    (``linking_files``): with DOCX only there is no PDF to wait for, so
    ``with_files`` (report/sections.py) leaves its page alone."""
    return tuple(formats) == DOCX_ONLY


USE = {"docx": ", для Word"}


def links(formats: Sequence[str], sizes: Mapping[str, int] | None = None) -> Markup:
    """The links, by format; with ``sizes`` (bytes by format) each says its
    size, as every file link of the site does. Pages are rendered before the
    files exist: report/sections.py puts the sizes in afterwards."""
    items = []
    for ext in formats:
        size = f", {size_text(sizes[ext])}" if sizes and ext in sizes else ""
        label = f"Весь раздел ({FORMATS[ext]}{size}{USE.get(ext, '')})"
        href = escape(addresses.section_document("", ext))
        items.append(f'<a href="{href}">{escape(label)}</a>')
    return Markup(f'<p class="nst-section-files nst-no-print">{" · ".join(items)}</p>')


def linking_files(page: Page, formats: Sequence[str], sizes: Mapping[str, int]) -> Page:
    """``page``, rendered with ``links(formats)``, linking the files made —
    those of ``sizes`` (bytes by format), with their sizes. As bytes: a
    region's 930 home pages are not decoded for it."""
    before = str(links(formats)).encode("utf-8")
    after = str(links([ext for ext in formats if ext in sizes], sizes)).encode("utf-8")
    return page_of_data(page.path, page.title, page.data.replace(before, after), page.kind)
