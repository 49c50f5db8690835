"""Rebuilding a municipal portal after one edit: what is reused from
``.nastav/cache`` and — the part that must never go wrong — what is not."""

import json
import re
import sys

from tests.conftest import copy_municipal_demo, edit, read, run_cli

PROGRAM = "content/orgs/sosh3/programs/pp-2025-1.yml"


def reused(out: str) -> tuple[int, int]:
    match = re.search(r"из кэша — (\d+), выполнено заново — (\d+)", out)
    assert match, out
    return int(match.group(1)), int(match.group(2))


def warnings(out: str) -> list[str]:
    return sorted(line for line in out.splitlines() if ": предупреждение: " in line)


def test_rebuilds_reuse_what_did_not_change_and_nothing_else(tmp_path):
    """One project through a curator's day (each build is a few seconds, so
    the steps share it): an edit, a rebuild with nothing changed, a name
    that becomes private, a damaged cache."""
    city = copy_municipal_demo(tmp_path / "city")
    first = run_cli("build", city, "--verbose")
    assert first.code == 0, first.out

    # One edit: sosh3 is read, checked, its people for the privacy guard
    # taken, published and rendered again (with its «Весь раздел» document),
    # and the open-data tables of the organizations are rewritten; nothing else.
    other = (city / "site/organizatsii/gimnaziya2/index.html").read_bytes()
    edit(
        city,
        PROGRAM,
        "title: Адаптация молодого учителя (физика)",
        "title: Адаптация молодого учителя физики",
    )
    result = run_cli("build", city, "--verbose")
    assert result.code == 0, result.out
    cached, redone = reused(result.out)
    assert redone == 6 and cached > 20, result.out
    programs = (city / "site/data/programs.csv").read_text(encoding="utf-8-sig")
    assert "Адаптация молодого учителя физики" in programs
    page = read(city / "site/organizatsii/sosh3/programmy/pp-2025-1/index.html")
    assert "Адаптация молодого учителя физики" in page
    assert "Адаптация молодого учителя физики" in read(city / "site/organizatsii/sosh3/index.html")
    assert (city / "site/organizatsii/gimnaziya2/index.html").read_bytes() == other

    # Nothing changed: everything from the cache, the same warnings printed.
    again = run_cli("build", city, "--verbose")
    assert again.code == 0 and reused(again.out)[1] == 0, again.out
    assert warnings(again.out) == warnings(result.out) != []

    # A name becomes private in one organization (a mentee's name recorded for
    # the guard): another organization's unchanged, cached text that mentions
    # it must stop the build.
    edit(
        city,
        "content/orgs/gimnaziya2/programs/pp-2025-1.yml",
        "\ngoal: ",
        "\ngoal: Вместе с Лебедевой Ольгой — ",
    )
    assert run_cli("build", city, "-q").code == 0
    edit(
        city,
        PROGRAM,
        "  role: молодой специалист, учитель (физика)\n",
        "  role: молодой специалист, учитель (физика)\n  full_name: Лебедева Ольга Игоревна\n",
    )
    private = run_cli("build", city, "-q")
    assert private.code == 1, private.out
    assert "content/orgs/gimnaziya2/programs/pp-2025-1.yml" in private.out
    assert "Лебедевой Ольгой" in private.out

    # A damaged cache is computed again, to the same site.
    edit(city, "content/orgs/gimnaziya2/programs/pp-2025-1.yml", "Вместе с Лебедевой Ольгой — ", "")
    assert run_cli("build", city, "-q").code == 0
    before = read(city / "site/organizatsii/sosh3/index.html")
    for path in (city / ".nastav/cache/memo").rglob("*.pickle"):
        path.write_bytes(b"not a pickle")
    damaged = run_cli("build", city, "--verbose")
    assert damaged.code == 0, damaged.out
    assert reused(damaged.out)[0] == 0
    assert read(city / "site/organizatsii/sosh3/index.html") == before


def test_search_index_in_shards_covers_every_page(municipal_site):
    site = municipal_site
    shards = json.loads((site / "pagefind/nastav-shards.json").read_text("utf-8"))
    assert shards and all(s.startswith("shards/") for s in shards)
    indexed = 0
    for bundle in ["", *shards]:
        entry = json.loads((site / "pagefind" / bundle / "pagefind-entry.json").read_text("utf-8"))
        indexed += sum(lang["page_count"] for lang in entry["languages"].values())
    searchable = sum(1 for p in site.rglob("*.html") if "data-pagefind-body" in read(p))
    assert indexed == searchable > 30
    # Shards carry index data only; the interface comes from the main bundle.
    assert not list((site / "pagefind/shards").rglob("*.js"))


def _search_texts(site) -> str:
    import gzip

    return " ".join(
        gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
        for p in (site / "pagefind").rglob("*.pf_fragment")
    )


