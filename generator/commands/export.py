"""``nastav export [ПАПКА]``: the published records as XLSX and CSV tables
(``opendata/export.py``), checked like the built site before they are written."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..console import Console
from .base import Command, checked_model, org_arg, project_arg, verbosity_args


def arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument(
        "--output",
        "-o",
        metavar="ПАПКА",
        type=Path,
        help="куда записать таблицы (по умолчанию ПАПКА_ПРОЕКТА/export)",
    )
    org_arg(
        parser,
        "муниципальный проект: выгрузить одну организацию (content/orgs/ID) в виде "
        "таблиц школы; без --org выгружаются все организации в общих таблицах",
    )
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..audit.audit_export import check_export
    from ..diagnostics import Report
    from ..opendata.export import export_files, write_files

    project = args.dir.resolve()
    model = checked_model(project, console, args.org, "Таблицы не выгружены")
    if model is None:
        return 1
    output = (args.output or project / "export").resolve()
    tables, files = export_files(model)
    problems = Report()
    check_export(files, [model.guard], problems, "в таблицах", "таблицы не выгружены", f"{output}/")
    console.print_report(problems)
    if not problems.ok:
        console.problem(
            "Таблицы не выгружены: в них найдены персональные данные, которые сайт не публикует."
        )
        return 1
    write_files(output, files)
    for table in tables:
        console.detail(f"{table.name}: записей {len(table.rows)}")
    console.say(f"Выгружено таблиц: {len(tables)} (XLSX и CSV) в {output}.")
    if model.municipality is not None:
        console.say(
            "Записи всех организаций — в общих таблицах, организация указана в первых "
            "столбцах; импорт такой таблицы возвращает каждую строку в папку её "
            "организации. Одна организация: nastav export ПАПКА --org ИДЕНТИФИКАТОР."
        )
    console.say(
        "В таблицах только то, что публикует сайт: сведения о наставниках — в пределах "
        "согласий, наставляемые — ролями, результаты — только завершённых программ."
    )
    return 0


COMMAND = Command(
    "export",
    "выгрузить опубликованные записи в таблицы XLSX и CSV",
    "Выгружает то, что публикует сайт (с учётом согласий и правил публикации), в "
    "таблицы — в том же виде, в каком их читает импорт. Муниципальный проект: реестр, "
    "записи всех организаций в общих таблицах (организация — в первых столбцах) и "
    "значения мониторинга; --org — одна организация.",
    "  nastav export школа-14\n  nastav export школа-14 --output выгрузка\n"
    "  nastav export город --org sosh14",
    arguments,
    run,
)
