"""``nastav import ВИД ФАЙЛ [ПАПКА]``: spreadsheet rows → YAML records
(``tabular/importer.py``), and what the import changes, row by row."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..console import Console
from ..kinds import ORG_KINDS
from .base import Command, org_arg, project_arg, verbosity_args

if TYPE_CHECKING:
    from ..diagnostics import Report
    from ..tabular.importer import Change
    from ..tabular.kinds import TableKind

# From the registry of kinds (kinds/: record classes only, light to import);
# the municipal registry of organizations is a table of its own.
TABLE_WORDS = (*(k.words.table for k in ORG_KINDS if k.words.table), "registry")


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", metavar="ВИД", help="что импортировать: " + ", ".join(TABLE_WORDS))
    parser.add_argument(
        "file", metavar="ФАЙЛ", type=Path, help="таблица .xlsx (первый лист) или .csv"
    )
    project_arg(parser)
    parser.add_argument(
        "--force",
        action="store_true",
        help="заменить и записи, изменённые вручную (поля, которых нет в таблице, сохраняются)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="только показать, что изменится, ничего не записывая"
    )
    org_arg(
        parser,
        "муниципальный проект: импортировать в папку организации content/orgs/ID "
        "(строки других организаций пропускаются)",
    )
    verbosity_args(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..diagnostics import Report
    from ..tabular.importer import plan_import
    from ..tabular.kinds import TABLE_KINDS, table_kind

    kind = table_kind(args.kind)
    if kind is None:
        console.problem(
            f"Неизвестный вид записей «{args.kind}». Можно импортировать: {', '.join(TABLE_KINDS)}."
        )
        return 2
    report = Report()
    plan = plan_import(args.dir, kind, args.file, args.org, report, console.stage)
    if plan is None:
        return _fail(report, console)
    for diagnostic in report.sorted():  # warnings
        console.problem(diagnostic.format())
    if plan.skipped:
        console.say(
            f"Строк других организаций пропущено: {plan.skipped} (импортируются "
            f"только строки организации {args.org})."
        )
    _print_plan(plan.changes, kind, args.file, args.force, console)
    if plan.conflicts and not args.force:
        console.problem(
            f"Ничего не записано: записей, изменённых вручную, — {len(plan.conflicts)}. "
            "Чтобы заменить их данными таблицы, повторите команду с --force "
            "(поля, которых нет в таблице, сохранятся)."
        )
        return 1
    if args.dry_run:
        console.say("Проверка (--dry-run): файлы не записаны.")
        return 0
    written = plan.write()
    if written:
        console.say(f"Записано файлов: {written}. Проверьте проект: nastav validate")
    else:
        console.say("Изменений нет: записи уже совпадают с таблицей.")
    return 0


def _print_plan(
    changes: list[Change], kind: TableKind, file: Path, force: bool, console: Console
) -> None:
    counts = {
        s: sum(1 for c in changes if c.status == s) for s in ("new", "updated", "same", "conflict")
    }
    console.say(
        f"Таблица {file.name} ({kind.title}): записей {len(changes)} — новых "
        f"{counts['new']}, изменённых {counts['updated'] + counts['conflict']}, "
        f"без изменений {counts['same']}."
    )
    edited = "изменена вручную" if kind.by_file else "в файле, который ведётся вручную"
    titles = {
        "new": "новая запись",
        "updated": "изменится",
        "conflict": f"{edited} — будет заменена (--force)"
        if force
        else f"{edited}, импорт её не перезапишет без --force",
    }
    if force and not kind.by_file and any(c.status == "conflict" for c in changes):
        console.say(
            f"  Файл {kind.spec.path} будет записан заново: комментарии в нём не сохранятся."
        )
    for change in changes:
        if change.status == "same":
            continue
        tell = console.problem if change.status == "conflict" else console.say
        tell(f"  {titles[change.status]}: {change.target} (строка {change.row})")
        for header, before, after in change.diffs:
            tell(f"      «{header}»: {_quote(before)} → {_quote(after)}")


def _quote(text: str) -> str:
    if not text:
        return "(пусто)"
    text = " ".join(text.split())
    return f"«{text[:80]}…»" if len(text) > 80 else f"«{text}»"


def _fail(report: Report, console: Console) -> int:
    for diagnostic in report.sorted():
        console.problem(diagnostic.format())
    console.problem(report.summary() + " Ничего не записано: исправьте таблицу и повторите.")
    return 1


COMMAND = Command(
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
    arguments,
    run,
)
