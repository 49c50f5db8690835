"""Attachments and images are published without their metadata (author, EXIF,
XMP, IPTC, comments…), and the metadata is checked for names first; the
built site, ``check-site`` and the exports check it too.

Files are made by ``tests/metafactory.py`` with a person planted in their
metadata: the demo mentee (a denied name) or a stranger (an unknown author,
whose name is removed without a word)."""

from __future__ import annotations

import re
import shutil
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

import pytest

from tests.conftest import copy_demo, differences, edit, run_cli
from tests.metafactory import (
    JPEG_FIELDS,
    OFFICE_FIELDS,
    PDF_FIELDS,
    make_docx,
    make_gif,
    make_jpeg,
    make_odt,
    make_pdf,
    make_png,
    make_webp,
    make_xlsx,
)

MENTEE = "Смирнова Алина Олеговна"  # content/programs/pp-2025-uu-01.yml, mentee.full_name
STRANGER = "Кузьмин Олег Петрович"  # nobody the project knows
PROGRAM = "content/programs/pp-2025-uu-01.yml"
ATTACHED = "    file: files/dokumenty/tipovaya-programma-uu.pdf"
DOCUMENTS = "content/files/dokumenty"


def make(name: str, folder: Path, who: str, only: str | None = None) -> Path:
    path = folder / name
    suffix = path.suffix
    if suffix == ".pdf":
        return make_pdf(path, ["Plan of work for the year"], who, only)
    if suffix == ".docx":
        return make_docx(path, "План работы наставника", who, only)
    if suffix == ".xlsx":
        return make_xlsx(path, "План работы наставника", who, only)
    if suffix == ".odt":
        return make_odt(path, "План работы наставника", who)
    if suffix == ".jpg":
        return make_jpeg(path, who, only)
    if suffix == ".png":
        return make_png(path, who, only)
    if suffix == ".gif":
        return make_gif(path, who)
    return make_webp(path, who)


# -- a denied name in any metadata field ----------------------------------------------
CASES = (
    [("plan.pdf", field) for field in PDF_FIELDS]
    + [("plan.docx", field) for field in OFFICE_FIELDS]
    + [("plan.xlsx", "creator"), ("plan.xlsx", "lastModifiedBy"), ("plan.odt", None)]
    + [("foto.jpg", field) for field in JPEG_FIELDS]
    + [("foto.png", field) for field in ("tEXt", "iTXt", "eXIf", "xmp")]
    + [("foto.gif", None), ("foto.webp", None)]
)


@pytest.mark.parametrize("name, field", CASES)
def test_a_mentee_in_metadata_stops_the_build(demo_project, name, field):
    make(name, demo_project / DOCUMENTS, MENTEE, field)
    edit(demo_project, PROGRAM, ATTACHED, f"    file: files/dokumenty/{name}")
    result = run_cli("build", demo_project)
    assert result.code == 1, result.out
    assert re.search(
        rf"{PROGRAM}, строка \d+, поле «files\[1\]\.file»: ошибка: в свойствах файла "
        rf"«files/dokumenty/{re.escape(name)}» \(.+\) найдено имя «[^»]*(Смирнов|Smirnov)[^»]*» "
        r"\(наставляемый\): уберите его из свойств файла",
        result.out,
    ), result.out
    assert "Сайт не собран" in result.out and not (demo_project / "site").exists()


def test_a_mentee_in_the_exif_of_a_mentor_photo(demo_project):
    photo = demo_project / "content/files/images/ivanova-ea.jpg"
    make_jpeg(photo, MENTEE, "exif")
    edit(demo_project, "content/mentors/ivanova-ea.yml", "ivanova-ea.png", "ivanova-ea.jpg")
    result = run_cli("build", demo_project)
    assert result.code == 1
    assert re.search(
        r"content/mentors/ivanova-ea\.yml, строка \d+, поле «photo\.file»: ошибка: в свойствах "
        r"файла «files/images/ivanova-ea\.jpg» \(автор \(EXIF Artist\); .*\) найдено имя",
        result.out,
    ), result.out


