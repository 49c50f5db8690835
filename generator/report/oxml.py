"""python-docx's ``OxmlElement`` and ``qn`` with each tag's name worked out
once (python-docx parses the prefixed tag, «w:rFonts», anew for every
element). Used where the template's styles and settings are set up
(``word.py``); a document's body is written as text (``word_body.py``)."""

from __future__ import annotations

import functools
from typing import Any

from docx.oxml.ns import NamespacePrefixedTag
from docx.oxml.ns import qn as _docx_qn
from docx.oxml.parser import oxml_parser


@functools.cache
def _tag(nsptag: str) -> tuple[str, dict[str, str]]:
    tag = NamespacePrefixedTag(nsptag)
    return tag.clark_name, tag.nsmap


def OxmlElement(nsptag: str) -> Any:  # noqa: N802 — python-docx's name
    """The element python-docx's ``OxmlElement(nsptag)`` makes, of its
    element class, declaring the tag's namespace."""
    clark, nsmap = _tag(nsptag)
    return oxml_parser.makeelement(clark, nsmap=nsmap)


qn = functools.cache(_docx_qn)
