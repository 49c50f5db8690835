"""Stage caches keyed by their declared inputs (memo.Memo.stage): a change
of any input computes again, an unchanged build reads back, and a value one
stage made is keyed by that stage's key in the next."""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import Report
from generator.memo import Memo, Tree


@dataclass
class Counted:
    calls: int = 0


def test_a_stage_runs_again_only_when_an_input_changes(tmp_path):
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "a.yml").write_text("title: один\n", "utf-8")
    counter = Counted()

    def read(report: Report, files: Tree, label: str) -> list[str]:
        counter.calls += 1
        return [p.read_text("utf-8") for p in sorted(files.path.iterdir())] + [label]

    def build(**inputs):
        memo = Memo(tmp_path / "cache")
        return memo.stage("read", read, Report(), **inputs)

    assert build(files=Tree(folder), label="x") == ["title: один\n", "x"]
    assert build(files=Tree(folder), label="x") == ["title: один\n", "x"]
    assert counter.calls == 1
    build(files=Tree(folder), label="y")  # another input value
    assert counter.calls == 2
    (folder / "a.yml").write_text("title: два\n", "utf-8")  # the same input, other files
    assert build(files=Tree(folder), label="y")[0] == "title: два\n"
    assert counter.calls == 3


def test_a_made_value_is_keyed_by_the_stage_that_made_it(tmp_path):
    memo = Memo(tmp_path / "cache")
    made = memo.stage("make", lambda report, n: {"n": n, "big": list(range(1000))}, Report(), n=1)
    assert memo.key_of(made) != memo.key_of({"n": 1, "big": list(range(1000))})
    again = Memo(tmp_path / "cache")
    read_back = again.stage("make", lambda report, n: None, Report(), n=1)
    assert read_back == made and again.key_of(read_back) == memo.key_of(made)
    assert again.hits == 1


def test_without_a_folder_nothing_is_keyed_or_kept(tmp_path):
    memo = Memo(None)
    assert memo.stage("x", lambda report, n: n + 1, Report(), n=1) == 2
    assert memo.hits == memo.misses == 0 and not (tmp_path / "cache").exists()


def test_many_stages_at_once_each_keyed_by_its_own_inputs(tmp_path):
    memo = Memo(tmp_path / "cache")
    jobs = [{"n": n} for n in range(10)]
    assert memo.stage_many("sq", lambda report, n: n * n, jobs, Report()) == [
        n * n for n in range(10)
    ]
    again = Memo(tmp_path / "cache")
    jobs[3] = {"n": 30}
    assert again.stage_many("sq", lambda report, n: -1, jobs, Report())[3] == -1
    assert again.hits == 9 and again.misses == 1
