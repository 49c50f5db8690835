"""Monitoring: catalog, input formats, computation and data quality, checked
against the real 2024 municipal report (Table 38, Tables 6 and 6.1)."""

import csv
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.config import load_settings
from generator.diagnostics import Report
from generator.load.municipal import load_municipal
from generator.monitoring.catalog import DEFAULT_CATALOG, load_catalog
from generator.monitoring.compute import compute
from generator.monitoring.quality import find_issues
from tests.conftest import ROOT

FIXTURES = Path(__file__).parents[1] / "fixtures" / "monitoring"


def official_labels() -> list[tuple[str, str]]:
    with open(FIXTURES / "table38_labels.csv", encoding="utf-8") as f:
        return [tuple(r) for r in list(csv.reader(f, delimiter=";"))[1:]]


def catalog():
    report = Report()
    result = load_catalog(DEFAULT_CATALOG, "catalog", report)
    assert report.ok, report.items
    return result


def test_default_catalog_is_table_38_verbatim():
    cat = catalog()
    assert len(cat.directions) == 13
    assert [c.name for c in cat.ordered()] == [name for name, _ in official_labels()]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2.6", "2.6"),
        ("КОЛИЧЕСТВО НАСТАВНИКОВ ОО (по приказу)", "2.6"),
        ("Количество  наставников ОО", "2.6"),
        ("Наличие приказа о реализации Целевой модели наставничества в муниципалитете", "1.1"),
        (
            "Наличие приказа о реализации Целевой модели наставничества в муниципалитете "
            "(1 – да / 0 - нет)",
            "1.1",
        ),
        ("Количество персонализированных программ по форме: учитель - ученик", "3.7"),
        ("Общее количество Положений о материальном поощрении наставников", "11.1"),
        (
            "Количество сетевых наставников (в соответствии с приказом МОиН УР № 15/09 от "
            "29.12.2017 года «Об организации сетевого наставничества в Удмуртской Республике»)",
            "13.2",
        ),
    ],
)
def test_criterion_matching_forgives_spelling(typed, expected):
    assert catalog().match(typed).id == expected


ONE_ORG = [{"id": "s1", "type": "школа", "full_name": "Школа 1", "short_name": "Школа 1"}]


def municipal_project(tmp_path: Path, orgs: list[dict], files: dict[str, str | bytes]) -> Path:
    orgs = orgs or ONE_ORG
    project = tmp_path / "city"
    (project / "content" / "monitoring").mkdir(parents=True)
    (project / "site_config.yml").write_text("mode: municipal\n", encoding="utf-8")
    shutil.copy(ROOT / "demo/municipal/content/coordinator.yml", project / "content")
    (project / "content/registry.yml").write_text(
        yaml.safe_dump({"organizations": orgs}, allow_unicode=True), encoding="utf-8"
    )
    for name, data in files.items():
        path = project / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return project


def load(project: Path):
    report = Report()
    settings = load_settings(project, report)
    content = load_municipal(project, settings, report)
    return content, report


def results_of(content):
    return compute(content.catalog, content.observations, [e.id for e in content.entries])


def test_official_dynamics_labels_reproduced(tmp_path):
    project = municipal_project(
        tmp_path, [], {"monitoring/table38.csv": (FIXTURES / "table38.csv").read_text("utf-8-sig")}
    )
    content, report = load(project)
    assert report.ok, [d.format() for d in report.items]
    results = results_of(content)
    for name, label in official_labels():
        assert results.dynamics(2024, content.catalog.match(name).id) == label, name


