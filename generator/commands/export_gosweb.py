"""``nastav export-gosweb ПАПКА АРХИВ.zip``: the section as an archive of page
fragments and files for the Госвеб constructor (``gosweb/``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..console import Console
from ..diagnostics import Report
from .base import Command, checked_model, org_arg, project_arg, verbosity_args

REFUSED = "Архив не создан: в нём найдены персональные данные, которые сайт не публикует."


def arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser, required=True)
    parser.add_argument("zip", metavar="АРХИВ.zip", type=Path, help="куда записать архив")
    parser.add_argument(
        "--base",
        metavar="АДРЕС",
        default="/nastavnichestvo",
        help="адрес раздела на сайте Госвеб, от которого строятся ссылки между "
        "страницами (по умолчанию /nastavnichestvo)",
    )
    org_arg(
        parser,
        "муниципальный проект: архив раздела одной организации (content/orgs/ID); без "
        "--org в архиве по папке на каждую организацию",
    )
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..gosweb.export import export_section

    project = args.dir.resolve()
    model = checked_model(project, console, args.org, "Архив не создан")
    if model is None:
        return 1
    if model.municipality is not None:
        return _municipal(project, model, args.zip, args.base, console)
    console.stage("Подготовка фрагментов для Госвеб")
    section, problems = export_section(model, args.zip, args.base)
    console.print_report(problems)
    if not problems.ok:
        console.problem(REFUSED)
        return 1
    console.say(
        f"Архив для Госвеб: {args.zip} (страниц: {len(section.pages)}, "
        f"файлов: {len(section.files)})."
    )
    console.say("Откройте в архиве ПРОЧТИТЕ.html — там порядок переноса страниц и файлов.")
    return 0


def _municipal(project: Path, model: Any, target: Path, base: str, console: Console) -> int:
    from ..gosweb.municipal import NOT_INCLUDED, export_municipal
    from ..pipeline import Outcome, check

    def org_model(org_id: str) -> tuple[Any, Report]:
        outcome = Outcome(Report())
        return check(project, Console(quiet=True), outcome, org_id), outcome.report

    archive = export_municipal(model, target, base, org_model, console.stage)
    if archive.broken is not None:
        console.print_report(archive.broken_report)
        console.problem(f"Архив не создан: ошибки в записях организации {archive.broken}.")
        return 1
    if not archive.sections:
        console.problem(
            "Архив не создан: ни у одной организации реестра нет своих записей "
            "(папок content/orgs/ИДЕНТИФИКАТОР). " + NOT_INCLUDED
        )
        return 1
    console.print_report(archive.problems)
    if not archive.problems.ok:
        console.problem(REFUSED)
        return 1
    pages = sum(len(section.pages) for _, _, section in archive.sections)
    console.say(
        f"Архив для Госвеб: {target} (организаций: {len(archive.sections)}, страниц: {pages})."
    )
    console.say(
        "Для каждой организации — своя папка с фрагментами, файлами и инструкцией "
        "ПРОЧТИТЕ.html; одна организация: --org ИДЕНТИФИКАТОР."
    )
    console.say(NOT_INCLUDED)
    return 0


COMMAND = Command(
    "export-gosweb",
    "подготовить архив для переноса раздела на сайт Госвеб",
    "Создаёт ZIP-архив: для каждой страницы раздела — фрагмент HTML из заголовков, "
    "абзацев, списков, таблиц и ссылок (его можно вставить в конструктор Госвеб), "
    "файлы документов и оглавление «ПРОЧТИТЕ.html» с порядком действий. Муниципальный "
    "проект: по папке на каждую организацию (страницы самого портала в конструктор не "
    "переносятся); --org — архив одной организации.",
    "  nastav export-gosweb школа-14 раздел-госвеб.zip\n"
    "  nastav export-gosweb город организации.zip\n"
    "  nastav export-gosweb город sosh14.zip --org sosh14\n"
    "  nastav export-gosweb школа-14 госвеб.zip --base /pedagogam-i-sotrudnikam/"
    "nastavnichestvo",
    arguments,
    run,
)
