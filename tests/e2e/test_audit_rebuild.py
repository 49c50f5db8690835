"""The audit of a rebuild reads again only what changed (audit/audit_cache.py)
and tells exactly what an audit without its cache tells: every problem of
the unchanged files again, and the links of unchanged pages that a change
elsewhere broke — an anchor gone from the page they point to, a page that
went, a page that came back."""

from __future__ import annotations

import os
from pathlib import Path

from generator.audit.audit import audit_site
from generator.diagnostics import Report

PAGE = """<!doctype html><html lang="ru"><head><title>{title}</title></head>
<body><h1 id="top">{title}</h1>{body}</body></html>
"""


def write(site: Path, rel: str, body: str, title: str = "Страница") -> None:
    """As a build writes a file: a new one in its place."""
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    os.replace(tmp, path)


def told(site: Path, cache: Path | None) -> list[str]:
    report = Report()
    audit_site(site, report, cache=cache)
    return [f"{d.location.describe()}: {d.message}" for d in report.items]


def test_a_rebuilds_audit_tells_what_an_audit_without_cache_tells(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site, "index.html", '<a href="a/">А</a> <a href="b/#goal">цель Б</a>')
    write(site, "a/index.html", '<a href="../b/#goal">цель</a> <a href="../c/">В</a>')
    write(site, "b/index.html", '<p id="goal">Цель</p><a href="../">домой</a>')
    write(site, "c/index.html", '<script src="https://cdn.example.com/x.js"></script>')
    for n in range(30):  # pages nothing changes: their problems are told from the cache
        write(site, f"d/{n}/index.html", '<a href="../../b/#goal">цель</a><a href="#top">↑</a>')
    steps = [
        ("first build", lambda: None),
        ("nothing changed", lambda: None),
        ("a page gets a broken link", lambda: write(site, "a/index.html", '<a href="../x/">X</a>')),
        ("an anchor goes", lambda: write(site, "b/index.html", '<p id="aim">Цель</p>')),
        ("the anchor comes back", lambda: write(site, "b/index.html", '<p id="goal">Цель</p>')),
        ("a page goes", lambda: (site / "c/index.html").unlink()),
        ("the missing page comes", lambda: write(site, "x/index.html", "<p>Икс</p>")),
        ("a page changes, its ids do not", lambda: write(site, "b/index.html", '<p id="goal">')),
    ]
    expected = {
        "first build": 1,  # the script from another host
        "nothing changed": 1,
        "a page gets a broken link": 2,
        "an anchor goes": 2 + 31,  # and the home page's «#goal», d/*'s (a/ lost its link)
        "the anchor comes back": 2,
        "a page goes": 1,  # its script went with it; a/ links to it no longer
        "the missing page comes": 0,
        "a page changes, its ids do not": 0,
    }
    for what, change in steps:
        change()
        cached = told(site, cache)
        assert cached == told(site, None), what
        assert len(cached) == expected[what], (what, cached)
    assert (cache / "index.bin").is_file() and list(cache.glob("shard-*.bin"))


def test_the_findings_of_a_folder_that_went_go_with_it(tmp_path):
    """A shard holds a folder's findings: it goes when the folder's last file
    does, and those of the folders still there stay (a rebuild looks only at
    the shards of the files that went)."""
    from generator.audit.audit_cache import _shard_of

    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site, "index.html", '<a href="org/one/">Один</a>')
    for name in ("one", "two", "three"):
        write(site, f"org/{name}/index.html", "<p>Программа</p>")
        write(site, f"org/{name}/plan/index.html", "<p>План</p>")
    told(site, cache)
    shard = {name: cache / _shard_of(f"org/{name}/index.html") for name in ("one", "two", "three")}
    assert all(path.is_file() for path in shard.values()) and len(set(shard.values())) == 3
    (site / "org/two/plan/index.html").unlink()  # the folder keeps a file: its shard stays
    assert told(site, cache) == told(site, None)
    assert all(path.is_file() for path in shard.values())
    for rel in ("org/two/index.html", "org/three/index.html", "org/three/plan/index.html"):
        (site / rel).unlink()
    assert told(site, cache) == told(site, None)
    assert shard["one"].is_file() and not shard["two"].exists() and not shard["three"].exists()


