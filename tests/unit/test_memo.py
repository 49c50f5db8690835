"""The build cache of pure stages (generator/memo.py) and the search shards."""

import pickle
from dataclasses import dataclass

from generator.diagnostics import Location, Report
from generator.memo import Memo, object_digest
from generator.search.search import group_count, shard_of
from generator.search.search_join import join_sets
from generator.treedigest import tree_digest


def test_result_and_its_warnings_come_back_from_the_cache(tmp_path):
    calls = []

    def stage(report: Report) -> list[int]:
        calls.append(1)
        report.warning(Location("content/x.yml", 3), "проверьте поле", "t")
        return [1, 2, 3]

    first, second = Report(), Report()
    assert Memo(tmp_path).run("s", ("k",), stage, first) == [1, 2, 3]
    memo = Memo(tmp_path)
    assert memo.run("s", ("k",), stage, second) == [1, 2, 3]
    assert len(calls) == 1 and memo.hits == 1
    assert [d.format() for d in second.items] == [d.format() for d in first.items]
    assert Memo(tmp_path).run("s", ("other",), stage, Report()) == [1, 2, 3]
    assert len(calls) == 2


def test_unknown_input_or_no_folder_computes_every_time(tmp_path):
    calls = []
    for memo, key in ((Memo(None), "k"), (Memo(tmp_path), "")):
        for _ in range(2):
            memo.run("s", (key,), lambda r: calls.append(1), Report())
    assert len(calls) == 4 and not list(tmp_path.rglob("*.pickle"))


def test_prune_keeps_only_what_this_build_used(tmp_path):
    Memo(tmp_path).run("s", ("old",), lambda r: 1, Report())
    memo = Memo(tmp_path)
    memo.run("s", ("new",), lambda r: 2, Report())
    memo.prune()
    assert len(list(tmp_path.rglob("*.pickle"))) == 1
    assert Memo(tmp_path).run("s", ("new",), lambda r: 3, Report()) == 2


def test_a_derived_value_is_keyed_by_content_worked_out_once_per_input(tmp_path, monkeypatch):
    """A year's share of a view: a stage reading it reruns only when the share
    changes, and the share's content is digested only when the view is new."""
    import generator.memo as memo_module

    def share(view: dict, year: int) -> list[int]:
        return view[year]

    calls: list[list[int]] = []

    def build(view: dict) -> Memo:
        memo = Memo(tmp_path)
        part = memo.derived("share", share, view=view, year=2023)
        memo.stage("report", lambda r, part: calls.append(part) or len(part), Report(), part=part)
        memo.prune()
        return memo

    build({2023: [1, 2], 2024: [3]})
    build({2023: [1, 2], 2024: [3, 4]})  # a later year changed: the 2023 report stays
    assert calls == [[1, 2]]
    digested: list[object] = []
    real = memo_module.object_digest
    monkeypatch.setattr(memo_module, "object_digest", lambda v: digested.append(v) or real(v))
    build({2023: [1, 2], 2024: [3, 4]})  # the same view: its share is not pickled again
    assert [1, 2] not in digested and calls == [[1, 2]]
    build({2023: [1, 2, 5], 2024: [3, 4]})
    assert calls == [[1, 2], [1, 2, 5]]


@dataclass
class _Card:
    title: str
    forms: list[str]


