"""The monitoring report («информационно-аналитическая справка», issue 17):
for each year of the demo municipal portal (2023–2025) a DOCX that Word and
LibreOffice open and edit, and a tagged PDF with the same text; both linked
from the year's page; ``nastav report`` writes the same files.

The PDF needs LibreOffice. ``./run test`` installs it; where it is missing
only the checks of the PDF are skipped, with the reason."""

from __future__ import annotations

import csv
import html as html_module
import io
import re
import shutil
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

import docx
import pytest
import yaml
from pypdf import PdfReader

from generator import addresses
from generator.diagnostics import Report
from generator.monitoring.catalog import DEFAULT_CATALOG, load_catalog
from generator.report.pdf import SWITCH, convert, pdf_facts
from tests.conftest import ROOT, copy_municipal_demo, read, run_cli
from tests.office import OFFICE, needs_office, structure

YEARS = [2023, 2024, 2025]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABELS = {"Положительная", "Отрицательная", "Стагнация", "замер не производился", "—"}
NO_OFFICE = "для PDF нужен LibreOffice"


CATALOG = load_catalog(DEFAULT_CATALOG, "catalog_default.yml", Report())
assert CATALOG is not None
CRITERIA = CATALOG.ordered()


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The municipal demo built once, with LibreOffice when it is installed."""
    project = copy_municipal_demo(tmp_path_factory.mktemp("report") / "city")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(SWITCH, raising=False)
        result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    assert (NO_OFFICE in result.out) == (OFFICE is None), result.out
    return project


def site_file(city: Path, year: int, ext: str) -> Path:
    return city / "site" / addresses.monitoring_report(year, ext)


def opened(city: Path, year: int):
    return docx.Document(str(site_file(city, year, "docx")))


def texts(row) -> list[str]:
    return [cell.text.strip() for cell in row.cells]


def heat_map(document):
    """The summary table: the one whose caption names the «тепловая карта»."""
    for table in document.tables:
        caption = table._tbl.tblPr.find(f"{W}tblCaption")
        if caption is not None and "Тепловая карта" in caption.get(f"{W}val"):
            return table
    raise AssertionError("no «тепловая карта» table")


def joined(text: str) -> str:
    """Text as extracted from a PDF compares to the source: spaces collapsed,
    and a line broken after a hyphen («педагогов- наставников») joined."""
    return " ".join(text.split()).replace("- ", "-")


def number(text: str) -> Decimal | str:
    """A value as the DOCX or the site's CSV writes it, to compare them."""
    text = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").rstrip("%")
    if text in ("да", "нет"):
        return Decimal(text == "да")
    if text in ("—", ""):
        return ""
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return text


# -- the DOCX ----------------------------------------------------------------------------
@pytest.mark.parametrize("year", YEARS)
def test_docx_has_a_row_for_each_criterion_with_the_years_and_the_dynamics(city, year):
    """Every criterion of the 63, with each year's value and the dynamics label
    as the site's own «тепловая карта» has them (its CSV download)."""
    table = heat_map(opened(city, year))
    rows = [texts(r) for r in table.rows]
    years = [y for y in YEARS if y <= year]
    assert rows[0] == ["№", "Критерий", *[f"{y} г." for y in years], "Динамика", "Комментарий"]
    by_id = {r[0]: r for r in rows[1:] if r[0] != r[1]}  # direction rows span the table
    assert len(by_id) == len(CRITERIA) == 63
    page = addresses.monitoring_year(year)
    with open(city / "site" / page / "svodnaya-tablitsa.csv", encoding="utf-8-sig") as stream:
        site = {r[0]: r for r in list(csv.reader(stream, delimiter=";"))[1:]}
    for criterion in CRITERIA:
        row = by_id[criterion.id]
        assert row[1] == criterion.name
        assert row[-2] in LABELS, row
        assert row[-2] == (site[criterion.id][-2] or "—"), row
        assert row[-1] == site[criterion.id][-1]
        values = [number(v) for v in row[2:-2]]
        assert values == [number(v) for v in site[criterion.id][2:-2]], (row, site[criterion.id])
    if year > YEARS[0]:
        assert {r[-2] for r in by_id.values()} >= {"Положительная", "Отрицательная"}
    else:
        assert {r[-2] for r in by_id.values()} == {"—"}  # the first year has no dynamics