def test_unsafe_names_are_told_by_every_rebuild(tmp_path):
    """A name found safe once is not matched again; one found unsafe is told
    again by each rebuild, as long as it is there."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site, "index.html", "<p>Главная</p>")
    write(site, "otchety/index.html", "<p>Отчёты</p>")
    (site / "Новая папка").mkdir()
    (site / "otchety" / "Отчёт за 2025.pdf").write_bytes(b"%PDF-1.4\n")
    for _ in range(3):
        found = told(site, cache)
        assert found == told(site, None)
        unsafe = [line for line in found if "небезопасно" in line]
        assert len(unsafe) == 2 and any("site/Новая папка" in line for line in unsafe), found
    (site / "Новая папка").rmdir()
    (site / "otchety" / "Отчёт за 2025.pdf").rename(site / "otchety" / "otchet-2025.pdf")
    assert not [line for line in told(site, cache) if "небезопасно" in line]


def test_a_page_gone_that_unchanged_pages_link_to_is_a_broken_link(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site, "index.html", '<a href="kontakty/">Контакты</a>')
    write(site, "kontakty/index.html", "<p>Телефон приёмной</p>")
    assert told(site, cache) == []
    (site / "kontakty/index.html").unlink()
    (site / "kontakty").rmdir()
    assert told(site, cache) == [
        "site/index.html, строка 2: битая ссылка «kontakty/»: такой страницы или файла нет."
    ]


def test_a_damaged_cache_is_read_as_none(tmp_path):
    """Cut off, foreign or of another shape: the audit starts afresh and
    tells what an audit without a cache tells."""
    import marshal

    from generator.audit.audit_cache import cache_tag as _cache_tag

    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site, "index.html", '<a href="a/#goal">цель</a>')
    write(site, "a/index.html", '<p id="aim">Цель</p>')
    expected = told(site, None)
    assert len(expected) == 1
    damages = [
        lambda path: path.write_bytes(path.read_bytes()[:40]),
        lambda path: path.write_bytes(b"\x80garbage"),
        lambda path: path.write_bytes(marshal.dumps((_cache_tag(), {"x": 1}, 2, 3))),
        lambda path: path.write_bytes(marshal.dumps((_cache_tag(), {"index.html": 1}))),
    ]
    for damage in damages:
        assert told(site, cache) == expected  # made afresh
        for path in cache.iterdir():
            damage(path)
        assert told(site, cache) == expected


def test_files_examined_ahead_count_only_for_the_very_bytes_the_audit_finds(tmp_path, monkeypatch):
    """A rebuild's written files are examined while the site is assembled
    (audit/audit_ahead.py); the audit takes that result for a file whose
    bytes are those examined, and examines any other file itself."""
    from generator.audit import audit as audit_module
    from generator.audit.audit_ahead import examine_ahead
    from generator.audit.audit_data import DataCheck

    docs, site, cache = tmp_path / "docs", tmp_path / "site", tmp_path / "cache"
    (docs / "data").mkdir(parents=True)
    (site / "data").mkdir(parents=True)
    (docs / "data/spisok.csv").write_text("ФИО;Телефон\nУченик;+7 912 345-67-89\n", "utf-8")
    os.link(docs / "data/spisok.csv", site / "data/spisok.csv")  # as the build places it
    write(site, "index.html", '<a href="data/spisok.csv">Список</a>')
    ahead = examine_ahead(docs, ["data/spisok.csv"], DataCheck(), "/", cache)
    examined: list[str] = []
    real = audit_module.examine_in
    monkeypatch.setattr(
        audit_module, "examine_in", lambda s, rel, *a: (examined.append(rel), real(s, rel, *a))[1]
    )

    report = Report()
    audit_site(site, report, DataCheck(), cache=cache, ahead=lambda: ahead)
    assert "data/spisok.csv" not in examined  # taken from what was examined ahead
    assert any("+7 912 345-67-89" in d.message for d in report.items), report.items

    # The file changed after it was examined: the audit reads it itself.
    (site / "data/spisok.csv").unlink()
    (site / "data/spisok.csv").write_text("ФИО;Телефон\nУченик;+7 900 111-22-33\n", "utf-8")
    report = Report()
    audit_site(site, report, DataCheck(), cache=cache, ahead=lambda: ahead)
    assert "data/spisok.csv" in examined
    messages = " ".join(d.message for d in report.items)
    assert "+7 900 111-22-33" in messages and "+7 912 345-67-89" not in messages


def test_unchanged_files_are_examined_again_at_another_base_path(tmp_path):
    """What a file yields depends on where the site is published: the same
    files audited at another base path are not taken from the cache."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site, "index.html", '<a href="/nastavnichestvo/a/">А</a>')
    write(site, "a/index.html", "<p>А</p>")

    def told_at(base: str, cache: Path | None) -> list[str]:
        report = Report()
        audit_site(site, report, base_path=base, cache=cache)
        return [d.message for d in report.items]

    for base, broken in (("/", 1), ("/nastavnichestvo/", 0), ("/", 1)):
        cached = told_at(base, cache)
        assert cached == told_at(base, None), base
        assert len(cached) == broken, (base, cached)