def test_redact_mode_withholds_a_file_with_a_mentee_in_its_metadata(demo_project):
    edit(demo_project, "site_config.yml", "on_personal_data: error", "on_personal_data: redact")
    make_jpeg(demo_project / DOCUMENTS / "foto.jpg", MENTEE, "exif")
    edit(demo_project, PROGRAM, ATTACHED, "    file: files/dokumenty/foto.jpg")
    result = run_cli("build", demo_project)
    assert result.code == 0, result.out
    assert re.search(r"предупреждение: в свойствах файла «files/dokumenty/foto\.jpg».*"
                     r"Файл не опубликован\.", result.out), result.out  # fmt: skip
    site = demo_project / "site"
    assert (site / "programmy/pp-2025-uu-01/index.html").exists()
    assert not list(site.rglob("*.jpg"))
    assert not any(
        MENTEE.encode() in p.read_bytes() or MENTEE.encode("utf-16-le") in p.read_bytes()
        for p in site.rglob("*")
        if p.is_file()
    )


# -- an unknown author: published, without any metadata -------------------------------
MORE_FILES = "".join(
    f"\n  - title: План работы ({suffix.upper()})\n    file: files/dokumenty/plan.{suffix}"
    for suffix in ("docx", "xlsx", "odt", "gif", "webp")
)


@pytest.fixture(scope="module")
def stranger(tmp_path_factory):
    """The demo with a stranger planted in the metadata of a PDF, DOCX, XLSX,
    ODT, GIF and WebP of a program, the JPEG of a news item, the PNG photo of
    a mentor and a logo in the project's theme; built once."""
    project = copy_demo(tmp_path_factory.mktemp("stranger") / "school")
    folder = project / DOCUMENTS
    for name in ("plan.pdf", "plan.docx", "plan.xlsx", "plan.odt", "plan.gif", "plan.webp"):
        make(name, folder, STRANGER)
    edit(project, PROGRAM, ATTACHED, "    file: files/dokumenty/plan.pdf" + MORE_FILES)
    make_jpeg(project / "content/files/images/vstrecha.jpg", STRANGER)
    edit(project, "content/news/2026-09-22-vstrecha.yml", "vstrecha.png", "vstrecha.jpg")
    make_png(project / "content/files/images/ivanova-ea.png", STRANGER)
    (project / "theme/assets/images").mkdir(parents=True)
    make_jpeg(project / "theme/assets/images/logo-shkoly.jpg", STRANGER)
    result = run_cli("build", project)
    assert result.code == 0, result.out
    return project, result


def published(project: Path, suffix: str) -> list[Path]:
    return sorted((project / "site/files").rglob(f"*{suffix}"))


def test_an_unknown_author_is_not_reported(stranger):
    _, result = stranger
    assert "Кузьмин" not in result.out and "Kuzmin" not in result.out


def stranger_traces(data: bytes) -> list[str]:
    forms = {
        "UTF-8": STRANGER.encode(),
        "UTF-16LE": STRANGER.encode("utf-16-le"),
        "UTF-16BE": STRANGER.encode("utf-16-be"),
        "PDF hex": STRANGER.encode("utf-16-be").hex().upper().encode(),
        "Latin": b"Kuzmin",
    }
    return [form for form, needle in forms.items() if needle in data or needle.lower() in data]


def test_no_published_file_keeps_the_author(stranger):
    project, _ = stranger
    files = [p for p in (project / "site/files").rglob("*") if p.is_file()]
    assert {p.suffix for p in files} >= {".pdf", ".docx", ".xlsx", ".odt", ".jpg", ".png"}
    leaks = {p.name: stranger_traces(p.read_bytes()) for p in files}
    assert not {name: forms for name, forms in leaks.items() if forms}
    everything = b"".join(p.read_bytes() for p in files)
    for marker in (b"Exif\x00\x00II", b"<x:xmpmeta", b"Photoshop 3.0", b"tEXt", b"iTXt",
                   b"zTXt", b"tIME", b"XMP DataXMP", b"XMP ", b"8BIM"):  # fmt: skip
        assert marker not in everything, marker


def test_a_logo_in_the_projects_theme_is_published_clean(stranger):
    project, _ = stranger
    logo = (project / "site/assets/images/logo-shkoly.jpg").read_bytes()
    assert logo.startswith(b"\xff\xd8") and not stranger_traces(logo)
    assert b"http://ns.adobe.com" not in logo and b"Photoshop" not in logo


