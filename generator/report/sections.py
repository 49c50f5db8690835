"""«Весь раздел»: a school's section, or an organization's part of a portal, as one file.

The DOCX is made with the pages (``section.py`` reads them, ``word.py``
writes it) and cached with them; the tagged PDF is LibreOffice's
conversion of that DOCX, cached by the DOCX's bytes and the LibreOffice
that made it, so that a build converts only the sections whose pages
changed — all of them in one start of LibreOffice.

The home page links both files when LibreOffice is there, the DOCX alone
otherwise (``render/section_files.py``); once the files are made, the links
get their sizes, and when LibreOffice failed (the build warns) the page
links the DOCX alone (``with_files``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import addresses
from ..diagnostics import Location, Report
from ..render.pageset import Page
from ..render.section_files import DOCX_ONLY, linking_files
from ..schema.values import format_date_ru
from ..util.later import Later, resolved
from ..util.stored import Data, as_bytes, size_of
from .content import ReportDocument
from .docx_package import Template
from .pdf import ConversionFailed, Office, convert, heading_pages, pdf_facts
from .section import section_document
from .word import write_docx

WHERE = Location("site_config.yml")
TITLE = "Наставничество"  # on the cover, above the organization's name
LEFT_OUT = {"search"}  # page kinds that mean nothing on paper


@dataclass(frozen=True)
class SectionSpec:
    """One «Весь раздел»: the pages under ``base`` (a school's whole site: "")."""

    base: str
    title: str
    owner: str  # the organization's full name, on the cover
    updated: dt.date | None
    # Its home page links its files with their sizes already: a portal's
    # organization without PDF, whose DOCX comes with its pages (with_files).
    linked: bool = False


def formats(office: Office | None) -> tuple[str, ...]:
    return ("pdf", "docx") if office else DOCX_ONLY


@dataclass(frozen=True)
class SectionFiles:
    spec: SectionSpec
    pages: tuple[tuple[Page, int], ...]  # what it is made of, at their heading levels
    site_url: str | None
    docx: Data  # its table of contents is a field Word fills on opening

    def document(self) -> ReportDocument:
        return _document(self.spec, self.pages, self.site_url)


def _document(
    spec: SectionSpec, pages: Sequence[tuple[Page, int]], site_url: str | None
) -> ReportDocument:
    updated = format_date_ru(spec.updated) if spec.updated else None
    return section_document(spec.title, spec.owner, pages, site_url, updated)


def org_levels(pages: Sequence[Page], base: str) -> list[tuple[Page, int]]:
    """An organization's part of a portal: its page, then its records."""
    home = addresses.doc_path(base)
    under = [p for p in pages if p.path.startswith(base) and p.kind not in LEFT_OUT]
    return [(p, 1) for p in under if p.path == home] + [(p, 2) for p in under if p.path != home]


@dataclass(frozen=True)
class OrgSectionWriter:
    """The DOCX of an organization's part of a portal, made by the portal's
    cached stage of that organization's pages (render/municipal_pages.py):
    a rebuild reads it with the pages, and makes it again only with them."""

    site_url: str | None
    # word.template()'s, kept in the build cache (projects.py): a ``Later``
    # read when a document is written; None: made in this process.
    template: Template | Later | None = None

    def __call__(self, owner: str, updated: dt.date | None, base: str, pages: list[Page]) -> bytes:
        spec = SectionSpec(base, TITLE, owner, updated)
        document = _document(spec, org_levels(pages, base), self.site_url)
        return write_docx(document, template=resolved(self.template))


def section_files(
    specs: Sequence[SectionSpec],
    pages: Sequence[Page],
    nav: Sequence[tuple[str, str]],
    site_url: str | None,
    downloads: Sequence[tuple[str, Data]],
) -> list[SectionFiles]:
    """Each section with its DOCX: made already (a portal's organizations,
    among ``downloads``) or made now (a school's section)."""
    made = dict(downloads)
    by_org: dict[str, list[Page]] = {}  # a portal's pages by organization, in one pass
    for page in pages:
        org = addresses.org_of(page.path)
        if org is not None:
            by_org.setdefault(addresses.org_page(org), []).append(page)
    files = []
    for spec in specs:
        chosen = (
            ordered(pages, nav)
            if spec.base == ""
            else org_levels(by_org.get(spec.base, []), spec.base)
        )
        docx = made.get(addresses.section_document(spec.base, "docx"))
        # A portal's: kept in the stage cache, read only to make a PDF of it.
        docx = write_docx(_document(spec, chosen, site_url)) if docx is None else docx
        files.append(SectionFiles(spec, tuple(chosen), site_url, docx))
    return files


def published(
    files: Sequence[SectionFiles], office: Office | None, cache: Path | None, report: Report
) -> dict[str, Data]:
    """Address → bytes of every file to publish: the DOCX of each section,
    with the PDF's page numbers in its table of contents when there is a
    PDF; a PDF that could not be made is left out (a warning says why)."""
    made = add_pdfs(files, office, cache, report) if office else {}
    out: dict[str, Data] = {}
    for f in files:
        base = f.spec.base
        if base in made:
            out[addresses.section_document(base, "docx")] = made[base][1]
            out[addresses.section_document(base, "pdf")] = made[base][0]
        else:
            out[addresses.section_document(base, "docx")] = f.docx
    return out


def ordered(pages: Sequence[Page], nav: Sequence[tuple[str, str]]) -> list[tuple[Page, int]]:
    """The pages in navigation order, each section followed by the record
    pages under it; a section's heading at level 1, a record's at level 2."""
    folders = [addresses.page_of(path) for _, path in nav]
    in_nav = {path for _, path in nav}
    by_path = {page.path: page for page in pages}
    children: dict[str, list[Page]] = {folder: [] for folder in folders}
    for page in pages:
        if page.kind in LEFT_OUT or page.path in in_nav:
            continue
        folder = addresses.page_of(page.path)
        owner = max((f for f in folders if folder.startswith(f)), key=len, default=None)
        if owner is not None:
            children[owner].append(page)
    out: list[tuple[Page, int]] = []
    for (_, path), folder in zip(nav, folders):
        section = by_path.get(path)
        if section is None or section.kind in LEFT_OUT:
            continue
        out.append((section, 1))
        out += [(child, 2) for child in children[folder]]
    return out


def add_pdfs(
    files: Sequence[SectionFiles], office: Office, cache: Path | None, report: Report
) -> dict[str, tuple[bytes, bytes]]:
    """The PDF of each section and its DOCX with the PDF's page numbers in
    the table of contents, by base: from the cache, the rest converted by
    one start of LibreOffice. The cache keeps what this build used."""
    keys = {f.spec.base: hashlib.sha256(as_bytes(f.docx) + office.stamp.encode()).hexdigest()[:32]
            for f in files}  # fmt: skip
    made: dict[str, tuple[bytes, bytes]] = {}
    missing: dict[str, SectionFiles] = {}
    for f in files:
        pdf_path, docx_path = _cached(cache, keys[f.spec.base])
        if pdf_path and docx_path and pdf_path.is_file() and docx_path.is_file():
            made[f.spec.base] = (pdf_path.read_bytes(), docx_path.read_bytes())
        else:
            missing[keys[f.spec.base]] = f
    if missing:
        try:
            # The table of contents without its field: LibreOffice numbers the pages (pdf.py).
            converted = convert(
                office,
                {key: write_docx(f.document(), toc_field=False) for key, f in missing.items()},
            )
        except ConversionFailed as exc:
            report.warning(
                WHERE,
                f"PDF «Весь раздел» не создан: {exc}. Опубликован DOCX; PDF будет создан при "
                "следующей сборке.",
                "section-pdf",
            )
            converted = {}
        for key, pdf in converted.items():
            facts = pdf_facts(pdf)
            if not facts.tagged or not (facts.language or "").lower().startswith("ru"):
                report.warning(
                    WHERE,
                    "PDF «Весь раздел» получился без разметки для программ экранного доступа "
                    "(тегов или языка ru): нужен LibreOffice 7.4 или новее; опубликован DOCX.",
                    "section-pdf",
                )
                continue
            document = missing[key].document()
            pages = heading_pages(pdf, [h.text for h in document.headings()])
            base = missing[key].spec.base
            made[base] = (pdf, write_docx(document, pages=pages))
            _keep(cache, key, *made[base])
    if cache is not None and cache.is_dir():  # the folder stays the size of one site
        used = set(keys.values())
        for path in cache.iterdir():
            if path.name.split(".")[0] not in used:
                path.unlink(missing_ok=True)
    return made


def _cached(cache: Path | None, key: str) -> tuple[Path | None, Path | None]:
    if cache is None:
        return None, None
    return cache / f"{key}.pdf", cache / f"{key}.docx"


def _keep(cache: Path | None, key: str, pdf: bytes, docx: bytes) -> None:
    pdf_path, docx_path = _cached(cache, key)
    if pdf_path is None or docx_path is None:
        return
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    for path, data in ((docx_path, docx), (pdf_path, pdf)):
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)


def with_files(
    pages: list[Page],
    specs: Sequence[SectionSpec],
    linked: Sequence[str],
    made: Mapping[str, Data],
) -> list[Page]:
    """``pages`` whose home page of a section links the files made for it,
    with their sizes: the page was rendered linking ``linked`` formats, before
    the files existed (a PDF LibreOffice failed to make is not linked)."""
    final = {
        addresses.doc_path(spec.base): {
            ext: size_of(made[address])
            for ext in linked
            if (address := addresses.section_document(spec.base, ext)) in made
        }
        for spec in specs
        if not spec.linked
    }
    return [linking_files(p, linked, final[p.path]) if p.path in final else p for p in pages]
