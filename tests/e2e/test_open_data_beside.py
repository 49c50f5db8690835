"""A portal's open data join every organization's tables; they are made by a
process forked when the pages start (opendata ``start_open_data``), and
what that process used of the build cache is kept as if this one had."""

from __future__ import annotations

from generator.console import Console
from generator.pipeline import build
from tests.conftest import copy_municipal_demo, edit, read


def test_open_data_made_beside_the_pages_keep_their_cached_parts(tmp_path):
    city = copy_municipal_demo(tmp_path / "city")
    assert build(city, None, Console(quiet=True)).ok
    parts = city / ".nastav" / "cache" / "memo" / "opendata-org"
    first = {p.name for p in parts.glob("*.pickle")}
    assert len(first) >= 5  # one part a organization with a section
    edit(city, "content/orgs/sosh3/programs/pp-2025-1.yml", "goal: ", "goal: Шаг первый. ")
    outcome = build(city, None, Console(quiet=True))
    assert outcome.ok
    # The parts of unchanged organizations were read, not pruned; one made again.
    second = {p.name for p in parts.glob("*.pickle")}
    assert len(second) == len(first) and len(second - first) == 1
    programs = read(city / "site" / "data" / "programs.csv").splitlines()
    edited = [line for line in programs if line.startswith("sosh3;") and ";pp-2025-1;" in line]
    assert len(edited) == 1 and ";Шаг первый. " in edited[0]
    again = build(city, None, Console(quiet=True))
    assert again.ok and {p.name for p in parts.glob("*.pickle")} == second


def test_open_data_are_made_beside_only_after_few_changes(tmp_path, monkeypatch):
    """A first build publishes every organization anew: its pages' workers
    use both cores, and the open data are made when added, not by a third
    process holding a copy of the model. An edit of one organization makes
    them beside the pages. Either way the files are the same."""
    import generator.projects as projects

    started: list[int] = []
    start = projects.start_open_data

    def counted(source):
        started.append(sum(1 for o in source.municipality.orgs if o.published_now))
        return start(source)

    monkeypatch.setattr(projects, "start_open_data", counted)
    monkeypatch.setattr(projects, "OPEN_DATA_BESIDE_UNDER", 2)
    city = copy_municipal_demo(tmp_path / "city")
    assert build(city, None, Console(quiet=True)).ok
    assert started == []  # every organization anew: made in place
    made_in_place = read(city / "site" / "data" / "programs.json")
    edit(city, "content/orgs/sosh3/programs/pp-2025-1.yml", "goal: ", "goal: Шаг. ")
    assert build(city, None, Console(quiet=True)).ok
    assert started == [1]
    edit(city, "content/orgs/sosh3/programs/pp-2025-1.yml", "goal: Шаг. ", "goal: ")
    assert build(city, None, Console(quiet=True)).ok
    assert started == [1, 1]
    assert read(city / "site" / "data" / "programs.json") == made_in_place