def test_a_clean_pdf_has_its_pages_text_and_links_and_only_the_record_title(stranger):
    from pypdf import PdfReader

    project, _ = stranger
    (path,) = [p for p in published(project, ".pdf") if p.parent.name == "programmy"]
    reader = PdfReader(path)
    assert reader.metadata == {
        "/Title": "Типовая персонализированная программа «учитель – учитель» (обезличенная)"
    }
    assert "/Metadata" not in reader.trailer["/Root"]
    page = reader.pages[0]
    assert "Plan of work for the year" in page.extract_text()
    annotations = [a.get_object() for a in page["/Annots"]]
    assert [a["/A"]["/URI"] for a in annotations if a["/Subtype"] == "/Link"] == [
        "https://example.ru/"
    ]
    assert [a.get("/T") for a in annotations if a["/Subtype"] == "/Text"] == [None]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".odt"])
def test_a_clean_office_file_is_valid_xml_without_people(stranger, suffix):
    project, _ = stranger
    (path,) = published(project, suffix)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            if info.filename.endswith((".xml", ".rels")):
                ET.fromstring(archive.read(info))  # every part still parses
        if suffix == ".odt":
            assert names[0] == "mimetype"
            assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
            meta = archive.read("meta.xml").decode()
            assert "initial-creator" not in meta and "<dc:creator>" not in meta
            assert "<dc:title>План работы (ODT)</dc:title>" in meta
            assert "<dc:creator></dc:creator>" in archive.read("content.xml").decode()
        else:
            core = archive.read("docProps/core.xml").decode()
            app = archive.read("docProps/app.xml").decode()
            assert "creator" not in core and "lastModifiedBy" not in core
            assert f"<dc:title>План работы ({suffix[1:].upper()})</dc:title>" in core
            assert "Company" not in app and "Manager" not in app and "<Pages>1</Pages>" in app
    if suffix == ".docx":
        from generator.privacy.extract import extract_text

        assert "План работы наставника" in " ".join(t for _, t in extract_text(path))


def jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """The segments before the image data, by a reading of the JPEG layout
    independent of the generator's."""
    assert data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9"
    at, segments = 2, []
    while data[at + 1] != 0xDA:  # up to the start of scan
        marker, (length,) = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])
        segments.append((marker, data[at + 4 : at + 2 + length]))
        at += 2 + length
    return segments


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, []
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        at += 12 + length
    assert chunks[-1][0] == b"IEND"
    return chunks


def test_clean_images_keep_only_what_drawing_needs(stranger):
    project, _ = stranger
    (jpeg,) = published(project, ".jpg")
    segments = jpeg_segments(jpeg.read_bytes())
    markers = [marker for marker, _ in segments]
    assert markers[0] == 0xE0 and 0xED not in markers and 0xFE not in markers
    exif = [body for marker, body in segments if marker == 0xE1]
    # Only the orientation (6: turned a quarter) stays, so the photo is not shown sideways.
    assert exif == [b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03"
                    b"\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00"]  # fmt: skip
    assert any(body.startswith(b"ICC_PROFILE") for marker, body in segments if marker == 0xE2)

    photo = project / "site/files/images/nastavnik-ivanova-ea.png"
    kinds = [kind for kind, _ in png_chunks(photo.read_bytes())]
    assert kinds == [b"IHDR", b"sRGB", b"eXIf", b"IDAT", b"IEND"]

    (gif,) = published(project, ".gif")
    data = gif.read_bytes()
    assert data.startswith(b"GIF89a") and data.endswith(b"\x3b") and b"\x21\xfe" not in data

    (webp,) = published(project, ".webp")
    data = webp.read_bytes()
    assert data[:4] == b"RIFF" and struct.unpack("<I", data[4:8])[0] == len(data) - 8
    assert b"VP8L" in data and b"XMP " not in data


def test_a_rebuild_and_a_build_without_cache_give_the_same_files(stranger, tmp_path):
    project, _ = stranger
    site = tmp_path / "first"
    shutil.copytree(project / "site", site)
    again = run_cli("build", project, "-q")
    fresh = run_cli("build", project, "--no-cache", "-o", tmp_path / "fresh", "-q")
    assert again.code == 0 and fresh.code == 0, again.out + fresh.out
    assert differences(site / "files", project / "site/files") == []
    assert differences(site / "files", tmp_path / "fresh/files") == []


def test_the_size_shown_is_the_published_one(stranger):
    project, _ = stranger
    (pdf,) = [p for p in published(project, ".pdf") if p.parent.name == "programmy"]
    page = (project / "site/programmy/pp-2025-uu-01/index.html").read_text("utf-8")
    original = (project / DOCUMENTS / "plan.pdf").stat().st_size

    def shown(size: int) -> str:
        return f"PDF, {size / 1024:.0f} КБ"

    assert shown(original) != shown(pdf.stat().st_size)  # the metadata was a good part of it
    assert shown(pdf.stat().st_size) in page and shown(original) not in page


