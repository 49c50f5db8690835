"""A project shows other sites' practices from their feeds (collections:),
linked to the original site; broken feeds get Russian errors; imported text
is untrusted input."""

import html as htmllib
import json
import os
import re
import shutil
import time

import pytest

from tests.browser.conftest import serve_folder
from tests.conftest import read, run_cli


def second_project(tmp_path, collections: str):
    project = tmp_path / "region"
    assert run_cli("init", project).code == 0
    with open(project / "site_config.yml", "a", encoding="utf-8") as config:
        config.write("\ncollections:\n" + collections)
    return project


def items(project):
    return json.loads(read(project / "site/praktiki/katalog.json"))["items"]


def test_file_feed_with_site_address(demo_site, tmp_path):
    project = second_project(
        tmp_path,
        "  - name: СОШ № 14\n    file: lenty/school14.json\n"
        "    site: https://school14.example.ru/nastavnichestvo/\n",
    )
    (project / "lenty").mkdir()
    shutil.copy(demo_site / "data/practices-feed.json", project / "lenty/school14.json")
    result = run_cli("build", project)
    assert result.code == 0, result.out
    imported = [i for i in items(project) if i.get("source") == "СОШ № 14"]
    assert len(imported) == 6
    club = next(i for i in imported if i["title"].startswith("Школа молодого педагога"))
    assert club["url"] == (
        "https://school14.example.ru/nastavnichestvo/praktiki/shkola-molodogo-pedagoga/"
    )
    html = htmllib.unescape(read(project / "site/praktiki/index.html"))
    assert (
        '<a href="https://school14.example.ru/nastavnichestvo/praktiki/'
        'shkola-molodogo-pedagoga/" rel="noopener">'
    ) in html
    assert "с других сайтов — 6" in html and "сайт: СОШ № 14" in html
    # Facet values are matched to this site's vocabularies; the source is a facet.
    facets = {
        f["key"]: f for f in json.loads(read(project / "site/praktiki/katalog.json"))["facets"]
    }
    assert {"uchitel-uchitel", "uchenik-uchenik"} <= {v["id"] for v in facets["form"]["values"]}
    # Re-published in this site's own feed, with where it came from.
    feed = json.loads(read(project / "site/data/practices-feed.json"))
    again = next(p for p in feed["practices"] if p["id"] == "shkola-molodogo-pedagoga")
    assert again["source"] == {
        "name": "СОШ № 14",
        "site": "https://school14.example.ru/nastavnichestvo/",
    }
    assert again["url"].startswith("https://school14.example.ru/")


@pytest.fixture
def served_demo(demo_site, tmp_path):
    """The demo site on a local web server (a copy: the test stops serving it)."""
    folder = tmp_path / "served"
    shutil.copytree(demo_site, folder)
    url, server = serve_folder(folder)
    yield url, server
    server.shutdown()


def test_url_feed_is_fetched_cached_and_used_offline(served_demo, tmp_path):
    url, server = served_demo
    project = second_project(
        tmp_path, f"  - name: Школа 14\n    url: {url}data/practices-feed.json\n    timeout: 3\n"
    )
    result = run_cli("build", project)
    assert result.code == 0, result.out
    links = {i["url"] for i in items(project) if i.get("source")}
    # No site_url in that feed: addresses are resolved against the feed's own address.
    assert f"{url}praktiki/olimpiadnaya-komanda/" in links and len(links) == 6
    cached = list((project / ".nastav/collections").glob("*.json"))
    assert len(cached) == 1
    server.shutdown()
    server.server_close()
    old = time.time() - 3600  # past the freshness window: the build goes to the network
    os.utime(cached[0], (old, old))
    result = run_cli("build", project)
    assert result.code == 0, result.out
    assert "коллекция «Школа 14»: не удалось получить ленту" in result.out
    assert "использована сохранённая копия от" in result.out
    assert len([i for i in items(project) if i.get("source")]) == 6
    cached[0].unlink()
    result = run_cli("build", project)
    assert result.code == 1
    assert "Сохранённой копии нет; проверьте адрес или подключение к сети." in result.out
    assert "Traceback" not in result.out


