"""«Весь раздел» (issue 17): a school's whole section, and each organization's
part of a municipal portal, as one DOCX and one tagged PDF, linked from the
home page; sections in navigation order; without the search, the
breadcrumbs and the visually-impaired panel.

The PDF needs LibreOffice (``./run test`` installs it); without it only the
PDF checks are skipped, with the reason. The other tests run with
``NASTAV_SOFFICE=off`` (tests/conftest.py): the DOCX alone, linked alone."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml
from pypdf import PdfReader

from generator import addresses
from generator.report.pdf import SWITCH
from generator.words import size_text
from tests.conftest import copy_demo, copy_municipal_demo, edit, read, run_cli
from tests.office import needs_office, structure

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def headings(path: Path) -> list[tuple[int, str]]:
    document = docx.Document(str(path))
    out = []
    for p in document.paragraphs:
        style = p.style.style_id if p.style is not None else ""
        if style.startswith("Heading"):
            out.append((int(style.removeprefix("Heading")), p.text.strip()))
    return out


def nav_titles(site: Path) -> list[str]:
    """The section titles as the built site's navigation lists them."""
    config = yaml.safe_load(read(site.parent / ".nastav" / "work" / "mkdocs.yml"))
    return [next(iter(item)) for item in config["nav"]]


def section_links(page: str) -> list[tuple[str, str]]:
    """(address, label) of each «Весь раздел» link, the size in the label
    replaced by «N КБ» after checking it is one."""
    block = re.search(r'<p class="nst-section-files nst-no-print">(.*?)</p>', page, re.S)
    assert block, "the home page links «Весь раздел»"
    found = re.findall(r'<a href="([^"]+)">([^<]+)</a>', block.group(1))
    return [(href, re.sub(r", \d+ КБ", ", N КБ", label)) for href, label in found]


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_demo(tmp_path_factory.mktemp("section") / "school")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(SWITCH, raising=False)
        result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    return project / "site"


def test_the_school_section_is_one_docx_with_every_section_in_navigation_order(school):
    found = headings(school / addresses.section_document("", "docx"))
    level_one = [text for level, text in found if level == 1]
    expected = [t for t in nav_titles(school) if t != "Поиск"]
    assert level_one == expected
    # A record reached from a list is there too, under its section.
    programs = read(school / "programmy" / "index.html")
    first = re.search(r'<a href="(pp-[^"/]+)/">([^<]+)</a>', programs)
    assert first
    assert (2, first.group(2).strip()) in found


