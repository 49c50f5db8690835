"""``nastav build [ПАПКА]``: records → pages → a checked site, swapped in whole."""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from pathlib import Path

from ..console import Console
from .base import Command, org_arg, project_arg, verbosity_args


def arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument(
        "--output",
        "-o",
        metavar="ПАПКА",
        type=Path,
        help="куда собрать сайт (по умолчанию ПАПКА_ПРОЕКТА/site)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="собрать всё заново, не заглядывая в кэш прежних сборок (.nastav/cache)",
    )
    org_arg(parser)
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..treedigest import digests_ahead
    from ..util.scratch import scratch_in
    from ..workspace import Workspace

    project = args.dir.resolve()
    cached = not args.no_cache and args.org is None
    workspace = Workspace.of(project)
    # Started before the rest of nastav is imported: that takes 0.2 s. Its
    # file is the build's (util/scratch.py) where the project has been built.
    with (
        scratch_in(workspace.tmp) if workspace.root.is_dir() else nullcontext(),
        digests_ahead(project, workspace.memo if cached else None),
    ):
        from ..pipeline import build

        outcome = build(args.dir, args.output, console, args.org, not args.no_cache, last=True)
    from ..words import number

    console.print_report(outcome.report)
    if not outcome.ok:
        console.problem("Сайт не собран; ранее опубликованный сайт не изменён.")
        return 1
    stats = outcome.stats
    console.say(f"Сайт собран: {outcome.output}")
    if stats:
        console.say(
            f"Страниц: {stats.pages}, средний размер страницы: "
            f"{stats.average_html / 1024:.0f} КБ, всего: "
            f"{number(stats.total_bytes / 1_048_576)} МБ."
        )
    return 0


COMMAND = Command(
    "build",
    "собрать сайт",
    "Проверяет записи, формирует страницы и собирает сайт. Прежний сайт "
    "заменяется только после успешной сборки и проверки.",
    "  nastav build\n  nastav build школа-14 --output /var/www/nastavnichestvo\n"
    "  nastav build город --org sosh14   раздел одной школы из муниципального "
    "проекта",
    arguments,
    run,
)
