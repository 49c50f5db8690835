"""The shared guards hostile input meets: which files are read
(load/safefile.py), JSON limits (util/safejson.py), spreadsheet cells that
must not run (util/cells.py), site addresses, attachment names and the
theme's known inline scripts."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from generator.audit.audit_html import known_inline_script, scan_html
from generator.config import site_url_problem
from generator.load.safefile import open_regular, refusal
from generator.schema.values import ValueProblem, check_file_path
from generator.util import safejson
from generator.util.cells import csv_safe, is_formula_like, read_back

# -- files ---------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "p/content").mkdir(parents=True)
    (tmp_path / "p/site_config.yml").write_text("mode: school\n", "utf-8")
    (tmp_path / "p/content/a.yml").write_text("x: 1\n", "utf-8")
    (tmp_path / "outside.yml").write_text("x: 1\n", "utf-8")
    return tmp_path / "p"


def test_regular_files_inside_the_project_are_read(project):
    assert refusal(project / "content/a.yml") is None
    (project / "content/b.yml").symlink_to(project / "content/a.yml")
    assert refusal(project / "content/b.yml") is None


def test_a_pipe_is_refused_without_being_opened(project):
    os.mkfifo(project / "content/pipe.yml")
    refused = refusal(project / "content/pipe.yml")  # would block if it opened the pipe
    assert refused is not None and refused.severity == "warning"
    assert "именованный канал" in refused.message
    with pytest.raises(Exception, match="именованный канал"):
        open_regular(project / "content/pipe.yml")  # opened without blocking, then refused


def test_a_link_out_of_the_project_is_an_error(project):
    (project / "content/link.yml").symlink_to(project.parent / "outside.yml")
    refused = refusal(project / "content/link.yml")
    assert refused is not None and refused.severity == "error"
    assert "вне папки проекта" in refused.message
    (project / "content/loop.yml").symlink_to(project / "content/loop.yml")
    assert "по кругу" in refusal(project / "content/loop.yml").message


def test_a_linked_content_folder_is_still_the_project(tmp_path):
    """content/ itself may be a link (a shared folder): its files are inside."""
    real = tmp_path / "shared/content"
    real.mkdir(parents=True)
    (real / "a.yml").write_text("x: 1\n", "utf-8")
    (real / "b.yml").symlink_to(real / "a.yml")
    project = tmp_path / "p"
    project.mkdir()
    (project / "site_config.yml").write_text("mode: school\n", "utf-8")
    (project / "content").symlink_to(real)
    assert refusal(project / "content/b.yml") is None


# -- JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, says",
    [
        ("[" * 100_000, "слишком глубокая вложенность"),
        ("[" * 65 + "]" * 65, "слишком глубокая вложенность"),
        ('{"a": ' * 70 + "1" + "}" * 70, "слишком глубокая вложенность"),
        ("[" + "0," * 1_000_001 + "0]", "слишком много значений"),
        ("{не json", "не читается как JSON (строка 1)"),
        (b"\xff\xfe{}", "не в кодировке UTF-8"),
    ],
)
def test_json_limits(text, says):
    with pytest.raises(safejson.JsonError, match=re.escape(says)):
        safejson.loads(text)


def test_json_within_limits():
    deepest = safejson.loads("[" * 64 + "]" * 64)
    for _ in range(63):
        deepest = deepest[0]
    assert deepest == []
    assert safejson.loads('{"a": [1, {"b": "c"}]}') == {"a": [1, {"b": "c"}]}


# -- spreadsheet cells -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","y")', "@SUM(1)", "-cmd", "+7 (912) 555-55-55", "\tx", "\r=1"]
)
def test_formula_like_text_gets_an_apostrophe_and_reads_back(text):
    assert is_formula_like(text)
    assert csv_safe(text) == "'" + text
    assert read_back(csv_safe(text)) == text


@pytest.mark.parametrize(
    "value", ["-5", "-0,5", "+3", "-1 111,5", "-3 %", "обычный текст", -5, 0.5]
)
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert csv_safe(value) == value
    if isinstance(value, str):
        assert read_back(value) == value


# -- addresses and names -------------------------------------------------------------


@pytest.mark.parametrize(
    "url, says",
    [
        ("javascript:alert(1)//", "должен начинаться с https://"),
        ("https://x.ru/a\"onmouseover='b'", "недопустимый символ"),
        ("https://x.ru/<script>", "недопустимый символ «<»"),
        ("https://x.ru/a b/", "недопустимый символ"),
        ("https://x.ru/\x01", "недопустимый символ"),
        ("https:///path", "должен начинаться с https://"),
        ("http://[::1", "должен начинаться с https://"),
        ("https://x.ru/?a=1", "«?» и «#»"),
    ],
)
def test_site_url_must_be_a_plain_web_address(url, says):
    problem = site_url_problem(url)
    assert problem is not None and says in problem


def test_good_site_urls():
    for url in ("https://school14.example.ru/nastavnichestvo/", "http://localhost:8000/"):
        assert site_url_problem(url) is None


@pytest.mark.parametrize(
    "path, says",
    [
        ("files/" + "a" * 300 + ".pdf", "длиннее 255 байт"),
        ("files/" + "щ" * 130 + ".pdf", "длиннее 255 байт"),
        ("files/a\x00b.pdf", "управляющий"),
        ("files/a\nb.pdf", "управляющий"),
        ("a/" * 600 + "b.pdf", "длиннее 1000 знаков"),
    ],
)
def test_attachment_names_no_file_can_have(path, says):
    with pytest.raises(ValueProblem, match=says):
        check_file_path(path)


# -- the theme's inline scripts --------------------------------------------------------

MATERIAL_SCOPE = (
    '__md_scope=new URL("{}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.'
    "charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t."
    'pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.'
    'pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}'
)


def test_known_inline_scripts_by_their_whole_text():
    for base in (".", "../..", "/nastavnichestvo/"):
        assert known_inline_script(MATERIAL_SCOPE.format(base))
    # The base address is a string: nothing that ends it is accepted.
    assert not known_inline_script(MATERIAL_SCOPE.format('x",location);alert(1);//'))
    assert not known_inline_script(MATERIAL_SCOPE.format(".") + ";alert(1)")
    assert not known_inline_script('__md_scope=new URL(".",location);alert(1)')


def test_a_payload_with_a_known_beginning_is_code():
    page = (
        "<html><body><article>"
        '<script>__md_scope=new URL(".",location);fetch("//evil.example")</script>'
        "</article></body></html>"
    )
    found = [what for what, _ in scan_html(page).scripting]
    assert len(found) == 1 and found[0].startswith("встроенный скрипт «__md_scope=new URL(")


def test_download_writers_neutralise_formulas_and_keep_numbers():
    """The two writers every table download goes through (render/tables.py)."""
    from decimal import Decimal

    from openpyxl import load_workbook

    from generator.render.tables import Cell, Table

    texts = ['=HYPERLINK("http://x","y")', "@SUM(1)", "-cmd", "-5", "обычный текст"]
    table = Table("t", "Таблица", ["Текст", "Число"])
    table.rows = [[Cell(t), Cell("-5", value=Decimal("-5"))] for t in texts]
    table.rows.append([Cell("=1+1"), Cell("-0,5", value=-0.5)])
    rows = list(csv.reader(io.StringIO(table.csv().decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == [
        '\'=HYPERLINK("http://x","y")',
        "'@SUM(1)",
        "'-cmd",
        "-5",
        "обычный текст",
        "'=1+1",
    ]
    assert {r[1] for r in rows[1:]} == {"-5", "-0.5"}
    sheet = load_workbook(io.BytesIO(table.xlsx())).active
    cells = {c.value: c for row in sheet.iter_rows(min_row=3) for c in row}
    for text in ('=HYPERLINK("http://x","y")', "@SUM(1)", "-cmd", "=1+1"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text
    assert not cells["-5"].quotePrefix and not cells["обычный текст"].quotePrefix
    assert cells[-5].data_type == "n" and cells[-0.5].data_type == "n"  # numbers stay numbers


def test_a_file_in_a_linked_folder_out_of_the_project_is_an_error(project):
    (project.parent / "elsewhere").mkdir()
    (project.parent / "elsewhere/x.yml").write_text("x: 1\n", "utf-8")
    (project / "content/programs").symlink_to(project.parent / "elsewhere")
    refused = refusal(project / "content/programs/x.yml")
    assert refused is not None and "вне папки проекта" in refused.message
