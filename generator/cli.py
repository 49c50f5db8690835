"""``nastav`` — the command line, in Russian.

Exit codes: 0 — done (maybe with warnings); 1 — problems in the content or
the build failed; 2 — the command itself was written wrong; 3 — a bug of
nastav (a Russian message instead of a traceback; ``NASTAV_DEBUG=1`` shows it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import __version__
from .console import Console, silence
from .diagnostics import Report
from .util.oserror import explain
from .words import number

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
    sub = parser.add_subparsers(dest="command", title="команды", metavar="КОМАНДА")

    init = _command(
        sub,
        "init",
        "создать новый проект",
        "Создаёт папку проекта: site_config.yml и content/ с образцами записей "
        "всех видов (с комментариями).",
        "  nastav init школа-14\n  nastav init школа-14 --demo\n"
        "  nastav init город --municipal --demo",
    )
    init.add_argument("dir", metavar="ПАПКА", type=Path, help="папка нового проекта")
    init.add_argument(
        "--demo",
        action="store_true",
        help="заполнить примером — демонстрационной школой (или муниципалитетом)",
    )
    init.add_argument(
        "--municipal",
        action="store_true",
        help="проект муниципального портала: реестр организаций, мониторинг",
    )
    init.add_argument(
        "--force",
        action="store_true",
        help="разрешить запись в непустую папку (существующие файлы не перезаписываются)",
    )

    validate = _command(
        sub,
        "validate",
        "проверить записи и вывести все проблемы",
        "Проверяет все файлы проекта и печатает все ошибки и предупреждения "
        "сразу. Код выхода 1 — есть ошибки, 0 — только предупреждения или "
        "ничего.",
        "  nastav validate\n  nastav validate школа-14",
    )
    _dir_arg(validate)
    _org_arg(validate)
    _verbosity(validate)

    build = _command(
        sub,
        "build",
        "собрать сайт",
        "Проверяет записи, формирует страницы и собирает сайт. Прежний сайт "
        "заменяется только после успешной сборки и проверки.",
        "  nastav build\n  nastav build школа-14 --output /var/www/nastavnichestvo\n"
        "  nastav build город --org sosh14   раздел одной школы из муниципального "
        "проекта",
    )
    _dir_arg(build)
    build.add_argument(
        "--output",
        "-o",
        metavar="ПАПКА",
        type=Path,
        help="куда собрать сайт (по умолчанию ПАПКА_ПРОЕКТА/site)",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="собрать всё заново, не заглядывая в кэш прежних сборок (.nastav/cache)",
    )
    _org_arg(build)
    _verbosity(build)

    serve = _command(
        sub,
        "serve",
        "предпросмотр сайта с обновлением при правке",
        "Собирает сайт и открывает его на http://127.0.0.1:8000; при изменении "
        "файлов в content/, theme/ или site_config.yml пересобирает и обновляет "
        "страницу в браузере.",
        "  nastav serve\n  nastav serve школа-14 --port 8080",
    )
    check_site = _command(
        sub,
        "check-site",
        "проверить собранный сайт",
        "Проверяет готовую папку сайта так же, как сборка перед публикацией: "
        "внешние ресурсы, исполняемый код, битые ссылки и якоря, имена "
        "файлов, персональные данные во всех файлах (страницы, поисковый "
        "индекс, JSON, CSV, PDF, DOCX, XLSX). Код выхода 1 — есть ошибки.",
        "  nastav check-site site\n  nastav check-site /var/www/nastavnichestvo --project школа-14",
    )
    check_site.add_argument("dir", metavar="ПАПКА_САЙТА", type=Path, help="папка сайта")
    check_site.add_argument(
        "--project",
        metavar="ПАПКА",
        type=Path,
        help="папка проекта: чьи имена скрывать и какие контакты служебные "
        "(по умолчанию — папка, в которой лежит сайт, если в ней есть "
        "site_config.yml)",
    )
    check_site.add_argument(
        "--base", metavar="ПУТЬ", help="адрес сайта на сервере, например /nastavnichestvo/"
    )
    _verbosity(check_site)

    links = _command(
        sub,
        "check-links",
        "проверить ссылки на документы в интернете",
        "Открывает каждую ссылку на документ (поля url; в муниципальном проекте — "
        "и записи организаций, и ссылки значений мониторинга) и сообщает, если "
        "документа нет, доступ закрыт или ссылка ведёт на главную страницу. "
        "Документ открывается один раз, сколько бы ссылок на него ни было. "
        "Нужен интернет; "
        "при сборке не выполняется. Ответы запоминаются в .nastav/links.json.",
        "  nastav check-links школа-14\n  nastav check-links --max-age 0",
    )
    _dir_arg(links)
    links.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        help="сколько секунд ждать ответа сайта (по умолчанию 10)",
    )
    links.add_argument(
        "--max-age",
        type=int,
        default=7,
        metavar="ДНЕЙ",
        help="сколько дней доверять сохранённому ответу (0 — проверить заново)",
    )
    _verbosity(links)

    _dir_arg(serve)
    serve.add_argument("--port", type=int, default=8000, help="порт (по умолчанию 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="адрес (по умолчанию 127.0.0.1)")
    _verbosity(serve)

    from .cli_tools import register

    register(sub, _command)
    return parser


def _help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")


def _command(sub, name: str, summary: str, description: str, examples: str):
    parser = sub.add_parser(
        name,
        help=summary,
        description=description,
        epilog="Примеры:\n" + examples,
        formatter_class=_Formatter,
        add_help=False,
    )
    _help(parser)
    parser._positionals.title = "аргументы"
    parser._optionals.title = "параметры"
    return parser


def _dir_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir",
        metavar="ПАПКА",
        type=Path,
        nargs="?",
        default=Path("."),
        help="папка проекта с site_config.yml и content/ (по умолчанию текущая)",
    )


def _org_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--org",
        metavar="ID",
        help="в муниципальном проекте: только раздел организации "
        "content/orgs/ID (по умолчанию сайт собирается в ПАПКА/site-ID)",
    )


def _verbosity(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="выводить только проблемы")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="подробно рассказывать, что делает каждый этап"
    )


def print_report(report: Report, console: Console) -> None:
    for diagnostic in report.sorted():
        console.problem(diagnostic.format())
    if report.items:
        console.problem(report.summary())


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:  # «nastav --help | head -1»: the reader has gone
        silence(sys.stdout)
        return 1


def _run(argv: list[str] | None) -> int:
    parser = _parser()
    parser._positionals.title = "аргументы"
    parser._optionals.title = "параметры"
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    console = Console(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))
    try:
        if getattr(args, "handler", None):
            return args.handler(args, console)
        if args.command == "init":
            from .scaffold import init_project

            return init_project(
                args.dir,
                demo=args.demo,
                force=args.force,
                console=console,
                municipal=args.municipal,
            )
        if args.command == "validate":
            return _validate(args.dir, console, args.org)
        if args.command == "build":
            return _build(args.dir, args.output, console, args.org, not args.no_cache)
        if args.command == "check-site":
            return _check_site(args.dir, args.project, args.base, console)
        if args.command == "check-links":
            return _check_links(args.dir, args.timeout, args.max_age, console)
        if args.command == "serve":
            from .serve import serve

            return serve(args.dir, args.host, args.port, console)
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
    return 2


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


def _validate(project: Path, console: Console, org: str | None = None) -> int:
    from .pipeline import Outcome, check

    outcome = Outcome(Report())
    check(project.resolve(), console, outcome, org)
    print_report(outcome.report, console)
    if outcome.ok:
        console.say("Проверка пройдена: ошибок нет.")
        return 0
    return 1


def _check_links(project: Path, timeout: float, max_age: int, console: Console) -> int:
    from .config import load_settings
    from .rules.online import LinkCache, check_links_online, project_links
    from .workspace import Workspace

    report = Report()
    project = project.resolve()
    settings = load_settings(project, report)
    if settings is not None:
        links = project_links(project, settings, report)  # a school or a municipality
        cache = LinkCache(Workspace.of(project).links, max_age, settings.today)
        check_links_online(links, cache, timeout, report, console.detail)
    print_report(report, console)
    if not report.ok:
        return 1
    console.say("Ссылки проверены: документы доступны.")
    return 0


def _check_site(site: Path, project: Path | None, base: str | None, console: Console) -> int:
    from .site.check import check_site

    report = Report()
    stats = check_site(site, project, base, console, report)
    print_report(report, console)
    if not report.ok:
        return 1
    console.say(f"Проверка сайта пройдена: страниц {stats.pages}, файлов {stats.files}.")
    return 0


def _build(
    project: Path,
    output: Path | None,
    console: Console,
    org: str | None = None,
    use_cache: bool = True,
) -> int:
    from .pipeline import build

    outcome = build(project, output, console, org, use_cache)
    print_report(outcome.report, console)
    if not outcome.ok:
        console.problem("Сайт не собран; ранее опубликованный сайт не изменён.")
        return 1
    stats = outcome.stats
    console.say(f"Сайт собран: {outcome.output}")
    if stats:
        console.say(
            f"Страниц: {stats.pages}, средний размер страницы: "
            f"{stats.average_html / 1024:.0f} КБ, всего: "
            f"{number(stats.total_bytes / 1_048_576)} МБ."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
