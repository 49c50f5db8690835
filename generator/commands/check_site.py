"""``nastav check-site ПАПКА_САЙТА``: the audit of a build, on a folder built earlier."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..console import Console
from ..diagnostics import Report
from .base import Command, verbosity_args


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="ПАПКА_САЙТА", type=Path, help="папка сайта")
    parser.add_argument(
        "--project",
        metavar="ПАПКА",
        type=Path,
        help="папка проекта: чьи имена скрывать и какие контакты служебные "
        "(по умолчанию — папка, в которой лежит сайт, если в ней есть "
        "site_config.yml)",
    )
    parser.add_argument(
        "--base", metavar="ПУТЬ", help="адрес сайта на сервере, например /nastavnichestvo/"
    )
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..audit.check import check_site

    report = Report()
    stats = check_site(args.dir, args.project, args.base, console, report, _read_project)
    console.print_report(report)
    if not report.ok:
        return 1
    console.say(f"Проверка сайта пройдена: страниц {stats.pages}, файлов {stats.files}.")
    return 0


def _read_project(project: Path) -> tuple[Any, Report]:
    """What the project publishes (None when its records have errors) and its
    problems; its pages and monitoring reports are not made (a region's: minutes)."""
    from ..pipeline import Outcome, check

    outcome = Outcome(Report())
    return check(project, Console(quiet=True), outcome, render=False), outcome.report


COMMAND = Command(
    "check-site",
    "проверить собранный сайт",
    "Проверяет готовую папку сайта так же, как сборка перед публикацией: "
    "внешние ресурсы, исполняемый код, битые ссылки и якоря, имена "
    "файлов, персональные данные во всех файлах (страницы, поисковый "
    "индекс, JSON, CSV, PDF, DOCX, XLSX); предупреждает о PDF без тегов и "
    "изображениях без текстового описания. Код выхода 1 — есть ошибки.",
    "  nastav check-site site\n  nastav check-site /var/www/nastavnichestvo --project школа-14",
    arguments,
    run,
)
