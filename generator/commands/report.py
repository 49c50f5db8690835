"""``nastav report [ПАПКА] --year ГГГГ``: the monitoring report of one year
(«информационно-аналитическая справка») as DOCX and tagged PDF
(``generator/report``), the same files the build publishes."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..console import Console
from .base import Command, project_arg, verbosity_args


def arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument(
        "--year",
        "-y",
        metavar="ГГГГ",
        type=int,
        required=True,
        help="год мониторинга, за который нужна справка",
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="ПАПКА",
        type=Path,
        help="куда записать справку (по умолчанию ПАПКА_ПРОЕКТА/spravka)",
    )
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..diagnostics import Report
    from ..pipeline import Outcome, check
    from ..report import write_report
    from ..report.pdf import disabled

    project = args.dir.resolve()
    outcome = Outcome(Report())
    model = check(project, console, outcome)
    if model is None or not outcome.ok:
        console.print_report(outcome.report)
        console.problem("Справка не записана: сначала исправьте ошибки (nastav validate).")
        return 1
    if model.municipality is None:
        console.problem(
            "Справка по итогам мониторинга составляется в муниципальном проекте "
            "(mode: municipal в site_config.yml) из значений content/monitoring/."
        )
        return 1
    found = next((r for r in model.reports if r.year == args.year), None)
    if found is None:
        years = [r.year for r in model.reports]
        console.problem(
            f"Нет данных мониторинга за {args.year} год"
            + (
                f"; справку можно составить за {', '.join(map(str, years))}."
                if years
                else ": значения мониторинга кладутся в content/monitoring/."
            )
        )
        return 1
    # Only what concerns the report: the rest is what «nastav validate» prints.
    console.print_report(Report([d for d in outcome.report.items if d.code == "report"]))
    output = (args.output or project / "spravka").resolve()
    written = write_report(found, output)
    console.say(f"Справка за {args.year} год записана в {output}:")
    for path in written:
        console.say(f"  {path.name} — {path.stat().st_size // 1024 + 1} КБ")
    if found.pdf is None and disabled():
        console.say("PDF не создан: LibreOffice отключён (NASTAV_SOFFICE=off).")
    return 0


COMMAND = Command(
    "report",
    "справка по итогам мониторинга за год: DOCX и PDF",
    "Составляет информационно-аналитическую справку по результатам мониторинга за "
    "год — те же файлы, что сборка публикует на странице года: титульный лист, "
    "основание, участники, «тепловая карта» динамики, таблицы по каждому направлению "
    "(значения за годы, динамика, комментарии, значения организаций), выводы, SWOT и "
    "рекомендации, качество данных. DOCX открывается и правится в Word и LibreOffice; "
    "PDF с разметкой для программ экранного доступа создаётся, если установлен "
    "LibreOffice.",
    "  nastav report город --year 2024\n  nastav report город --year 2025 --output справки",
    arguments,
    run,
)
