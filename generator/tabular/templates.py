"""``nastav templates DIR``: empty XLSX templates, one per importable kind.

Sheet 1 «Данные» — the header row (the import reads the first sheet),
frozen, with each header's meaning in a cell comment and drop-down lists
for vocabulary columns (the values live on a sheet «Справочники»: Excel
limits inline lists to 255 characters). Sheet 2 «Инструкция» — how to fill
the table, column by column, in Russian.

For a municipal project the organization registry template is added, and
the templates of organization records start with a column «Идентификатор
организации» offering the registry's ids: one sheet collects the records of
every school, and the import sends each row to its organization's folder.
A school project gets no registry template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from ..schema.vocab import Vocabulary
from ..util.cells import protect_openpyxl_cell
from .columns import ORG_ID_HEADER, Column, column_letter, row_fields
from .kinds import MUNICIPAL, ORG, TABLE_KINDS, TableKind

DATA_ROWS = 500
_WIDTH = {"multiline": 60, "list": 40, "date": 14}


@dataclass(frozen=True)
class Template:
    path: Path
    kind: TableKind
    note: str  # «— для муниципального проекта» when written for no project in particular


def write_templates(out: Path, project: Path | None) -> list[Template]:
    """A template per kind the project imports (every kind without a project)."""
    from ..config import _config_vocabularies
    from ..scaffold.schemas import vocabularies_of

    vocabularies = vocabularies_of(project) if project else _config_vocabularies()
    mode = _mode(project) if project else None
    orgs = _registry_ids(project) if project and mode == MUNICIPAL else None
    kinds = [k for k in TABLE_KINDS.values() if mode != ORG or ORG in k.levels]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in kinds:
        path = out / f"{kind.word}.xlsx"
        template_book(kind, vocabularies, orgs if ORG in kind.levels else None).save(path)
        note = " — для муниципального проекта" if kind.levels == {MUNICIPAL} and not mode else ""
        written.append(Template(path, kind, note))
    return written


def _mode(project: Path) -> str | None:
    from ..config import load_settings

    settings = load_settings(project, Report())
    if settings is None:
        return None
    return MUNICIPAL if settings.config.mode == "municipal" else ORG


def _registry_ids(project: Path) -> list[str]:
    from .targets import registry_names

    return list(registry_names(project, Report()) or {})


def template_book(
    kind: TableKind, vocabularies: dict[str, Vocabulary], orgs: list[str] | None = None
):
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    data = book.active
    assert data is not None  # a new workbook starts with one (active) worksheet
    data.title = "Данные"
    lists = book.create_sheet("Справочники")
    guide = book.create_sheet("Инструкция")
    columns = kind.columns
    vocab_cols: dict[str, str] = {}
    shift = 0
    if orgs is not None:
        shift = 1
        _org_column(data, lists, orgs)
    for index, column in enumerate(columns, start=shift):
        cell = data.cell(row=1, column=index + 1, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(_hint(column, vocabularies), "nastav", width=320, height=160)
        letter = column_letter(index)
        data.column_dimensions[letter].width = _width(column)
        if column.vocab and column.vocab in vocabularies:
            ref = vocab_cols.get(column.vocab) or _vocab_range(
                lists, vocabularies[column.vocab], len(vocab_cols) + shift
            )
            vocab_cols[column.vocab] = ref
            check = DataValidation(type="list", formula1=ref, allow_blank=True)
            if column.is_list:  # several values «a; b»: the list helps, does not forbid
                check.showErrorMessage = False
            else:
                check.showErrorMessage = True
                check.errorTitle = "Значение не из списка"
                check.error = "Выберите значение из выпадающего списка."
            check.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            data.add_data_validation(check)
        if column.is_date or column.type in (str,) or column.is_list or column.multiline:
            for row in range(2, DATA_ROWS + 2):
                data.cell(row=row, column=index + 1).number_format = "@"
    data.freeze_panes = "A2"
    data.row_dimensions[1].height = 45
    _guide(guide, kind, columns, vocabularies, orgs is not None)
    return book


def _org_column(data, lists, orgs: list[str]) -> None:
    """Column A: the registry id of the row's organization, from a drop-down."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    cell = data.cell(row=1, column=1, value=ORG_ID_HEADER)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDE7F0")
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.comment = Comment(
        f"{ORG_ID_HEADER} — обязательно. Организация из реестра "
        "(registry.yml), в папку которой попадёт запись. Значение из списка "
        "(лист «Справочники»).",
        "nastav",
        width=320,
        height=120,
    )
    data.column_dimensions["A"].width = 18
    lists.cell(row=1, column=1, value="организации (реестр)")
    for row, org in enumerate(orgs, start=2):
        lists.cell(row=row, column=1, value=org)
    lists.column_dimensions["A"].width = 24
    if orgs:
        check = DataValidation(
            type="list",
            formula1=f"Справочники!$A$2:$A${len(orgs) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Нет в реестре",
            error="Выберите организацию из выпадающего списка.",
        )
        check.add(f"A2:A{DATA_ROWS + 1}")
        data.add_data_validation(check)
    for row in range(2, DATA_ROWS + 2):
        data.cell(row=row, column=1).number_format = "@"


