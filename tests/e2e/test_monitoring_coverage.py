"""A monitoring year that few organizations have reported yet is marked as
incomplete everywhere, and an organization's declared share that its own
counts contradict is listed, not silently replaced."""

from __future__ import annotations

import csv
import html as htmllib
import io
import re
import shutil

import pytest

from tests.conftest import ROOT, read, run_cli


def text_of(path) -> str:
    page = re.sub(r"<script.*?</script>|<style.*?</style>", "", read(path), flags=re.S)
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """The demo city with a new year reported by two organizations of ten, and
    a school whose declared share disagrees with its counts."""
    project = tmp_path_factory.mktemp("coverage") / "city"
    shutil.copytree(ROOT / "demo/municipal", project)
    monitoring = project / "content/monitoring"
    rows = list(csv.reader(io.StringIO(read(monitoring / "znacheniya-2025.csv"))))
    header, body = rows[0], rows[1:]
    partial = [["2026", *r[1:]] for r in body if r[1] in ("sosh1", "sosh3")]
    assert {r[1] for r in partial} == {"sosh1", "sosh3"}
    declared = ["2025", "sosh1", "8.5", "69,28", "", ""]  # counts give another share
    with open(monitoring / "znacheniya-2026.csv", "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *partial])
    with open(monitoring / "znacheniya-2025.csv", "a", encoding="utf-8", newline="") as out:
        csv.writer(out).writerow(declared)
    catalog = read(ROOT / "generator/monitoring/catalog_default.yml")
    assert "\ntitle: " in catalog
    (monitoring / "catalog.yml").write_text(
        re.sub(
            r"\ntitle: [^\n]+", "\ntitle: Мониторинг наставничества Новоозёрской области", catalog
        ),
        "utf-8",
    )
    result = run_cli("build", project, "-q")
    assert result.code == 0, result.out
    return project / "site"


def test_the_regions_own_set_of_indicators_is_named(city):
    for page in ("monitoring/index.html", "monitoring/2025/index.html"):
        assert "Набор показателей: «Мониторинг наставничества Новоозёрской области»" in text_of(
            city / page
        )


def test_the_partial_year_says_how_many_reported_and_labels_no_rise_or_fall(city):
    summary = text_of(city / "monitoring/2026/index.html")
    assert "Данные за 2026 год сдали 2 из 10 организаций реестра (20 %)." in summary
    assert "Неполные данные" in summary
    labels = re.findall(
        r'class="nst-dyn nst-dyn--[a-z]+">([^<]+)<', read(city / "monitoring/2026/index.html")
    )
    heat_map = labels[5:]  # after the legend
    assert heat_map and set(heat_map) == {"неполные данные"}
    complete = text_of(city / "monitoring/2025/index.html")
    assert "Данные за 2025 год сдали 10 из 10 организаций реестра (100 %)." in complete
    assert "Неполные данные" not in complete
    index = text_of(city / "monitoring/index.html")
    assert "данные сдали 2 из 10 организаций ( неполные данные )" in index


def test_the_home_page_keeps_the_latest_complete_year(city):
    home = text_of(city / "index.html")
    assert "Наставничество в цифрах, 2025 год" in home
    assert (
        "Данные мониторинга за 2026 год пока неполные: их сдали 2 из 10 организаций; показан 2025 год."
        in home
    )
    assert (
        "2026 год" not in home.split("Целевые показатели")[1].split("Муниципальный координатор")[0]
    )


def test_downloads_carry_the_coverage(city):
    table = list(
        csv.reader(io.StringIO(read(city / "data/monitoring.csv").lstrip("\ufeff")), delimiter=";")
    )
    header = table[0]
    coverage, dynamics = header.index("полнота данных"), header.index("динамика")
    municipal_2026 = [r for r in table[1:] if r[0] == "2026" and not r[1]]
    assert municipal_2026 and {r[coverage] for r in municipal_2026} == {"2 из 10 — неполные данные"}
    assert {r[dynamics] for r in municipal_2026} == {"неполные данные"}
    assert {r[coverage] for r in table[1:] if r[0] == "2025" and not r[1]} == {"10 из 10"}


def test_an_organizations_declared_share_that_its_counts_contradict_is_listed(city):
    quality = text_of(city / "monitoring/2025/kachestvo-dannyh/index.html")
    assert re.search(
        r"заявлено 69,28 %, по количествам \d+ / \d+ получается [\d,]+ %; на сайте показана "
        r"вычисленная доля",
        quality,
    ), quality[:3000]
    assert "МБОУ «СОШ № 1»" in quality.split("69,28 %")[0][-2000:]
