"""``nastav schema [ПАПКА]``: JSON Schemas for completion in an editor."""

from __future__ import annotations

import argparse

from ..console import Console
from .base import Command, project_arg, verbosity_args


def arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..scaffold.schemas import write_schemas

    written = write_schemas(args.dir)
    console.say(
        f"Схемы записаны: {args.dir / 'schemas'} (файлов: {len(written)}); "
        f"настройки VS Code: {args.dir / '.vscode' / 'settings.json'}."
    )
    console.say(
        "В VS Code установите расширение «YAML» (Red Hat): подсказки полей и "
        "проверка появятся в файлах content/ и site_config.yml."
    )
    return 0


COMMAND = Command(
    "schema",
    "записать JSON-схемы для подсказок в редакторе",
    "Записывает JSON-схемы всех видов записей и site_config.yml в ПАПКА/schemas и "
    "связывает их с файлами в .vscode/settings.json: VS Code с расширением YAML "
    "подсказывает поля и значения и подчёркивает ошибки.",
    "  nastav schema\n  nastav schema школа-14",
    arguments,
    run,
)
