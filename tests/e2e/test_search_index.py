"""The search index as the browser gets it (generator/search/search.py and
search_merge.py): two indexes however many shards the build made, holding
the same words and pages as one Pagefind run over the whole site, cut so
that a search downloads a few kB of it (issue 14).

The index files are read here by a small CBOR reader of the tests' own,
not by search_merge: Pagefind's format, as Pagefind writes it."""

from __future__ import annotations

import gzip
import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from generator.build.tree import Linker
from generator.diagnostics import Report
from generator.search import search, search_join, search_merge
from tests.conftest import read

# On the municipal demo the index files a search for a word needs were
# 67 kB before issue 14 (six indexes, each one chunk); now about 6 kB.
BUDGET = 15_000
WORDS = ["наставника", "программа", "учитель", "спланировать", "Лицей"]


def _cbor(data: bytes, i: int = 0):
    """(value, end) of the CBOR item at ``i`` — what Pagefind writes."""
    head = data[i]
    kind, arg = head >> 5, head & 31
    i += 1
    if arg >= 24:
        size = 1 << (arg - 24)
        arg = int.from_bytes(data[i : i + size], "big")
        i += size
    if kind == 0:
        return arg, i
    if kind == 1:
        return -1 - arg, i
    if kind in (2, 3):
        raw = data[i : i + arg]
        return (raw.decode() if kind == 3 else raw), i + arg
    if kind == 4:
        items = []
        for _ in range(arg):
            item, i = _cbor(data, i)
            items.append(item)
        return items, i
    if kind == 7 and arg in (20, 21, 22):
        return {20: False, 21: True, 22: None}[arg], i
    raise AssertionError(f"CBOR {kind}/{arg} {struct.pack('>B', head)!r}")