def test_the_gosweb_archive_holds_the_clean_copies(stranger, tmp_path):
    project, _ = stranger
    result = run_cli("export-gosweb", project, tmp_path / "gosweb.zip")
    assert result.code == 0, result.out
    with zipfile.ZipFile(tmp_path / "gosweb.zip") as archive:
        files = [n for n in archive.namelist() if n.startswith("files/")]
        assert len(files) > 10
        for name in files:
            assert archive.read(name) == (project / "site" / name).read_bytes(), name


# -- the built site and the exports are checked too ------------------------------------
def test_check_site_reports_a_photo_copied_in_by_hand(stranger, tmp_path):
    project, _ = stranger
    copy = tmp_path / "school"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".nastav"))
    make_jpeg(copy / "site/files/images/s-prazdnika.jpg", STRANGER, "exif")
    result = run_cli("check-site", copy / "site")
    assert result.code == 0, result.out  # an unknown author: a warning to look at
    assert re.search(
        r"site/files/images/s-prazdnika\.jpg: предупреждение: в свойствах файла остались "
        r"личные сведения \(автор \(EXIF Artist\): «Кузьмин Олег Петрович»; место съёмки "
        r"\(EXIF GPS\): «57\.15000 N, 60\.60000 E»",
        result.out,
    ), result.out

    make_pdf(copy / "site/files/dokumenty/prikaz.pdf", ["Order"], MENTEE, "Author")
    result = run_cli("check-site", copy / "site")
    assert result.code == 1
    assert re.search(
        r"site/files/dokumenty/prikaz\.pdf: ошибка: в свойствах файла \(автор \(PDF Author\)\) "
        r"найдено имя «Смирнова Алина Олеговна» \(наставляемый\); сайт не опубликован\.",
        result.out,
    ), result.out


HEAD = "Лаптева Ирина Сергеевна"  # organization.yml: the head, published as an official


@pytest.fixture
def head_not_to_be_named(demo_project):
    """The head of the school also listed in privacy.persons: the records pass
    (officials' names are not scanned), the public tables and pages hold the name."""
    edit(
        demo_project,
        "site_config.yml",
        "  min_group_size: 3",
        f'  min_group_size: 3\n  persons: ["{HEAD}"]',
    )
    assert run_cli("validate", demo_project).code == 0
    return demo_project


def test_export_is_refused_when_a_table_names_a_person(head_not_to_be_named, tmp_path):
    result = run_cli("export", head_not_to_be_named, "--output", tmp_path / "tables")
    assert result.code == 1
    assert re.search(
        r"tables/organization\.csv: ошибка: в таблицах найдено имя «Лаптева Ирина Сергеевна» "
        r"\(лицо из списка privacy\.persons\); таблицы не выгружены\.",
        result.out,
    ), result.out
    assert "tables/organization.xlsx: ошибка: в таблицах найдено имя" in result.out
    assert "Таблицы не выгружены: в них найдены персональные данные" in result.out
    assert not (tmp_path / "tables").exists()


def test_gosweb_export_is_refused_when_a_page_names_a_person(head_not_to_be_named, tmp_path):
    result = run_cli("export-gosweb", head_not_to_be_named, tmp_path / "gosweb.zip")
    assert result.code == 1
    assert re.search(
        r"gosweb\.zip/stranitsy/\d+-kontakty\.html: ошибка: в архиве для Госвеб найдено имя "
        r"«Лаптева Ирина Сергеевна» \(лицо из списка privacy\.persons\); архив не создан\.",
        result.out,
    ), result.out
    assert "Архив не создан" in result.out and not (tmp_path / "gosweb.zip").exists()


def test_exported_tables_pass_and_carry_no_creator(demo_project, tmp_path):
    result = run_cli("export", demo_project, "--output", tmp_path / "tables")
    assert result.code == 0, result.out
    book = tmp_path / "tables/mentors.xlsx"
    with zipfile.ZipFile(book) as archive:
        assert "openpyxl" not in archive.read("docProps/core.xml").decode()
    again = BytesIO((tmp_path / "tables/mentors.xlsx").read_bytes())
    assert run_cli("export", demo_project, "--output", tmp_path / "again").code == 0
    assert (tmp_path / "again/mentors.xlsx").read_bytes() == again.getvalue()
