"""``nastav templates ПАПКА``: empty XLSX templates for the import."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..console import Console
from .base import Command, verbosity_args


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="ПАПКА", type=Path, help="куда записать шаблоны .xlsx")
    parser.add_argument(
        "--project",
        metavar="ПРОЕКТ",
        type=Path,
        help="проект, чьи справочники (с дополнениями из site_config.yml) "
        "попадут в выпадающие списки",
    )
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..tabular.templates import write_templates

    written = write_templates(args.out, args.project)
    for template in written:
        console.say(f"Шаблон: {template.path} ({template.kind.title}{template.note})")
    console.say(
        f"Заполните шаблон и импортируйте: nastav import ВИД ФАЙЛ ПАПКА_ПРОЕКТА "
        f"(виды: {', '.join(t.kind.word for t in written)})."
    )
    return 0


COMMAND = Command(
    "templates",
    "записать пустые шаблоны таблиц для импорта",
    "Записывает шаблоны .xlsx для каждого вида записей: заголовки, выпадающие списки "
    "справочных значений и лист «Инструкция». Для муниципального проекта — и шаблон "
    "реестра организаций, а в шаблонах записей организаций — столбец «Идентификатор "
    "организации» со списком из реестра.",
    "  nastav templates шаблоны\n  nastav templates шаблоны --project школа-14",
    arguments,
    run,
)
