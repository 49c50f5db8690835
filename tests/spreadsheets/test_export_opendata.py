"""Exports and open data come from the public model: what the site shows,
nothing more — and they read back into the import."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from tests.conftest import copy_demo, run_cli

PRIVATE = [
    "Смирнова",
    "Лаврентьев",
    "Петрова",
    "Кузнецова",
    "Морозов",
    "подготовлен и проведён школьный концерт",
    "согласие № 14/26",
]


def read_csv(path):
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel opens UTF-8 with a BOM as is
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_open_data_folder_in_every_build(demo_site):
    data = demo_site / "data"
    names = {p.name for p in data.iterdir()}
    for table in (
        "mentors",
        "programs",
        "practices",
        "acts",
        "documents",
        "news",
        "mentees",
        "roadmap",
        "materials",
        "organization",
    ):
        assert {f"{table}.csv", f"{table}.json"} <= names, table
    readme = (data / "README.txt").read_text("utf-8")
    assert "Открытые данные раздела «Наставничество»" in readme
    assert "Период реализации: Начало [period.start]" in readme  # fields documented
    mentors = read_csv(data / "mentors.csv")
    assert {m["ФИО"] for m in mentors} >= {"Иванова Елена Анатольевна"}
    programs = json.loads((data / "programs.json").read_text("utf-8"))
    assert programs["count"] == 8 == len(read_csv(data / "programs.csv"))
    first = next(p for p in programs["items"] if p["id"] == "pp-2025-uu-01")
    assert first["period"] == {"start": "2025-09-01", "end": "2026-05-29"}
    assert first["form"] == "учитель – учитель" and first["page"] == "programmy/pp-2025-uu-01/"
    assert "full_name" not in first["mentee"]
    home = (demo_site / "index.html").read_text("utf-8")
    assert 'href="data/README.txt">Открытые данные раздела</a>' in home  # findable


def test_open_data_holds_no_private_data(demo_site):
    for path in (demo_site / "data").iterdir():
        text = path.read_text("utf-8")
        for secret in PRIVATE:
            assert secret not in text, (path.name, secret)
    mentees = read_csv(demo_site / "data/mentees.csv")
    risk = next(r for r in mentees if "группы риска" in r["Категория наставляемых"])
    assert risk["Численность"] == "менее 3"


def test_export_writes_public_tables_that_reimport(tmp_path):
    project = copy_demo(tmp_path / "school")
    result = run_cli("export", project, "--output", tmp_path / "out")
    assert result.code == 0, result.out
    book = load_workbook(tmp_path / "out/programs.xlsx")
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert "Наставляемый: ФИО (только для куратора)" not in rows[0]
    everything = "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in (tmp_path / "out").glob("*.csv")
    )
    for secret in PRIVATE:
        assert secret not in everything, secret
    # Re-importing the public table changes nothing it has, and refuses to wipe
    # what the site withholds (results of a running program) without --force.
    result = run_cli("import", "practices", tmp_path / "out/practices.xlsx", project)
    assert result.code == 0 and "без изменений 6" in result.out
    result = run_cli("import", "programs", tmp_path / "out/programs.xlsx", project)
    assert result.code == 1 and "pp-2026-uu-01.yml" in result.out and "«Результаты»" in result.out
