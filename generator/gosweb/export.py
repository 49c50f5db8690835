"""``nastav export-gosweb DIR OUT.zip``: the section, ready to move to Госвеб.

Госвеб is a hosted constructor: a static folder cannot be uploaded, pages
are made in its editor. The archive holds, for each page of the section:

* ``stranitsy/NN-adres.html`` — the fragment as a small document to open
  in a browser, select and copy into the visual editor;
* ``stranitsy/NN-adres.txt`` — the same fragment as code for the editor's
  HTML mode;

plus every attached file under ``files/`` and an index (``ПРОЧТИТЕ.html``
and ``ПРОЧТИТЕ.txt``) saying, page by page, where each fragment and file
goes. Built from the generated pages — the public, consent-filtered model
— and checked once more for names the site may not show.
"""

from __future__ import annotations

import html
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..console import Console
from ..diagnostics import Report
from .fragment import FragmentMaker
from .index import index_html, index_text

FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same input → same archive bytes


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


def export_gosweb(project: Path, target: Path, base: str, console: Console) -> int:
    from ..cli import print_report
    from ..pipeline import Outcome, check

    outcome = Outcome(Report())
    model = check(project.resolve(), console, outcome)
    if model is None or not outcome.ok:
        print_report(outcome.report, console)
        console.problem("Архив не создан: сначала исправьте ошибки (nastav validate).")
        return 1
    if not model.public:
        console.problem("Архив не создан: в муниципальном проекте выгрузка делается для "
                        "одной организации — пока эта возможность не подключена.")
        return 1
    console.stage("Подготовка фрагментов для Госвеб")
    # Госвеб has its own site search; our search page only works on our site.
    model.pages = [p for p in model.pages if p.kind != "search"]
    files = {f.href: f for f in model.files}
    folders = {p.path[: -len("index.md")] for p in model.pages}
    maker = FragmentMaker(base, folders, set(files))
    titles = {p.path[: -len("index.md")]: p.title for p in model.pages}
    pages = []
    for number, page in enumerate(model.pages, start=1):
        folder = page.path[: -len("index.md")]
        fragment = maker.fragment(page.path, page.content)
        parent = "" if not folder else titles.get(_parent(folder), titles.get("", ""))
        slug = folder.strip("/").replace("/", "-") or "nastavnichestvo"
        pages.append(ExportedPage(number, page.title, folder, maker.address(folder), parent,
                                  f"{number:02d}-{slug}", fragment, sorted(maker.files_used)))
    problems = _privacy_check(pages, model.guard.finder)
    if problems:
        for problem in problems:
            console.problem(problem)
        console.problem("Архив не создан: во фрагментах найдены имена, которые сайт не "
                        "публикует.")
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    org = model.public[0].organization
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

        for page in pages:
            put(f"stranitsy/{page.name}.html", _viewable(page).encode("utf-8"))
            put(f"stranitsy/{page.name}.txt", page.fragment.encode("utf-8"))
        for href, published in sorted(files.items()):
            put(href, published.source.read_bytes())
        put("ПРОЧТИТЕ.html", index_html(pages, files, org.full_name, base).encode("utf-8"))
        put("ПРОЧТИТЕ.txt", index_text(pages, files, org.full_name, base).encode("utf-8"))
    console.say(f"Архив для Госвеб: {target} (страниц: {len(pages)}, файлов: {len(files)}).")
    console.say("Откройте в архиве ПРОЧТИТЕ.html — там порядок переноса страниц и файлов.")
    return 0


def _parent(folder: str) -> str:
    parts = folder.strip("/").split("/")
    return "/".join(parts[:-1]) + "/" if len(parts) > 1 else ""


def _viewable(page: ExportedPage) -> str:
    title = html.escape(page.title)
    return (
        "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{title}</title>\n</head>\n<body>\n"
        f"<!-- Страница «{title}»: скопируйте всё, что ниже заголовка, в редактор Госвеб. -->\n"
        f"<h1>{title}</h1>\n<!-- НАЧАЛО ФРАГМЕНТА -->\n"
        + page.fragment.replace('href="files/', 'href="../files/')
        + "<!-- КОНЕЦ ФРАГМЕНТА -->\n"
        "</body>\n</html>\n"
    )


def _privacy_check(pages: list[ExportedPage], finder) -> list[str]:
    problems = []
    for page in pages:
        for hit in finder.find_known(html.unescape(page.fragment)):
            problems.append(f"stranitsy/{page.name}.txt: ошибка: найдено имя «{hit.text}» "
                            f"({hit.person.why}).")
    return problems
