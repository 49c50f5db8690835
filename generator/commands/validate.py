"""``nastav validate [ПАПКА]``: every problem of the records at once."""

from __future__ import annotations

import argparse

from ..console import Console
from .base import Command, org_arg, project_arg, verbosity_args


def arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    org_arg(parser)
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..diagnostics import Report
    from ..pipeline import Outcome, check

    outcome = Outcome(Report())
    check(args.dir.resolve(), console, outcome, args.org)
    console.print_report(outcome.report)
    if outcome.ok:
        console.say("Проверка пройдена: ошибок нет.")
        return 0
    return 1


COMMAND = Command(
    "validate",
    "проверить записи и вывести все проблемы",
    "Проверяет все файлы проекта и печатает все ошибки и предупреждения "
    "сразу. Код выхода 1 — есть ошибки, 0 — только предупреждения или "
    "ничего.",
    "  nastav validate\n  nastav validate школа-14",
    arguments,
    run,
)