def test_the_document_leaves_out_what_only_a_screen_needs(school):
    document = docx.Document(str(school / addresses.section_document("", "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Весь раздел (PDF)" not in text and "Весь раздел (DOCX" not in text
    assert "← Все программы" not in text
    assert "Вы находитесь здесь" not in text
    assert "Скачать таблицу" not in text
    assert "Поиск по разделу" not in text.split("Сведения о доступности")[0]
    # Tables stay Word tables with their header row.
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header[0] == "Форма наставничества"


@needs_office
def test_the_school_pdf_is_tagged_in_russian_and_holds_every_section_heading(school):
    pdf = school / addresses.section_document("", "pdf")
    reader = PdfReader(str(pdf))
    root = reader.root_object
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower().startswith("ru")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for title in nav_titles(school):
        if title != "Поиск":
            assert title in text, title
    roles = {str(node["/S"]) for node in structure(reader)}
    assert {"/H1", "/H2", "/Table", "/TH", "/L"} <= roles
    links = section_links(read(school / "index.html"))
    assert links == [
        ("ves-razdel.pdf", "Весь раздел (PDF, N КБ)"),
        ("ves-razdel.docx", "Весь раздел (DOCX, N КБ, для Word)"),
    ]


@needs_office
def test_the_docx_table_of_contents_has_the_pdfs_page_numbers(school):
    document = docx.Document(str(school / addresses.section_document("", "docx")))
    entries = [p.text for p in document.paragraphs if re.fullmatch(r"TOC\d", p.style.style_id)]
    assert entries and all(re.search(r"\d+$", e.strip()) for e in entries)


def test_without_libreoffice_the_home_page_links_the_docx_alone(demo_site):
    assert section_links(read(demo_site / "index.html")) == [
        ("ves-razdel.docx", "Весь раздел (DOCX, N КБ, для Word)")
    ]
    assert (demo_site / "ves-razdel.docx").is_file()
    assert not (demo_site / "ves-razdel.pdf").exists()


def test_when_libreoffice_fails_the_build_warns_and_links_the_docx_alone(tmp_path, monkeypatch):
    failing = tmp_path / "soffice"
    failing.write_text("#!/bin/sh\necho 'Error: broken' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    project = copy_demo(tmp_path / "school")
    monkeypatch.setenv(SWITCH, str(failing))
    result = run_cli("build", project)
    assert result.code == 0, result.out
    assert "PDF «Весь раздел» не создан" in result.out
    site = project / "site"
    assert section_links(read(site / "index.html")) == [
        ("ves-razdel.docx", "Весь раздел (DOCX, N КБ, для Word)")
    ]
    assert not (site / "ves-razdel.pdf").exists()


def test_each_organization_of_a_portal_has_its_part_as_one_document(municipal_site):
    registry = read(municipal_site / addresses.org_page("sosh1") / "index.html")
    assert section_links(registry) == [("ves-razdel.docx", "Весь раздел (DOCX, N КБ, для Word)")]
    orgs = [p.parent.name for p in (municipal_site / "organizatsii").glob("*/index.html")]
    assert len(orgs) >= 5
    for org in orgs:
        path = municipal_site / addresses.section_document(addresses.org_page(org), "docx")
        found = headings(path)
        title = re.search(r"<h1[^>]*>(.*?)<", read(path.parent / "index.html"))
        assert title and found[0] == (1, title.group(1).strip())
    programs = list((municipal_site / "organizatsii" / "sosh1" / "programmy").glob("*/index.html"))
    found = headings(municipal_site / "organizatsii" / "sosh1" / "ves-razdel.docx")
    for page in programs:
        title = re.search(r"<h1[^>]*>(.*?)<", read(page))
        assert title and (2, title.group(1).strip()) in found


def _links_its_size(site: Path, org: str) -> None:
    """The organization's page links its DOCX with that very file's size."""
    folder = site / addresses.org_page(org)
    size = size_text((folder / "ves-razdel.docx").stat().st_size)
    block = re.search(
        r'<p class="nst-section-files nst-no-print">(.*?)</p>', read(folder / "index.html"), re.S
    )
    assert block and f"Весь раздел (DOCX, {size}, для Word)" in block.group(1)


def test_an_edit_reaches_its_organizations_document_and_no_other(tmp_path):
    city = copy_municipal_demo(tmp_path / "city")
    assert run_cli("build", city, "-q").code == 0
    site = city / "site"
    for org in ("sosh3", "gimnaziya2"):
        _links_its_size(site, org)
    other = (site / "organizatsii" / "gimnaziya2" / "ves-razdel.docx").read_bytes()
    edit(
        city,
        "content/orgs/sosh3/programs/pp-2025-1.yml",
        "title: Адаптация молодого учителя (физика)",
        "title: Адаптация молодого учителя физики",
    )
    assert run_cli("build", city, "-q").code == 0
    document = docx.Document(str(site / "organizatsii" / "sosh3" / "ves-razdel.docx"))
    assert (2, "Адаптация молодого учителя физики") in headings(
        site / "organizatsii" / "sosh3" / "ves-razdel.docx"
    )
    assert "Адаптация молодого учителя (физика)" not in "\n".join(
        p.text for p in document.paragraphs
    )
    assert (site / "organizatsii" / "gimnaziya2" / "ves-razdel.docx").read_bytes() == other
    for org in ("sosh3", "gimnaziya2"):  # the changed one from its stage, the other from the cache
        _links_its_size(site, org)