def test_docx_shows_the_2025_values_of_mentors_as_the_portal_does(city):
    row = next(texts(r) for r in heat_map(opened(city, 2025)).rows if texts(r)[0] == "2.6")
    assert row[:6] == ["2.6", "Количество наставников ОО (по приказу)", "167", "203", "258",
                       "Положительная"]  # fmt: skip


def test_docx_colours_each_dynamics_cell_and_writes_its_label(city):
    fills = {}
    for row in heat_map(opened(city, 2025)).rows[1:]:
        cell = row.cells[-2]
        shade = cell._tc.tcPr.find(f"{W}shd")
        if cell.text in ("Положительная", "Отрицательная", "Стагнация"):
            fills.setdefault(cell.text, set()).add(shade.get(f"{W}fill"))
    assert fills == {"Положительная": {"DCEFE0"}, "Отрицательная": {"F8DCDC"},
                     "Стагнация": {"FDF3C7"}}  # fmt: skip


def test_docx_has_headings_for_the_directions_and_the_report_parts(city):
    document = opened(city, 2025)
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    level_1 = [text for style, text in headings if style == "Heading 1"]
    assert level_1 == [
        "1. Введение",
        "2. Сводные результаты мониторинга 2025 года",
        "3. Результаты по направлениям",
        "4. Заключение",
        "Приложение. Качество данных",
    ]
    level_2 = [text for style, text in headings if style == "Heading 2"]
    for index, direction in enumerate(CATALOG.directions, start=1):
        assert f"3.{index}. {direction.name}" in level_2
    assert "1.1. Основание" in level_2 and "4.1. Сильные стороны реализации программ " \
        "наставничества" in level_2  # fmt: skip
    body = "\n".join(p.text for p in document.paragraphs)
    # The order the 2025 stage is based on, from the portal's normative acts.
    assert "Приказ от 16.09.2025 № 412 «О проведении муниципального этапа мониторинга" in body
    assert "Адресные рекомендации по результатам анализа" in body
    assert "обеспечить включение не менее 70 % обучающихся 10–19 лет" in body  # direction 5


def test_docx_tables_repeat_their_header_row_and_rows_do_not_break(city):
    document = opened(city, 2024)
    assert len(document.tables) > 20
    for table in document.tables:
        first, *rest = table._tbl.findall(f"{W}tr")
        header = first.find(f"{W}trPr/{W}tblHeader")
        assert header is not None and header.get(f"{W}val") == "true"
        assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in rest)
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rest)


