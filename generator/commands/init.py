"""``nastav init ПАПКА``: a new project, empty or with the demo content."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..console import Console
from .base import Command


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="ПАПКА", type=Path, help="папка нового проекта")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="заполнить примером — демонстрационной школой (или муниципалитетом)",
    )
    parser.add_argument(
        "--municipal",
        action="store_true",
        help="проект муниципального портала: реестр организаций, мониторинг",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="разрешить запись в непустую папку (существующие файлы не перезаписываются)",
    )


def run(args: argparse.Namespace, console: Console) -> int:
    from ..scaffold import init_project

    target: Path = args.dir
    created = init_project(target, demo=args.demo, force=args.force, municipal=args.municipal)
    if created.refused:
        console.problem(created.refused)
        return 1
    console.say(f"Проект создан: {target} (файлов: {created.files}).")
    console.say("Дальше:")
    console.say(f"  nastav validate {target}   — проверить записи")
    console.say(f"  nastav serve {target}      — посмотреть сайт и править записи")
    console.say(f"  nastav build {target}      — собрать сайт в {target / 'site'}")
    return 0


COMMAND = Command(
    "init",
    "создать новый проект",
    "Создаёт папку проекта: site_config.yml и content/ с образцами записей "
    "всех видов (с комментариями).",
    "  nastav init школа-14\n  nastav init школа-14 --demo\n  nastav init город --municipal --demo",
    arguments,
    run,
)
