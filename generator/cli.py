"""``nastav`` — the command line, in Russian: the entry point.

The parser is built from the command registry (``commands/registry.py``);
each command's arguments and ``run`` live in its module in ``commands/``.

Exit codes: 0 — done (maybe with warnings); 1 — problems in the content or
the build failed; 2 — the command itself was written wrong; 3 — a bug of
nastav (a Russian message instead of a traceback; ``NASTAV_DEBUG=1`` shows it).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from pathlib import Path

from . import __version__
from .commands.base import Command
from .commands.registry import COMMANDS
from .console import Console, silence
from .util.oserror import explain

_ARGPARSE_RU = {
    "usage: ": "Использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "неизвестная команда %(value)r (возможные: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "expected one argument": "нужно указать значение",
    "invalid %(type)s value: %(value)r": "неверное значение %(value)r",
}


def _translate(text: str) -> str:
    return _ARGPARSE_RU.get(text, text)


argparse._ = _translate  # type: ignore[attr-defined]  # argparse looks its messages up here
if hasattr(argparse, "ngettext"):
    argparse.ngettext = lambda s, p, n: _translate(s if n == 1 else p)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(
            usage, actions, groups, "Использование: " if prefix is None else prefix
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nastav",
        description="Генератор раздела «Наставничество» для сайтов школ и органов управления "
        "образованием: записи в YAML → готовый статический сайт.",
        epilog="Примеры:\n"
        "  nastav init моя-школа --demo   создать проект с примером школы\n"
        "  nastav validate моя-школа      проверить записи\n"
        "  nastav build моя-школа         собрать сайт в моя-школа/site\n"
        "  nastav serve моя-школа         предпросмотр с обновлением при правке\n\n"
        "Справка по команде: nastav КОМАНДА --help",
        formatter_class=_Formatter,
        add_help=False,
    )
    _help(parser)
    parser.add_argument(
        "--version",
        action="version",
        version=f"nastav {__version__}",
        help="показать версию и выйти",
    )
    parser._positionals.title = "аргументы"
    parser._optionals.title = "параметры"
    sub = parser.add_subparsers(dest="command", title="команды", metavar="КОМАНДА")
    for command in COMMANDS:
        _command(sub, command)
    return parser


def _help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")


def _command(sub, command: Command) -> None:
    parser = sub.add_parser(
        command.name,
        help=command.summary,
        description=command.description,
        epilog="Примеры:\n" + command.examples,
        formatter_class=_Formatter,
        add_help=False,
    )
    _help(parser)
    parser._positionals.title = "аргументы"
    parser._optionals.title = "параметры"
    command.arguments(parser)
    parser.set_defaults(run=command.run)


def program() -> int:
    """The ``nastav`` program (also ``python -m generator``): ``main``, then
    what the process holds is kept out of the interpreter's last collection
    on its way out. A build leaves millions of objects the collector has
    been kept from (util/gcpause.py); collecting them once more at exit,
    finding no garbage, took 0.25 s after each rebuild of a region. Exit
    handlers still run and the output is still flushed. Not in ``main``:
    tests call it again and again in one process, and ``nastav serve``
    builds on inside it."""
    code = main()
    gc.freeze()
    return code


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:  # «nastav --help | head -1»: the reader has gone
        silence(sys.stdout)
        return 1


def _run(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    console = Console(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))
    try:
        return args.run(args, console)
    except KeyboardInterrupt:
        console.problem("Остановлено.")
        return 130
    except OSError as exc:  # a path in the command the system refused: the user's to fix
        if os.environ.get("NASTAV_DEBUG"):
            raise
        console.problem(f"Ошибка: {explain(exc)}")
        return 1
    except Exception as exc:  # a bug of ours: say so in Russian, keep the trace for developers
        if os.environ.get("NASTAV_DEBUG"):
            raise
        console.problem(internal_error(exc))
        return INTERNAL_ERROR


INTERNAL_ERROR = 3


def internal_error(exc: BaseException) -> str:
    """The one message a curator sees when nastav itself fails (exit code 3)."""
    import traceback

    log = Path(tempfile.gettempdir()) / "nastav-crash.txt"
    try:
        log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        where = f" Подробности для разработчиков записаны в {log}."
    except OSError:
        where = ""
    return (
        f"Внутренняя ошибка nastav ({type(exc).__name__}). Это ошибка программы, а не "
        f"ваших записей; ранее опубликованный сайт не изменён.{where} Сообщите о ней "
        "разработчикам."
    )


if __name__ == "__main__":
    sys.exit(main())
