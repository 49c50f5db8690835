"""``nastav check-site``: the post-build audit on a folder, as a user runs it
on a site built earlier or edited on the server."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest

from generator.audit.audit_blocks import BLOCKS_FROM
from tests.conftest import copy_demo, run_cli
from tests.filefactory import make_docx


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    project = copy_demo(tmp_path_factory.mktemp("checked") / "school")
    assert run_cli("build", project, "-q").code == 0
    return project


@pytest.fixture
def built(built_once, tmp_path):
    """A fresh copy of the built project for each test to damage."""
    project = tmp_path / "school"
    shutil.copytree(built_once, project, symlinks=True)
    return project / "site"


def test_a_fresh_build_passes(built):
    result = run_cli("check-site", built)  # the project is found next to the site
    assert result.code == 0 and "Проверка сайта пройдена" in result.out, result.out


def test_without_the_project_contacts_are_warnings(built, tmp_path):
    copy = tmp_path / "www"
    shutil.copytree(built, copy)
    result = run_cli("check-site", copy)
    assert result.code == 0
    assert "предупреждение: найден номер телефона «+7 (34512) 2-14-14»" in result.out


def inject(page, html: str) -> None:
    text = page.read_text("utf-8")
    page.write_text(text.replace("</article>", html + "</article>", 1), "utf-8")


@pytest.mark.parametrize(
    "html, says",
    [
        ('<script src="https://cdn.example.com/x.js"></script>', "с другого сайта"),
        (
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
            "с другого сайта",
        ),
        ('<img src="//tracker.example.com/p.gif" alt="">', "с другого сайта"),
        ('<iframe src="https://example.com"></iframe>', "элемент <iframe>"),
        ('<a href="javascript:alert(1)">x</a>', "исполняемый код"),
        ('<p onclick="alert(1)">x</p>', "атрибут onclick"),
        ("<script>alert(1)</script>", "встроенный скрипт"),
        # The theme's inline scripts are known by their whole text, not how they begin.
        ('<script>__md_scope=new URL(".",location);alert(1)</script>', "встроенный скрипт"),
        (
            "<script>var target=document.getElementById(location.hash.slice(1));alert(1)</script>",
            "встроенный скрипт",
        ),
        (
            '<script>(function(d){d.setAttribute("data-nst-js","");alert(1)})(document)</script>',
            "встроенный скрипт",
        ),
        ('<div style="background:url(javascript:alert(1))">x</div>', "код в атрибуте style"),
        ('<a href="../nowhere/">x</a>', "битая ссылка"),
        ('<a href="#no-such-anchor">x</a>', "несуществующий якорь"),
        ("<p>Звоните: 8 912 345-67-89</p>", "номер телефона"),
        ("<p>СНИЛС 112-233-445 95</p>", "СНИЛС"),
        ("<p>Смирнова Алина — наша ученица</p>", "«Смирнова Алина» (наставляемый)"),
        ('<a href="file:///C:/Users/Учитель/x.pdf">x</a>', "путь к файлу на компьютере"),
    ],
)
def test_problems_anywhere_are_errors(built, html, says):
    inject(built / "novosti/index.html", html)
    result = run_cli("check-site", built)
    assert result.code == 1 and "site/novosti/index.html" in result.out and says in result.out, (
        result.out
    )


def test_search_index_csv_and_documents_are_read(built):
    fragment = sorted((built / "pagefind/fragment").glob("*.pf_fragment"))[0]
    data = gzip.decompress(fragment.read_bytes()).decode("utf-8")
    assert '"content":"' in data
    data = data.replace('"content":"', '"content":"Смирновой А. О. ', 1)
    fragment.write_bytes(gzip.compress(data.encode("utf-8")))
    (built / "files/spisok.csv").write_text("ФИО;Телефон\nУченик;+7 912 345-67-89\n", "utf-8")
    make_docx(built / "files/plan.docx", [["Наставляемая ", "Смир", "нова"]])
    result = run_cli("check-site", built)
    assert result.code == 1
    for where in (
        f"site/pagefind/fragment/{fragment.name}",
        "site/files/spisok.csv",
        "site/files/plan.docx",
    ):
        assert where in result.out, result.out


def test_json_files_are_searched_value_by_value_or_as_text(built):
    """A large JSON file (searched block by block), and one nested too deep
    to parse — a hostile or broken file is searched as text, not a crash."""
    items = [
        {"id": f"p{n}", "goal": "адаптация молодого учителя", "year": 2025} for n in range(3000)
    ]
    items[2345]["goal"] = "наставляемая Смирнова Алина"
    data = json.dumps({"title": "Программы", "items": items}, ensure_ascii=False, indent=1)
    assert sum(len(item["goal"]) for item in items) > BLOCKS_FROM  # its values: in blocks
    (built / "files/programmy.json").write_text(data, "utf-8")
    (built / "files/glubina.json").write_text(
        "[" * 60_000 + '"Звоните: 8 912 345-67-89"' + "]" * 60_000, "utf-8"
    )
    result = run_cli("check-site", built)
    assert result.code == 1 and "Traceback" not in result.out, result.out
    assert "site/files/programmy.json" in result.out and "«Смирнова Алина»" in result.out
    assert "site/files/glubina.json" in result.out and "номер телефона" in result.out


@pytest.mark.parametrize(
    "name", ["Программа Смирновой.pdf", ".htaccess", "a b.pdf", "x" * 120 + ".pdf"]
)
def test_unsafe_file_names(built, name):
    (built / "files" / name).write_bytes(b"%PDF-1.4\n")
    result = run_cli("check-site", built)
    assert result.code == 1 and "небезопасно для веб-сервера" in result.out, result.out


def test_symlink_in_the_site(built, tmp_path):
    (tmp_path / "secret.txt").write_text("секрет")
    (built / "files/secret.txt").symlink_to(tmp_path / "secret.txt")
    result = run_cli("check-site", built)
    assert result.code == 1 and "символическая ссылка" in result.out


def test_folder_names_are_checked_as_file_names_are(built, tmp_path):
    """Folders are named by the walk, not asked about again: an empty folder
    with an unsafe name, and a link to a folder, are still reported."""
    (built / "files" / "Новая папка").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (built / "files" / "docs").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = run_cli("check-site", built)
    assert result.code == 1, result.out
    assert "site/files/Новая папка" in result.out and "небезопасно для веб-сервера" in result.out
    assert "site/files/docs" in result.out and "символическая ссылка" in result.out


def test_missing_folder(tmp_path):
    result = run_cli("check-site", tmp_path / "nope")
    assert result.code == 1 and "такой папки нет" in result.out


def test_a_large_site_is_checked_in_full(built, monkeypatch):
    """Hundreds of new files are shared between processes started afresh: a
    problem on any of them is still found and reported once, with its page —
    a mentee's name too (what the project denies goes to the workers)."""
    from generator.util.forked import FreshWorkers

    in_workers = []

    def map_in_workers(self, *args, **kwargs):
        results = real_map(self, *args, **kwargs)
        in_workers.append(results is not None)
        return results

    real_map = FreshWorkers.map
    monkeypatch.setattr(FreshWorkers, "map", map_in_workers)
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # workers even on a one-core machine
    for n in range(400):
        folder = built / "arkhiv" / f"n{n:03d}"
        folder.mkdir(parents=True)
        extra = ""
        if n == 123:
            extra = '<p>Тел. 8 912 345-67-89</p><img src="https://cdn.example.com/x.png" alt="x">'
        if n == 321:
            extra = "<p>Грамоту получила Смирнова Алина.</p>"
        (folder / "index.html").write_text(
            f"<!doctype html><html><body><h1 id='t'>Страница {n}</h1>"
            f"<a href='../n{(n + 1) % 400:03d}/'>дальше</a><a href='#t'>вверх</a>"
            f"<a href='../n999/'>нет такой</a>{extra}</body></html>"
            if n == 7
            else f"<!doctype html><html><body><h1 id='t'>Страница {n}</h1>"
            f"<a href='../n{(n + 1) % 400:03d}/'>дальше</a>{extra}</body></html>",
            encoding="utf-8",
        )
    result = run_cli("check-site", built)
    assert result.code == 1, result.out
    assert result.out.count("номер телефона «8 912 345-67-89»") == 1, result.out
    assert "site/arkhiv/n123/index.html" in result.out
    assert "https://cdn.example.com/x.png" in result.out
    assert "site/arkhiv/n007/index.html" in result.out and "n999" in result.out
    assert "site/arkhiv/n321/index.html" in result.out and "«Смирнова Алина»" in result.out
    assert in_workers == [True], "the files were examined in worker processes"
