"""The report as a tagged PDF: the DOCX converted by LibreOffice, headless.

LibreOffice is the one portable converter that keeps what the DOCX says
about structure — headings, tables with their header rows, lists, links,
the document's language — and writes it as PDF tags (``UseTaggedPDF``,
``PDFUACompliance``: a structure tree, ``/MarkInfo``, ``/Lang``). It is a
program, not a Python package: when it is not installed the build writes
the DOCX and says that the PDF needs it (``reports.py``).

Found as ``soffice`` (or ``libreoffice``) on PATH or where its installers
put it; ``NASTAV_SOFFICE`` names the program, or ``off`` turns the PDF off.
Each conversion runs with a profile of its own in a temporary folder, so an
open LibreOffice window or a broken user profile does not get in the way.

LibreOffice writes the time of the conversion and a random file identifier
into the PDF; both are replaced by fixed values of the same length, so the
same document gives the same bytes (a cached build equals one without the
cache).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..util import scratch

SWITCH = "NASTAV_SOFFICE"
TIMEOUT = 300  # seconds for one conversion of every year's report
_OPTIONS = (
    '{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"ExportNotes":{"type":"boolean","value":"false"}}'
)
FILTER = f"pdf:writer_pdf_Export:{_OPTIONS}"
_INSTALLED = {
    "win32": [
        Path(os.environ.get(name, "")) / "LibreOffice" / "program" / "soffice.exe"
        for name in ("ProgramFiles", "ProgramFiles(x86)")
        if os.environ.get(name)
    ],
    "darwin": [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")],
}


@dataclass(frozen=True)
class Office:
    """The LibreOffice program that converts; ``stamp`` (sizes and times of
    the program and its version files) changes with an update, and so does
    the key of the cached report."""

    path: str
    stamp: str


def disabled() -> bool:
    """``NASTAV_SOFFICE=off``: no PDF, and nothing said about it."""
    return os.environ.get(SWITCH, "").strip().lower() in ("off", "no", "0", "false")


def find_office() -> Office | None:
    """LibreOffice's ``soffice``, or None (not installed, or ``NASTAV_SOFFICE=off``)."""
    if disabled():
        return None
    named = os.environ.get(SWITCH, "").strip()
    candidates: list[str | Path | None]
    if named:
        candidates = [named, shutil.which(named)]
    else:
        candidates = [shutil.which("soffice"), shutil.which("libreoffice")]
        candidates += _INSTALLED.get(sys.platform, [])
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Office(str(candidate), _stamp(Path(candidate)))
    return None


# Beside the program: its version and its main library, which every update replaces.
_VERSION_FILES = ("versionrc", "version.ini", "libmergedlo.so", "mergedlo.dll", "libmergedlo.dylib")


def _stamp(program: Path) -> str:
    real = program.resolve()
    parts = []
    for path in [real, *(real.parent / name for name in _VERSION_FILES)]:
        try:
            stat = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return ";".join(parts)


class ConversionFailed(Exception):
    """LibreOffice did not make a PDF; the message says why, in Russian."""


def convert(office: Office, documents: dict[str, bytes], timeout: float = TIMEOUT) -> dict:
    """PDFs of the DOCX ``documents`` (name → bytes), by name, made by one
    start of LibreOffice. Raises ``ConversionFailed``."""
    with tempfile.TemporaryDirectory(prefix="nastav-pdf-", dir=scratch.folder()) as tmp:
        folder = Path(tmp)
        sources, output, profile = folder / "docx", folder / "pdf", folder / "profile"
        sources.mkdir()
        for name, data in documents.items():
            (sources / f"{name}.docx").write_bytes(data)
        command = [
            office.path,
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            FILTER,
            "--outdir",
            str(output),
            *(str(sources / f"{name}.docx") for name in documents),
        ]
        said = _run(command, timeout)
        made = {}
        for name, data in documents.items():
            pdf = output / f"{name}.pdf"
            if not pdf.is_file() or pdf.stat().st_size == 0:
                # «no export filter»: LibreOffice without Writer (only Calc, say).
                raise ConversionFailed(
                    f"LibreOffice ({office.path}) не создал PDF"
                    + (f" («{said}»); нужен LibreOffice Writer" if said else "")
                )
            made[name] = reproducible(pdf.read_bytes(), hashlib.sha256(data).hexdigest())
        return made


def _run(command: list[str], timeout: float) -> str:
    """Runs LibreOffice; its last line of errors, if any."""
    posix = os.name == "posix"
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=posix,  # its helper processes go with it on a timeout
        )
    except OSError as exc:
        raise ConversionFailed(f"LibreOffice не запускается: {exc}") from exc
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        if posix:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                pass
        else:
            process.kill()
        process.communicate()
        raise ConversionFailed(
            f"LibreOffice не закончил преобразование за {timeout:.0f} с"
        ) from exc
    errors = [
        line.strip()
        for line in (out or b"").decode("utf-8", "replace").splitlines()
        if line.strip().lower().startswith("error")
    ]
    if process.returncode != 0:
        raise ConversionFailed(
            f"LibreOffice завершился с кодом {process.returncode}"
            + (f": {errors[-1][:200]}" if errors else "")
        )
    return errors[-1][:200] if errors else ""


