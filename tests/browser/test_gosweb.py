"""The Госвеб archive of the demo school: every fragment opens and renders in
Chromium, uses only constructor markup, and names nobody the site hides."""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.browser.conftest import serve_folder
from tests.conftest import copy_demo, run_cli

ALLOWED = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
}
PRIVATE = [
    "Смирнова",
    "Лаврентьев",
    "Петрова",
    "Кузнецова",
    "Морозов",
    "подготовлен и проведён школьный концерт",
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("gosweb")
    project = copy_demo(root / "school")
    target = root / "razdel.zip"
    result = run_cli("export-gosweb", project, target)
    assert result.code == 0, result.out
    assert "Архив для Госвеб" in result.out
    folder = root / "unpacked"
    with zipfile.ZipFile(target) as handle:
        handle.extractall(folder)
    return folder


def fragments(folder):
    return sorted((folder / "stranitsy").glob("*.txt"))


def test_archive_has_a_fragment_per_page_files_and_an_index(archive):
    names = [p.stem for p in fragments(archive)]
    assert len(names) == 32 and names[0] == "01-nastavnichestvo"
    assert "11-partnery" in names  # «Партнёры и соглашения», after the materials
    assert "07-programmy" in names and any(n.endswith("programmy-pp-2025-uu-01") for n in names)
    assert (archive / "files/dokumenty").is_dir()
    index = (archive / "ПРОЧТИТЕ.txt").read_text("utf-8")
    assert "Порядок действий" in index and "/nastavnichestvo/programmy" in index
    for name in names:
        assert f"stranitsy/{name}.html" in index
    placed = index.split("Файлы:")[1]
    for path in (archive / "files").rglob("*"):
        if path.is_file():  # every file is placed on a page, images included
            line = next(x for x in placed.splitlines() if path.relative_to(archive).as_posix() in x)
            assert re.search(r"страницы: \d\d", line), line


def test_fragments_use_only_constructor_markup_and_no_private_data(archive):
    for path in fragments(archive):
        text = path.read_text("utf-8")
        tags = set(re.findall(r"<([a-z0-9]+)", text))
        assert tags <= ALLOWED, (path.name, tags - ALLOWED)
        assert "class=" not in text and "style" not in text and "<script" not in text
        # The site's table downloads are not in the archive: no dangling «Скачать».
        assert "Скачать таблицу" not in text, path.name
        for secret in PRIVATE:
            assert secret not in text, (path.name, secret)
        for href in re.findall(r'href="([^"]+)"', text):
            assert href.startswith(("/nastavnichestvo", "files/", "http", "mailto:", "tel:")), (
                path.name,
                href,
            )
            if href.startswith("files/"):
                assert (archive / href).is_file(), href


def test_each_fragment_renders_in_chromium(archive, page):
    url, server = serve_folder(archive)
    try:
        page.goto(url + "%D0%9F%D0%A0%D0%9E%D0%A7%D0%A2%D0%98%D0%A2%D0%95.html")  # ПРОЧТИТЕ.html
        assert page.locator("h1").inner_text().startswith("Раздел «Наставничество»")
        assert page.locator("table tbody tr").count() >= 31
        for path in fragments(archive):
            page.goto(f"{url}stranitsy/{path.stem}.html")
            title = page.locator("h1").inner_text()
            assert title and "�" not in title  # UTF-8 declared, Cyrillic intact
            body = page.locator("body").inner_text()
            assert len(body) > len(title) + 20, path.name
            assert page.locator("script, style, iframe, img, form").count() == 0
        page.goto(f"{url}stranitsy/07-programmy.html")
        assert page.locator("table").count() >= 2
        assert page.get_by_role("link", name="Подготовка к олимпиаде по информатике").count() == 1
        assert page.external_requests == []
    finally:
        server.shutdown()


# -- a municipal project: one folder per organization -------------------------------
@pytest.fixture(scope="module")
def city_archive(tmp_path_factory):
    from tests.conftest import copy_municipal_demo

    root = tmp_path_factory.mktemp("gosweb-city")
    project = copy_municipal_demo(root / "city")
    result = run_cli("export-gosweb", project, root / "city.zip")
    assert result.code == 0, result.out
    assert "в архив не входят" in result.out  # the portal's own pages: said, not dropped silently
    one = run_cli("export-gosweb", project, root / "sosh3.zip", "--org", "sosh3")
    assert one.code == 0, one.out
    for name in ("city", "sosh3"):
        with zipfile.ZipFile(root / f"{name}.zip") as handle:
            handle.extractall(root / name)
    return root


def test_municipal_archive_has_a_section_per_organization(city_archive):
    folder = city_archive / "city"
    index = (folder / "ПРОЧТИТЕ.txt").read_text("utf-8")
    orgs = ["sosh1", "gimnaziya2", "sosh3", "litsey7", "sosh21", "ddt"]
    for org in orgs:
        assert f"  {org}/ — " in index
        assert (folder / org / "ПРОЧТИТЕ.html").is_file()
        assert fragments(folder / org)
    assert "МБОУ «ООШ № 9»" in index.split("в архив не вошли")[1]  # no section of its own
    assert "мониторинг" in index.split("Страницы самого муниципального портала")[1]
    # The folder of an organization is the archive it would get with --org.
    single = city_archive / "sosh3"
    ours = {
        p.relative_to(single).as_posix(): p.read_bytes() for p in single.rglob("*") if p.is_file()
    }
    theirs = {
        p.relative_to(folder / "sosh3").as_posix(): p.read_bytes()
        for p in (folder / "sosh3").rglob("*")
        if p.is_file()
    }
    assert ours == theirs
    for path in (folder / org for org in orgs):
        for fragment in fragments(path):
            tags = set(re.findall(r"<([a-z0-9]+)", fragment.read_text("utf-8")))
            assert tags <= ALLOWED, (fragment, tags - ALLOWED)


def test_municipal_archive_opens_in_chromium(city_archive, page):
    url, server = serve_folder(city_archive / "city")
    try:
        page.goto(url + "%D0%9F%D0%A0%D0%9E%D0%A7%D0%A2%D0%98%D0%A2%D0%95.html")  # ПРОЧТИТЕ.html
        assert page.locator("h1").inner_text().startswith("Разделы «Наставничество» организаций")
        assert page.locator("table tbody tr").count() == 6
        page.get_by_role("link", name="sosh3/").click()
        assert page.locator("h1").inner_text().startswith("Раздел «Наставничество»")
        assert "«Средняя общеобразовательная школа № 3»" in page.locator("body").inner_text()
        page.goto(f"{url}sosh3/stranitsy/01-nastavnichestvo.html")
        body = page.locator("body").inner_text()
        assert "Наставничество" in page.locator("h1").inner_text() and len(body) > 200
        assert page.locator("script, style, iframe, img, form").count() == 0
        assert page.external_requests == []
    finally:
        server.shutdown()
