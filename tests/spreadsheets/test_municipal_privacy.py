"""Nothing personal leaves a municipal project through its files: open data,
``nastav export`` and the Госвеб archive publish what the pages publish —
mentors within their consents, mentees never, results only when completed."""

from __future__ import annotations

import zipfile

import pytest

from tests.conftest import copy_municipal_demo, edit, run_cli

SOSH3 = "content/orgs/sosh3"
# Each string is in the project and must not be in any published file.
PRIVATE = [
    "Сорокин Пётр Ильич",
    "Сорокин",
    "Тихонова",
    "Белкина",
    "старший методист кабинета 7",
    "промежуточный итог программы не публикуется",
    "учитель химии и биологии",
]


def write(project, rel, text):
    path = project / rel
    path.write_text(text, "utf-8")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    project = copy_municipal_demo(tmp_path_factory.mktemp("private") / "city")
    # No consent at all; consent for the name only; consent withdrawn.
    write(
        project,
        f"{SOSH3}/mentors/mentor-7.yml",
        "full_name: Сорокин Пётр Ильич\ncategory: педагог\nposition: учитель химии и биологии\n"
        "forms: [учитель – учитель]\n",
    )
    write(
        project,
        f"{SOSH3}/mentors/mentor-8.yml",
        "full_name: Орлова Вера Николаевна\ncategory: педагог\n"
        "position: старший методист кабинета 7\nforms: [учитель – учитель]\n"
        "consent: {fields: [ФИО], date: 01.09.2026}\n",
    )
    write(
        project,
        f"{SOSH3}/mentors/mentor-9.yml",
        "full_name: Тихонова Юлия Сергеевна\ncategory: педагог\nposition: учитель музыки\n"
        "consent: {fields: [ФИО, должность], date: 01.09.2025, withdrawn: 01.10.2026}\n",
    )
    # A completed program led by the mentor without consent, its mentee named
    # for the curator; a running program with results written too early.
    edit(project, f"{SOSH3}/programs/pp-2025-1.yml", "mentor: mentor-1", "mentor: mentor-7")
    edit(
        project,
        f"{SOSH3}/programs/pp-2025-1.yml",
        "  category: молодые специалисты",
        "  category: молодые специалисты\n  full_name: Белкина Дарья Олеговна",
    )
    text = (project / f"{SOSH3}/programs/pp-2026-1.yml").read_text("utf-8")
    assert "results:" not in text
    write(
        project,
        f"{SOSH3}/programs/pp-2026-1.yml",
        text + "results: Промежуточный итог программы не публикуется до завершения.\n",
    )
    result = run_cli("build", project, "-q")
    assert result.code == 0, result.out
    return project


def published_texts(folder):
    from openpyxl import load_workbook

    texts = {}
    for path in folder.rglob("*"):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and path.suffix in (".csv", ".json", ".txt", ".html", ".atom"):
            texts[name] = path.read_text("utf-8", "replace")
        elif path.suffix == ".xlsx":
            book = load_workbook(path, read_only=True)
            texts[name] = "\n".join(
                str(v)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
                for v in row
                if v is not None
            )
            book.close()
    return texts


def assert_private_absent(texts):
    assert texts
    for name, text in texts.items():
        lowered = text.lower()
        for secret in PRIVATE:
            assert secret.lower() not in lowered, (name, secret)


def test_open_data_publishes_only_what_consents_allow(city):
    data = city / "site/data"
    assert_private_absent(published_texts(data))
    mentors = (data / "mentors.csv").read_text("utf-8")
    assert "sosh3;МБОУ «СОШ № 3»;mentor-8;Орлова Вера Николаевна;педагог;;" in mentors
    programs = (data / "programs.csv").read_text("utf-8")
    line = next(x for x in programs.splitlines() if x.startswith("sosh3;") and ";pp-2025-1;" in x)
    assert line.endswith(";педагог")  # shown by role: no consent, no name, no id
    assert "Программа выполнена" in line  # completed: results published


def test_export_and_gosweb_archive_hold_nothing_private(city, tmp_path):
    result = run_cli("export", city, "--output", tmp_path / "export")
    assert result.code == 0, result.out
    exported = published_texts(tmp_path / "export")
    assert_private_absent(exported)
    assert "Орлова Вера Николаевна" in exported["mentors.xlsx"]
    result = run_cli("export-gosweb", city, tmp_path / "gosweb.zip")
    assert result.code == 0, result.out
    with zipfile.ZipFile(tmp_path / "gosweb.zip") as archive:
        archive.extractall(tmp_path / "gosweb")
    texts = published_texts(tmp_path / "gosweb")
    assert any(name.startswith("sosh3/stranitsy/") for name in texts)
    assert_private_absent(texts)
