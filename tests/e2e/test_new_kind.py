"""A new kind is its declaration: given a record class and a ``Kind`` in the
registry (here with the generic list template ``org/filed.md.j2``), the
generator loads, checks, guards, publishes, lists and exports it with no
other change. Run in a fresh interpreter: the registry is read once, when
the generator is imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT, copy_demo, read

DECLARE = textwrap.dedent(
    """
    import datetime as dt
    import sys
    from dataclasses import dataclass

    import generator.kinds as kinds
    from generator.kinds import Kind, SectionSpec
    from generator.schema.fields import Attachment, Record, f

    @dataclass(kw_only=True)
    class Report(Record):
        title: str = f("Название", required=True)
        date: dt.date = f("Дата", required=True)
        summary: str | None = f("Кратко")
        file: Attachment | None = f("Файл")

    REPORTS = Kind(
        "reports", "отчёты наставников", Report, "reports.yml", "list", "reports",
        publish="filed", files_folder="otchety", order=("-date",),
        section=SectionSpec("otchety", "Отчёты наставников", "org/filed.md.j2", 93),
    )
    kinds.KINDS.append(REPORTS)
    kinds.ORG_KINDS.append(REPORTS)

    from generator.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)

REPORTS = """reports:
  - title: Отчёт о работе наставников за первое полугодие
    date: 20.01.2026
    summary: {summary}
"""


def nastav(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", DECLARE, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_declared_kind_is_checked_published_and_exported(tmp_path):
    project = copy_demo(tmp_path / "school")
    reports = project / "content/reports.yml"
    reports.write_text(REPORTS.format(summary="проведено 12 встреч"), "utf-8")
    built = nastav("build", project, "--quiet")
    assert built.returncode == 0, built.stdout + built.stderr
    page = read(project / "site/otchety/index.html")
    assert "Отчёты наставников" in page and "проведено 12 встреч" in page
    assert "Отчёты наставников" in read(project / "site/index.html")  # in the navigation
    assert "Отчёт о работе наставников" in read(project / "site/data/reports.csv")
    assert (project / "site/otchety/otchety.xlsx").is_file()

    # Personal data in the new kind is refused where it is, by validate first.
    reports.write_text(REPORTS.format(summary="звонить по тел. +7 912 345-67-89"), "utf-8")
    checked = nastav("validate", project)
    assert checked.returncode == 1, checked.stdout
    assert "content/reports.yml, строка 4, поле «reports[1].summary»" in checked.stdout
    assert "номер телефона" in checked.stdout


def test_without_the_declaration_the_file_is_reported_as_unknown(tmp_path):
    project = copy_demo(tmp_path / "school")
    (project / "content/reports.yml").write_text(REPORTS.format(summary="x"), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "content/reports.yml: предупреждение: файл не относится ни к одному виду" in (
        result.stdout
    )
