"""What the tests of the documents share: LibreOffice, when installed (the PDF
checks skip without it, saying why; ./run test installs it), and the
structure elements of a tagged PDF in reading order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.report.pdf import SWITCH, find_office


def _office():
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(SWITCH, raising=False)  # tests/conftest.py turns it off
        return find_office()


OFFICE = _office()
needs_office = pytest.mark.skipif(
    OFFICE is None,
    reason="LibreOffice (soffice) не установлен: PDF не проверяется; ./run test ставит его сам",
)


def structure(reader) -> Iterator:
    """Every structure element of the PDF (dictionaries with /S), depth first."""
    stack = [reader.root_object["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif hasattr(node, "get"):
            if "/S" in node:
                yield node
            if "/K" in node:
                stack.append(node["/K"])
