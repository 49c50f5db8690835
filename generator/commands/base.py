"""What a command module declares, and the arguments several commands share."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..console import Console


@dataclass(frozen=True)
class Command:
    name: str  # the word after «nastav»
    summary: str  # its line in «nastav --help»
    description: str  # the top of «nastav NAME --help»
    examples: str  # lines after «Примеры:», each starting with two spaces
    arguments: Callable[[argparse.ArgumentParser], None]  # adds its arguments
    run: Callable[[argparse.Namespace, Console], int]  # does it; the exit code


def project_arg(parser: argparse.ArgumentParser, required: bool = False) -> None:
    """The project folder: optional (the current folder) unless ``required``."""
    kwargs: dict = {} if required else {"nargs": "?", "default": Path(".")}
    parser.add_argument(
        "dir",
        metavar="ПАПКА",
        type=Path,
        help="папка проекта с site_config.yml и content/"
        + ("" if required else " (по умолчанию текущая)"),
        **kwargs,
    )


ORG_BUILD = (
    "в муниципальном проекте: только раздел организации "
    "content/orgs/ID (по умолчанию сайт собирается в ПАПКА/site-ID)"
)


def org_arg(parser: argparse.ArgumentParser, text: str = ORG_BUILD) -> None:
    """``--org ID``: one organization of a municipal project."""
    parser.add_argument("--org", metavar="ID", help=text)


def verbosity_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="выводить только проблемы")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="подробно рассказывать, что делает каждый этап"
    )


def checked_model(project: Path, console: Console, org: str | None, refusal: str):
    """The project loaded, checked, published and rendered (``pipeline.check``),
    or None after printing its problems and ``refusal`` («Архив не создан»)."""
    from ..diagnostics import Report
    from ..pipeline import Outcome, check

    outcome = Outcome(Report())
    model = check(project, console, outcome, org)
    if model is None or not outcome.ok:
        console.print_report(outcome.report)
        console.problem(f"{refusal}: сначала исправьте ошибки (nastav validate).")
        return None
    return model
