"""Help, progress and --verbose, as a person reads them."""

from __future__ import annotations

import io

import pytest

from generator.console import Console
from tests.conftest import run_cli

COMMANDS = [
    "init",
    "validate",
    "build",
    "serve",
    "new",
    "import",
    "templates",
    "export",
    "export-gosweb",
    "report",
    "schema",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_russian_help_with_examples(command):
    result = run_cli(command, "--help")
    assert result.code == 0
    assert "Использование: nastav " + command in result.out
    assert "Примеры:" in result.out and f"nastav {command}" in result.out.split("Примеры:")[1]
    assert "usage:" not in result.out and "show this help" not in result.out


def test_main_help_lists_the_new_commands():
    out = run_cli("--help").out
    for command in COMMANDS:
        assert command in out
    assert "импортировать записи из таблицы" in out


def test_verbose_build_explains_each_stage(demo_project):
    result = run_cli("build", demo_project, "--verbose")
    assert result.code == 0
    out = result.out
    assert "→ Чтение записей" in out and "→ Сборка сайта (MkDocs + Material)" in out
    assert (
        "на сайте: нормативных актов — 9, документов — 8, наставников с карточкой — 5 "
        "(без действующего согласия — 3" in out
    )
    assert (
        # 26 open-data files, the CSV and XLSX of 17 tables of pages (test_table_downloads.py)
        # and «Весь раздел» as DOCX (NASTAV_SOFFICE=off: no PDF)
        "страниц: 34, файлов-вложений: 18, созданных файлов (открытые данные, таблицы, "
        "документы): 61" in out
    )
    assert "соглашения о сотрудничестве — 3" in out
    assert "MkDocs собрал страниц: 34, без изменений (из кэша .nastav/cache): 0" in out
    for stage in (
        "чтение и проверка записей:",
        "подготовка страниц:",
        "сборка MkDocs:",
        "поисковый индекс (Pagefind; одновременно с проверкой):",
        "проверка собранного сайта (вместе с индексом):",
    ):
        assert stage in out and " с" in out.split(stage)[1].splitlines()[0]


def test_quiet_and_ci_builds_show_no_progress(demo_project, monkeypatch):
    result = run_cli("build", demo_project, "--quiet")
    assert result.code == 0
    assert "→" not in result.out and "Сайт собран" not in result.out  # only the problems
    assert "предупреждение" in result.out

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setenv("CI", "")
    Console(err=terminal).progress("страницы", 3, 10)
    assert "\r  страницы: 3/10" in terminal.getvalue()
    ci = Terminal()
    monkeypatch.setenv("CI", "true")
    Console(err=ci).progress("страницы", 3, 10)
    Console(err=ci).stage("Сборка")
    assert ci.getvalue() == ""
    quiet = Terminal()
    monkeypatch.setenv("CI", "")
    Console(quiet=True, err=quiet).progress("страницы", 3, 10)
    assert quiet.getvalue() == ""


def test_each_record_of_a_list_reports_its_own_missing_fields(demo_project):
    """Found by the fuzz test: the third document lacked the same fields as
    the first two; it was neither reported nor left out, and its file, having
    no title, crashed the build."""
    (demo_project / "content/documents.yml").write_text(
        "documents:\n  - title: Приказ\n  - title: Положение\n"
        "  - file: files/dokumenty/polozhenie-pedagogi.pdf\n",
        encoding="utf-8",
    )
    result = run_cli("validate", demo_project)
    assert result.code == 1, result.out
    for n in (1, 2, 3):
        assert (
            f"поле «documents[{n}].role»: ошибка: не заполнено обязательное поле" in result.out
        ), result.out
    assert "поле «documents[3].title»: ошибка: не заполнено обязательное поле" in result.out
    assert "Внутренняя ошибка" not in result.out


def test_a_comma_in_a_brace_map_is_explained_and_causes_no_second_error(demo_project):
    import re

    program = demo_project / "content/programs/pp-2025-uu-01.yml"
    source = program.read_text("utf-8")
    approval = re.search(r"approval:\n(?:  .*\n)+", source)
    assert approval
    program.write_text(
        source.replace(
            approval.group(0),
            "approval: {title: приказ директора, от 08.09.2025, number: 139-од}\n",
        ),
        "utf-8",
    )
    result = run_cli("validate", demo_project)
    assert result.code == 1
    assert (
        "поле «approval.от 08.09.2025»: ошибка: неизвестное поле «от 08.09.2025». Похоже, это "
        "продолжение предыдущего значения: в фигурных скобках {…} запятая разделяет поля."
    ) in result.out
    # The practice that names this program is not told the program does not exist.
    assert "нет программы" not in result.out
    assert result.out.count("ошибка:") == 1
