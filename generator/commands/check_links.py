"""``nastav check-links [ПАПКА]``: open every document link of the project."""

from __future__ import annotations

import argparse

from ..console import Console
from .base import Command, project_arg, verbosity_args


def arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        help="сколько секунд ждать ответа сайта (по умолчанию 10)",
    )
    parser.add_argument(
        "--max-age",
        type=int,
        default=7,
        metavar="ДНЕЙ",
        help="сколько дней доверять сохранённому ответу (0 — проверить заново)",
    )
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..config import load_settings
    from ..diagnostics import Report
    from ..rules.online import LinkCache, check_links_online, project_links
    from ..workspace import Workspace

    report = Report()
    project = args.dir.resolve()
    settings = load_settings(project, report)
    if settings is not None:
        links = project_links(project, settings, report)  # a school or a municipality
        cache = LinkCache(Workspace.of(project).links, args.max_age, settings.today)
        check_links_online(links, cache, args.timeout, report, console.detail)
    console.print_report(report)
    if not report.ok:
        return 1
    console.say("Ссылки проверены: документы доступны.")
    return 0


COMMAND = Command(
    "check-links",
    "проверить ссылки на документы в интернете",
    "Открывает каждую ссылку на документ (поля url; в муниципальном проекте — "
    "и записи организаций, и ссылки значений мониторинга) и сообщает, если "
    "документа нет, доступ закрыт или ссылка ведёт на главную страницу. "
    "Документ открывается один раз, сколько бы ссылок на него ни было. "
    "Нужен интернет; "
    "при сборке не выполняется. Ответы запоминаются в .nastav/links.json.",
    "  nastav check-links школа-14\n  nastav check-links --max-age 0",
    arguments,
    run,
)
