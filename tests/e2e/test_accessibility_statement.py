"""«Сведения о доступности» (issue 17, item 3): the page of a school section and
of a municipal portal, and the warnings about attached PDFs a screen reader
cannot read (not tagged, scans) and images without a text alternative — from
``validate`` and ``build`` with the record's file and field, and from
``check-site`` with the site's file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import copy_municipal_demo, edit, read, run_cli
from tests.filefactory import make_pdf

PAGE = "dostupnost/index.html"
UNTAGGED = "files/dokumenty/prikaz-166.pdf"  # documents.yml: the order on monitoring
UNTAGGED_TITLE = (
    "О проведении внутреннего мониторинга реализации целевой модели наставничества в 2025 году"
)
SCANNED = "files/materialy/shablon-programmy.pdf"  # materials.yml
SCANNED_TITLE = "Шаблон персонализированной программы наставничества"
TAGGED_TITLE = "Положение о системе наставничества педагогических работников"
WARNING = re.compile(
    r"content/documents\.yml, строка \d+, поле «documents\[\d+\]\.file»: предупреждение: "
    r"PDF «files/dokumenty/prikaz-166\.pdf» не размечен \(нет структуры тегов "
    r"/StructTreeRoot и отметки /MarkInfo\): программа чтения с экрана не различит"
)
SCAN_WARNING = re.compile(
    r"content/materials\.yml, строка \d+, поле «materials\[\d+\]\.file»: предупреждение: "
    r"PDF «files/materialy/shablon-programmy\.pdf» — скан без текстового слоя и тегов"
)


def make_scan(path: Path) -> Path:
    """A one-page PDF that is a picture of a page: an image, no font, no tags."""
    content = b"q 612 0 0 792 0 0 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def untagged_pdf(path: Path) -> Path:
    """A PDF with a text layer, saved without tags."""
    return make_pdf(
        path,
        [
            "Prikaz No 166-od of 01.10.2025 on the internal monitoring",
            "of the target model of mentoring in 2025.",
        ],
    )


def part(html: str, heading: str) -> str:
    """The part of the page under its heading ``heading`` (not the table of contents)."""
    return re.split(rf"<h2[^>]*>{heading}</h2>", html, maxsplit=1)[1].split("<h2", 1)[0]


def limits(html: str) -> str:
    return part(html, "Известные ограничения")


def is_tagged(path: Path) -> bool:
    catalog = PdfReader(path).trailer["/Root"]
    marked = catalog.get("/MarkInfo", {}).get("/Marked")
    return "/StructTreeRoot" in catalog and getattr(marked, "value", marked) is True


# -- the demo school, as it is: every attached PDF is tagged ---------------------------------


def test_demo_school_has_the_statement(demo_site):
    html = read(demo_site / PAGE)
    assert re.search(r"<h1[^>]*>Сведения о доступности</h1>", html)
    for supported in (
        "Версия для слабовидящих",
        "Клавиатура",
        "Текстовые описания",
        "Таблицы",
        "формат и размер",
        "Поиск",
        "Без сторонних скриптов",
        "без интернета",
    ):
        assert supported in html, supported
    pdfs = [p for p in (demo_site / "files").rglob("*.pdf")]
    assert pdfs and all(is_tagged(p) for p in pdfs)
    assert f"Все опубликованные документы PDF ({len(pdfs)}) размечены" in html
    assert "У всех изображений раздела есть текстовое описание." in html
    # «Весь раздел» (NASTAV_SOFFICE=off in tests: the DOCX alone).
    assert "На главной странице — ссылка «Весь раздел»: все страницы одним файлом DOCX" in html
    # How to ask for an accessible copy: the curator's contacts from organization.yml.
    ask = part(html, "Как получить документ в доступном виде")
    assert "куратору наставничества" in ask
    assert "Горбунова Елена Викторовна" in ask
    assert "mailto:nastavnik@novoozersk-edu.example.ru" in ask
    assert "school14@novoozersk-edu.example.ru" in ask  # the organization's own
    assert 'href="../kontakty/"' in ask and 'href="../poisk/"' in html


def test_every_page_links_the_statement_from_its_footer(demo_site):
    footer = '<a href="{}">Сведения о доступности</a>'
    assert footer.format("dostupnost/") in read(demo_site / "index.html")
    program = read(demo_site / "programmy/pp-2025-uu-01/index.html")
    assert footer.format("../../dostupnost/") in program


# -- an untagged PDF and a scan -----------------------------------------------------------------


@pytest.fixture(scope="module")
def school_with_untagged(tmp_path_factory) -> tuple[Path, str]:
    """The demo school with one document saved without tags and one material
    scanned, built; the build's output."""
    from tests.conftest import copy_demo

    project = copy_demo(tmp_path_factory.mktemp("a11y") / "school")
    untagged_pdf(project / "content" / UNTAGGED)
    make_scan(project / "content" / SCANNED)
    result = run_cli("build", project)
    assert result.code == 0, result.out  # warnings: the school still publishes
    return project, result.out