def _vocab_range(sheet, vocabulary: Vocabulary, position: int) -> str:
    letter = column_letter(position)
    sheet.cell(row=1, column=position + 1, value=vocabulary.title)
    for row, term in enumerate(vocabulary.terms, start=2):
        # A label of site_config.yml's own terms: never a formula (util/cells.py).
        protect_openpyxl_cell(sheet.cell(row=row, column=position + 1, value=term.label))
    sheet.column_dimensions[letter].width = 40
    return f"Справочники!${letter}$2:${letter}${len(vocabulary.terms) + 1}"


def _width(column: Column) -> float:
    if column.multiline:
        return _WIDTH["multiline"]
    if column.is_list:
        return _WIDTH["list"]
    if column.is_date:
        return _WIDTH["date"]
    return max(16, min(40, len(column.header) * 0.9))


def _hint(column: Column, vocabularies: dict[str, Vocabulary]) -> str:
    required = column.required_text
    parts = [
        column.header
        + (f" — обязательно{'' if required == 'да' else ' ' + required[3:]}." if required else ".")
    ]
    if column.meta.help:
        parts.append(column.meta.help)
    parts.append(_format(column, vocabularies))
    if column.internal:
        parts.append("Только для куратора: на сайт не выводится.")
    return " ".join(p for p in parts if p)


def _format(column: Column, vocabularies: dict[str, Vocabulary]) -> str:
    import datetime as dt

    if column.vocab and column.vocab in vocabularies:
        text = (
            "Значение из списка"
            if not column.is_list
            else "Одно или несколько значений из списка через «;»"
        )
        return text + " (лист «Справочники»)."
    if column.is_list:
        return "Несколько значений — через «;»."
    if column.type is dt.date:
        return "Дата: ДД.ММ.ГГГГ."
    if column.type is int:
        return "Целое число."
    if column.type is bool:
        return "да или нет."
    if column.multiline:
        return "Текст; можно в несколько абзацев (Alt+Enter в ячейке)."
    if column.is_file:
        return "Путь к файлу в папке content/, например files/dokumenty/prikaz.pdf."
    return ""


def _guide(
    sheet,
    kind: TableKind,
    columns: list[Column],
    vocabularies: dict[str, Vocabulary],
    with_org: bool = False,
) -> None:
    from openpyxl.styles import Alignment, Font

    lines = [
        (f"Шаблон для импорта: {kind.title}", True),
        ("Как заполнять", True),
        (
            "1. Заполняйте лист «Данные»: одна строка — одна запись. Первую строку "
            "(заголовки) не меняйте; лишние столбцы можно удалить, порядок — любой.",
            False,
        ),
        (
            "2. Обязательные столбцы отмечены ниже. Даты — ДД.ММ.ГГГГ. Несколько значений в "
            "одной ячейке разделяйте точкой с запятой «;».",
            False,
        ),
        (
            "3. Значения справочников выбирайте из выпадающего списка (полный список — на листе "
            "«Справочники»).",
            False,
        ),
        (
            "4. Сохраните файл (.xlsx или CSV UTF-8) и выполните: "
            f"nastav import {kind.word} ФАЙЛ ПАПКА_ПРОЕКТА",
            False,
        ),
        (
            f"5. Идентификатор записи: {kind.key_help}. Повторный импорт той же таблицы ничего не "
            "меняет; запись, исправленную вручную в YAML, импорт без --force не перезапишет и "
            "покажет, что изменилось бы.",
            False,
        ),
    ]
    if with_org:
        lines.append(
            (
                f"Муниципальный проект: в столбце «{ORG_ID_HEADER}» выберите "
                "организацию — запись попадёт в её папку content/orgs/ИДЕНТИФИКАТОР. "
                + (
                    "Пустое значение — запись самого муниципалитета. "
                    if MUNICIPAL in kind.levels
                    else ""
                )
                + "Если все строки — одной организации, столбец можно удалить и указать её "
                "при импорте: --org ИДЕНТИФИКАТОР.",
                False,
            )
        )
    skipped = row_fields(kind.spec.cls)
    if skipped:
        lines.append(
            (
                "6. Не помещаются в строку таблицы и заполняются в файле YAML: "
                + "; ".join(label for _, label in skipped)
                + ". Импорт эти поля не трогает.",
                False,
            )
        )
    lines += [("", False), ("Столбцы", True)]
    for row, (text, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(bold=bold, size=13 if row == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    start = len(lines) + 1
    for col, title in enumerate(
        ("Столбец", "Обязательно", "Формат и значения", "Пояснение"), start=1
    ):
        sheet.cell(row=start, column=col, value=title).font = Font(bold=True)
    for offset, column in enumerate(columns, start=1):
        values = _format(column, vocabularies)
        if column.vocab and column.vocab in vocabularies:
            values += " " + "; ".join(t.label for t in vocabularies[column.vocab].terms)
        note = column.meta.help + (
            " Только для куратора: на сайт не выводится." if column.internal else ""
        )
        for col, value in enumerate(
            (column.header, column.required_text, values, note.strip()), start=1
        ):
            cell = sheet.cell(row=start + offset, column=col, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (45, 12, 60, 50)):
        sheet.column_dimensions[letter].width = width
