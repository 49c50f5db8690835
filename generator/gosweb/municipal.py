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
and checked like the built site (``audit/audit_export.py``) against the
names of the organization and of the whole municipality, so a mentor
without consent in one school is not named by another. Sections are
written into a temporary archive as they pass; it takes the place of the
target only when every one has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..audit.audit_export import check_export
from ..diagnostics import Report
from .export import CHECKED, STOPPED, Section, make_section, open_archive, section_members

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


@dataclass
class MunicipalArchive:
    """What ``export_municipal`` wrote, or why it wrote nothing."""

    sections: list[tuple[str, str, Section]] = field(default_factory=list)  # id, short name
    problems: Report = field(default_factory=Report)  # the check of the archive
    broken: str | None = None  # an organization whose records have errors
    broken_report: Report = field(default_factory=Report)  # its problems


# An organization's id → its checked model (None when its records have
# errors) and its problems: ``pipeline.check(…, org)``, given by the command.
OrgModel = Callable[[str], tuple[Any, Report]]


def export_municipal(
    model, target: Path, base: str, org_model: OrgModel, stage: Callable[[str], None]
) -> MunicipalArchive:
    """Every organization's section into its own folder of the archive at
    ``target``, which is replaced only when every section has passed the
    check. No sections when no organization keeps its own records."""
    muni = model.municipality
    result = MunicipalArchive()
    if not any(summary.has_section for summary in muni.orgs):
        return result
    without = [s.entry.short_name for s in muni.orgs if not s.has_section]
    problems = result.problems
    name = f"{muni.coordinator.authority} ({muni.coordinator.municipality})"
    unfinished = target.with_name(target.name + ".tmp")
    try:
        with open_archive(unfinished) as put:
            for summary in muni.orgs:
                if not summary.has_section:
                    continue
                stage(f"Фрагменты для Госвеб: {summary.entry.short_name}")
                org, org_problems = org_model(summary.id)
                if org is None:
                    result.broken, result.broken_report = summary.id, org_problems
                    return result
                section = make_section(org, base)
                members = section_members(section, f"{summary.id}/", base)
                check_export(
                    members, [org.guard, model.guard], problems, CHECKED, STOPPED,
                    f"{target.name}/",
                )  # fmt: skip
                for member, data in members if problems.ok else ():
                    put(member, data)
                result.sections.append((summary.id, summary.entry.short_name, section))
            put("ПРОЧТИТЕ.html", root_html(result.sections, without, name).encode("utf-8"))
            put("ПРОЧТИТЕ.txt", root_text(result.sections, without, name).encode("utf-8"))
        if problems.ok:
            unfinished.replace(target)
    finally:
        unfinished.unlink(missing_ok=True)
    return result


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