def test_build_warns_with_the_record_and_the_file(school_with_untagged):
    _, out = school_with_untagged
    assert WARNING.search(out), out
    assert SCAN_WARNING.search(out), out
    assert "«PDF с тегами»" in out and "№ 102" in out  # what to do, and why
    # Once each: the audit of the built site does not repeat the records' warnings.
    assert out.count("не размечен") == 1
    assert out.count("скан без текстового слоя и тегов") == 1
    assert "без текстового описания" not in out  # every image of the demo has its alt


def test_validate_warns_too(school_with_untagged):
    project, _ = school_with_untagged
    result = run_cli("validate", project)
    assert result.code == 0, result.out
    assert WARNING.search(result.out) and SCAN_WARNING.search(result.out)


def test_the_statement_lists_them_by_title(school_with_untagged):
    project, _ = school_with_untagged
    html = read(project / "site" / PAGE)
    known = limits(html)
    untagged = known.split("Документы PDF без разметки (тегов)", 1)[1].split("</ul>", 1)[0]
    scans = known.split("Документы — сканы", 1)[1].split("</ul>", 1)[0]
    assert UNTAGGED_TITLE in untagged and "(PDF, " in untagged
    assert SCANNED_TITLE in scans and SCANNED_TITLE not in untagged
    assert TAGGED_TITLE not in known  # tagged documents are not limits
    total = len(list((project / "site" / "files").rglob("*.pdf")))
    assert f"Размечены для программ чтения с экрана (PDF с тегами) {total - 2} из {total}" in known
    # The links lead to the published copies, which keep what the originals lack.
    hrefs = re.findall(r'<a href="\.\./(files/[^"]+\.pdf)">', known)
    assert len(hrefs) == 2
    assert not any(is_tagged(project / "site" / h) for h in hrefs)


def test_check_site_reports_the_file(school_with_untagged, tmp_path):
    project, _ = school_with_untagged
    # A bare copy of the site: no project to name the records.
    site = shutil.copytree(project / "site", tmp_path / "site")
    result = run_cli("check-site", site)
    assert result.code == 0, result.out
    untagged = re.search(
        r"site/(files/dokumenty/[a-z0-9-]+\.pdf): предупреждение: документ не размечен "
        r"\(нет структуры тегов /StructTreeRoot и отметки /MarkInfo\)",
        result.out,
    )
    assert untagged, result.out
    assert re.search(
        r"site/files/materialy/[a-z0-9-]+\.pdf: предупреждение: документ — скан", result.out
    )
    assert result.out.count("не размечен") == 1
    # With the project: the records are named, the site's copies not again.
    result = run_cli("check-site", project / "site")
    assert result.code == 0, result.out
    assert WARNING.search(result.out), result.out
    assert result.out.count("не размечен") == 1
    # A copy on the server replaced by hand is the site's own problem, named by its file.
    spravka = next((project / "site" / "files" / "dokumenty").glob("informatsionnaya-*.pdf"))
    saved = spravka.read_bytes()
    untagged_pdf(spravka)
    try:
        result = run_cli("check-site", project / "site")
        rel = spravka.relative_to(project / "site").as_posix()
        assert f"site/{rel}: предупреждение: документ не размечен" in result.out, result.out
        assert result.out.count("не размечен") == 2
    finally:
        spravka.write_bytes(saved)


