"""``nastav export-gosweb DIR OUT.zip``: the section, ready to move to Госвеб.

Госвеб is a hosted constructor: a static folder cannot be uploaded, pages
are made in its editor. The archive holds, for each page of the section:

* ``stranitsy/NN-adres.html`` — the fragment as a small document to open
  in a browser, select and copy into the visual editor;
* ``stranitsy/NN-adres.txt`` — the same fragment as code for the editor's
  HTML mode;

plus every attached file under ``files/`` (its published copy, without
metadata) and an index (``ПРОЧТИТЕ.html`` and ``ПРОЧТИТЕ.txt``) saying,
page by page, where each fragment and file goes. Built from the generated
pages — the public, consent-filtered model — and, before anything is
written, checked like the built site (``audit/audit_export.py``).

A municipal project: ``--org ID`` gives that organization's archive, as a
school's; without it, ``gosweb/municipal.py`` packs every organization's
section into its own folder of one archive. ``commands/export_gosweb.py``
checks the project and says what was written.
"""

from __future__ import annotations

import html
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..audit.audit_export import check_export
from ..diagnostics import Report
from .fragment import FragmentMaker
from .index import index_html, index_text

FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same input → same archive bytes
# How the check of the archive words its findings (audit/audit_export.py).
CHECKED = "в архиве для Госвеб"
STOPPED = "архив не создан"


@dataclass
class ExportedPage:
    number: int
    title: str
    folder: str  # docs folder: "" for the home page
    address: str
    parent: str  # title of the parent page ("" for the home page)
    name: str  # file stem in stranitsy/
    fragment: str
    files: list[str] = field(default_factory=list)


@dataclass
class Section:
    """One organization's section, ready for the archive."""

    name: str  # the organization's full name
    pages: list[ExportedPage]
    files: dict  # href → PublishedFile


def export_section(model, target: Path, base: str) -> tuple[Section, Report]:
    """The archive of a school-format model (a school, or one organization of
    a municipality: ``pipeline.check``) at ``target``, written only when the
    check of its files finds no errors; the section and the check's findings."""
    section = make_section(model, base)
    members = section_members(section, "", base)
    problems = Report()
    check_export(members, [model.guard], problems, CHECKED, STOPPED, f"{target.name}/")
    if problems.ok:
        with open_archive(target) as put:
            for name, data in members:
                put(name, data)
    return section, problems


def make_section(model, base: str) -> Section:
    """The fragments of a school-format model (a school, or one organization)."""
    # Госвеб has its own site search and its own version for the visually
    # impaired: our search page and accessibility statement are of our site.
    source = [p for p in model.pages if p.kind not in ("search", "accessibility")]
    files = {f.href: f for f in model.files}
    folders = {p.path[: -len("index.md")] for p in source}
    maker = FragmentMaker(base, folders, set(files))
    titles = {p.path[: -len("index.md")]: p.title for p in source}
    pages = []
    for number, page in enumerate(source, start=1):
        folder = page.path[: -len("index.md")]
        fragment = maker.fragment(page.path, page.content)
        parent = "" if not folder else titles.get(_parent(folder), titles.get("", ""))
        slug = folder.strip("/").replace("/", "-") or "nastavnichestvo"
        pages.append(
            ExportedPage(
                number,
                page.title,
                folder,
                maker.address(folder),
                parent,
                f"{number:02d}-{slug}",
                fragment,
                sorted(maker.files_used),
            )
        )
    return Section(model.public[0].organization.full_name, pages, files)


@contextmanager
def open_archive(target: Path):
    """``with open_archive(path) as put: put(name, data)`` — a reproducible ZIP."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:

        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

        yield put


def section_members(section: Section, prefix: str, base: str) -> list[tuple[str, bytes]]:
    """Fragments, files (copies without metadata) and the section's own index
    under ``prefix``, as ``(name in the archive, bytes)``."""
    members = []
    for page in section.pages:
        members.append((f"{prefix}stranitsy/{page.name}.html", _viewable(page).encode("utf-8")))
        members.append((f"{prefix}stranitsy/{page.name}.txt", page.fragment.encode("utf-8")))
    for href, published in sorted(section.files.items()):
        members.append((prefix + href, published.data()))
    members.append(
        (
            f"{prefix}ПРОЧТИТЕ.html",
            index_html(section.pages, section.files, section.name, base).encode("utf-8"),
        )
    )
    members.append(
        (
            f"{prefix}ПРОЧТИТЕ.txt",
            index_text(section.pages, section.files, section.name, base).encode("utf-8"),
        )
    )
    return members


def _parent(folder: str) -> str:
    parts = folder.strip("/").split("/")
    return "/".join(parts[:-1]) + "/" if len(parts) > 1 else ""


def _viewable(page: ExportedPage) -> str:
    title = html.escape(page.title)
    return (
        '<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n"
        f"<!-- Страница «{title}»: скопируйте всё, что ниже заголовка, в редактор Госвеб. -->\n"
        f"<h1>{title}</h1>\n<!-- НАЧАЛО ФРАГМЕНТА -->\n"
        + page.fragment.replace('href="files/', 'href="../files/')
        + "<!-- КОНЕЦ ФРАГМЕНТА -->\n"
        "</body>\n</html>\n"
    )