def test_docx_language_page_numbers_contents_and_no_author(city):
    data = site_file(city, 2025, "docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode()
        document_xml = package.read("word/document.xml").decode()
        footers = [package.read(n).decode() for n in package.namelist() if "footer" in n]
        core = package.read("docProps/core.xml").decode()
        settings = package.read("word/settings.xml").decode()
        names = package.namelist()
    lang = re.search(r"<w:rPrDefault>.*?<w:lang ([^>]*)/>", styles, re.S)
    assert lang and 'w:val="ru-RU"' in lang.group(1)
    assert "<dc:language>ru-RU</dc:language>" in core
    assert "creator" not in core and "lastModifiedBy" not in core and "created" not in core
    assert any(re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", f) for f in footers)
    assert re.search(r'<w:instrText[^>]*> TOC \\o "1-2" \\h \\z \\u </w:instrText>', document_xml)
    assert 'w:themeFontLang w:val="ru-RU"' in settings
    assert "docProps/thumbnail.jpeg" not in names
    # Page numbers in the contents come from LibreOffice's layout of the same document.
    if OFFICE is not None:
        pages = re.findall(
            r"PAGEREF _Toc\d+ \\h </w:instrText>.*?<w:t[^>]*>(\d+)</w:t>", document_xml
        )
        assert len(pages) > 20 and pages == sorted(pages, key=int)
        assert "updateFields" not in settings


@needs_office
def test_libreoffice_converts_the_published_docx_without_error(city):
    data = site_file(city, 2023, "docx").read_bytes()
    assert OFFICE is not None
    pdf = convert(OFFICE, {"spravka": data})["spravka"]
    facts = pdf_facts(pdf)
    assert facts.tagged and facts.language == "ru-RU" and facts.pages > 10


# -- the PDF -----------------------------------------------------------------------------
@needs_office
@pytest.mark.parametrize("year", YEARS)
def test_pdf_is_tagged_in_russian_and_has_every_criterion(city, year):
    data = site_file(city, year, "pdf").read_bytes()
    reader = PdfReader(io.BytesIO(data))
    root = reader.root_object
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower().startswith("ru")
    assert "Информационно-аналитическая справка" in str(reader.metadata.title)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    missing = [c.name for c in CRITERIA if joined(c.name) not in joined(text)]
    assert not missing
    assert "Положительная" in text or year == YEARS[0]
    assert f"Сводные результаты мониторинга {year} года" in text
    # The table of contents has the page numbers LibreOffice laid out.
    contents = " ".join(reader.pages[1].extract_text().split())
    assert re.search(r"1\. Введение\.{5,}3", contents), contents[:300]


@needs_office
def test_pdf_tags_tables_with_header_cells(city):
    reader = PdfReader(str(site_file(city, 2025, "pdf")))
    roles = {str(node["/S"]) for node in structure(reader)}
    assert {"/Table", "/TR", "/TH", "/TD", "/H1", "/H2", "/L", "/LI", "/Link"} <= roles


def _chart_frames(path: Path) -> list[tuple[str, str, str]]:
    """(title, description, chart XML) of each chart drawn in the DOCX."""
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
        targets = dict(re.findall(r'Id="(rId\w+)"[^>]*Target="(charts/chart\d+\.xml)"', rels))
        targets |= {
            r: t for t, r in re.findall(r'Target="(charts/chart\d+\.xml)"[^>]*Id="(rId\w+)"', rels)
        }
        frames = []
        for title, descr, r_id in re.findall(
            r'<wp:docPr [^>]*title="([^"]*)" descr="([^"]*)"/>.*?<c:chart r:id="(rId\w+)"/>',
            body,
        ):
            frames.append((title, descr, archive.read(f"word/{targets[r_id]}").decode("utf-8")))
        return frames


def test_docx_draws_each_directions_charts_with_their_text_alternative(city):
    """The charts of the direction pages, as Word charts: the values the site
    draws, the site's one-sentence summary as the chart's description and
    printed under it."""
    frames = _chart_frames(site_file(city, 2024, "docx"))
    assert len(frames) >= 13, "at least the year-by-year chart of every direction"
    page = read(city / "site" / addresses.monitoring_direction(2024, "1") / "index.html")
    site_summaries = re.findall(r"<figcaption>(.*?)</figcaption>", page)
    assert site_summaries
    descriptions = [html_module.unescape(d) for _, d, _ in frames]
    for summary in site_summaries:
        assert html_module.unescape(summary) in descriptions
    paragraphs = [p.text for p in opened(city, 2024).paragraphs]
    for description in descriptions:
        assert description in paragraphs, "the text alternative is printed under the chart"
    years_chart = frames[0][2]
    assert "<c:barChart>" in years_chart and "<c:v>2023</c:v>" in years_chart
    assert "<c:v>2024</c:v>" in years_chart and "<c:v>2025</c:v>" not in years_chart


def test_a_chart_of_many_organizations_is_cut_into_parts_that_fit_a_page():
    from generator.render.monitoring_charts import ORGANIZATIONS, ChartData
    from generator.report.word_charts import PER_CHART, chart_parts

    points = tuple((f"Школа № {i}", Decimal(100 - i)) for i in range(93))
    chart = ChartData("c", ORGANIZATIONS, "Доля", "Значения 93 организаций.", points, "%", None)
    parts = chart_parts(chart)
    assert [len(p[2]) for p in parts] == [PER_CHART, PER_CHART, 93 - 2 * PER_CHART]
    assert parts[1][0] == f"Доля (часть 2 из 3: места {PER_CHART + 1}–{2 * PER_CHART})"
    assert [pt for p in parts for pt in p[2]] == list(points)


@needs_office
def test_pdf_charts_are_figures_with_their_text_alternative(city):
    reader = PdfReader(str(site_file(city, 2024, "pdf")))
    alternatives = [
        str(node["/Alt"]) if "/Alt" in node else None
        for node in structure(reader)
        if node["/S"] == "/Figure"
    ]
    assert alternatives == [
        html_module.unescape(d) for _, d, _ in _chart_frames(site_file(city, 2024, "docx"))
    ]


@needs_office
def test_a_pdf_too_large_to_name_its_figures_or_unreadable_comes_back_as_none(city, monkeypatch):
    """A region's report has 540,000 objects, which pypdf would copy one by
    one (43 s, 2.9 GB): the build then keeps LibreOffice's PDF and warns."""
    from generator.report import pdf as pdf_module

    made = site_file(city, 2024, "pdf").read_bytes()
    texts = [html_module.unescape(d) for _, d, _ in _chart_frames(site_file(city, 2024, "docx"))]
    assert pdf_module.name_figures(made, texts) == made  # named already: nothing to add
    monkeypatch.setattr(pdf_module, "FIGURE_NAMING_LIMIT", 1_000)
    assert pdf_module.name_figures(made, texts) is None
    assert pdf_module.name_figures(b"%PDF-1.7\n not really", texts) is None


@needs_office
def test_the_same_inputs_give_the_same_files(city):
    """The report made again without any cache: byte for byte the published
    files (no conversion time, no random identifier)."""
    from generator.console import Console
    from generator.pipeline import Outcome, check
    from generator.report.reports import make_report, report_frame, year_view
    from generator.util.later import resolved

    outcome = Outcome(Report())
    model = check(city, Console(quiet=True), outcome)
    assert model is not None and model.municipality is not None
    view = resolved(model.municipality.monitoring)  # read from the build cache
    frame = report_frame(model.municipality, model.settings)
    again = make_report(Report(), year_view(view, 2025), frame, 2025, OFFICE)
    assert again.docx == site_file(city, 2025, "docx").read_bytes()
    assert again.pdf == site_file(city, 2025, "pdf").read_bytes()


def test_a_years_report_reads_only_that_year_and_the_years_before(tmp_path):
    """The cache key of a year's report (``year_view``) leaves out the later
    years, and the report is the same as from the whole view."""
    from generator.console import Console
    from generator.pipeline import Outcome, check
    from generator.report.content import report_document
    from generator.report.reports import report_frame, year_view
    from generator.report.word import write_docx

    outcome = Outcome(Report())
    model = check(copy_municipal_demo(tmp_path / "city"), Console(quiet=True), outcome)
    assert model is not None and model.municipality is not None
    view, frame = model.municipality.monitoring, report_frame(model.municipality, model.settings)
    for year in YEARS:
        part = year_view(view, year)
        assert max(part.results.years) == year
        assert all(y <= year for y, *_ in part.results.orgs)
        assert {f.year for f in part.findings} <= {year}
        whole = write_docx(report_document(view, frame, year))
        assert write_docx(report_document(part, frame, year)) == whole


# -- real data: the 2024 report of Izhevsk -------------------------------------------------
FIXTURES = ROOT / "tests" / "fixtures" / "monitoring"
SHARES_RECOMPUTED = {("2023", "5.9"), ("2023", "8.6"), ("2024", "8.6")}  # test_monitoring.py


def test_real_2023_2024_values_give_every_criterion_with_both_years_and_the_official_label(
    tmp_path,
):
    """Table 38 of the 2024 report (seed 004) in the documented CSV format: the
    report has a row for each of the 63 criteria with the 2023 and 2024
    values and the dynamics label the report itself gives; the PDF has the
    same criteria, tagged, in Russian."""
    project = tmp_path / "izhevsk"
    (project / "content" / "monitoring").mkdir(parents=True)
    (project / "site_config.yml").write_text(
        "mode: municipal\nlimits:\n  monitoring_min_coverage: 0\n", encoding="utf-8"
    )
    shutil.copy(ROOT / "demo/municipal/content/coordinator.yml", project / "content")
    school = {"id": "s1", "type": "школа", "full_name": "Школа 1", "short_name": "Школа 1"}
    (project / "content" / "registry.yml").write_text(
        yaml.safe_dump({"organizations": [school]}, allow_unicode=True), encoding="utf-8"
    )
    shutil.copy(FIXTURES / "table38.csv", project / "content" / "monitoring")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(SWITCH, raising=False)
        result = run_cli("report", project, "--year", "2024", "--output", tmp_path / "out")
    assert result.code == 0, result.out
    with open(FIXTURES / "table38_labels.csv", encoding="utf-8") as stream:
        labels = dict(list(csv.reader(stream, delimiter=";"))[1:])
    with open(FIXTURES / "table38.csv", encoding="utf-8-sig") as stream:
        declared = {(r[0], r[2]): r[3] for r in list(csv.reader(stream, delimiter=";"))[1:]}
    document = docx.Document(str(tmp_path / "out" / "spravka-monitoring-2024.docx"))
    rows = [texts(r) for r in heat_map(document).rows]
    assert rows[0][2:4] == ["2023 г.", "2024 г."]
    by_id = {r[0]: r for r in rows[1:] if r[0] != r[1]}
    assert len(by_id) == 63
    for criterion in CRITERIA:
        row = by_id[criterion.id]
        assert row[1] == criterion.name
        assert row[4] == labels[criterion.name], row
        for column, year in ((2, "2023"), (3, "2024")):
            if (year, criterion.id) not in SHARES_RECOMPUTED:
                assert number(row[column]) == number(declared[(year, criterion.name)]), row
    assert {r[4] for r in by_id.values()} == {"Положительная", "Отрицательная", "Стагнация"}
    if OFFICE is None:
        return
    reader = PdfReader(str(tmp_path / "out" / "spravka-monitoring-2024.pdf"))
    assert "/StructTreeRoot" in reader.root_object and str(reader.root_object["/Lang"]) == "ru-RU"
    text = joined(" ".join(page.extract_text() for page in reader.pages))
    assert all(joined(c.name) in text for c in CRITERIA)


# -- the site and the command ------------------------------------------------------------
def test_each_year_page_links_the_report(city):
    for year in YEARS:
        html = read(city / "site" / addresses.monitoring_year(year) / "index.html")
        formats = ["docx", "pdf"] if OFFICE is not None else ["docx"]
        links = " ".join(
            f'<a href="spravka-monitoring-{year}.{ext}" download>{ext.upper()}</a>'
            for ext in formats
        )
        assert f"Справка за {year} год: {links.replace('</a> <a', '</a>, <a')}</p>" in html
        for ext in formats:
            assert site_file(city, year, ext).stat().st_size > 20_000


def test_nastav_report_writes_the_files_and_says_where(city, tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(SWITCH, raising=False)
        result = run_cli("report", city, "--year", "2024", "--output", tmp_path / "справки")
    assert result.code == 0, result.out
    folder = (tmp_path / "справки").resolve()
    assert f"Справка за 2024 год записана в {folder}:" in result.out
    written = sorted(p.name for p in folder.iterdir())
    expected = ["spravka-monitoring-2024.docx"] + (
        ["spravka-monitoring-2024.pdf"] if OFFICE is not None else []
    )
    assert written == expected
    for name in written:
        assert f"  {name} — " in result.out
        assert (folder / name).read_bytes() == site_file(
            city, 2024, name[-4:].strip(".")
        ).read_bytes()
    unknown = run_cli("report", city, "--year", "2020")
    assert unknown.code == 1
    assert "Нет данных мониторинга за 2020 год; справку можно составить за 2023, 2024, 2025." in (
        unknown.out
    )


def test_nastav_report_in_a_school_project(demo_project):
    result = run_cli("report", demo_project, "--year", "2025")
    assert result.code == 1
    assert "составляется в муниципальном проекте" in result.out


def test_without_libreoffice_the_build_writes_the_docx_and_says_the_pdf_needs_it(tmp_path):
    city = copy_municipal_demo(tmp_path / "city")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SWITCH, str(tmp_path / "нет-такой-программы"))
        result = run_cli("build", city)
    assert result.code == 0, result.out
    assert (
        "content/monitoring: предупреждение: справка по итогам мониторинга записана только "
        "в DOCX: для PDF нужен LibreOffice" in result.out
    )
    assert site_file(city, 2025, "docx").is_file() and not site_file(city, 2025, "pdf").exists()
    html = read(city / "site" / addresses.monitoring_year(2025) / "index.html")
    assert 'Справка за 2025 год: <a href="spravka-monitoring-2025.docx" download>DOCX</a></p>' in (
        html
    )