def test_images_without_a_text_alternative(demo_site, tmp_path):
    site = shutil.copytree(demo_site, tmp_path / "site")
    page = site / "novosti" / "index.html"
    html = read(page)
    html = html.replace(
        "</article>",
        '<img src="../files/images/bez-opisaniya.png">'
        '<img src="../files/images/pustoe.png" alt=" ">'
        '<img src="../files/images/ukrashenie.png" alt="" role="presentation">'
        '<img src="../files/images/s-opisaniem.png" alt="Встреча наставников">'
        "</article>",
        1,
    )
    page.write_text(html, encoding="utf-8")
    result = run_cli("check-site", site)
    found = re.findall(
        r"site/novosti/index\.html, строка \d+: предупреждение: изображение "
        r"«\.\./files/images/([a-z-]+)\.png» без текстового описания",
        result.out,
    )
    assert found == ["bez-opisaniya", "pustoe"], result.out  # not decoration, not described


# -- the municipal portal ----------------------------------------------------------------------


def test_municipal_portal_has_the_statement(municipal_site):
    html = read(municipal_site / PAGE)
    assert re.search(r"<h1[^>]*>Сведения о доступности</h1>", html)
    assert "Версия для слабовидящих" in html
    assert "В разделе нет документов в формате PDF." in html  # the demo links to other sites
    assert "На странице каждой организации — ссылка «Весь раздел»" in html
    ask = part(html, "Как получить документ в доступном виде")
    assert "муниципальному координатору" in ask
    assert "nastavnichestvo@perspektiva.example.ru" in ask  # the coordinator's contacts
    assert "Воронцов Денис Игоревич" in ask and "monitoring@perspektiva.example.ru" in ask
    assert 'href="../organizatsii/"' in ask  # an organization's own documents: ask it
    org_page = read(municipal_site / "organizatsii/sosh21/index.html")
    assert '<a href="../../dostupnost/">Сведения о доступности</a>' in org_page


def test_municipal_portal_lists_an_organizations_untagged_pdf(tmp_path):
    project = copy_municipal_demo(tmp_path / "city")
    org = project / "content" / "orgs" / "sosh21"
    (org / "files").mkdir()
    untagged_pdf(org / "files" / "prikaz-vnedrenie.pdf")
    edit(
        project,
        "content/orgs/sosh21/documents.yml",
        "url: https://sosh21-novoozersk.example.ru/files/prikaz-vnedrenie.pdf",
        "file: files/prikaz-vnedrenie.pdf",
    )
    result = run_cli("build", project)
    assert result.code == 0, result.out
    assert re.search(
        r"content/orgs/sosh21/documents\.yml, строка \d+, поле «documents\[\d+\]\.file»: "
        r"предупреждение: PDF «files/prikaz-vnedrenie\.pdf» не размечен",
        result.out,
    ), result.out
    assert result.out.count("не размечен") == 1
    known = limits(read(project / "site" / PAGE))
    assert re.search(
        r"О внедрении целевой модели наставничества и назначении куратора</a> "
        r"<span class=\"nst-file\">\(PDF, [^)]+\)</span> — МБОУ «СОШ № 21 им\. А\.П\. Маресьева»",
        known,
    ), known
    assert 'href="../organizatsii/sosh21/files/' in known


def test_a_portal_lists_its_own_and_its_organizations_images_without_alt():
    """The portal's news images are checked as an organization's are
    (``Statement.add_images``), without an organization's name after them."""
    from types import SimpleNamespace as Of

    from generator.render.accessibility import municipal_statement

    def news(title: str, alt: str):
        return Of(image="files/x.png", item=Of(title=title, image=Of(alt=alt)))

    class Org:
        has_section = True
        entry = Of(short_name="СОШ № 3")

        def public_part(self, name: str):
            parts = {
                "files": Of(files=[]),
                "mentor_cards": [Of(photo="p.png", photo_alt=" ", full_name="Иванова Е. А.")],
                "news": [news("Встреча", "")],
            }
            return parts[name]

    coordinator = Of(name="Управление", contacts=None, officials=[], head=None)
    muni = Of(
        files=Of(files=[]),
        news=[news("Семинар", " "), news("С описанием", "Зал")],
        orgs=[Org()],
        coordinator=coordinator,
    )
    found = municipal_statement(muni)["statement"].images_without_alt
    assert sorted(found) == [
        "изображение к новости «Встреча» (СОШ № 3)",
        "изображение к новости «Семинар»",
        "фотография наставника Иванова Е. А. (СОШ № 3)",
    ]