def test_values_keyed_by_content_are_pickled_once_and_key_the_lists_holding_them(
    tmp_path, monkeypatch
):
    """A region's practice cards, read by the catalog and, a few each, by
    every organization's pages: each card is pickled once, and a stage
    reruns exactly when a card it reads changed."""
    import generator.memo as memo_module

    digested: list[object] = []
    real = memo_module.object_digest
    monkeypatch.setattr(memo_module, "object_digest", lambda v: digested.append(v) or real(v))
    calls: list[str] = []

    def build(cards: list[_Card]) -> None:
        memo = Memo(tmp_path)
        memo.by_content(cards)
        for name, read in (("all", cards), ("first", cards[:1]), ("second", cards[1:])):
            memo.stage(name, lambda r, cards, name=name: calls.append(name), Report(), cards=read)
        memo.prune()

    build([_Card("Школа молодого педагога", ["teacher"]), _Card("Равный — равному", ["peer"])])
    assert calls == ["all", "first", "second"]
    assert all(isinstance(v, _Card) for v in digested) and len(digested) == 2
    build([_Card("Школа молодого педагога", ["teacher"]), _Card("Равный — равному", ["peer"])])
    assert calls == ["all", "first", "second"]  # the same cards, made afresh: nothing reruns
    build(
        [_Card("Школа молодого педагога", ["teacher", "peer"]), _Card("Равный — равному", ["peer"])]
    )
    assert calls == ["all", "first", "second", "all", "first"]


class _Texts(list):
    """A stage's result holding its pages' texts (weakly referable)."""


def test_results_of_many_computed_stages_are_let_go_early_a_rebuilds_stay(tmp_path):
    """A first build's results hold every page's text: let go before the
    audit. A rebuild computed a few: freeing what it read back costs more
    than keeping it until the process ends (``keep_read``: ``nastav build``);
    a process that builds again (``nastav serve``) lets it go."""
    import weakref

    import generator.memo as memo_module

    cases = ((memo_module.LET_GO_FROM, True, True), (2, True, False), (2, False, True))
    for count, keep_read, freed in cases:
        memo = Memo(tmp_path / f"{count}-{keep_read}")
        made = [
            memo.stage(f"s{i}", lambda r, i: _Texts([f"страница {i}"]), Report(), i=i)
            for i in range(count)
        ]
        refs = [weakref.ref(value) for value in made]
        del made
        assert all(ref() is not None for ref in refs)  # the memo holds them
        memo.let_go(keep_read)
        assert all((ref() is None) == freed for ref in refs), (count, keep_read)
        del memo
        assert all(ref() is None for ref in refs)


def test_tree_digest_follows_names_and_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/x.yml").write_text("title: Один\n", "utf-8")
    before = tree_digest(tmp_path)
    assert tree_digest(tmp_path) == before
    (tmp_path / "a/x.yml").write_text("title: Два!\n", "utf-8")  # same size
    changed = tree_digest(tmp_path)
    assert changed != before
    (tmp_path / "a/x.yml").rename(tmp_path / "a/y.yml")
    assert tree_digest(tmp_path) not in (before, changed)
    assert tree_digest(tmp_path / "missing") != tree_digest(tmp_path / "other-missing")


def test_file_hashes_are_reused_only_for_files_older_than_the_clock_can_blur(tmp_path):
    """A rebuild does not read every record again: a file's hash is reused
    while its size, time and inode are the same — unless it was saved
    within seconds of being read, when the same time proves nothing."""
    import os

    from generator.treedigest import FileHashes

    folder, cache = tmp_path / "org", tmp_path / "files.pickle"
    folder.mkdir()
    record = folder / "program.yml"

    def save(text: str, seconds_ago: int) -> None:
        record.write_text(text, "utf-8")
        when = 1_700_000_000 if seconds_ago else None
        os.utime(record, (when, when) if when else None)

    def digest() -> str:
        hashes = FileHashes(cache)
        value = tree_digest(folder, hashes)
        hashes.save()
        return value

    save("title: Один\n", seconds_ago=0)
    fresh = digest()
    save("title: Два!\n", seconds_ago=0)  # same size; the time may not have moved
    os.utime(record, ns=(record.stat().st_atime_ns, record.stat().st_mtime_ns))
    assert digest() != fresh
    save("title: Три!\n", seconds_ago=1)
    old = digest()
    assert old != fresh and digest() == old
    save("title: Два!\n", seconds_ago=1)  # same size and time: trusted, not read
    assert digest() == old
    assert tree_digest(folder) != old  # without the hashes it is read


