"""The links to «Весь раздел» on a home page (the files: report/sections.py).

Marked ``nst-no-print``: left out of the printed page and of the files
themselves. The file names come from ``addresses.section_document``; the
links are relative, the files lie next to the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from .. import addresses

LABELS = {"pdf": "Весь раздел (PDF)", "docx": "Весь раздел (DOCX, для Word)"}


def links(formats: Sequence[str]) -> Markup:
    items = " · ".join(
        f'<a href="{escape(addresses.section_document("", ext))}">{escape(LABELS[ext])}</a>'
        for ext in formats
    )
    return Markup(f'<p class="nst-section-files nst-no-print">{items}</p>')
