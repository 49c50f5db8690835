"""Hostile files of every kind the generator reads, through the real CLI in
its own process with a time limit: a named pipe, a link out of the project,
the same record id with two extensions, an oversized cell or line, deep
nesting, a 300-character file name, a broken theme template.

Whatever the shape, the run ends (no hang), names the file in Russian and
exits with 1 — or with 0 and a warning where skipping the file is right —
never with «Внутренняя ошибка» or a traceback. To keep within the CI
budget, each run puts one shape into every file kind at once (one project,
one process) and checks that each file is named.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import copy_demo, copy_municipal_demo
from tests.corpus.targets import MUNICIPAL_TARGETS, TARGETS
from tests.resources import run_nastav

SECONDS = 90  # a hang is what this catches; a run takes a few seconds

# Every school record file, by kind (tests/corpus/targets.py) but site_config.yml.
SCHOOL = {kind: rel for kind, rel in TARGETS.items() if kind != "site_config"}
# Every municipal record file; the monitoring values are added beside the demo's.
MUNICIPAL = {kind: rel for kind, rel in MUNICIPAL_TARGETS.items() if kind != "municipal/monitoring"}
DIR_KINDS_SCHOOL = [rel for rel in SCHOOL.values() if rel.count("/") == 2]
DIR_KINDS_MUNICIPAL = [rel for rel in MUNICIPAL.values() if rel.count("/") >= 2]
MONITORING = "content/monitoring"


def lines_naming(out: str, rel: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(rel)]


def assert_named(out: str, rel: str, says: str) -> None:
    found = [line for line in lines_naming(out, rel) if says in line]
    assert found, f"{rel}: «{says}» not said:\n" + out[-3000:]


def nastav(*args) -> tuple[int, str]:
    result = run_nastav(*args, timeout=SECONDS)
    out = result.out
    assert "Внутренняя ошибка" not in out and "Traceback" not in out, out[-3000:]
    return result.code, out


def make_fifo(path: Path) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def link_outside(project: Path, rel: str, outside: Path) -> None:
    """Move the file out of the project and leave a link to it in its place."""
    path = project / rel
    target = outside / rel.replace("/", "__")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(path, target)
    path.symlink_to(target)


@pytest.fixture
def school(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "school")


@pytest.fixture
def city(tmp_path: Path) -> Path:
    return copy_municipal_demo(tmp_path / "city")


# -- named pipes: never opened ----------------------------------------------------


def test_pipes_in_place_of_school_files_are_never_opened(school):
    for rel in SCHOOL.values():
        make_fifo(school / rel)
    code, out = nastav("validate", school)
    assert code == 1, out[-3000:]
    for rel in SCHOOL.values():
        assert_named(out, rel, "не обычный файл (именованный канал")
    # The organization's card is required: without it, an error.
    assert any("ошибка" in line for line in lines_naming(out, "content/organization.yml"))


def test_pipes_beside_records_are_skipped_with_a_warning_and_the_site_builds(school):
    """Pipes among records, in theme/ and in files/: skipped, the build succeeds."""
    pipes = [rel.rsplit("/", 1)[0] + "/truba.yml" for rel in DIR_KINDS_SCHOOL]
    pipes += ["theme/partials/truba.html", "theme/main.html"]
    for rel in pipes:
        make_fifo(school / rel)
    code, out = nastav("build", school, "--quiet")
    assert code == 0, out[-3000:]
    for rel in pipes:
        assert_named(out, rel, "предупреждение: не обычный файл")


def test_site_config_and_an_attachment_as_a_pipe_or_a_link_out(school, tmp_path):
    make_fifo(school / "content/files/dokumenty/polozhenie-pedagogi.pdf")
    code, out = nastav("validate", school)
    assert code == 1
    assert_named(
        out, "content/documents.yml", "«documents[1].file»: ошибка: Файл документа: «files"
    )
    assert_named(out, "content/documents.yml", "polozhenie-pedagogi.pdf» — не обычный файл")
    link_outside(school, "site_config.yml", tmp_path / "outside")
    code, out = nastav("validate", school)
    assert code == 1
    assert_named(out, "site_config.yml", "ошибка: ссылка (symlink) на файл вне папки проекта")
    make_fifo(school / "site_config.yml")
    code, out = nastav("validate", school)
    assert code == 1
    assert_named(out, "site_config.yml", "ошибка: не обычный файл")


def test_pipes_in_a_municipal_project(city):
    pipes = [*MUNICIPAL.values(), f"{MONITORING}/truba.csv", f"{MONITORING}/truba.xlsx"]
    pipes.append(f"{MONITORING}/values-truba.yml")
    pipes += ["content/orgs/sosh1/programs/truba.yml", "content/orgs/sosh1/roadmap.yml"]
    for rel in pipes:
        make_fifo(city / rel)
    code, out = nastav("validate", city)
    assert code == 1, out[-3000:]
    for rel in pipes:
        assert_named(out, rel, "не обычный файл (именованный канал")


def test_a_pipe_as_the_indicator_catalog_is_an_error(city):
    """Not a silent fall-back to the default catalog."""
    make_fifo(city / MONITORING / "catalog.yml")
    code, out = nastav("validate", city)
    assert code == 1, out[-3000:]
    assert_named(out, f"{MONITORING}/catalog.yml", "ошибка: не обычный файл")


# -- links out of the project: refused as attachments are ---------------------------


@pytest.mark.parametrize("municipal", [False, True], ids=["school", "municipal"])
def test_links_out_of_the_project_are_refused(tmp_path, municipal):
    project = (
        copy_municipal_demo(tmp_path / "city") if municipal else copy_demo(tmp_path / "school")
    )
    files = list(MUNICIPAL.values()) if municipal else list(SCHOOL.values())
    if municipal:
        files.append(f"{MONITORING}/znacheniya-2024.xlsx")
    outside = tmp_path / "outside"
    for rel in files:
        link_outside(project, rel, outside)
    code, out = nastav("validate", project)
    assert code == 1, out[-3000:]
    for rel in files:
        assert_named(out, rel, "ссылка (symlink) на файл вне папки проекта")
    assert "/etc" not in out


def test_a_link_inside_the_project_is_read(school):
    rel = SCHOOL["news"]
    kept = school / "content/news/_original.yml"
    shutil.move(school / rel, kept)
    (school / rel).symlink_to(kept)
    code, out = nastav("validate", school)
    assert code == 0, out[-3000:]
    assert not lines_naming(out, rel)


# -- one id, two extensions ---------------------------------------------------------------


@pytest.mark.parametrize("municipal", [False, True], ids=["school", "municipal"])
def test_the_same_id_with_two_extensions(tmp_path, municipal):
    project = (
        copy_municipal_demo(tmp_path / "city") if municipal else copy_demo(tmp_path / "school")
    )
    kinds = DIR_KINDS_MUNICIPAL if municipal else DIR_KINDS_SCHOOL
    for rel in kinds:
        shutil.copy(project / rel, project / (rel[: -len(".yml")] + ".yaml"))
    code, out = nastav("validate", project)
    assert code == 1, out[-3000:]
    for rel in kinds:
        twin = rel[: -len(".yml")] + ".yaml"
        found = [x for x in lines_naming(out, rel) if "уже есть" in x and twin in x]
        assert found, (rel, out[-3000:])


# -- oversized and deeply nested --------------------------------------------------------


def test_nesting_and_long_lines_in_every_record_file(tmp_path):
    """Half the kinds get 100,000 «[», the other half a 200,000-character line
    (which is an error of its own kind in each: too long, or not a field)."""
    project = copy_demo(tmp_path / "school")
    kinds = sorted(SCHOOL.values())
    for number, rel in enumerate(kinds):
        if number % 2:
            (project / rel).write_text("title: x\ntags: " + "[" * 100_000 + "\n", "utf-8")
        else:
            (project / rel).write_text("title: '" + "я" * 200_000 + "'\n", "utf-8")
    code, out = nastav("validate", project)
    assert code == 1, out[-3000:]
    for number, rel in enumerate(kinds):
        assert_named(out, rel, "вложенность" if number % 2 else "строка 1")
        assert_named(out, rel, "ошибка")


def _xlsx(
    rows: list[list[str]], replace: tuple[bytes, bytes] | None = None, padding_mb: int = 0
) -> bytes:
    """A workbook of ``rows``; ``replace`` changes bytes of its parts afterwards
    (openpyxl itself would cut a cell to Excel's limit); ``padding_mb`` of
    spaces inside the sheet make a «zip bomb»: small packed, huge unpacked."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info).replace(*replace) if replace else source.read(info)
            if padding_mb and info.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>")
                with target.open(info.filename, "w", force_zip64=True) as part:
                    part.write(head)
                    for _ in range(padding_mb):
                        part.write(b" " * 1_048_576)
                    part.write(b"</sheetData>" + tail)
            else:
                target.writestr(info.filename, data)
    return out.getvalue()


HEADER = ["год", "организация", "критерий", "значение", "ссылка", "комментарий"]


def test_oversized_monitoring_tables(city):
    """A CSV cell over csv's own 131,072 limit, an XLSX cell over Excel's
    32,767, a CSV of 100,001 rows, an XLSX «zip bomb» and deeply nested YAML:
    each an error with the file (and the row and column of the cell)."""
    folder = city / MONITORING
    huge = "2025;sosh1;1.2;1;https://example.ru/a.pdf;" + "я" * 140_000
    (folder / "bolshaya-yacheyka.csv").write_text(";".join(HEADER) + "\n" + huge + "\n", "utf-8")
    row = "2025;sosh1;1.2;1;;\n"
    (folder / "mnogo-strok.csv").write_text(";".join(HEADER) + "\n" + row * 100_001, "utf-8")
    (folder / "yacheyka.xlsx").write_bytes(
        _xlsx(
            [HEADER, ["2024", "sosh1", "1.2", "1", "", "BIGCELL"]],
            replace=(b"BIGCELL", "я".encode() * 40_000),
        )
    )
    # A sheet of 300 MB unpacked, a few hundred kilobytes packed («zip bomb»).
    (folder / "bomba.xlsx").write_bytes(
        _xlsx([HEADER, ["2023", "sosh1", "1.2", "1"]], padding_mb=300)
    )
    for name in ("conclusions-2026.yml", "values-glubokie.yml"):  # the YAML of monitoring
        (folder / name).write_text("year: 2026\nsummary: " + "[" * 100_000 + "\n", "utf-8")
    code, out = nastav("validate", city)
    assert code == 1, out[-3000:]
    assert_named(out, f"{MONITORING}/conclusions-2026.yml, строка 2", "вложенность")
    assert_named(out, f"{MONITORING}/values-glubokie.yml, строка 2", "вложенность")
    assert_named(out, f"{MONITORING}/bolshaya-yacheyka.csv, строка 2", "в ячейке столбца F")
    assert_named(out, f"{MONITORING}/mnogo-strok.csv, строка 100001", "больше 100 000 строк")
    assert_named(out, f"{MONITORING}/yacheyka.xlsx, строка 2", "в ячейке столбца F 40 000")
    assert_named(out, f"{MONITORING}/bomba.xlsx", "в распакованном виде больше 50 МБ")


def test_oversized_import_table(school, tmp_path):
    """``nastav import`` reads tables the same way (load/sheets.py)."""
    table = tmp_path / "programmy.csv"
    table.write_text("Название;Цель\nx;" + "я" * 140_000 + "\n", "utf-8")
    code, out = nastav("import", "programs", table, school)
    assert code == 1, out[-3000:]
    assert "programmy.csv, строка 2: ошибка: в ячейке столбца B 140 000 знаков" in out
    make_fifo(tmp_path / "truba.csv")
    code, out = nastav("import", "programs", tmp_path / "truba.csv", school)
    assert code == 1 and "не обычный файл" in out, out[-3000:]


# -- feeds of other sites ---------------------------------------------------------------


def test_hostile_feeds(school):
    feeds = {
        "glubokaya.json": "[" * 100_000,
        "glubokaya-70.json": '{"format": "nastav-practices", "x": ' + "[" * 70 + "]" * 70 + "}",
        "mnogo.json": "[" + "0," * 1_100_000 + "0]",
        "ne-utf8.json": None,
    }
    for name, text in feeds.items():
        if text is None:
            (school / name).write_bytes(b'{"format": "\xff\xfe"}')
        else:
            (school / name).write_text(text, "utf-8")
    make_fifo(school / "truba.json")
    names = [*feeds, "truba.json", "a" * 300 + ".json"]
    config = "collections:\n" + "".join(
        f"  - name: Лента {n}\n    file: {name}\n    site: https://example.ru/\n"
        for n, name in enumerate(names, start=1)
    )
    with (school / "site_config.yml").open("a", encoding="utf-8") as out:
        out.write("\n" + config)
    code, out = nastav("validate", school)
    assert code == 1, out[-3000:]
    said = {
        1: "слишком глубокая вложенность",
        2: "слишком глубокая вложенность",
        3: "слишком много значений",
        4: "не в кодировке UTF-8",
        5: "не обычный файл",
        6: "коллекция «Лента 6»",
    }
    for n, says in said.items():
        assert any(
            line.startswith("site_config.yml") and f"коллекция «Лента {n}»" in line and says in line
            for line in out.splitlines()
        ), (n, out[-3000:])


# -- names of attached files -------------------------------------------------------------


def test_attachment_names_no_file_can_have(school):
    documents = school / "content/documents.yml"
    text = documents.read_text("utf-8")
    long_name = "files/dokumenty/" + "a" * 300 + ".pdf"
    text = text.replace("files/dokumenty/polozhenie-pedagogi.pdf", long_name, 1)
    text = text.replace(
        "files/dokumenty/polozhenie-obuchayushchiesya.pdf", '"files/dokumenty/a\\x01b.pdf"', 1
    )
    text = text.replace(
        "files/dokumenty/prikaz-131.pdf", "files/dokumenty/" + "щ" * 130 + ".pdf", 1
    )
    documents.write_text(text, "utf-8")
    code, out = nastav("validate", school)
    assert code == 1, out[-3000:]
    for number, says in enumerate(["длиннее 255 байт", "управляющий", "длиннее 255 байт"], 1):
        field = f"поле «documents[{number}].file»: ошибка: Файл документа:"
        assert [x for x in lines_naming(out, "content/documents.yml") if field in x and says in x]
    # A record file whose name is long (but possible): the id rule says so.
    shutil.copy(school / SCHOOL["news"], school / "content/news" / ("n" * 250 + ".yml"))
    code, out = nastav("validate", school)
    assert "имя файла длиннее 80 знаков" in out


# -- theme templates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "template, line, says",
    [
        ("<div>\n{% if nastav %}\n<p>нет endif</p>\n", 2, "ошибка синтаксиса шаблона Jinja"),
        ("<div>\n\n{{ nichego.net.takogo }}\n</div>\n", 3, "в шаблоне использовано то, чего нет"),
        ("<div>\n{{ 1 / 0 }}\n</div>\n", 2, "шаблон не удалось выполнить"),
    ],
    ids=["syntax", "undefined", "runtime"],
)
def test_broken_theme_template(school, template, line, says):
    rel = "theme/partials/copyright.html"
    (school / "theme/partials").mkdir(parents=True)
    (school / rel).write_text(template, "utf-8")
    code, out = nastav("build", school, "--quiet")
    assert code == 1, out[-3000:]
    assert_named(out, f"{rel}, строка {line}: ошибка: {says}", says)
    assert not (school / "site").exists()