def test_shares_recomputed_from_counts_and_mismatches_listed(tmp_path):
    project = municipal_project(
        tmp_path, [], {"monitoring/table38.csv": (FIXTURES / "table38.csv").read_text("utf-8-sig")}
    )
    content, _ = load(project)
    results = results_of(content)
    # Where the report's own counts support its shares, they agree to the cent.
    for year, criterion, share in [
        (2024, "5.9", "7.28"),
        (2024, "6.3", "5.39"),
        (2023, "6.3", "6.84"),
        (2024, "8.5", "69.28"),
        (2023, "8.5", "73.26"),
        (2024, "10.4", "14.28"),
        (2024, "10.5", "16.46"),
        (2023, "10.5", "16.77"),
    ]:
        assert results.value(year, criterion).value == Decimal(share)
    # Where they do not, the mismatch is a finding (and the shown value is the computed one).
    shares = {(f.year, f.criterion) for f in find_issues(results, 3) if f.kind == "share"}
    assert shares == {(2023, "5.9"), (2023, "8.6"), (2024, "8.6")}
    assert results.value(2023, "5.9").value == Decimal("8.15")  # 4062 / 49842
    parts = {(f.year, f.criterion) for f in find_issues(results, 3) if f.kind == "parts"}
    assert (2024, "3.1") in parts  # 1111 programs vs 1089 by form (5 «иные» accepted)


def variant(name: str) -> str:
    """How other reports spell the same organization: «» quotes, «№60»/«№ 60»."""
    text = re.sub(r'"([^"]*)"', r"«\1»", name, count=1)
    return re.sub(r"№\s*(\d)", r"№ \1", text) if "№ " not in text else text.replace("№ ", "№")


def test_table6_organizations_sum_to_the_municipal_figures(tmp_path):
    with open(FIXTURES / "table6.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    orgs = [
        {
            "id": f"org{i:02d}",
            "type": "школа" if r["тип"] == "school" else "ДОП",
            "full_name": r["организация"],
            "short_name": r["организация"],
        }
        for i, r in enumerate(rows, start=1)
    ]
    lines = ["год;организация;критерий;значение;ссылка;комментарий"]
    for r in rows:
        org = variant(r["организация"])
        link = "https://school.example.ru/docs/prikaz.pdf"
        lines.append(
            f'2024;"{org.replace(chr(34), chr(34) * 2)}";Количество наставников ОО '
            f"(по приказу);{r['наставников']};{link};"
        )
        lines.append(f'2024;"{org.replace(chr(34), chr(34) * 2)}";2.7;{r["наставляемых"]};;')
    lines.append("2024;;Количество наставников ОО (по приказу);1354;;")
    lines.append("2024;;Количество наставляемых ОО (по приказу);4 740;;")
    project = municipal_project(tmp_path, orgs, {"monitoring/t6.csv": "\n".join(lines)})
    content, report = load(project)
    assert report.ok, [d.format() for d in report.errors][:5]
    results = results_of(content)
    assert results.value(2024, "2.6").value == 1354 and results.value(2024, "2.6").computed == 1354
    assert results.value(2024, "2.7").value == 4740
    findings = find_issues(results, 3)
    assert not [f for f in findings if f.kind == "total"]  # sums agree with the report
    ratios = {f.org: f.message for f in findings if f.kind == "ratio"}
    by_name = {o["full_name"]: o["id"] for o in orgs}
    assert "782 наставляемых на 17 наставников — в среднем 46" in ratios[by_name["МБОУ СОШ №85"]]
    assert "в среднем 105" in ratios[by_name["МБОУ СОШ №12"]]
    no_links = {f.org for f in findings if f.kind == "no_link"}
    assert len(no_links) == 93  # mentees were given without evidence links


def test_input_formats_and_russian_errors_with_rows(tmp_path):
    orgs = [
        {
            "id": "sosh60",
            "type": "школа",
            "full_name": 'МБОУ "СОШ №60"',
            "short_name": "СОШ № 60",
            "aliases": ["МБОУ «СОШ № 60» имени А. Петрова"],
        }
    ]
    good = (
        "год,организация,критерий,значение,ссылка,комментарий\n"
        "2024,МБОУ «СОШ № 60»,2.6,1 111,https://s.ru/a.pdf,\n"
        '2024,МБОУ «СОШ № 60» им. А. Петрова,"Доля педагогов, вошедших в программы '
        'наставничества в роли наставляемого","15,50%",https://s.ru/b.pdf,\n'
        "2024,,1.1,да,,\n2024,,7.1,замер не производился,,\n"
    )
    bad = (
        "\ufeffгод;организация;критерий;значение;ссылка;комментарий\n"
        "2024;СОШ № 61;2.6;3;;\n"
        "2024;;Несуществующий критерий;3;;\n"
        "2024;;2.7;много;;\n"
        "20x4;;2.7;5;;\n"
    )
    project = municipal_project(
        tmp_path, orgs, {"monitoring/good.csv": good, "monitoring/bad.csv": bad}
    )
    content, report = load(project)
    errors = [d.format() for d in report.errors]
    assert (
        "content/monitoring/bad.csv, строка 2: ошибка: организации «СОШ № 61» нет в реестре"
        in errors[0]
    )
    assert any("строка 3" in e and "критерия «Несуществующий критерий» нет" in e for e in errors)
    assert any("строка 4" in e and "«много» не целое число" in e for e in errors)
    assert any("строка 5" in e and "год" in e for e in errors)
    assert len(errors) == 4 and not any("good.csv" in e for e in errors)
    values = {(o.org, o.criterion): o.value for o in content.observations}
    assert values[("sosh60", "2.6")] == 1111 and values[("sosh60", "8.6")] == Decimal("15.50")
    assert values[(None, "1.1")] == 1 and values[(None, "7.1")] is None


