"""Reading and removing file metadata (generator/privacy/metadata.py and its
format modules): what is kept, what goes, signed files, damaged files, and
the check of exports (generator/audit/audit_export.py)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.diagnostics import Report
from generator.privacy.metadata import Unreadable, clean, read_metadata
from tests.metafactory import (
    TINY_JPEG,
    make_docx,
    make_gif,
    make_jpeg,
    make_odt,
    make_pdf,
    make_png,
    make_webp,
    make_xlsx,
    xmp,
)

WHO = "Кузьмин Олег Петрович"


def made(tmp_path: Path, suffix: str) -> Path:
    path = tmp_path / f"file{suffix}"
    makers = {
        ".pdf": lambda: make_pdf(path, ["Text layer"], WHO),
        ".docx": lambda: make_docx(path, "Текст", WHO),
        ".xlsx": lambda: make_xlsx(path, "Текст", WHO),
        ".odt": lambda: make_odt(path, "Текст", WHO),
        ".jpg": lambda: make_jpeg(path, WHO),
        ".png": lambda: make_png(path, WHO),
        ".gif": lambda: make_gif(path, WHO),
        ".webp": lambda: make_webp(path, WHO),
    }
    return makers[suffix]()


SUFFIXES = [".pdf", ".docx", ".xlsx", ".odt", ".jpg", ".png", ".gif", ".webp"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_author_is_read_and_none_is_left(tmp_path, suffix):
    path = made(tmp_path, suffix)
    before = read_metadata(path)
    assert any(WHO in f.value and f.personal for f in before.fields), before.fields
    cleaned = clean(path, path.read_bytes(), "Документ")
    assert cleaned == clean(path, path.read_bytes(), "Документ")  # the same bytes every time
    after = read_metadata(path, cleaned)
    assert not after.personal and not any(WHO in f.value for f in after.fields), after.fields


def read_and_clean(path: Path, data: bytes) -> None:
    """Both may refuse the bytes, in Russian; nothing else may come out."""
    for action in (read_metadata, clean):
        try:
            action(path, data)
        except Unreadable as problem:
            assert re.search("[а-я]", str(problem))


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_cut_off_or_garbled_file_is_unreadable_not_a_crash(tmp_path, suffix):
    data = made(tmp_path, suffix).read_bytes()
    path = tmp_path / f"broken{suffix}"
    for broken in (b"", data[:7], data[: len(data) // 2], data[:20] + b"\x00" * 50 + data[70:]):
        read_and_clean(path, broken)


@given(suffix=st.sampled_from([*SUFFIXES, ".svg", ".rtf"]), data=st.binary(max_size=600))
def test_any_bytes_give_fields_or_unreadable(suffix, data):
    read_and_clean(Path(f"/nonexistent/file{suffix}"), data)


@given(
    suffix=st.sampled_from([".jpg", ".png", ".gif", ".webp", ".docx"]),
    position=st.integers(0, 10_000),
    value=st.integers(0, 255),
    cut=st.integers(0, 10_000),
)
def test_damaged_real_files_give_fields_or_unreadable(
    tmp_path_factory, suffix, position, value, cut
):
    data = bytearray(made(tmp_path_factory.mktemp("f"), suffix).read_bytes())
    data[position % len(data)] = value
    read_and_clean(Path(f"/nonexistent/file{suffix}"), bytes(data[: max(1, cut % (len(data) + 1))]))


def with_metadata(kind: str, blob: bytes) -> tuple[str, bytes]:
    """A valid image whose one metadata block holds ``blob``."""
    from tests.metafactory import TINY_WEBP, _chunk, _segment, tiny_png

    head = 2 + 2 + struct.unpack(">H", TINY_JPEG[4:6])[0]
    if kind.startswith("jpeg"):
        body = {
            "jpeg-exif": b"Exif\x00\x00" + blob,
            "jpeg-iptc": b"Photoshop 3.0\x00" + blob,
            "jpeg-xmp": b"http://ns.adobe.com/xap/1.0/\x00" + blob,
        }[kind]
        marker = 0xED if kind == "jpeg-iptc" else 0xE1
        return ".jpg", TINY_JPEG[:head] + _segment(marker, body) + TINY_JPEG[head:]
    if kind.startswith("png"):
        png = tiny_png()
        at = png.index(b"IDAT") - 4
        chunk = {"png-exif": b"eXIf", "png-itxt": b"iTXt", "png-ztxt": b"zTXt"}[kind]
        return ".png", png[:at] + _chunk(chunk, blob) + png[at:]
    exif = b"EXIF" + struct.pack("<I", len(blob)) + blob + b"\x00" * (len(blob) % 2)
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\x08" + b"\x00" * 9
    body = b"WEBP" + vp8x + TINY_WEBP[12:] + exif
    return ".webp", b"RIFF" + struct.pack("<I", len(body)) + body


@given(
    kind=st.sampled_from(
        ["jpeg-exif", "jpeg-iptc", "jpeg-xmp", "png-exif", "png-itxt", "png-ztxt", "webp-exif"]
    ),
    blob=st.one_of(
        st.binary(max_size=300),
        st.builds(lambda tail: b"MM\x00*\x00\x00\x00\x08" + tail, st.binary(max_size=200)),
        st.builds(lambda tail: b"II*\x00\x08\x00\x00\x00" + tail, st.binary(max_size=200)),
        st.builds(lambda tail: b"8BIM\x04\x04" + tail, st.binary(max_size=200)),
    ),
)
def test_any_metadata_in_a_valid_image_is_read_and_removed(kind, blob):
    suffix, data = with_metadata(kind, blob)
    path = Path(f"/nonexistent/file{suffix}")
    read_metadata(path, data)  # whatever the block holds, the image itself is readable
    cleaned = clean(path, data)
    assert blob not in cleaned or len(blob) < 30  # short ones occur in any image
    assert not read_metadata(path, cleaned).fields


# -- what stays ------------------------------------------------------------------------
def test_jpeg_keeps_jfif_icc_adobe_and_the_image_and_drops_what_follows_the_end():
    adobe = b"\xff\xee\x00\x0eAdobe\x00\x64\x00\x00\x00\x00\x01"
    data = TINY_JPEG[:2] + adobe + TINY_JPEG[2:] + b"trailing data of a motion photo"
    cleaned = clean(Path("x.jpg"), data)
    assert cleaned == TINY_JPEG[:2] + adobe + TINY_JPEG[2:]


def test_a_jpeg_without_an_end_marker_is_still_cleaned(tmp_path):
    data = make_jpeg(tmp_path / "x.jpg", WHO).read_bytes()[:-2]
    cleaned = clean(Path("x.jpg"), data)
    assert WHO.encode() not in cleaned and cleaned.endswith(TINY_JPEG[-40:-2])


def test_without_orientation_no_exif_is_left(tmp_path):
    cleaned = clean(Path("x.jpg"), make_jpeg(tmp_path / "x.jpg", WHO, orientation=1).read_bytes())
    assert b"Exif" not in cleaned and cleaned == TINY_JPEG


def test_pdf_a_and_pdf_ua_claims_survive_with_the_title_only(tmp_path):
    path = make_pdf(tmp_path / "a.pdf", ["Text"], WHO, "xmp")
    packet = xmp(WHO)
    claimed = packet.replace(
        b"</rdf:RDF>",
        b'<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" '
        b'pdfaid:part="2" pdfaid:conformance="B"/><rdf:Description rdf:about="" '
        b'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part>'
        b"</rdf:Description></rdf:RDF>",
    )
    data = path.read_bytes().replace(packet, claimed)
    data = data.replace(f"/Length {len(packet)} ".encode(), f"/Length {len(claimed)} ".encode())
    from pypdf import PdfReader

    cleaned = PdfReader(io.BytesIO(clean(path, data, "Приказ № 5")))
    text = cleaned.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>" in text
    assert "<pdfuaid:part>1</pdfuaid:part>" in text and "pdfaExtension:schemas" in text
    assert "Приказ № 5" in text and WHO not in text and "creator" not in text
    assert cleaned.metadata == {"/Title": "Приказ № 5"}


def test_a_signed_pdf_is_published_as_it_is(tmp_path):
    path = make_pdf(tmp_path / "s.pdf", ["Text"], WHO)
    data = path.read_bytes().replace(
        b"/Creator (Writer)", b"/Creator (Writer) /ByteRange [0 1 2 3]"
    )
    assert clean(path, data) == data
    assert read_metadata(path, data).signed == "подписан электронной подписью"


def test_a_file_with_a_detached_signature_is_published_as_it_is(tmp_path):
    path = made(tmp_path, ".docx")
    (tmp_path / "file.docx.sig").write_bytes(b"signature")
    assert clean(path, path.read_bytes()) == path.read_bytes()
    assert read_metadata(path).signed == "подписан: рядом лежит его подпись «file.docx.sig»"


def office_with(tmp_path: Path, parts: dict[str, str]) -> Path:
    path = make_docx(tmp_path / "t.docx", "Текст", WHO)
    with zipfile.ZipFile(path, "a") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def test_paths_on_the_authors_computer_are_cut_to_the_file_name(tmp_path):
    template = r"file:///C:\Users\kuzmin\AppData\Roaming\Microsoft\Templates\Normal.dotm"
    path = office_with(
        tmp_path,
        {
            "word/_rels/settings.xml.rels": (
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                'openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
                f'Target="{template}" TargetMode="External"/></Relationships>'
            ),
            "word/people.xml": (
                '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
                f'<w15:person w15:author="{WHO}"><w15:presenceInfo w15:providerId="AD" '
                'w15:userId="S::kuzmin@school.ru::1"/></w15:person></w15:people>'
            ),
        },
    )
    fields = read_metadata(path).personal
    assert any(f.value == template and "путь к файлу" in f.label for f in fields)
    assert any(f.value == "S::kuzmin@school.ru::1" for f in fields)
    with zipfile.ZipFile(io.BytesIO(clean(path, path.read_bytes()))) as archive:
        rels = archive.read("word/_rels/settings.xml.rels").decode()
        people = archive.read("word/people.xml").decode()
    assert 'Target="Normal.dotm"' in rels and "kuzmin" not in rels
    assert 'w15:author=""' in people and "kuzmin" not in people


def test_a_workbook_forgets_its_folder_and_its_commenters(tmp_path):
    source = zipfile.ZipFile(make_xlsx(tmp_path / "a.xlsx", "Текст", WHO))
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(
                    b"<sheets>",
                    b'<x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/'
                    b'spreadsheetml/2010/11/ac" url="C:\\Users\\kuzmin\\Documents\\"/><sheets>',
                )
            archive.writestr(info, data)
        archive.writestr(
            "xl/comments1.xml",
            f'<comments xmlns="x"><authors><author>{WHO}</author></authors></comments>',
        )
        archive.writestr(
            "xl/persons/person.xml",
            f'<personList xmlns="x"><person displayName="{WHO}" id="{{1}}" '
            'userId="kuzmin@school.ru" providerId="None"/></personList>',
        )
    personal = {f.value for f in read_metadata(path).personal}
    assert {WHO, "kuzmin@school.ru", "C:\\Users\\kuzmin\\Documents\\"} <= personal
    with zipfile.ZipFile(io.BytesIO(clean(path, path.read_bytes()))) as archive:
        for name in ("xl/workbook.xml", "xl/comments1.xml", "xl/persons/person.xml"):
            text = archive.read(name).decode()
            assert "kuzmin" not in text and WHO not in text, text
        assert 'id="{1}"' in archive.read("xl/persons/person.xml").decode()


RTF = (
    rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0 Times;}}"
    rb"{\*\revtbl {Unknown;}{\'ca\'f3\'e7\'fc\'ec\'e8\'ed \'ce.\'cf.;}}"
    rb"{\info{\title \'cf\'eb\'e0\'ed}{\author \u1050?\u1091?\u1079?\u1100?\u1084?\u1080?"
    rb"\u1085? \'ce\'eb\'e5\'e3 \'cf\'e5\'f2\'f0\'ee\'e2\'e8\'f7}{\operator kuzmin}"
    rb"{\creatim\yr2026\mo5\dy1}}{\*\userprops {\propname Owner}\proptype30{\staticval Kuzmin}}"
    rb"\pard \'cf\'eb\'e0\'ed{\*\atnid KO}{\*\atnauthor Kuzmin}\chatn"
    rb"{\*\annotation \'ef\'f0\'ee\'e2\'e5\'f0\'e8\'f2\'fc}\par}"
)


def test_rtf_loses_its_info_and_the_names_of_editors_but_not_its_text():
    path = Path("plan.rtf")
    fields = {(f.label, f.value) for f in read_metadata(path, RTF).fields}
    assert ("автор (RTF author)", WHO) in fields
    assert ("автор исправлений (RTF revtbl)", "Кузьмин О.П.") in fields
    assert ("автор примечания (RTF atnauthor)", "Kuzmin") in fields
    cleaned = clean(path, RTF)
    assert not read_metadata(path, cleaned).fields
    assert cleaned == (
        rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0 Times;}}{\*\revtbl {Unknown;}{Unknown;}}"
        rb"\pard \'cf\'eb\'e0\'ed{\*\atnid }{\*\atnauthor }\chatn"
        rb"{\*\annotation \'ef\'f0\'ee\'e2\'e5\'f0\'e8\'f2\'fc}\par}"
    )


def test_svg_metadata_goes_and_the_drawing_stays():
    svg = (
        '<?xml version="1.0" encoding="windows-1251"?><svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:sodipodi="x" sodipodi:docname="C:\\Users\\kuzmin\\logo.svg">'
        "<metadata><rdf:RDF><cc:Work><dc:creator><cc:Agent><dc:title>Кузьмин</dc:title>"
        '</cc:Agent></dc:creator></cc:Work></rdf:RDF></metadata><circle r="4"/></svg>'
    ).encode("cp1251")
    fields = read_metadata(Path("logo.svg"), svg).fields
    assert any("Кузьмин" in f.value for f in fields)
    cleaned = clean(Path("logo.svg"), svg)
    assert cleaned == (
        b'<?xml version="1.0" encoding="windows-1251"?><svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:sodipodi="x"><circle r="4"/></svg>'
    )


def test_webp_keeps_the_orientation_as_the_only_exif(tmp_path):
    cleaned = clean(Path("x.webp"), make_webp(tmp_path / "x.webp", WHO).read_bytes())
    assert cleaned[12:16] == b"VP8X" and cleaned[20] == 0x08  # EXIF flag only
    exif_at = cleaned.index(b"EXIF")
    (size,) = struct.unpack("<I", cleaned[exif_at + 4 : exif_at + 8])
    assert b"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06" in cleaned[exif_at + 8 : exif_at + 8 + size]


# -- the published copy and its size ---------------------------------------------------
def test_the_registry_gives_the_size_of_the_clean_copy(tmp_path):
    from generator.publish.files import FileRegistry

    content = tmp_path / "content"
    content.mkdir()
    make_jpeg(content / "foto.jpg", WHO)
    published = FileRegistry(content).add("foto.jpg", "Праздник", "images")
    assert (
        published
        and published.size == len(published.data()) < (content / "foto.jpg").stat().st_size
    )


def test_clean_copies_are_kept_by_content(tmp_path):
    from generator.publish.clean import CleanCopies

    source = make_png(tmp_path / "a.png", WHO)
    copies = CleanCopies(tmp_path / "cache")
    first = copies.data(source)
    kept = list((tmp_path / "cache").rglob("*.png"))
    assert len(kept) == 1 and kept[0].read_bytes() == first
    assert CleanCopies(tmp_path / "cache").size(source) == len(first)


# -- the check of attachments before the build -----------------------------------------
def test_a_file_nothing_can_read_gives_one_warning(tmp_path):
    from generator.privacy.attachments import scan_attachment
    from generator.privacy.detectors import Allowed
    from generator.privacy.names import NameFinder

    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    findings = scan_attachment(path, "files/broken.pdf", NameFinder([], []), Allowed())
    assert [f.error for f in findings] == [False]
    assert "текст файла «files/broken.pdf» не удалось проверить" in findings[0].message

    image = tmp_path / "broken.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    (finding,) = scan_attachment(image, "files/broken.png", NameFinder([], []), Allowed())
    assert not finding.error and "будет опубликован как есть" in finding.message


def test_a_signed_file_with_an_author_is_published_with_a_warning(tmp_path):
    from generator.privacy.attachments import scan_attachment
    from generator.privacy.detectors import Allowed
    from generator.privacy.names import NameFinder

    path = make_pdf(tmp_path / "prikaz.pdf", ["Order No. 5 on mentoring"], WHO, "Author")
    (tmp_path / "prikaz.pdf.sig").write_bytes(b"signature")
    (finding,) = scan_attachment(path, "files/prikaz.pdf", NameFinder([], []), Allowed())
    assert not finding.error
    assert finding.message.startswith(
        "файл «files/prikaz.pdf» подписан: рядом лежит его подпись «prikaz.pdf.sig», поэтому "
        f"публикуется без изменений, вместе со свойствами (автор (PDF Author): «{WHO}»)"
    )


# -- the check of exports ---------------------------------------------------------------
def test_exports_are_checked_for_contacts_and_names_like_the_site(tmp_path):
    from types import SimpleNamespace

    from generator.audit.audit_export import check_export
    from generator.privacy.detectors import Allowed
    from generator.privacy.names import NameFinder, Person

    guard = SimpleNamespace(
        finder=NameFinder([Person("Смирнова Алина Олеговна", "наставляемый")], []),
        allowed=Allowed(),
    )
    files = [
        ("programs.csv", "Программа;Куратор\nАдаптация;тел. 8 912 345-67-89\n".encode()),
        ("foto.jpg", make_jpeg(tmp_path / "f.jpg", "Смирнова Алина Олеговна").read_bytes()),
        ("ok.csv", "Программа\nАдаптация\n".encode()),
    ]
    report = Report()
    check_export(files, [guard], report, "в таблицах", "таблицы не выгружены", "export/")
    messages = [d.format() for d in report.items]
    assert any(
        m.startswith(
            "export/programs.csv: ошибка: в таблицах найден номер телефона «8 912 345-67-89»"
        )
        for m in messages
    ), messages
    assert any(
        m.startswith("export/foto.jpg: ошибка: в свойствах файла (автор (EXIF Artist)")
        and "таблицы не выгружены" in m
        for m in messages
    ), messages
    assert not any("ok.csv" in m for m in messages)
