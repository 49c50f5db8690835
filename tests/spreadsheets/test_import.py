"""«nastav import»: rows become records that validate; the same file twice
changes nothing; records edited by hand are protected; every problem of a
table is reported at once, by row and column, in Russian."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from tests.conftest import check_project, copy_demo, run_cli
from tests.spreadsheets.helpers import PROGRAM_ROW, fill_template, write_csv

NEW_PROGRAM = "content/programs/pp-2026-adaptatsiya-molodogo-uchitelya-fiziki.yml"


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    result = run_cli("templates", folder)
    assert result.code == 0, result.out
    return folder


@pytest.fixture
def project(tmp_path):
    return copy_demo(tmp_path / "school")


def snapshot(folder):
    return {p: p.read_bytes() for p in sorted(folder.rglob("*.yml"))}


def test_templates_have_headers_dropdowns_and_instructions(templates):
    # Without a project the kind of project is unknown: the registry template too.
    assert sorted(p.name for p in templates.iterdir()) == [
        "acts.xlsx",
        "agreements.xlsx",
        "mentors.xlsx",
        "practices.xlsx",
        "programs.xlsx",
        "registry.xlsx",
    ]
    book = load_workbook(templates / "programs.xlsx")
    assert book.sheetnames[0] == "Данные" and "Инструкция" in book.sheetnames
    data = book["Данные"]
    headers = [c.value for c in data[1]]
    assert "Название" in headers and "Период реализации: Начало" in headers
    assert "Наставляемый: ФИО (только для куратора)" in headers
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation}
    status_col = data.cell(row=1, column=headers.index("Статус") + 1).column_letter
    assert lists[f"{status_col}2"].startswith("Справочники!")
    vocab = [c.value for c in book["Справочники"]["A"] if c.value]
    assert vocab  # the drop-down values are on a sheet of their own
    guide = "\n".join(
        str(c.value) for row in book["Инструкция"].iter_rows() for c in row if c.value
    )
    assert "одна строка — одна запись" in guide and "nastav import programs" in guide
    assert "План мероприятий" in guide  # what stays in YAML is said


def test_import_creates_valid_records_and_second_import_changes_nothing(
    project, templates, tmp_path
):
    table = fill_template(
        templates / "programs.xlsx",
        tmp_path / "programs.xlsx",
        [{**PROGRAM_ROW, "Период реализации: Начало": dt.datetime(2026, 9, 1)}],
    )
    result = run_cli("import", "programs", table, project)
    assert result.code == 0, result.out
    assert "новая запись: " + NEW_PROGRAM in result.out
    text = (project / NEW_PROGRAM).read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/programs.schema.json")
    assert "form: учитель – учитель  # Форма наставничества (по ролям)" in text
    assert "mentor: belova-ti" in text  # the mentor's name resolved to the id
    assert "start: 01.09.2026" in text
    assert check_project(project).ok

    before = snapshot(project / "content")
    result = run_cli("import", "programs", table, project)
    assert result.code == 0 and "без изменений 1" in result.out and "Изменений нет" in result.out
    assert snapshot(project / "content") == before


def test_imported_record_builds_without_private_data(project, templates, tmp_path):
    table = fill_template(templates / "programs.xlsx", tmp_path / "p.xlsx", [PROGRAM_ROW])
    assert run_cli("import", "programs", table, project).code == 0
    result = run_cli("build", project, "-q")
    assert result.code == 0, result.out
    page = project / "site/programmy/pp-2026-adaptatsiya-molodogo-uchitelya-fiziki/index.html"
    html = page.read_text("utf-8")
    assert "Адаптация молодого учителя физики" in html
    assert "Сидоров" not in html and "Промежуточный итог" not in html  # running program


def test_hand_edited_record_is_not_overwritten_without_force(project, templates, tmp_path):
    table = fill_template(templates / "programs.xlsx", tmp_path / "p.xlsx", [PROGRAM_ROW])
    assert run_cli("import", "programs", table, project).code == 0
    path = project / NEW_PROGRAM
    edited = path.read_text("utf-8").replace("status: реализуется", "status: планируется")
    path.write_text(edited, "utf-8")

    changed = fill_template(
        templates / "programs.xlsx",
        tmp_path / "p2.xlsx",
        [
            {
                **PROGRAM_ROW,
                "Название": PROGRAM_ROW["Название"],
                "Период реализации: Окончание": "30.04.2027",
            }
        ],
    )
    result = run_cli("import", "programs", changed, project)
    assert result.code == 1
    assert "изменена вручную" in result.out and "--force" in result.out
    assert "«Статус»: «планируется» → «реализуется»" in result.out
    assert "«Период реализации: Окончание»: «29.05.2027» → «30.04.2027»" in result.out
    assert path.read_text("utf-8") == edited

    result = run_cli("import", "programs", changed, project, "--force")
    assert result.code == 0
    assert "status: реализуется" in path.read_text("utf-8")


def test_import_updates_its_own_records_and_keeps_fields_not_in_the_table(
    project, templates, tmp_path
):
    table = fill_template(templates / "programs.xlsx", tmp_path / "p.xlsx", [PROGRAM_ROW])
    assert run_cli("import", "programs", table, project).code == 0
    path = project / NEW_PROGRAM
    # A field the table has no column for, added in YAML by the curator, is kept…
    text = path.read_text("utf-8") + "activities:\n  - date: сентябрь 2026\n    activity: Встреча\n"
    path.write_text(text, "utf-8")
    changed = fill_template(
        templates / "programs.xlsx",
        tmp_path / "p2.xlsx",
        [{**PROGRAM_ROW, "Статус": "планируется"}],
    )
    result = run_cli("import", "programs", changed, project, "--force")
    assert result.code == 0, result.out
    assert "activity: Встреча" in path.read_text("utf-8")
    # …and a record written by the import, untouched since, is updated without --force.
    again = fill_template(
        templates / "programs.xlsx",
        tmp_path / "p3.xlsx",
        [{**PROGRAM_ROW, "Статус": "реализуется"}],
    )
    result = run_cli("import", "programs", again, project)
    assert result.code == 0 and "изменится" in result.out, result.out


def test_all_problems_at_once_by_row_and_column(project, tmp_path):
    table = write_csv(
        tmp_path / "mentors.csv",
        [
            "ФИО;Категория наставника;Педагогический стаж, лет (полных);Фамилия",
            "Козлов Андрей Ильич;педагог;12;",
        ],
    )
    result = run_cli("import", "mentors", table, project)
    assert result.code == 1
    assert "mentors.csv, строка 1, столбец D «Фамилия»: ошибка: неизвестный заголовок" in result.out

    table = write_csv(
        tmp_path / "mentors.csv",
        [
            "ФИО;Категория наставника;Педагогический стаж, лет (полных);"
            "Согласие на распространение персональных данных: Дата согласия",
            "Козлов Андрей Ильич;педагог;двенадцать;01.102026",
            ";кот;5;",
            "Зайцева Ольга Ивановна;учитель;7;",
        ],
    )
    before = snapshot(project / "content")
    result = run_cli("import", "mentors", table, project)
    assert result.code == 1
    out = result.out
    assert (
        "mentors.csv, строка 2, столбец C «Педагогический стаж, лет»: ошибка: "
        "Педагогический стаж, лет: «двенадцать» не целое число"
    ) in out
    assert (
        "строка 2, столбец D «Согласие на распространение персональных данных: Дата согласия»"
        in out
        and "Возможно, имелось в виду 01.10.2026" in out
    )
    assert "строка 3: ошибка: не удаётся определить запись" in out
    assert "Ничего не записано" in out and "Traceback" not in out
    assert snapshot(project / "content") == before  # not even the valid row


@pytest.mark.parametrize(
    "encoding,delimiter", [("utf-8-sig", ";"), ("utf-8", ","), ("cp1251", ";")]
)
def test_csv_encodings_and_delimiters(project, tmp_path, encoding, delimiter):
    d = delimiter
    table = write_csv(
        tmp_path / "acts.csv",
        [
            d.join(
                ["уровень", "ВИД ДОКУМЕНТА", "Дата", "Номер", "«Название»", "Ссылка на документ"]
            ),
            d.join(
                [
                    "региональный",
                    "приказ",
                    "2024-03-01",
                    "15",
                    "О наставничестве в области",
                    "https://minobr.example.ru/doc/15.pdf",
                ]
            ),
        ],
        encoding,
    )
    result = run_cli("import", "acts", table, project)
    assert result.code == 0, result.out
    assert ("Windows-1251" in result.out) == (encoding == "cp1251")
    acts = (project / "content/normative_acts.yml").read_text("utf-8")
    assert "Муниципальный" not in acts and "title: О наставничестве в области" in acts
    assert "level: региональный" in acts and "date: 01.03.2024" in acts
    assert check_project(project).ok
    again = run_cli("import", "acts", table, project)
    assert "без изменений 1" in again.out


def test_unknown_mentor_and_unsupported_format(project, tmp_path):
    import csv

    row = {**PROGRAM_ROW, "Наставник (идентификатор)": "Никто Никтович"}
    with open(tmp_path / "p.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerows([list(row), list(row.values())])  # «;» inside cells: quoted
    table = tmp_path / "p.csv"
    result = run_cli("import", "programs", table, project)
    assert result.code == 1 and "наставника «Никто Никтович» нет в базе" in result.out
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run_cli("import", "programs", tmp_path / "old.xls", project)
    assert result.code == 1 and "сохраните таблицу как «Книга Excel (.xlsx)»" in result.out
    result = run_cli("import", "pupils", table, project)
    assert (
        result.code == 2
        and "Можно импортировать: acts, mentors, programs, practices, agreements" in result.out
    )
