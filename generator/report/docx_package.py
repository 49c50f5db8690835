"""A Word document's package (DOCX): its parts zipped once, at a fixed time,
with our properties — the title, subject and language; no author, no
template, no dates — so the same document gives the same bytes.

The parts come from python-docx's package writer straight into our archive.
(Saved by python-docx and then zipped again, a portal's «Весь раздел»
documents spent a third of their time compressing.) Should python-docx no
longer have that writer, its own save and a second pass give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from html import escape
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.pkgwriter import PackageWriter

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>"
    "<dc:language>{language}</dc:language></cp:coreProperties>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>nastav</Application></Properties>'
)


def packaged(doc: DocxDocument, title: str, subject: str, language: str) -> bytes:
    """The DOCX of ``doc``, with these properties."""
    package = doc.part.package
    writer = _Archive(title, subject, language)
    steps = package_steps()
    if steps is None:
        buffer = io.BytesIO()
        doc.save(buffer)
        source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
        for info in source.infolist():
            writer.add(info.filename, source.read(info))
        return writer.close()
    write_types, write_rels, write_parts = steps
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()  # as python-docx's save
    write_types(writer, parts)
    write_rels(writer, package.rels)
    write_parts(writer, parts)
    return writer.close()


def package_steps() -> list[Any] | None:
    """The steps of python-docx's ``PackageWriter.write`` (1.1–1.2), without
    the archive it opens; None if this python-docx has other ones."""
    names = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")
    steps = [getattr(PackageWriter, name, None) for name in names]
    return None if None in steps else steps


class _Archive:
    """A DOCX archive written part by part (python-docx's ``PhysPkgWriter``
    interface: ``write(pack_uri, blob)``), with our properties."""

    def __init__(self, title: str, subject: str, language: str) -> None:
        self.core = _CORE.format(
            title=escape(title), subject=escape(subject), language=language
        ).encode("utf-8")
        self.out = io.BytesIO()
        self.zip = zipfile.ZipFile(self.out, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.add(pack_uri.membername, blob)

    def add(self, name: str, body: bytes) -> None:
        if name == "docProps/core.xml":
            body = self.core
        elif name == "docProps/app.xml":
            body = _APP.encode("utf-8")
        member = zipfile.ZipInfo(name, FIXED_TIME)
        member.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(member, body)

    def close(self) -> bytes:
        self.zip.close()
        return self.out.getvalue()
