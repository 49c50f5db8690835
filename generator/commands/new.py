"""``nastav new ВИД [ПАПКА]``: a new record with every field and its comment."""

from __future__ import annotations

import argparse

from ..console import Console
from ..kinds import ORG_KINDS
from .base import Command, project_arg, verbosity_args

# From the registry of kinds (kinds/: record classes only, light to import).
NEW_WORDS = tuple(k.words.new for k in ORG_KINDS if k.words.new)
_WHERE = {k.words.new: k for k in ORG_KINDS if k.words.new}


def _described() -> str:
    kinds = [
        f"{word} — {kind.words.new_what}"
        + (
            f" (дописывается в content/{kind.path})"
            if kind.shape == "list"
            else f" (файл в content/{kind.path}/)"
        )
        for word, kind in _WHERE.items()
    ]
    return "; ".join(kinds)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "kind", metavar="ВИД", choices=NEW_WORDS, help="что создать: " + ", ".join(NEW_WORDS)
    )
    project_arg(parser)
    parser.add_argument(
        "--title",
        "-t",
        metavar="ТЕКСТ",
        help="название (для наставника — ФИО): из него составляется идентификатор",
    )
    parser.add_argument(
        "--id",
        metavar="ИДЕНТИФИКАТОР",
        dest="record_id",
        help="имя файла записи (латиница, цифры, «-»)",
    )
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..scaffold.new_record import new_record

    outcome = new_record(args.dir, args.kind, args.title, args.record_id)
    for problem in outcome.problems:
        console.problem(problem)
    for line in outcome.said:
        console.say(line)
    return outcome.code


COMMAND = Command(
    "new",
    "создать запись с заполняемыми полями",
    "Создаёт новую запись со всеми полями и комментариями к ним: уникальный "
    f"идентификатор, сегодняшняя дата. Виды: {_described()}.",
    '  nastav new program\n  nastav new mentor школа-14 --title "Иванова Елена '
    'Анатольевна"\n  nastav new news --title "Семинар наставников"\n'
    "  nastav new act школа-14",
    arguments,
    run,
)
