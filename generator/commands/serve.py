"""``nastav serve [ПАПКА]``: the preview on localhost, rebuilt on every edit."""

from __future__ import annotations

import argparse

from ..console import Console
from .base import Command, project_arg, verbosity_args


def arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument("--port", type=int, default=8000, help="порт (по умолчанию 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="адрес (по умолчанию 127.0.0.1)")
    parser.add_argument(
        "--readonly",
        action="store_true",
        help="только просмотр: без редактора записей в браузере",
    )
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..config import CONFIG_NAME
    from ..pipeline import Outcome
    from ..serve import serve

    project = args.dir.resolve()
    if not (project / CONFIG_NAME).exists():
        console.problem(
            f"В папке {project} нет {CONFIG_NAME}. Создайте проект командой «nastav init ПАПКА»."
        )
        return 1

    def built(outcome: Outcome, url: str) -> None:
        console.print_report(outcome.report)
        if outcome.ok:
            pages = outcome.stats.pages if outcome.stats else 0
            console.say(f"Сайт обновлён ({pages} стр.): {url}")
        else:
            console.problem(
                "Сайт не обновлён: исправьте ошибки — после сохранения файла сборка повторится."
            )

    def ready(url: str) -> None:
        console.say(f"Предпросмотр: {url} (остановить — Ctrl+C)")
        if not args.readonly:
            console.say(f"Редактор записей: {url.rstrip('/')}/_nastav/")
            if args.host not in ("127.0.0.1", "localhost", "::1"):
                console.problem(
                    f"Внимание: предпросмотр открыт по адресу {args.host} — записи сможет "
                    "править любой, кто откроет его по сети. Для работы на своём компьютере "
                    "не указывайте --host или добавьте --readonly."
                )

    serve(project, args.host, args.port, console, built, ready, editing=not args.readonly)
    console.say("Остановлено.")
    return 0


COMMAND = Command(
    "serve",
    "предпросмотр сайта с обновлением при правке",
    "Собирает сайт и открывает его на http://127.0.0.1:8000; при изменении "
    "файлов в content/, theme/ или site_config.yml пересобирает и обновляет "
    "страницу в браузере. На каждой странице — ссылки «Редактировать» и «Добавить»: "
    "формы записей, сохраняемые в content/ (--readonly отключает редактор).",
    "  nastav serve\n  nastav serve школа-14 --port 8080",
    arguments,
    run,
)
