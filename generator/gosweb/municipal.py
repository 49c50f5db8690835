"""``nastav export-gosweb`` of a municipal project: every organization's section.

On Госвеб the schools' official sites are built in the constructor; the
municipal portal itself — monitoring with charts and sortable tables, the
catalog of practices with its filter, the registry — is made for a site of
its own and would not survive the constructor's allow-list. So the office
gets what its schools need: one folder per organization with a section of
its own (``<id>/stranitsy``, ``<id>/files``, ``<id>/ПРОЧТИТЕ.html``, exactly
the archive that organization would get with ``--org``), and a root index
saying which folder is whose, what is not included and why.

Each section is made from the organization's own build (``check(…, org)``)
and checked like the built site (``site/audit_export.py``) against the
names of the organization and of the whole municipality, so a mentor
without consent in one school is not named by another. Sections are
written into a temporary archive as they pass; it takes the place of the
target only when every one has.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..console import Console
from ..diagnostics import Report
from ..site.audit_export import check_export
from .export import CHECKED, STOPPED, Section, make_section, open_archive, refuse, section_members

NOT_INCLUDED = (
    "Страницы самого муниципального портала (мониторинг с диаграммами и сортируемыми "
    "таблицами, каталог практик с отбором, реестр организаций) в архив не входят: они "
    "рассчитаны на отдельный сайт и в конструкторе Госвеб работать не будут. Опубликуйте "
    "папку сайта (nastav build) на сервере органа управления образованием и поставьте на неё "
    "ссылку со страницы «Наставничество» на официальном сайте."
)
HOW = (
    "В архиве — по папке на каждую организацию, которая ведёт на портале свои записи: в ней "
    "фрагменты страниц её раздела «Наставничество», файлы документов и своя инструкция "
    "ПРОЧТИТЕ.html с порядком переноса. Передайте каждой организации её папку (или "
    "организация получит тот же архив командой nastav export-gosweb ПАПКА АРХИВ.zip "
    "--org ИДЕНТИФИКАТОР)."
)


def export_municipal(project: Path, model, target: Path, base: str, console: Console) -> int:
    from ..cli import print_report
    from ..pipeline import Outcome, check

    muni = model.municipality
    if not any(summary.public is not None for summary in muni.orgs):
        console.problem(
            "Архив не создан: ни у одной организации реестра нет своих записей "
            "(папок content/orgs/ИДЕНТИФИКАТОР). " + NOT_INCLUDED
        )
        return 1
    sections: list[tuple[str, str, Section]] = []  # (id, short name, section)
    without = [s.entry.short_name for s in muni.orgs if s.public is None]
    problems = Report()
    name = f"{muni.coordinator.authority} ({muni.coordinator.municipality})"
    unfinished = target.with_name(target.name + ".tmp")
    try:
        with open_archive(unfinished) as put:
            for summary in muni.orgs:
                if summary.public is None:
                    continue
                console.stage(f"Фрагменты для Госвеб: {summary.entry.short_name}")
                outcome = Outcome(Report())
                org_model = check(project, Console(quiet=True), outcome, summary.id)
                if org_model is None:
                    print_report(outcome.report, console)
                    console.problem(f"Архив не создан: ошибки в записях организации {summary.id}.")
                    return 1
                section = make_section(org_model, base)
                members = section_members(section, f"{summary.id}/", base)
                check_export(
                    members, [org_model.guard, model.guard], problems, CHECKED, STOPPED,
                    f"{target.name}/",
                )  # fmt: skip
                for member, data in members if problems.ok else ():
                    put(member, data)
                sections.append((summary.id, summary.entry.short_name, section))
            put("ПРОЧТИТЕ.html", root_html(sections, without, name).encode("utf-8"))
            put("ПРОЧТИТЕ.txt", root_text(sections, without, name).encode("utf-8"))
        if not problems.ok:
            return refuse(problems, console)
        print_report(problems, console)
        unfinished.replace(target)
    finally:
        unfinished.unlink(missing_ok=True)
    pages = sum(len(s.pages) for _, _, s in sections)
    console.say(f"Архив для Госвеб: {target} (организаций: {len(sections)}, страниц: {pages}).")
    console.say(
        "Для каждой организации — своя папка с фрагментами, файлами и инструкцией "
        "ПРОЧТИТЕ.html; одна организация: --org ИДЕНТИФИКАТОР."
    )
    console.say(NOT_INCLUDED)
    return 0


def root_text(sections, without: list[str], name: str) -> str:
    lines = [
        f"Разделы «Наставничество» организаций для сайтов на платформе Госвеб — {name}",
        "",
        HOW,
        "",
        "Организации:",
    ]
    for org_id, short, section in sections:
        lines.append(
            f"  {org_id}/ — {short}: страниц {len(section.pages)}, файлов "
            f"{len(section.files)}; инструкция {org_id}/ПРОЧТИТЕ.html"
        )
    if without:
        lines += [
            "",
            "Нет своих записей на портале (в архив не вошли): " + "; ".join(without) + ".",
        ]
    lines += ["", NOT_INCLUDED]
    return "\n".join(lines) + "\n"


def root_html(sections, without: list[str], name: str) -> str:
    rows = "\n".join(
        f'<tr><td><a href="{escape(org_id)}/ПРОЧТИТЕ.html">{escape(org_id)}/</a></td>'
        f"<td>{escape(short)}</td><td>{len(section.pages)}</td><td>{len(section.files)}</td></tr>"
        for org_id, short, section in sections
    )
    missing = (
        f"<p>Нет своих записей на портале (в архив не вошли): {escape('; '.join(without))}.</p>\n"
        if without
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>Разделы «Наставничество» организаций для Госвеб</title>
</head>
<body>
<h1>Разделы «Наставничество» организаций для сайтов на платформе Госвеб</h1>
<p>{escape(name)}.</p>
<p>{escape(HOW)}</p>
<table border="1" cellpadding="4">
<thead><tr><th>Папка</th><th>Организация</th><th>Страниц</th><th>Файлов</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
{missing}<h2>Что не входит в архив</h2>
<p>{escape(NOT_INCLUDED)}</p>
</body>
</html>
"""
