"""Done-when of issue 7: a template filled in LibreOffice Calc (headless,
driven through its Python-UNO bridge) imports into valid records that build.

LibreOffice is installed by ``./run test`` (like Chromium); when it is
missing this test fails with the reason — it never skips."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_demo, run_cli

pytestmark = pytest.mark.libreoffice
FILL = Path(__file__).parents[1] / "libreoffice" / "fill_xlsx.py"
UNO_PYTHON = "/usr/bin/python3"

MENTOR = [
    ["ФИО", "text", "Козлов Андрей Ильич"],
    ["Категория наставника", "text", "педагог"],
    ["Должность", "text", "учитель физики"],
    ["Педагогический стаж, лет", "number", "12"],
    ["Формы наставничества", "text", "учитель – учитель"],
    [
        "Согласие на распространение персональных данных: Поля, разрешённые к публикации",
        "text",
        "ФИО; должность; стаж; формы",
    ],
    ["Согласие на распространение персональных данных: Дата согласия", "date", "01.09.2026"],
]
PROGRAM = [
    ["Название", "text", "Первый год учителя физики"],
    ["Форма наставничества (по ролям)", "text", "учитель – учитель"],
    ["Виды (форматы)", "text", "традиционная (один на один)"],
    ["Наставник (идентификатор)", "text", "Козлов Андрей Ильич"],
    ["Наставляемый: Роль наставляемого", "text", "молодой специалист, учитель физики"],
    ["Наставляемый: ФИО (только для куратора)", "text", "Горелова Дарья Сергеевна"],
    ["Период реализации: Начало", "date", "07.09.2026"],
    ["Период реализации: Окончание", "date", "28.05.2027"],
    ["Статус", "text", "реализуется"],
    ["Цель", "text", "Адаптация молодого учителя физики в коллективе."],
    ["Задачи", "text", "спланировать уроки; провести открытый урок"],
]


@pytest.fixture(scope="module")
def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    uno = subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True)
    if not path or uno.returncode != 0:
        pytest.fail(
            "LibreOffice Calc с Python-UNO не найден: установите его (apt-get install "
            "libreoffice-calc-nogui python3-uno); ./run test делает это сам от root."
        )
    return path


def fill_in_calc(soffice: str, jobs: list[tuple[Path, Path, list]]) -> None:
    """Open each template in Calc, type the rows in, save as .xlsx (one session)."""
    spec = jobs[0][1].with_name("jobs.json")
    spec.write_text(
        json.dumps(
            [{"source": str(s), "target": str(t), "rows": r} for s, t, r in jobs],
            ensure_ascii=False,
        ),
        "utf-8",
    )
    done = subprocess.run(
        [UNO_PYTHON, str(FILL), soffice, str(spec)], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    for _, target, _ in jobs:
        assert target.is_file(), target


def test_template_filled_in_libreoffice_imports_and_builds(soffice, tmp_path):
    project = copy_demo(tmp_path / "school")
    assert run_cli("templates", tmp_path / "tpl", "--project", project).code == 0
    mentors, programs = tmp_path / "mentors.xlsx", tmp_path / "programs.xlsx"
    fill_in_calc(
        soffice,
        [
            (tmp_path / "tpl/mentors.xlsx", mentors, [MENTOR]),
            (tmp_path / "tpl/programs.xlsx", programs, [PROGRAM]),
        ],
    )

    result = run_cli("import", "mentors", mentors, project)
    assert result.code == 0 and "content/mentors/kozlov-ai.yml" in result.out, result.out
    result = run_cli("import", "programs", programs, project)
    assert result.code == 0, result.out
    record = (project / "content/programs/pp-2026-pervyy-god-uchitelya-fiziki.yml").read_text(
        "utf-8"
    )
    assert "mentor: kozlov-ai" in record and "start: 07.09.2026" in record

    result = run_cli("build", project, "-q")
    assert result.code == 0, result.out
    site = project / "site"
    program = (site / "programmy/pp-2026-pervyy-god-uchitelya-fiziki/index.html").read_text("utf-8")
    assert "Первый год учителя физики" in program and "Козлов Андрей Ильич" in program
    assert "07.09.2026" in program
    assert "Козлов Андрей Ильич" in (site / "nastavniki/index.html").read_text("utf-8")
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".txt"):
            assert "Горелова" not in path.read_text("utf-8", "replace"), path
    # The same Calc file again: nothing changes.
    again = run_cli("import", "programs", programs, project)
    assert "без изменений 1" in again.out


ORGANIZATION = [
    ["Тип организации", "text", "ДОУ"],
    [
        "Полное наименование",
        "text",
        "Муниципальное бюджетное дошкольное образовательное "
        "учреждение «Детский сад № 4» города Новоозёрска",
    ],
    ["Краткое наименование", "text", "МБДОУ «Детский сад № 4»"],
    ["Другие написания названия", "text", "ДС № 4; Детский сад 4"],
    ["Официальный сайт", "text", "https://ds4-novoozersk.example.ru/"],
]


def test_municipal_templates_filled_in_libreoffice_import_and_build(soffice, tmp_path):
    """The office's registry, and one sheet of mentors for several schools."""
    from tests.conftest import copy_municipal_demo

    city = copy_municipal_demo(tmp_path / "city")
    assert run_cli("templates", tmp_path / "tpl", "--project", city).code == 0
    registry, mentors = tmp_path / "reestr.xlsx", tmp_path / "mentors.xlsx"
    fill_in_calc(
        soffice,
        [
            (tmp_path / "tpl/registry.xlsx", registry, [ORGANIZATION]),
            (
                tmp_path / "tpl/mentors.xlsx",
                mentors,
                [
                    [["Идентификатор организации", "text", "sosh3"], *MENTOR],
                    [
                        ["Идентификатор организации", "text", "litsey7"],
                        *[
                            ["ФИО", "text", "Носова Инна Петровна"] if h == "ФИО" else [h, k, v]
                            for h, k, v in MENTOR
                        ],
                    ],
                ],
            ),
        ],
    )
    result = run_cli("import", "registry", registry, city)
    assert result.code == 0 and "новых 1" in result.out, result.out
    assert "- id: mbdou-detskiy-sad-4" in (city / "content/registry.yml").read_text("utf-8")
    result = run_cli("import", "mentors", mentors, city)
    assert result.code == 0, result.out
    assert (city / "content/orgs/sosh3/mentors/kozlov-ai.yml").is_file()
    assert (city / "content/orgs/litsey7/mentors/nosova-ip.yml").is_file()

    result = run_cli("build", city, "-q")
    assert result.code == 0, result.out
    site = city / "site"
    assert "МБДОУ «Детский сад № 4»" in (site / "organizatsii/index.html").read_text("utf-8")
    assert "Козлов Андрей Ильич" in (site / "data/mentors.csv").read_text("utf-8")
    assert "mbdou-detskiy-sad-4;ДОУ;" in (site / "data/registry.csv").read_text("utf-8")
    # The same Calc files again: nothing changes.
    assert "Изменений нет" in run_cli("import", "registry", registry, city).out
    assert "Изменений нет" in run_cli("import", "mentors", mentors, city).out