@pytest.mark.parametrize(
    "text, message",
    [
        ("{не json", "лента не читается как JSON (строка 1)"),
        ('{"format": "rss", "items": []}', "это не лента практик nastav"),
        (
            '{"format": "nastav-practices", "version": 9, "practices": []}',
            "лента версии 9; эта версия nastav читает версию 1",
        ),
        (None, "файла ленты «lenta.json» нет"),
    ],
)
def test_broken_feeds_are_russian_errors(tmp_path, text, message):
    project = second_project(
        tmp_path, "  - name: Соседи\n    file: lenta.json\n    site: https://example.ru/\n"
    )
    if text is not None:
        (project / "lenta.json").write_text(text, "utf-8")
    result = run_cli("build", project)
    assert result.code == 1
    assert re.search(r"site_config\.yml.*коллекция «Соседи»: " + re.escape(message), result.out)
    assert "Traceback" not in result.out


def test_feed_needs_one_source(tmp_path):
    project = second_project(tmp_path, "  - name: Соседи\n")
    result = run_cli("validate", project)
    assert result.code == 1 and "укажите для коллекции либо адрес ленты (url)" in result.out


def card(**fields):
    base = {
        "id": "x",
        "url": "praktiki/x/",
        "title": "Практика",
        "year": 2025,
        "summary": "Описание.",
        "forms": [{"id": "uchitel-uchitel", "label": "педагог – педагог"}],
    }
    return {**base, **fields}


def test_imported_text_is_untrusted(tmp_path):
    practices = [
        card(
            id="a",
            url="praktiki/a/",
            title="Практика <b>жирная</b>",
            summary="Текст <script>alert(1)</script> и <img src=x onerror=alert(2)>.",
        ),
        card(
            id="b",
            url="praktiki/b/",
            title="С именем",
            summary="Практику придумала Сидорова Анна Петровна.",
        ),
        card(
            id="c",
            url="praktiki/c/",
            title="С автором",
            authors=[{"full_name": "Сидорова Анна Петровна", "position": "учитель"}],
            summary="Практику придумала Сидорова Анна Петровна.",
        ),
        card(id="d", url="javascript:alert(3)", title="Плохая ссылка"),
        card(id="e", url="praktiki/e/", title="Запрещённое имя", summary="Участвовал Громов."),
        card(id="f", url="praktiki/f/", title="Без формы", forms=[]),
    ]
    feed = {
        "format": "nastav-practices",
        "version": 1,
        "site": {"name": "X", "url": None},
        "practices": practices,
    }
    project = second_project(
        tmp_path, "  - name: Соседи\n    file: lenta.json\n    site: https://example.ru/n/\n"
    )
    (project / "lenta.json").write_text(json.dumps(feed, ensure_ascii=False), "utf-8")
    config = project / "site_config.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  # persons:", "  persons: [Громов Игнат]\n  # persons:"
        ),
        "utf-8",
    )
    result = run_cli("build", project)
    assert result.code == 0, result.out
    for number, reason in [
        (2, "в тексте имя «Сидорова Анна Петровна» (не указан среди авторов карточки)"),
        (4, "адрес карточки «javascript:alert(3)» — не http(s)"),
        (5, "в тексте имя «Громов» (лицо из списка privacy.persons)"),
        (6, "не указана форма наставничества (forms)"),
    ]:
        assert f"карточка № {number} «" in result.out and reason in result.out, reason
    shown = {i["title"]: i for i in items(project)}
    assert set(shown) == {"Практика <b>жирная</b>", "С автором"}
    assert shown["Практика <b>жирная</b>"]["summary"] == "Текст и ."  # tags and scripts gone
    assert shown["С автором"]["url"] == "https://example.ru/n/praktiki/c/"
    site_text = "\n".join(p.read_text("utf-8") for p in (project / "site").rglob("*.html"))
    assert "alert(" not in site_text and "<b>жирная" not in site_text
    assert "Практика &lt;b&gt;жирная&lt;/b&gt;" in read(project / "site/praktiki/index.html")
