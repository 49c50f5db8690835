"""A CSV row with more filled cells than the header has columns (a «;» typed
in a text without quotes) is an error at that row with the counts — in every
table the generator reads: monitoring values and imports."""

from __future__ import annotations

import re
import shutil

from tests.conftest import ROOT, copy_demo, read, run_cli


def test_monitoring_row_with_an_unquoted_delimiter(tmp_path):
    project = tmp_path / "city"
    shutil.copytree(ROOT / "demo/municipal", project)
    table = project / "content/monitoring/znacheniya-2025.csv"
    lines = read(table).splitlines()
    assert lines[0].count(",") == 5
    lines[2] += "проверено, см. приказ"
    table.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_cli("validate", project)
    assert result.code == 1
    assert re.search(
        r"content/monitoring/znacheniya-2025\.csv, строка 3: ошибка: заполненных ячеек в "
        r"строке — 7, а столбцов в заголовке — 6 \(лишнее: « см\. приказ»\): вероятно, в тексте есть "
        r"запятая без кавычек",
        result.out,
    ), result.out


def test_import_row_with_an_unquoted_semicolon(tmp_path):
    project = copy_demo(tmp_path / "school")
    table = tmp_path / "mentors.csv"
    table.write_text(
        "ФИО;Категория наставника;Должность\n"
        "Орлова Вера Павловна;педагог;учитель истории; классный руководитель\n",
        "utf-8",
    )
    result = run_cli("import", "mentors", table, project)
    assert result.code == 1, result.out
    assert re.search(
        r"mentors\.csv, строка 2: ошибка: заполненных ячеек в строке — 4, "
        r"а столбцов в заголовке — 3 \(лишнее: « классный руководитель»\): вероятно, в тексте есть «;» без "
        r"кавычек\. Возьмите такой текст в кавычки \"…\" или замените «;» запятой\.",
        result.out,
    ), result.out
    assert not any((project / "content/mentors").glob("orlova*"))