def test_xlsx_and_yaml_input(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Год", "Организация", "Критерий", "Значение", "Ссылка", "Комментарий"])
    sheet.append([2025, "sosh1", "5.2", 30, "https://s.ru/a.pdf", None])
    sheet.append([2025, None, "7.1", 0.9461, None, None])
    sheet["D3"].number_format = "0.00%"  # Excel stores 94,61 % as 0.9461
    path = tmp_path / "v.xlsx"
    workbook.save(path)
    orgs = [{"id": "sosh1", "type": "школа", "full_name": "СОШ 1", "short_name": "СОШ 1"}]
    project = municipal_project(
        tmp_path,
        orgs,
        {
            "monitoring/values.xlsx": path.read_bytes(),
            "monitoring/values-2024.yml": "values:\n  - {year: 2024, org: sosh1, criterion: '5.2', "
            "value: '25', link: 'https://s.ru/b.pdf'}\n",
        },
    )
    content, report = load(project)
    assert report.ok, [d.format() for d in report.items]
    values = {(o.year, o.org, o.criterion): o.value for o in content.observations}
    assert values[(2025, "sosh1", "5.2")] == 30 and values[(2024, "sosh1", "5.2")] == 25
    assert values[(2025, None, "7.1")] == Decimal("94.61")
    assert results_of(content).dynamics(2025, "5.2") == "Положительная"


def test_a_region_replaces_the_catalog(tmp_path):
    own = {
        "title": "Свой набор",
        "directions": [
            {
                "id": "1",
                "name": "Наставники",
                "criteria": [
                    {"id": "A", "name": "Наставников", "unit": "количество", "aggregate": "sum"},
                    {"id": "B", "name": "Педагогов", "unit": "количество", "aggregate": "sum"},
                    {
                        "id": "C",
                        "name": "Доля наставников",
                        "unit": "доля",
                        "numerator": ["A"],
                        "denominator": ["B"],
                        "target": 20,
                    },
                ],
            }
        ],
    }
    orgs = [{"id": "s1", "type": "школа", "full_name": "Школа 1", "short_name": "Школа 1"}]
    project = municipal_project(
        tmp_path,
        orgs,
        {
            "monitoring/catalog.yml": yaml.safe_dump(own, allow_unicode=True),
            "monitoring/v.csv": "год;организация;критерий;значение;ссылка;комментарий\n"
            "2025;s1;Наставников;3;;\n2025;s1;B;40;;\n",
        },
    )
    content, report = load(project)
    assert report.ok, [d.format() for d in report.items]
    assert results_of(content).value(2025, "C").value == Decimal("7.50")


def test_broken_catalog_is_reported(tmp_path):
    own = {
        "title": "Свой",
        "directions": [
            {
                "id": "1",
                "name": "Н",
                "criteria": [
                    {
                        "id": "A",
                        "name": "Доля",
                        "unit": "доля",
                        "numerator": ["X"],
                        "denominator": ["A"],
                    }
                ],
            }
        ],
    }
    project = municipal_project(
        tmp_path, [], {"monitoring/catalog.yml": yaml.safe_dump(own, allow_unicode=True)}
    )
    _, report = load(project)
    assert any("неизвестный критерий «X»" in d.message for d in report.errors)
