"""Commands for working the way curators work: spreadsheets, editors,
scaffolds, Госвеб, in one registry so ``cli.py`` only calls ``register``.

Each command is (name, summary, description, examples, add_arguments,
run); ``run(args, console)`` returns the exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .console import Console

# Only the words: the modules defining these kinds import much of the
# generator, and every command — each rebuild too — builds the parser.
# tests/test_cli.py checks they are NEW_KINDS' and TABLE_KINDS' keys.
NEW_WORDS = ("program", "practice", "news", "mentor", "act")
TABLE_WORDS = ("mentors", "programs", "acts", "practices", "registry")


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    description: str
    examples: str
    arguments: Callable
    run: Callable[..., int]


def _project(parser, required: bool = False) -> None:
    kwargs = {} if required else {"nargs": "?", "default": Path(".")}
    parser.add_argument(
        "dir",
        metavar="ПАПКА",
        type=Path,
        help="папка проекта с site_config.yml и content/"
        + ("" if required else " (по умолчанию текущая)"),
        **kwargs,
    )


def _quiet(parser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="выводить только проблемы")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="подробно рассказывать, что делает каждый этап"
    )


# -- schema ---------------------------------------------------------------------
def _schema_args(p) -> None:
    _project(p)
    _quiet(p)


def _schema_run(args, console: Console) -> int:
    from .scaffold.schemas import write_schemas

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


# -- new --------------------------------------------------------------------------
def _new_args(p) -> None:
    p.add_argument(
        "kind", metavar="ВИД", choices=NEW_WORDS, help="что создать: " + ", ".join(NEW_WORDS)
    )
    _project(p)
    p.add_argument(
        "--title",
        "-t",
        metavar="ТЕКСТ",
        help="название (для наставника — ФИО): из него составляется идентификатор",
    )
    p.add_argument(
        "--id",
        metavar="ИДЕНТИФИКАТОР",
        dest="record_id",
        help="имя файла записи (латиница, цифры, «-»)",
    )
    _quiet(p)


def _new_run(args, console: Console) -> int:
    from .scaffold.new_record import new_record

    return new_record(args.dir, args.kind, args.title, args.record_id, console)


# -- import -----------------------------------------------------------------------
def _import_args(p) -> None:
    p.add_argument("kind", metavar="ВИД", help="что импортировать: " + ", ".join(TABLE_WORDS))
    p.add_argument("file", metavar="ФАЙЛ", type=Path, help="таблица .xlsx (первый лист) или .csv")
    _project(p)
    p.add_argument(
        "--force",
        action="store_true",
        help="заменить и записи, изменённые вручную (поля, которых нет в таблице, сохраняются)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="только показать, что изменится, ничего не записывая"
    )
    _org(
        p,
        "муниципальный проект: импортировать в папку организации content/orgs/ID "
        "(строки других организаций пропускаются)",
    )
    _quiet(p)


def _org(parser, text: str) -> None:
    parser.add_argument("--org", metavar="ID", help=text)


def _import_run(args, console: Console) -> int:
    from .tabular.importer import import_table

    return import_table(args.dir, args.kind, args.file, args.force, args.dry_run, console, args.org)


# -- templates --------------------------------------------------------------------
def _templates_args(p) -> None:
    p.add_argument("out", metavar="ПАПКА", type=Path, help="куда записать шаблоны .xlsx")
    p.add_argument(
        "--project",
        metavar="ПРОЕКТ",
        type=Path,
        help="проект, чьи справочники (с дополнениями из site_config.yml) "
        "попадут в выпадающие списки",
    )
    _quiet(p)


def _templates_run(args, console: Console) -> int:
    from .tabular.templates import write_templates

    return write_templates(args.out, args.project, console)


# -- export -----------------------------------------------------------------------
def _export_args(p) -> None:
    _project(p)
    p.add_argument(
        "--output",
        "-o",
        metavar="ПАПКА",
        type=Path,
        help="куда записать таблицы (по умолчанию ПАПКА_ПРОЕКТА/export)",
    )
    _org(
        p,
        "муниципальный проект: выгрузить одну организацию (content/orgs/ID) в виде "
        "таблиц школы; без --org выгружаются все организации в общих таблицах",
    )
    _quiet(p)


def _export_run(args, console: Console) -> int:
    from .tabular.export import export_tables

    return export_tables(args.dir, args.output, console, args.org)


def _gosweb_args(p) -> None:
    _project(p, required=True)
    p.add_argument("zip", metavar="АРХИВ.zip", type=Path, help="куда записать архив")
    p.add_argument(
        "--base",
        metavar="АДРЕС",
        default="/nastavnichestvo",
        help="адрес раздела на сайте Госвеб, от которого строятся ссылки между "
        "страницами (по умолчанию /nastavnichestvo)",
    )
    _org(
        p,
        "муниципальный проект: архив раздела одной организации (content/orgs/ID); без "
        "--org в архиве по папке на каждую организацию",
    )
    _quiet(p)


def _gosweb_run(args, console: Console) -> int:
    from .gosweb.export import export_gosweb

    return export_gosweb(args.dir, args.zip, args.base, console, args.org)


COMMANDS = [
    Command(
        "new",
        "создать запись с заполняемыми полями",
        "Создаёт новую запись со всеми полями и комментариями к ним: уникальный "
        "идентификатор, сегодняшняя дата. Виды: program — программа, practice — практика, "
        "news — новость, mentor — наставник (файлы в content/…), act — нормативный акт "
        "(дописывается в content/normative_acts.yml).",
        '  nastav new program\n  nastav new mentor школа-14 --title "Иванова Елена '
        'Анатольевна"\n  nastav new news --title "Семинар наставников"\n'
        "  nastav new act школа-14",
        _new_args,
        _new_run,
    ),
    Command(
        "import",
        "импортировать записи из таблицы Excel или CSV",
        "Читает таблицу (.xlsx — первый лист, или .csv с «;» или «,») и создаёт или "
        "обновляет записи: одна строка — одна запись. Заголовки столбцов — названия полей "
        "по-русски, как в шаблоне (nastav templates). Повторный импорт той же таблицы "
        "ничего не меняет; записи, исправленные вручную, без --force не перезаписываются. "
        "В муниципальном проекте: registry — реестр организаций; записи организаций "
        "попадают в папку организации из столбца «Идентификатор организации» или --org.",
        "  nastav import mentors наставники.xlsx школа-14\n"
        "  nastav import programs программы.csv --dry-run\n"
        "  nastav import acts акты.xlsx --force\n"
        "  nastav import registry реестр.xlsx город\n"
        "  nastav import mentors наставники.xlsx город --org sosh14",
        _import_args,
        _import_run,
    ),
    Command(
        "templates",
        "записать пустые шаблоны таблиц для импорта",
        "Записывает шаблоны .xlsx для каждого вида записей: заголовки, выпадающие списки "
        "справочных значений и лист «Инструкция». Для муниципального проекта — и шаблон "
        "реестра организаций, а в шаблонах записей организаций — столбец «Идентификатор "
        "организации» со списком из реестра.",
        "  nastav templates шаблоны\n  nastav templates шаблоны --project школа-14",
        _templates_args,
        _templates_run,
    ),
    Command(
        "export",
        "выгрузить опубликованные записи в таблицы XLSX и CSV",
        "Выгружает то, что публикует сайт (с учётом согласий и правил публикации), в "
        "таблицы — в том же виде, в каком их читает импорт. Муниципальный проект: реестр, "
        "записи всех организаций в общих таблицах (организация — в первых столбцах) и "
        "значения мониторинга; --org — одна организация.",
        "  nastav export школа-14\n  nastav export школа-14 --output выгрузка\n"
        "  nastav export город --org sosh14",
        _export_args,
        _export_run,
    ),
    Command(
        "export-gosweb",
        "подготовить архив для переноса раздела на сайт Госвеб",
        "Создаёт ZIP-архив: для каждой страницы раздела — фрагмент HTML из заголовков, "
        "абзацев, списков, таблиц и ссылок (его можно вставить в конструктор Госвеб), "
        "файлы документов и оглавление «ПРОЧТИТЕ.html» с порядком действий. Муниципальный "
        "проект: по папке на каждую организацию (страницы самого портала в конструктор не "
        "переносятся); --org — архив одной организации.",
        "  nastav export-gosweb школа-14 раздел-госвеб.zip\n"
        "  nastav export-gosweb город организации.zip\n"
        "  nastav export-gosweb город sosh14.zip --org sosh14\n"
        "  nastav export-gosweb школа-14 госвеб.zip --base /pedagogam-i-sotrudnikam/"
        "nastavnichestvo",
        _gosweb_args,
        _gosweb_run,
    ),
    Command(
        "schema",
        "записать JSON-схемы для подсказок в редакторе",
        "Записывает JSON-схемы всех видов записей и site_config.yml в ПАПКА/schemas и "
        "связывает их с файлами в .vscode/settings.json: VS Code с расширением YAML "
        "подсказывает поля и значения и подчёркивает ошибки.",
        "  nastav schema\n  nastav schema школа-14",
        _schema_args,
        _schema_run,
    ),
]


def register(sub, make_command: Callable) -> None:
    """Add every command to ``sub`` using cli.py's ``_command(sub, name, …)``."""
    for command in COMMANDS:
        parser = make_command(
            sub, command.name, command.summary, command.description, command.examples
        )
        command.arguments(parser)
        parser.set_defaults(handler=command.run)