def test_a_removed_record_is_gone_from_every_later_site(tmp_path):
    """Each build starts from the site replaced two builds ago (its folders
    already exist): whatever that old site held and the new one does not
    must go — pages, files, search index — also after a failed build."""
    city = copy_municipal_demo(tmp_path / "city")
    program = "content/orgs/sosh1/programs/pp-2026-1.yml"
    title = "Программа «Северное сияние»"  # found nowhere else
    edit(city, program, "title: Адаптация молодого учителя (математика)", f"title: {title}")
    page = city / "site/organizatsii/sosh1/programmy/pp-2026-1/index.html"
    for _ in range(2):  # the second build leaves the first site as the spare
        assert run_cli("build", city).code == 0
        _sitemap_lists_every_page(city / "site")
    assert page.exists() and title in _search_texts(city / "site")
    # Renamed: its search shard is made again (known by its pages' HTML keys).
    renamed = "Программа «Полярная звезда»"
    edit(city, program, f"title: {title}", f"title: {renamed}")
    assert run_cli("build", city).code == 0
    texts = _search_texts(city / "site")
    assert renamed in texts and title not in texts
    title = renamed

    (city / program).unlink()
    broken = city / "content/orgs/sosh1/programs/broken.yml"
    broken.write_text("title: [\n", encoding="utf-8")
    assert run_cli("build", city).code == 1  # fails: the published site stays
    assert page.exists()
    broken.unlink()
    for n in range(3):  # every spare left by the builds before is reused in turn
        result = run_cli("build", city)
        assert result.code == 0, result.out
        site = city / "site"
        assert not page.exists() and not page.parent.exists(), n
        assert title not in _search_texts(site), n
        assert "sosh1/programmy/pp-2026-1/" not in read(site / "sitemap.xml")
        _sitemap_lists_every_page(site)
        assert title not in read(site / "data/programs.csv"), n
    assert run_cli("check-site", city / "site").code == 0


def _sitemap_lists_every_page(site) -> None:
    """Each built page (a folder's index.html, not the 404 page) is in the
    sitemap, and its compressed copy is the same (a reused folder keeps it
    only when it is)."""
    import gzip
    import re

    xml = (site / "sitemap.xml").read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == xml
    listed = re.findall(r"<loc>([^<]*)</loc>", xml.decode("utf-8"))
    pages = [
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith("pagefind/")
    ]
    assert len(pages) > 50 and len(listed) == len(pages), (len(listed), len(pages))
    assert all(
        any(loc.rstrip("/").endswith(page) for loc in listed) for page in pages if page != "."
    )


def test_search_index_written_during_the_audit_is_audited_too(tmp_path, monkeypatch):
    """Pagefind indexes while the audit reads the rest of the site; its output
    is still checked — a phone number that only the index holds stops the
    build — and a Pagefind failure fails the build with its message."""
    import gzip

    from generator.search import search

    city = copy_municipal_demo(tmp_path / "city")
    assert run_cli("build", city, "-q").code == 0
    before = (city / "site/index.html").read_bytes()
    end = search._Run.end

    def end_with_a_phone(self, report):
        done = end(self, report)
        fragment = next((self.output / "fragment").glob("*.pf_fragment"))
        text = gzip.decompress(fragment.read_bytes()).replace(
            b'"content":"', b'"content":"+7 912 345-67-89 ', 1
        )
        fragment.write_bytes(gzip.compress(text))
        return done

    edit(
        city,
        PROGRAM,
        "title: Адаптация молодого учителя (физика)",
        "title: Адаптация молодого учителя физики",
    )
    monkeypatch.setattr(search._Run, "end", end_with_a_phone)
    leaked = run_cli("build", city, "-q")
    assert (
        leaked.code == 1
        and "site/pagefind/" in leaked.out
        and "номер телефона «+7 912 345-67-89»" in leaked.out
    ), leaked.out
    assert (city / "site/index.html").read_bytes() == before

    monkeypatch.setattr(search._Run, "end", end)
    monkeypatch.setattr(
        search, "_pagefind", lambda: (sys.executable, "-c", "print('индекс сломан'); exit(3)")
    )
    edit(
        city,
        PROGRAM,
        "title: Адаптация молодого учителя физики",
        "title: Адаптация молодого учителя физики и астрономии",
    )
    broken = run_cli("build", city, "-q")
    assert broken.code == 1 and "поисковый индекс не построен: индекс сломан" in broken.out, (
        broken.out
    )
    assert (city / "site/index.html").read_bytes() == before


def test_an_edited_practice_reaches_the_catalog_and_the_feeds(tmp_path):
    """The catalog's page, its JSON and the feeds are kept between builds;
    a changed card makes them again."""
    city = copy_municipal_demo(tmp_path / "city")
    assert run_cli("build", city, "-q").code == 0
    practice = "content/orgs/ddt/practices/praktika-1.yml"
    old = read(city / practice).split("title: ", 1)[1].splitlines()[0]
    edit(city, practice, f"title: {old}", "title: Практика «Полярная звезда»")
    result = run_cli("build", city, "-q")
    assert result.code == 0, result.out
    files = ("praktiki/index.html", "praktiki/katalog.json", "data/practices-feed.json")
    for file in (*files, "data/practices.atom"):
        assert "Практика «Полярная звезда»" in read(city / "site" / file), file