@dataclass
class _Card:
    title: str
    tags: list[str]


def test_digest_ignores_how_parts_are_shared():
    """Fresh values, values read back from the cache and mixtures of both
    (the practice catalog after one organization changed) digest alike."""
    tag = "наставничество"
    fresh = [_Card("А", [tag]), _Card("Б", [tag])]  # one string object twice
    restored = pickle.loads(pickle.dumps(fresh))
    copied = [_Card("А", ["наставни" + "чество"]), _Card("Б", ["наставни" + "чество"])]
    mixed = [restored[0], _Card("Б", ["наставни" + "чество"])]
    assert len({object_digest(v) for v in (fresh, restored, copied, mixed)}) == 1
    assert object_digest(fresh) != object_digest([_Card("А", [tag]), _Card("Б", [])])
    looped: list = [_Card("А", [])]
    looped.append(looped)  # refers to itself: digested the other way, still stable
    assert object_digest(looped) == object_digest(pickle.loads(pickle.dumps(looped)))
    assert object_digest(looped) != object_digest([_Card("Б", []), looped])


def test_pages_go_to_shards_by_organization():
    assert shard_of("index.html") == shard_of("monitoring/2025/index.html") == "main"
    assert shard_of("organizatsii/index.html") == "main"  # the registry
    org = shard_of("organizatsii/sosh3/index.html")
    assert org.startswith("b") and shard_of("organizatsii/sosh3/programmy/p/index.html") == org


def test_many_stages_are_computed_in_workers_in_order(tmp_path):
    """A cold city: the missing stages run in worker processes; values and
    warnings come back in the order of the jobs, and from the cache next time."""
    import os

    def job(n: int):
        def stage(report: Report):
            report.warning(Location(f"content/orgs/o{n}/a.yml", n), f"замечание {n}", "t")
            return {"n": n, "pid": os.getpid()}

        return (f"k{n}",), stage

    jobs = [job(n) for n in range(12)] + [(("",), lambda r: {"n": "нет ключа", "pid": 0})]
    report = Report()
    memo = Memo(tmp_path)
    values = memo.run_many("s", jobs, report)
    assert [v["n"] for v in values] == [*range(12), "нет ключа"]
    assert any(v["pid"] not in (os.getpid(), 0) for v in values)  # in a worker
    assert [d.message for d in report.items] == [f"замечание {n}" for n in range(12)]
    assert memo.misses == 12

    again = Report()
    memo = Memo(tmp_path)
    assert [v["n"] for v in memo.run_many("s", jobs, again)] == [*range(12), "нет ключа"]
    assert memo.hits == 12 and [d.message for d in again.items] == [d.message for d in report.items]


def test_search_groups_grow_with_the_portal_in_powers_of_two():
    """An edit re-indexes its group: a region's groups stay small, and an
    organization keeps its group until the portal doubles or halves."""
    assert [group_count(n) for n in (0, 800, 801, 1_600, 1_400, 14_000)] == [8, 8, 16, 16, 16, 256]
    groups = {shard_of(f"organizatsii/oo{i:03d}/index.html", 256) for i in range(930)}
    assert len(groups) > 200 and all(0 <= int(g[1:]) < 256 for g in groups)


def test_a_regions_groups_are_joined_in_sets_a_citys_in_one():
    """An edit joins its set of groups again; a city keeps one organizations' index."""
    from pathlib import Path

    def groups(n: int) -> list[tuple[str, Path]]:
        return sorted((f"b{i}", Path(f"b{i}")) for i in range(n))

    assert [name for name, _ in join_sets(groups(16))] == ["orgs"]
    region = join_sets(groups(256))
    assert [name for name, _ in region] == ["orgs0", "orgs1", "orgs2", "orgs3"]
    assert [g for _, part in region for g in part] == groups(256)
    assert {len(part) for _, part in region} == {64}
    assert [len(part) for _, part in join_sets(groups(80))] == [40, 40]
    assert join_sets([]) == []
