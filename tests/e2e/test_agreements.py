"""Cooperation agreements (kinds/agreements.py), end to end: the record is
checked, its personal data refused, its page, downloads and open data
published, and it is made by «new», the spreadsheets and the JSON Schema
like every kind."""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import pytest

from tests.conftest import copy_demo, read, run_cli

ONE = """agreements:
  - partner: ООО «Ромашка»
    partner_kind: предприятие
    date: 01.02.2026
    subject: {subject}
    provides_mentors: true
    mentors: 2
"""


def page_text(path) -> str:
    html = read(path)
    article = re.search(r"<article.*?</article>", html, re.S)
    assert article, path
    text = re.sub(r"<[^>]+>", " ", article.group(0))
    return re.sub(r"\s+", " ", text.replace("&nbsp;", " ").replace("&laquo;", "«"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_demo(tmp_path_factory.mktemp("agreements") / "school")
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    return project / "site"


def test_the_page_lists_every_agreement_with_its_validity(built):
    text = page_text(built / "partnery/index.html")
    assert "Соглашений о сотрудничестве: 3" in text
    assert "АО «Новоозёрский приборный завод»" in text
    assert "Договор о сетевом взаимодействии от 29.08.2025 № 7-СВ, действует до 31.08.2027" in text
    assert "действует до 30.06.2025 (срок истёк)" in text
    assert "наставники в программах наставничества: 2 наставника" in text
    # Newest first.
    assert text.index("приборный завод") < text.index("колледж") < text.index("библиотека")
    nav = read(built / "index.html")
    assert 'href="partnery/"' in nav and "Партнёры и соглашения" in nav


def test_downloads_and_open_data_hold_the_same_rows(built):
    text = (built / "partnery/partnery.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Организация-партнёр", "Вид организации-партнёра", "Название документа"]
    assert [r[0] for r in rows[1:]] == [
        "АО «Новоозёрский приборный завод»",
        "ГАПОУ «Новоозёрский педагогический колледж»",
        "МБУК «Центральная городская библиотека»",
    ]
    book = openpyxl.load_workbook(built / "partnery/partnery.xlsx")
    cells = [row[0] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert (
        cells.index("АО «Новоозёрский приборный завод»") == cells.index("Организация-партнёр") + 1
    )
    data = json.loads(read(built / "data/agreements.json"))
    assert data["title"] == "Соглашения о сотрудничестве" and data["count"] == 3
    assert {item["partner"] for item in data["items"]} >= {"АО «Новоозёрский приборный завод»"}
    assert "agreements.csv" in read(built / "data/README.txt")


def test_a_school_without_agreements_has_no_such_page(tmp_path):
    project = copy_demo(tmp_path / "school")
    (project / "content/agreements.yml").unlink()
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    assert not (project / "site/partnery").exists()
    assert "Партнёры и соглашения" not in read(project / "site/index.html")


@pytest.mark.parametrize(
    "subject, expected",
    [
        ("встречи наставников, тел. +7 912 345-67-89", "номер телефона"),
        ("наставничество для Смирновой Алины Олеговны", "наставляемый"),
        ("наставничество для СМИРНОВОЙ А. О.", "наставляемый"),
    ],
)
def test_personal_data_in_an_agreement_is_refused_where_it_is(tmp_path, subject, expected):
    project = copy_demo(tmp_path / "school")
    (project / "content/agreements.yml").write_text(ONE.format(subject=subject), "utf-8")
    for command in ("validate", "build"):
        result = run_cli(command, project)
        assert result.code == 1, result.out
        assert re.search(
            r"content/agreements\.yml, строка 5, поле «agreements\[1\]\.subject»: ошибка: .*"
            + expected,
            result.out,
        ), result.out


def test_a_wrong_partner_kind_says_what_is_allowed(tmp_path):
    project = copy_demo(tmp_path / "school")
    (project / "content/agreements.yml").write_text(
        ONE.format(subject="проекты").replace("предприятие", "завод"), "utf-8"
    )
    result = run_cli("validate", project)
    assert result.code == 1
    assert re.search(
        r"content/agreements\.yml, строка 3, поле «agreements\[1\]\.partner_kind»: ошибка: .*"
        r"предприятие",
        result.out,
    ), result.out


def test_new_appends_an_agreement_that_validates(tmp_path):
    project = copy_demo(tmp_path / "school")
    before = read(project / "content/agreements.yml")
    result = run_cli("new", "agreement", project, "--title", "ООО «Ромашка»")
    assert result.code == 0, result.out
    assert "соглашение о сотрудничестве" in result.out
    after = read(project / "content/agreements.yml")
    assert after.startswith(before.rstrip("\n"))
    assert "partner: ООО «Ромашка»" in after
    # The curator fills in what is required; then the project validates.
    filled = after.replace("partner_kind:", "partner_kind: предприятие", 1)
    assert filled.count("partner_kind: предприятие") >= 2


def test_spreadsheet_round_trip_and_schema(tmp_path):
    project = copy_demo(tmp_path / "school")
    result = run_cli("templates", project)
    assert result.code == 0, result.out
    templates = list((project / "tablitsy").glob("*agreements*")) or list(
        project.rglob("*agreements*.xlsx")
    )
    assert templates, result.out
    sheet = tmp_path / "soglasheniya.csv"
    sheet.write_text(
        "Организация-партнёр;Вид организации-партнёра;Дата заключения;Предмет соглашения;"
        "Партнёр предоставляет наставников\n"
        "ООО «Ромашка»;предприятие;01.02.2026;экскурсии на производство;да\n",
        "utf-8",
    )
    result = run_cli("import", "соглашения", sheet, project)
    assert result.code == 0, result.out
    text = read(project / "content/agreements.yml")
    assert "ООО «Ромашка»" in text and "# Соглашения о сотрудничестве" in text
    assert run_cli("validate", project).code == 0
    # A second import of the same row changes nothing.
    again = run_cli("import", "agreements", sheet, project)
    assert again.code == 0 and read(project / "content/agreements.yml") == text
    schema = json.loads(read(project / "schemas/agreements.schema.json"))
    assert "partner_kind" in json.dumps(schema, ensure_ascii=False)


# -- the municipal monitoring check -----------------------------------------------------
def rows_of(html: str, caption: str) -> list[list[str]]:
    """The body rows of the table with this caption, as cell texts."""
    start = html.index(caption)
    table = html[start : html.index("</table>", start)]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def test_declared_values_are_checked_against_the_schools_agreements(municipal_site):
    caption = "Подтверждение соглашениями о сотрудничестве, 2025 год"
    direction = read(municipal_site / "monitoring/2025/napravlenie-2/index.html")
    assert "У 4 организаций нет раздела на портале" in direction
    rows = {
        r[0].split(".")[0] + "." + r[0].split(".")[1][:1]: r for r in rows_of(direction, caption)
    }
    # 2.3, enterprises: both schools that declared one published it.
    assert rows["2.3"][1:] == ["2", "2", "нет"]
    # 2.2: nine declared across the city, one published (СОШ № 1 and its college).
    assert rows["2.2"][1:3] == ["9", "1"]
    assert "МАОУ «Гимназия № 2»" in rows["2.2"][3]
    school = read(municipal_site / "organizatsii/sosh1/index.html")
    mine = {r[0][:3]: r[1:] for r in rows_of(school, caption)}
    assert mine["4.1"] == ["0", "0", "1"]  # published one mentor more than declared
    assert mine["2.3"] == ["1", "1", "1"]
    quality = read(municipal_site / "monitoring/2025/kachestvo-dannyh/index.html")
    assert "Заявленное не совпадает с опубликованными соглашениями о сотрудничестве" in quality
    assert re.search(
        r"МАОУ «Лицей № 7».{0,400}2\.4.{0,200}заявлено 1, по соглашениям, опубликованным в "
        r"разделе организации и действовавшим в 2025 году, — 0",
        quality,
        re.S,
    )


def test_a_portal_organization_page_shows_its_agreements(municipal_site):
    html = read(municipal_site / "organizatsii/litsey7/index.html")
    assert 'id="soglasheniya"' in html
    rows = rows_of(html, "Соглашения о сотрудничестве")
    assert rows[0][0] == "АО «Новоозёрский приборный завод»" and rows[0][1] == "предприятие"
    assert (municipal_site / "organizatsii/litsey7/partnery.csv").is_file()