# The conversion's time and the file identifier, in the PDF's info dictionary,
# its XMP metadata and its trailer (with a checksum LibreOffice made of them).
_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{4,14})")
_XMP_DATE = re.compile(
    rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)"
)
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")  # of the bytes before the above
_EPOCH, _XMP_EPOCH = b"19800101000000", b"1980-01-01T00:00:00"


def reproducible(pdf: bytes, seed: str) -> bytes:
    """The same PDF with the conversion time set to 1 January 1980 (as the
    parts of our ZIP files) and the identifier made from ``seed``; every
    replacement has the length of what it replaces, so the cross-reference
    offsets stay right."""

    def identifier(length: int) -> bytes:
        return (seed * (length // len(seed) + 1))[:length].upper().encode("ascii")

    pdf = _DATE.sub(lambda m: m.group(1) + _EPOCH[: len(m.group(2))], pdf)
    pdf = _XMP_DATE.sub(lambda m: m.group(1) + _XMP_EPOCH, pdf)
    pdf = _CHECKSUM.sub(lambda m: m.group(1) + identifier(len(m.group(2))), pdf)
    return _ID.sub(
        lambda m: (
            m.group(1)
            + identifier(len(m.group(2)))
            + m.group(3)
            + identifier(len(m.group(4)))
            + m.group(5)
        ),
        pdf,
    )


# pypdf copies every object of a PDF it updates: a region's report (930
# organizations' tables, 540,000 objects) took 43 s and 2.9 GB.
FIGURE_NAMING_LIMIT = 100_000  # objects


def name_figures(pdf: bytes, texts: list[str]) -> bytes | None:
    """The PDF with ``texts`` as the alternative text (``/Alt``) of its
    figures, in reading order. LibreOffice 7 drops the description a DOCX
    gives a chart, so the tags of the charts say nothing; the report knows
    what each chart shows. Written as an incremental update (the PDF's own
    bytes stay, the changed structure elements follow them). When the PDF
    has another number of figures than ``texts``, nothing is guessed: the
    PDF comes back as it was. None when it cannot be done: a PDF of more
    than ``FIGURE_NAMING_LIMIT`` objects, or one pypdf cannot read."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    if not texts:
        return pdf
    try:
        reader = PdfReader(io.BytesIO(pdf))
        objects = sum(len(numbers) for numbers in reader.xref.values()) + len(reader.xref_objStm)
        if objects > FIGURE_NAMING_LIMIT:
            return None
        return _named(PdfWriter(reader, incremental=True), pdf, texts)
    except (PyPdfError, ValueError, KeyError):
        return None


def _named(writer, pdf: bytes, texts: list[str]) -> bytes:
    from pypdf.generic import NameObject, TextStringObject

    tree = writer.root_object.get("/StructTreeRoot")
    if tree is None:
        return pdf
    figures = []
    stack = [tree.get_object()]
    while stack:  # depth first, children in order: the reading order of the tags
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                figures.append(node)
            kids = node.get("/K")
            if kids is None:
                continue
            kids = kids.get_object()
            items = list(kids) if isinstance(kids, list) else [kids]
            stack.extend(item.get_object() for item in reversed(items))
    if len(figures) != len(texts):
        return pdf
    for figure, text in zip(figures, texts):
        figure[NameObject("/Alt")] = TextStringObject(text)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- reading the result back ----------------------------------------------------------
@dataclass(frozen=True)
class PdfFacts:
    tagged: bool  # a structure tree, and /MarkInfo /Marked true
    language: str | None  # the catalog's /Lang
    pages: int


def pdf_facts(pdf: bytes) -> PdfFacts:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    root = reader.root_object
    mark = root.get("/MarkInfo")
    marked = bool(mark is not None and mark.get_object().get("/Marked"))
    language = root.get("/Lang")
    return PdfFacts(
        "/StructTreeRoot" in root and marked,
        str(language) if language is not None else None,
        len(reader.pages),
    )


def heading_pages(pdf: bytes, titles: list[str]) -> dict[int, int]:
    """The page (counted from 1, the title page) of each heading, by its
    index in ``titles``: read from the PDF's bookmarks, which LibreOffice
    makes from the headings in their order."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    marks: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                page = reader.get_destination_page_number(item)
                if page is not None and page >= 0:
                    marks.append((_plain(str(item.title)), page + 1))

    walk(reader.outline)
    pages: dict[int, int] = {}
    at = 0
    for index, title in enumerate(titles):
        wanted = _plain(title)
        for position in range(at, len(marks)):
            if marks[position][0] == wanted:
                pages[index] = marks[position][1]
                at = position + 1
                break
    return pages


def _plain(text: str) -> str:
    return " ".join(text.split())
