"""Safe by construction: what settings and records put into the built site
and its downloads.

* ``site_url`` is a plain web address before MkDocs sees it;
* names in <head> and the header are escaped exactly once;
* texts a spreadsheet would run as formulas are neutralised in every CSV and
  XLSX the site offers and ``nastav export`` writes, numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import copy_demo, copy_municipal_demo, edit, run_cli

# -- site_url --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, says",
    [
        ('"javascript:alert(1)//"', "должен начинаться с https:// или http://"),
        ("'https://x.example.ru/\"><script>alert(1)</script>'", 'недопустимый символ «"»'),
        ("https://x.example.ru/a b/", "недопустимый символ"),
    ],
)
def test_site_url_is_checked_before_mkdocs(tmp_path, value, says):
    project = copy_demo(tmp_path / "school")
    edit(project, "site_config.yml", "# site_url: ", f"site_url: {value}\n# ")
    line = next(
        n
        for n, text in enumerate((project / "site_config.yml").read_text("utf-8").splitlines(), 1)
        if text.startswith("site_url:")
    )
    result = run_cli("build", project, "-q")
    assert result.code == 1, result.out
    assert f"site_config.yml, строка {line}, поле «site_url»: ошибка: " in result.out
    assert says in result.out and "Traceback" not in result.out
    assert not (project / "site").exists()


# -- names in <head> and the header ------------------------------------------------------

NAME = 'Школа "Ромашка" <№1> & Co'
DESCRIPTION = 'Раздел "Наставничество" <школы> & партнёров'


class _Head(HTMLParser):
    """<title>, <meta name=description> and the attributes of the logo links."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.description: str | None = None
        self.logo: list[dict[str, str | None]] = []
        self.topic: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "title":
            self._in = "title"
        elif tag == "meta" and values.get("name") == "description":
            self.description = values.get("content")
        elif tag == "a" and "md-logo" in (values.get("class") or ""):
            self.logo.append(values)
        elif tag == "span" and values.get("class") == "md-ellipsis" and self._in != "title":
            self._in = "topic"

    def handle_endtag(self, tag):
        if tag in ("title", "span"):
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "topic" and data.strip():
            self.topic.append(data.strip())


def test_site_name_and_description_are_escaped_exactly_once(tmp_path):
    project = copy_demo(tmp_path / "school")
    config = project / "site_config.yml"
    text = re.sub(r"(?m)^site_name:.*$", "site_name: '" + NAME + "'", config.read_text("utf-8"))
    text = re.sub(
        r"(?ms)^description: >-\n(?:  .*\n)+", "description: '" + DESCRIPTION + "'\n", text
    )
    config.write_text(text, "utf-8")
    result = run_cli("build", project, "-q")
    assert result.code == 0, result.out
    for page in ("index.html", "programmy/index.html", "404.html"):
        head = _Head()
        head.feed((project / "site" / page).read_text("utf-8"))
        assert head.title.endswith(NAME), head.title
        assert head.logo and all(a["title"] == NAME for a in head.logo), head.logo
        assert all(a["aria-label"] == NAME for a in head.logo), head.logo
        assert NAME in head.topic, head.topic
        if page == "404.html":  # pages of records have descriptions of their own
            assert head.description == DESCRIPTION
    raw = (project / "site/index.html").read_text("utf-8")
    assert "&amp;#34;" not in raw and "&amp;lt;" not in raw and "&amp;amp;" not in raw
    assert "<№1>" not in raw  # never unescaped either


# -- formulas in downloads -----------------------------------------------------------------

PAYLOADS = ['=HYPERLINK("http://x","y")', "@SUM(1)", "-cmd"]
_NUMBER = re.compile(r"[+-]?\d[\d\s\u00a0]*(?:[.,]\d+)?(?:\s?%)?")


def _csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [
        cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for cell in row
    ]


def _check_csv(path: Path) -> list[str]:
    cells = _csv_cells(path.read_bytes())
    for cell in cells:
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert _NUMBER.fullmatch(cell), f"{path}: {cell!r}"
    return cells


def _check_xlsx(path: Path) -> list[tuple[object, bool]]:
    from openpyxl import load_workbook

    book = load_workbook(path)  # not read-only: the quote prefix is a style
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path} {cell.coordinate}: {cell.value!r}"
                value = cell.value
                if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    assert cell.quotePrefix or _NUMBER.fullmatch(value), (path, value)
                cells.append((value, bool(cell.quotePrefix)))
    return cells


@pytest.fixture(scope="module")
def city_with_formulas(tmp_path_factory) -> Path:
    project = copy_municipal_demo(tmp_path_factory.mktemp("formulas") / "city")
    values = project / "content/monitoring/znacheniya-2025.csv"
    text = values.read_text("utf-8")
    lines = text.splitlines()
    # A municipality's own value (shown with its comment in the tables) and
    # organizations' values; «-5» is a comment that is a number.
    municipal = lines.index("2025,,1.1,1,,")
    lines[municipal] = '2025,,1.1,1,,"=HYPERLINK(""http://x"",""y"")"'
    lines += ["2025,sosh3,1.1,1,,@SUM(1)", "2025,gimnaziya2,1.1,1,,-cmd", "2025,litsey7,1.1,1,,-5"]
    values.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_cli("build", project, "-q")
    assert result.code == 0, result.out
    return project


def test_every_csv_and_xlsx_of_the_site_is_neutralised(city_with_formulas):
    site = city_with_formulas / "site"
    csv_cells = [c for path in sorted(site.rglob("*.csv")) for c in _check_csv(path)]
    xlsx_cells = [c for path in sorted(site.rglob("*.xlsx")) for c in _check_xlsx(path)]
    for payload in PAYLOADS:
        assert "'" + payload in csv_cells, payload
    assert "-5" in csv_cells  # a number: as it is
    assert (PAYLOADS[0], True) in xlsx_cells  # the municipality's comment, quote-prefixed
    # The interchange file reads back as it was written (the import takes «'» off).
    from generator.diagnostics import Report
    from generator.load.sheets import csv_grid

    data = (site / "monitoring/znacheniya.csv").read_bytes().decode("utf-8-sig")
    rows = csv_grid(data, ";", "znacheniya.csv", Report())
    assert rows is not None
    comments = {row[5] for row in rows if len(row) > 5}
    assert set(PAYLOADS) | {"-5"} <= comments


def test_export_is_neutralised(city_with_formulas, tmp_path):
    out = tmp_path / "export"
    result = run_cli("export", city_with_formulas, "--output", out, "-q")
    assert result.code == 0, result.out
    csv_cells = [c for path in sorted(out.glob("*.csv")) for c in _check_csv(path)]
    xlsx_cells = [c for path in sorted(out.glob("*.xlsx")) for c in _check_xlsx(path)]
    for payload in PAYLOADS:
        assert "'" + payload in csv_cells, payload
        assert (payload, True) in xlsx_cells, payload
    assert "-5" in csv_cells
    assert ("-5", False) in xlsx_cells  # a number written as text: no prefix