def _load(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd"), path
    value, end = _cbor(data, len(b"pagefind_dcd"))
    assert end == len(data), path
    return value


def _meta(bundle: Path) -> tuple[dict, Path, list]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    path = bundle / f"pagefind.{entry['languages']['ru']['hash']}.pf_meta"
    return entry, path, _load(path)


def _bundles(site: Path) -> list[Path]:
    shards = json.loads((site / "pagefind/nastav-shards.json").read_text("utf-8"))
    return [site / "pagefind", *(site / "pagefind" / s for s in shards)]


def _contents(*bundles: Path) -> tuple[dict, dict]:
    """Every page (address → word count) and every word (with its forms as
    written) → page address → (positions, field positions by field name)."""
    pages: dict[str, int] = {}
    words: dict = {}
    for bundle in bundles:
        _, _, (_, listed, chunks, filters, sorts, fields) = _meta(bundle)
        assert filters == sorts == []
        urls = []
        for name, count in listed:
            fragment = gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
            url = json.loads(fragment[len(b"pagefind_dcd") :])["url"]
            assert url not in pages, url
            pages[url] = count
            urls.append(url)

        def add(key, entries, urls=urls, fields=fields):
            page = 0
            for step, positions, marks in entries:
                page += step
                named = tuple(fields[-1 - m] if m < 0 else m for m in marks)
                assert urls[page] not in words.setdefault(key, {})
                words[key][urls[page]] = (tuple(positions), named)

        for _, _, chunk in chunks:
            for word, entries, forms in _load(bundle / "index" / f"{chunk}.pf_index")[0]:
                add(word, entries)
                for form, form_entries in forms:
                    add((word, form), form_entries)
    return pages, words


def _chunk_for(chunks: list, typed: str) -> str | None:
    """The chunk Pagefind's WebAssembly loads for a word as typed
    (request_indexes, pagefind_web/src/lib.rs): the first whose range holds it."""
    return next((name for start, end, name in chunks if start <= typed <= end), None)


def test_the_browser_gets_what_pagefind_makes_of_the_whole_site(municipal_site, tmp_path):
    """The organizations' shards joined into one index, the main one cut
    anew: together the very words, positions and pages of a Pagefind run
    over the whole site — renumbered pages, renumbered metadata fields (a
    group with no practice has no «organization» field) and all."""
    bundles = _bundles(municipal_site)
    assert [b.relative_to(municipal_site).as_posix() for b in bundles] == [
        "pagefind",
        "pagefind/shards/orgs",
    ]
    whole = tmp_path / "whole"
    subprocess.run(
        [*search._pagefind(), "--site", str(municipal_site), "--output-path", str(whole)],
        check=True,
        capture_output=True,
    )
    ours, reference = _contents(*bundles), _contents(whole)
    searchable = sum(1 for p in municipal_site.rglob("*.html") if "data-pagefind-body" in read(p))
    assert len(ours[0]) == searchable > 30
    assert ours[0] == reference[0]
    assert ours[1] == reference[1]
    fields = {field for bundle in bundles for field in _meta(bundle)[2][5]}
    assert fields == {"organization", "title"}


def test_a_regions_groups_joined_in_sets_hold_what_one_run_makes(
    municipal_site, tmp_path, monkeypatch
):
    """A region's groups are joined by ``JOIN_GROUPS`` (32): here by 2, so the
    demo's groups make several organizations' indexes — together still the
    words, positions and pages of one Pagefind run over the whole site."""
    site = tmp_path / "site"
    shutil.copytree(municipal_site, site)
    monkeypatch.setattr(search_join, "JOIN_GROUPS", 2)
    assert search.index_site(site, Report(), tmp_path / "cache")
    bundles = _bundles(site)
    names = [b.relative_to(site).as_posix() for b in bundles]
    assert names[0] == "pagefind" and len(names) >= 3
    assert names[1:] == [f"pagefind/shards/orgs{k}" for k in range(len(names) - 1)]
    assert not (site / "pagefind/shards/orgs").exists()  # the city's single index went
    whole = tmp_path / "whole"
    subprocess.run(
        [*search._pagefind(), "--site", str(municipal_site), "--output-path", str(whole)],
        check=True,
        capture_output=True,
    )
    assert _contents(*bundles) == _contents(whole)


def test_pagefind_walks_each_groups_pages_only_or_the_site_with_a_glob(
    municipal_site, tmp_path, monkeypatch
):
    """Each group is indexed from a folder of links to its pages (Pagefind
    walks those, not the whole site); where links would be copies — the site
    on another file system — from the site with ``--glob``. Both make the
    index of one run over the whole site."""
    whole = tmp_path / "whole"
    subprocess.run(
        [*search._pagefind(), "--site", str(municipal_site), "--output-path", str(whole)],
        check=True,
        capture_output=True,
    )
    walked: list[list[str]] = []
    popen = subprocess.Popen

    def seen(command, *args, **kwargs):
        files = Path(command[command.index("--site") + 1]).rglob("*.html")
        walked.append(sorted(p.name for p in files))
        return popen(command, *args, **kwargs)

    monkeypatch.setattr(search.subprocess, "Popen", seen)
    for same_device in (True, False):
        monkeypatch.setattr(search, "_same_device", lambda a, b, same=same_device: same)
        site = tmp_path / f"site-{same_device}"
        shutil.copytree(municipal_site, site)
        walked.clear()
        assert search.index_site(site, Report(), tmp_path / f"cache-{same_device}")
        assert _contents(*_bundles(site)) == _contents(whole), same_device
        pages = sum(1 for _ in municipal_site.rglob("*.html"))
        assert len(walked) > 2 and sum(len(w) for w in walked) == (
            pages if same_device else pages * len(walked)
        )


def test_an_edit_in_a_regions_set_reads_only_its_own_group_again(
    municipal_site, tmp_path, monkeypatch
):
    """Edits go from one set of groups to another: each set's groups stay read
    (kept beside them) while other sets are joined, so an edit reads only the
    index of its own group again — not every group of its set."""
    site = tmp_path / "site"
    shutil.copytree(municipal_site, site)
    monkeypatch.setattr(search_join, "JOIN_GROUPS", 2)
    cache = tmp_path / "cache"
    assert search.index_site(site, Report(), cache)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    org_pages = [rel for rel in pages if search.addresses.org_of(rel) is not None]
    groups = search.group_count(len(org_pages))
    names = sorted({search.shard_of(rel, groups) for rel in org_pages})
    sets = [
        [g for g, _ in part] for _, part in search_join.join_sets([(n, Path(n)) for n in names])
    ]
    assert len(sets) >= 2
    first, second = (
        next(rel for rel in org_pages if search.shard_of(rel, groups) in part) for part in sets[:2]
    )
    for n, rel in enumerate((first, second, first)):
        page = site / rel
        page.write_text(
            read(page).replace("</article>", f"<p>Правка {n}</p></article>"), encoding="utf-8"
        )
        kept = _read_indexes(cache)
        assert search.index_site(site, Report(), cache)
        # A group read again keeps its read index anew (search_join._read_index).
        read_again = [p for p, identity in _read_indexes(cache).items() if kept.get(p) != identity]
        assert len(read_again) == 1, (rel, read_again)


def _read_indexes(cache: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in cache.glob("b*/*.pickle")}


@pytest.mark.parametrize("typed", WORDS)
def test_a_search_loads_a_few_kilobytes_of_the_index(municipal_site, typed):
    """Per index: its entry file, its metadata and the one chunk that holds
    the word and every word it begins (the stem «наставник» of the word as
    typed and «наставники», «наставником»)."""
    typed = typed.lower()
    total = 0
    for bundle in _bundles(municipal_site):
        _, meta_path, meta = _meta(bundle)
        chunks = meta[2]
        name = _chunk_for(chunks, typed)
        assert name is not None, (bundle, typed)
        chunk = bundle / "index" / f"{name}.pf_index"
        files = [bundle / "pagefind-entry.json", meta_path, chunk]
        total += sum(f.stat().st_size for f in files)
        # Every word sharing its first letters is in that chunk: a stem of
        # that length finds all its forms.
        begins = typed[: search_merge.PREFIX]
        elsewhere = [
            word
            for _, _, other in chunks
            if other != name
            for word, _, _ in _load(bundle / "index" / f"{other}.pf_index")[0]
            if word.startswith(begins)
        ]
        assert elsewhere == [], (typed, bundle)
    assert total <= BUDGET, (typed, total)


def test_chunks_cover_every_word_without_gaps(municipal_site):
    for bundle in _bundles(municipal_site):
        chunks = _meta(bundle)[2][2]
        assert len(chunks) > 1, bundle  # the demo's index is cut, not one chunk
        assert chunks[0][0] == "" and chunks[-1][1] == "\U0010ffff"
        for (_, end, _), (start, _, _) in zip(chunks, chunks[1:]):
            # Up to just before the next start: whatever is typed has a chunk.
            assert end == start[:-1] + chr(ord(start[-1]) - 1) + "\U0010ffff"
        for start, end, name in chunks:
            for word, _, _ in _load(bundle / "index" / f"{name}.pf_index")[0]:
                assert start <= word <= end, (word, start, end)


def test_index_files_it_cannot_read_stay_as_pagefind_wrote_them(
    municipal_site, tmp_path, monkeypatch
):
    """Another Pagefind version or a filter: the groups go to the browser
    as separate indexes, as before issue 14, and the index is complete."""
    site = tmp_path / "site"
    shutil.copytree(municipal_site, site)
    shutil.rmtree(site / "pagefind")

    def cannot(bundle):
        raise search_merge.Unsupported("test")

    monkeypatch.setattr(search_merge, "read", cannot)
    report = Report()
    assert search.index_site(site, report, tmp_path / "cache"), report
    bundles = _bundles(site)
    assert len(bundles) > 2 and all("/shards/b" in b.as_posix() for b in bundles[1:])
    pages, _ = _contents(*bundles)
    assert len(pages) == len(_contents(*_bundles(municipal_site))[0])


def test_two_pages_under_one_short_hash_keep_their_own_texts(municipal_site, tmp_path):
    """Pagefind names a page's text by 7 letters of its hash, unique in one
    index only: joined with another group's page of the same name, the
    second text is kept under a name of its own."""
    cache = municipal_site.parent / ".nastav/cache/search"
    first, second = (
        next(p for p in sorted((cache / name).iterdir()) if p.is_dir())
        for name in sorted(p.name for p in cache.iterdir() if p.name.startswith("b"))[:2]
    )
    copy = tmp_path / "second"
    shutil.copytree(second, copy)
    a, b = search_merge.read(first), search_merge.read(copy)
    taken, own = a.pages[0][0], b.pages[0][0]
    (copy / "fragment" / f"{own}.pf_fragment").rename(copy / "fragment" / f"{taken}.pf_fragment")
    b.pages[0] = (taken, b.pages[0][1])
    joined = tmp_path / "joined"
    search_merge.merge([(a, first), (b, copy)], joined)
    _, _, meta = _meta(joined)
    names = [name for name, _ in meta[1]]
    assert names[0] == taken and names[len(a.pages)] == f"{taken}-1"
    # In the site, as search.py puts them: each name has its own page's text.
    site, linker = tmp_path / "site", Linker()
    for source, target in search_join.joined_links(site, [("b0", first), ("b1", copy)], joined):
        linker.tree(source, target)
    texts = site / "pagefind/shards/orgs/fragment"
    mine = (first / "fragment" / f"{taken}.pf_fragment").read_bytes()
    theirs = (copy / "fragment" / f"{taken}.pf_fragment").read_bytes()
    assert mine != theirs
    assert (texts / f"{taken}.pf_fragment").read_bytes() == mine
    assert (texts / f"{taken}-1.pf_fragment").read_bytes() == theirs
    pages, _ = _contents(site / "pagefind/shards/orgs")  # every page's text is there
    assert len(pages) == len(a.pages) + len(b.pages)


@pytest.mark.parametrize(
    "damage",
    [
        "a group's page texts",
        "a group's words",
        "the main index's metadata",
        "an entry file cut short",
        "the joined index's words",
    ],
)
def test_a_cached_index_that_lost_files_is_made_again(municipal_site, tmp_path, damage):
    """A part of the search cache missing files (a full disk, files removed
    by hand) is made again, not linked into the site half there: the next
    build used to stop on the first file it could not find."""
    site = tmp_path / "site"
    shutil.copytree(municipal_site, site)
    cache = tmp_path / "cache"
    assert search.index_site(site, Report(), cache)
    expected = _contents(*_bundles(site))

    def stored(shard: str) -> Path:
        return next(p for p in sorted((cache / shard).iterdir()) if p.is_dir())

    group = sorted(p.name for p in cache.iterdir() if p.name.startswith("b"))[0]
    if damage == "a group's page texts":
        shutil.rmtree(stored(group) / "fragment")
    elif damage == "a group's words":
        shutil.rmtree(stored(group) / "index")
    elif damage == "the main index's metadata":
        next(stored("main").glob("pagefind.*.pf_meta")).unlink()
    elif damage == "an entry file cut short":
        entry = stored(group) / "pagefind-entry.json"
        entry.write_bytes(entry.read_bytes()[:20])
    else:
        shutil.rmtree(stored("orgs") / "index")

    report = Report()
    assert search.index_site(site, report, cache), report.items
    assert _contents(*_bundles(site)) == expected
    assert all(search_join.whole_index(p) for p in cache.glob("*/*") if p.is_dir())
