"""A municipal project works the way an education office works: the registry
of organizations from a spreadsheet, every school's records in and out of one
table with an organization column, and open data of the whole portal."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from generator.util.later import resolved
from tests.conftest import copy_demo, copy_municipal_demo, run_cli
from tests.spreadsheets.helpers import fill_template

ORG_ID = "Идентификатор организации"
SOSH1 = (
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
    "школа № 1» города Новоозёрска"
)
KINDERGARTEN = {
    "Тип организации": "детский сад",
    "Полное наименование": "Муниципальное бюджетное дошкольное образовательное учреждение "
    "«Детский сад № 4» города Новоозёрска",
    "Краткое наименование": "МБДОУ «Детский сад № 4»",
    "Другие написания названия": "ДС № 4; Детский сад 4",
    "Официальный сайт": "https://ds4-novoozersk.example.ru/",
}


def read_csv(path):
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def sheet_rows(path):
    return list(load_workbook(path).worksheets[0].iter_rows(values_only=True))


@pytest.fixture
def city(tmp_path):
    return copy_municipal_demo(tmp_path / "city")


@pytest.fixture(scope="module")
def city_templates(tmp_path_factory):
    root = tmp_path_factory.mktemp("city-templates")
    project = copy_municipal_demo(root / "city")
    result = run_cli("templates", root / "tpl", "--project", project)
    assert result.code == 0, result.out
    return root / "tpl"


# -- registry: template, import, round trip ----------------------------------------
def test_registry_template_offers_the_types_and_org_ids(city_templates):
    assert sorted(p.name for p in city_templates.iterdir()) == [
        "acts.xlsx",
        "agreements.xlsx",
        "mentors.xlsx",
        "practices.xlsx",
        "programs.xlsx",
        "registry.xlsx",
    ]
    book = load_workbook(city_templates / "registry.xlsx")
    data = book["Данные"]
    headers = [c.value for c in data[1]]
    assert headers[:4] == [
        "Идентификатор",
        "Тип организации",
        "Полное наименование",
        "Краткое наименование",
    ]
    column = data.cell(row=1, column=headers.index("Тип организации") + 1).column_letter
    check = next(
        v for v in data.data_validations.dataValidation if str(v.sqref).startswith(f"{column}2")
    )
    sheet, cells = check.formula1.split("!")
    first, last = cells.replace("$", "").split(":")
    values = [c.value for row in book[sheet][f"{first}:{last}"] for c in row]
    assert values == ["школа", "ДОП", "ДОУ", "СПО", "иная организация"]
    guide = "\n".join(
        str(c.value) for row in book["Инструкция"].iter_rows() for c in row if c.value
    )
    assert "nastav import registry" in guide and "content/orgs/<id>/" in guide
    # Organization records start with the registry ids as a drop-down.
    mentors = load_workbook(city_templates / "mentors.xlsx")
    assert mentors["Данные"]["A1"].value == ORG_ID
    ids = [c.value for c in mentors["Справочники"]["A"][1:] if c.value]
    assert ids[:3] == ["sosh1", "gimnaziya2", "sosh3"] and len(ids) == 10


def test_school_templates_have_no_registry(tmp_path):
    project = copy_demo(tmp_path / "school")
    result = run_cli("templates", tmp_path / "tpl", "--project", project)
    assert result.code == 0 and not (tmp_path / "tpl/registry.xlsx").exists()
    assert load_workbook(tmp_path / "tpl/mentors.xlsx")["Данные"]["A1"].value != ORG_ID


def test_registry_import_adds_matches_by_name_and_builds(city, city_templates, tmp_path):
    table = fill_template(
        city_templates / "registry.xlsx",
        tmp_path / "reestr.xlsx",
        [
            KINDERGARTEN,
            # No id: the office's own list names the school; it is matched by name.
            {
                "Тип организации": "СОШ",
                "Полное наименование": SOSH1,
                "Краткое наименование": "МБОУ «СОШ № 1»",
                "Другие написания названия": 'МБОУ "СОШ №1"; СОШ № 1',
                "Официальный сайт": "https://sosh1-novoozersk.example.ru/",
            },
        ],
    )
    result = run_cli("import", "registry", table, city)
    assert result.code == 0, result.out
    assert "новых 1, изменённых 0, без изменений 1" in result.out
    text = (city / "content/registry.yml").read_text("utf-8")
    assert "- id: mbdou-detskiy-sad-4" in text and "type: ДОУ" in text
    assert "aliases: [ДС № 4, Детский сад 4]" in text
    assert text.count("- id: sosh1\n") == 1
    again = run_cli("import", "registry", table, city)
    assert "Изменений нет" in again.out
    result = run_cli("build", city, "-q")
    assert result.code == 0, result.out
    registry = (city / "site/organizatsii/index.html").read_text("utf-8")
    assert "МБДОУ «Детский сад № 4»" in registry
    assert (city / "site/organizatsii/mbdou-detskiy-sad-4/index.html").is_file()


def test_registry_errors_name_row_and_column(city, city_templates, tmp_path):
    table = fill_template(
        city_templates / "registry.xlsx",
        tmp_path / "reestr.xlsx",
        [
            {**KINDERGARTEN, "Идентификатор": "Детсад 4"},
            {
                **KINDERGARTEN,
                "Тип организации": "гимназия",
                "Краткое наименование": "ДС 5",
                "Идентификатор": "ds5",
            },
        ],
    )
    before = (city / "content/registry.yml").read_bytes()
    result = run_cli("import", "registry", table, city)
    assert result.code == 1
    assert "reestr.xlsx, строка 2, столбец A «Идентификатор»" in result.out
    assert "reestr.xlsx, строка 3, столбец B «Тип организации»" in result.out
    assert "«гимназия»" in result.out
    assert (city / "content/registry.yml").read_bytes() == before


def test_registry_is_refused_in_a_school_project(tmp_path, city_templates):
    project = copy_demo(tmp_path / "school")
    table = fill_template(city_templates / "registry.xlsx", tmp_path / "r.xlsx", [KINDERGARTEN])
    result = run_cli("import", "registry", table, project)
    assert result.code == 1
    assert "реестр организаций ведётся только в муниципальном проекте" in result.out
    assert not (project / "content/registry.yml").exists()


# -- organization records: routed by the organization column or --org -------------
MENTOR = {
    "ФИО": "Козлов Андрей Ильич",
    "Категория наставника": "педагог",
    "Должность": "учитель физики",
    "Согласие на распространение персональных данных: Поля, разрешённые к публикации": "ФИО; должность",
    "Согласие на распространение персональных данных: Дата согласия": "01.09.2026",
}


def test_one_sheet_fills_every_school_and_reimports_unchanged(city, city_templates, tmp_path):
    table = fill_template(
        city_templates / "mentors.xlsx",
        tmp_path / "mentors.xlsx",
        [
            {ORG_ID: "sosh3", **MENTOR},
            {ORG_ID: "МАОУ «Лицей № 7»", **MENTOR, "ФИО": "Носова Инна Петровна"},  # by name
        ],
    )
    result = run_cli("import", "mentors", table, city)
    assert result.code == 0, result.out
    assert "content/orgs/sosh3/mentors/kozlov-ai.yml" in result.out
    assert "content/orgs/litsey7/mentors/nosova-ip.yml" in result.out
    assert (city / "content/orgs/litsey7/mentors/nosova-ip.yml").is_file()
    assert not (city / "content/mentors").exists()
    only = run_cli("import", "mentors", table, city, "--org", "sosh3")
    assert "Строк других организаций пропущено: 1" in only.out and "без изменений 1" in only.out
    result = run_cli("build", city, "-q")
    assert result.code == 0, result.out
    assert "Козлов Андрей Ильич" in (city / "site/data/mentors.csv").read_text("utf-8")


def test_org_records_need_an_organization(city, city_templates, tmp_path):
    table = fill_template(
        city_templates / "mentors.xlsx", tmp_path / "m.xlsx", [{ORG_ID: "sosh99", **MENTOR}]
    )
    result = run_cli("import", "mentors", table, city)
    assert result.code == 1
    assert "m.xlsx, строка 2, столбец A «Идентификатор организации»" in result.out
    assert "организации «sosh99» нет в реестре" in result.out
    plain = tmp_path / "plain.csv"
    plain.write_text("ФИО;Категория наставника\nКозлов Андрей Ильич;педагог\n", "utf-8")
    result = run_cli("import", "mentors", plain, city)
    assert result.code == 1 and "--org ИДЕНТИФИКАТОР" in result.out
    result = run_cli("import", "mentors", plain, city, "--org", "sosh21")
    assert result.code == 0 and "content/orgs/sosh21/mentors/kozlov-ai.yml" in result.out


# -- export --------------------------------------------------------------------------
def test_municipal_export_has_every_organization_and_reimports(city, tmp_path):
    out = tmp_path / "out"
    result = run_cli("export", city, "--output", out)
    assert result.code == 0, result.out
    names = {p.name for p in out.iterdir()}
    for table in (
        "registry",
        "mentors",
        "programs",
        "practices",
        "acts",
        "documents",
        "organization",
        "monitoring",
    ):
        assert {f"{table}.csv", f"{table}.xlsx"} <= names, table
    registry = sheet_rows(out / "registry.xlsx")
    assert registry[0][:4] == (
        "Идентификатор",
        "Тип организации",
        "Полное наименование",
        "Краткое наименование",
    )
    assert len(registry) == 11 and registry[1][0] == "sosh1" and registry[1][1] == "школа"
    mentors = read_csv(out / "mentors.csv")
    assert list(mentors[0])[:3] == [ORG_ID, "Наименование организации", "Идентификатор"]
    by_org = {(m[ORG_ID], m["ФИО"]) for m in mentors}
    assert ("sosh3", "Дьячков Олег Викторович") in by_org
    assert ("gimnaziya2", "Калинина Светлана Олеговна") in by_org
    assert not any(m["ФИО"] == "Зайцева Ольга Игоревна" for m in mentors)  # no consent
    programs = read_csv(out / "programs.csv")
    assert {p[ORG_ID] for p in programs} == {
        "sosh1",
        "gimnaziya2",
        "sosh3",
        "litsey7",
        "sosh21",
        "ddt",
    }
    assert any(
        p["Страница на сайте"] == "organizatsii/sosh3/programmy/pp-2025-1/" for p in programs
    )
    acts = read_csv(out / "acts.csv")
    own = [a for a in acts if not a[ORG_ID]]  # the municipality's own acts
    assert own and all(a["Наименование организации"] for a in own)
    # What the site shows, edited nowhere, imports back onto the same records.
    for kind in ("registry", "mentors", "acts", "practices"):
        result = run_cli("import", kind, out / f"{kind}.xlsx", city)
        assert result.code == 0 and "Изменений нет" in result.out, (kind, result.out)


def test_export_of_one_organization_is_a_school_table(city, tmp_path):
    result = run_cli("export", city, "--org", "sosh3", "--output", tmp_path / "sosh3")
    assert result.code == 0, result.out
    mentors = read_csv(tmp_path / "sosh3/mentors.csv")
    assert ORG_ID not in mentors[0] and [m["ФИО"] for m in mentors] == ["Дьячков Олег Викторович"]
    assert not (tmp_path / "sosh3/registry.csv").exists()


# -- open data -----------------------------------------------------------------------
def test_open_data_of_the_portal_documents_every_field(municipal_site):
    data = municipal_site / "data"
    readme = (data / "README.txt").read_text("utf-8")
    assert readme.startswith("Открытые данные раздела «Наставничество» — Управление образования")
    for path in sorted(data.glob("*.csv")):
        assert f"{path.name}, {path.stem}.json" in readme, path.name
        items = json.loads((data / f"{path.stem}.json").read_text("utf-8"))["items"]
        rows = read_csv(path)
        assert len(rows) == len(items), path.name
        for header in rows[0] if rows else []:
            assert f"  {header} [" in readme, (path.name, header)
    registry = json.loads((data / "registry.json").read_text("utf-8"))["items"]
    assert registry[0] == {
        "id": "sosh1",
        "type": "школа",
        "full_name": SOSH1,
        "short_name": "МБОУ «СОШ № 1»",
        "aliases": ['МБОУ "СОШ №1"', "СОШ № 1"],
        "website": "https://sosh1-novoozersk.example.ru/",
        "page": "organizatsii/sosh1/",
        "has_section": True,
    }
    assert next(r for r in registry if r["id"] == "oosh9")["has_section"] is False
    programs = json.loads((data / "programs.json").read_text("utf-8"))["items"]
    program = next(
        p for p in programs if p["organization_id"] == "sosh3" and p["id"] == "pp-2025-1"
    )
    assert program["mentor_shown"] == "Дьячков Олег Викторович"
    assert (municipal_site / program["page"] / "index.html").is_file()
    running = next(p for p in programs if p["status"] != "завершена")
    assert "results" not in running


def test_monitoring_values_are_tidy_with_dynamics_and_safe_links(municipal_site):
    rows = read_csv(municipal_site / "data/monitoring.csv")
    assert list(rows[0])[:6] == [
        "год",
        "организация",
        "наименование организации",
        "направление",
        "критерий",
        "название критерия",
    ]
    city_total = next(
        r for r in rows if r["год"] == "2025" and not r["организация"] and r["критерий"] == "1.2"
    )
    assert city_total["получено"] == "вычислено" and city_total["единица"] == "количество"
    assert city_total["динамика"] in ("Положительная", "Отрицательная", "Стагнация")
    shares = [r for r in rows if r["единица"] == "доля, %" and r["значение"]]
    assert any("," in r["значение"] for r in shares)  # 69,28 — as the import reads it
    first_year = {r["динамика"] for r in rows if r["год"] == "2023"}
    assert first_year == {""}
    sosh5 = [r for r in rows if r["организация"] == "sosh5"]
    assert sosh5 and all(r["наименование организации"] == "МБОУ «СОШ № 5»" for r in sosh5)
    text = (municipal_site / "data/monitoring.csv").read_text("utf-8") + (
        municipal_site / "data/monitoring.json"
    ).read_text("utf-8")
    for bad in ("file:///", "C:/Users", "chrome-extension", "ouid="):
        assert bad not in text, bad
    assert any(r["ссылка"].startswith("https://sosh5-novoozersk") for r in sosh5)
    items = json.loads((municipal_site / "data/monitoring.json").read_text("utf-8"))["items"]
    share = next(
        i
        for i in items
        if i.get("unit") == "доля, %" and "value" in i and not isinstance(i["value"], int)
    )
    assert isinstance(share["value"], float)
    assert any("value" not in i and i["source"] == "замер не производился" for i in items)


def test_monitoring_open_data_reads_back_into_the_same_values(municipal_site, tmp_path):
    from generator.console import Console
    from generator.diagnostics import Report
    from generator.pipeline import Outcome, check

    def results(project):
        outcome = Outcome(Report())
        model = check(project, Console(quiet=True), outcome)
        assert model is not None, [d.format() for d in outcome.report.items]
        return resolved(model.municipality.monitoring).results

    original = copy_municipal_demo(tmp_path / "original")
    copy = copy_municipal_demo(tmp_path / "copy")
    for path in (copy / "content/monitoring").glob("znacheniya-*"):
        path.unlink()
    shutil.copy(municipal_site / "data/monitoring.csv", copy / "content/monitoring/")
    before, after = results(original), results(copy)
    assert after.years == before.years == [2023, 2024, 2025]
    for key, value in before.municipal.items():
        assert after.municipal[key].value == value.value, key
    compared = 0
    for key, value in before.orgs.items():
        if value.value is not None:
            assert after.orgs[key].value == value.value, key
            compared += 1
    assert compared > 1000 and isinstance(
        next(iter(after.municipal.values())).value, (Decimal, type(None))
    )
