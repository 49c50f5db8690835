"""Making spreadsheets the way curators do: a template filled by header."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook


def fill_template(template: Path, target: Path, rows: list[dict]) -> Path:
    book = load_workbook(template)
    sheet = book.worksheets[0]
    columns = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=columns[header], value=value)
    book.save(target)
    return target


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\n".join(lines).encode(encoding) + b"\n")
    return path


PROGRAM_ROW = {
    "Название": "Адаптация молодого учителя физики",
    "Форма наставничества (по ролям)": "учитель-учитель",
    "Виды (форматы)": "традиционная; виртуальная",
    "Наставник (идентификатор)": "Белова Татьяна Игоревна",
    "Наставляемый: Роль наставляемого": "молодой специалист, учитель физики",
    "Наставляемый: ФИО (только для куратора)": "Сидорова Вера Павловна",
    "Период реализации: Начало": "01.09.2026",
    "Период реализации: Окончание": "29.05.2027",
    "Статус": "реализуется",
    "Цель": "Помочь молодому учителю освоиться.\nВторой абзац цели.",
    "Задачи": "освоить рабочую программу; провести открытый урок",
    "Результаты": "Промежуточный итог: уроки Сидоровой Веры Павловны стали лучше.",
}
