"""Stage caches keyed by their declared inputs (memo.Memo.stage): a change
of any input computes again, an unchanged build reads back, and a value one
stage made is keyed by that stage's key in the next."""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import Location, Report
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


@dataclass
class View:
    years: list[int]
    values: dict[tuple[int, str], float]
    label: str


def test_a_lazy_stage_is_read_only_when_used_and_keyed_the_same_either_way(tmp_path, monkeypatch):
    """A stored lazy result comes back unread (a ``Later``), with its
    diagnostics; a field is read alone; stages taking it are keyed as in
    the build that computed it, and only a stage that runs reads it."""
    import pickle
    import types

    import generator.util.later as later_module
    from generator.util.later import Later, resolved

    computed = Counted()

    def view(report: Report, n: int) -> View:
        computed.calls += 1
        report.warning(Location("content/monitoring"), f"замечание {n}", "quality")
        return View([2024, 2025], {(2025, "1.1"): float(n)}, "итог")

    def use(report: Report, view: View) -> float:
        return view.values[(2025, "1.1")] * 2

    def build() -> tuple[Memo, object, float, Report]:
        memo, report = Memo(tmp_path / "cache"), Report()
        made = memo.stage("view", view, report, lazy=True, n=3)
        used = memo.stage("use", use, Report(), view=made)
        return memo, made, used, report

    first_memo, first, first_used, first_report = build()
    assert isinstance(first, View) and first_used == 6.0
    loads = Counted()

    def counting_loads(data: bytes) -> object:
        loads.calls += 1
        return pickle.loads(data)

    # What util/later.py unpickles: the parts of lazy results.
    monkeypatch.setattr(
        later_module, "pickle", types.SimpleNamespace(loads=counting_loads, dumps=pickle.dumps)
    )
    memo, again, used, report = build()
    assert isinstance(again, Later) and used == 6.0 and computed.calls == 1
    assert loads.calls == 0  # «use» read back by the view's key: the view itself unread
    assert [d.message for d in report.items] == [d.message for d in first_report.items]
    assert memo.key_of(again) == first_memo.key_of(first)
    assert memo.part(again, "label") == "итог" and loads.calls == 0  # plain: stored as is
    years = memo.part(again, "years")
    assert isinstance(years, Later) and loads.calls == 0
    assert resolved(years) == [2024, 2025] and loads.calls == 1  # that field alone
    assert memo.key_of(resolved(years)) == first_memo.key_of(first.years)
    assert resolved(again) == first and loads.calls == 2  # the rest when the whole is used
    assert resolved(again).years is resolved(years)
    # A stage given the view that has to run reads it.
    memo = Memo(tmp_path / "cache")
    lazy = memo.stage("view", view, Report(), lazy=True, n=3)
    assert memo.stage("use-other", lambda report, view: view.label, Report(), view=lazy) == "итог"


def test_a_lazy_stage_many_and_its_pickle(tmp_path):
    from generator.util.later import Later, resolved

    def make(report: Report, n: int) -> View:
        return View([n], {}, f"№{n}")

    jobs = [{"n": n} for n in range(10)]
    first = Memo(tmp_path / "cache").stage_many("many", make, jobs, Report(), lazy=True)
    again = Memo(tmp_path / "cache").stage_many("many", make, jobs, Report(), lazy=True)
    assert all(isinstance(v, Later) for v in again)
    assert [resolved(v) for v in again] == first
    # A Later inside a value pickles as what it stands for.
    import pickle

    assert pickle.loads(pickle.dumps({"v": again[3]})) == {"v": first[3]}


def test_downloads_keep_their_hash_through_the_stage_cache(tmp_path):
    """A cached stage's downloads carry the SHA-1 worked out when they were
    made (util/stored.HashedBytes): the docs tree of a rebuild compares it
    instead of hashing a region's 27,000 tables again; they are bytes still."""
    import hashlib
    import pickle

    from generator.memo import Memo
    from generator.util.stored import HashedBytes, sha1_of

    data = "Программа;Статус\nЗнакомство;идёт\n".encode()
    memo = Memo(tmp_path / "memo")
    first = memo.stage("downloads", lambda _report: [("t.csv", HashedBytes.of(data))], Report())
    again = Memo(tmp_path / "memo").stage("downloads", lambda _report: 1 / 0, Report())
    assert again == first == [("t.csv", data)]
    kept = again[0][1]
    assert isinstance(kept, HashedBytes) and kept.sha1 == hashlib.sha1(data).digest()
    forged = pickle.loads(pickle.dumps(HashedBytes.of(data)))
    forged.sha1 = b"carried"
    assert sha1_of(forged) == b"carried"  # taken as carried, not worked out again
    assert sha1_of(data) == hashlib.sha1(data).digest()


def test_a_cached_page_is_read_back_as_bytes_and_decoded_only_when_asked(tmp_path):
    """Pages in the stage cache keep their Markdown as UTF-8 (render/pageset.py
    ``Page``): read back, a page has its path, title and digest at once, its
    bytes as written, and its text only when asked for — the same text."""
    import pickle

    from generator.render.pageset import Page

    text = "# Программа «Первые шаги»\n\nНаставник — учитель математики.\n"
    page = Page("programmy/p1/index.md", "Первые шаги", text, "program")
    back = pickle.loads(pickle.dumps(page, protocol=5))
    assert back._text is None  # not decoded yet
    assert (back.path, back.title, back.kind, back.digest) == (
        page.path,
        page.title,
        page.kind,
        page.digest,
    )
    assert back.data == text.encode("utf-8") and back == page
    assert back.content == text and back._data is None  # decoded once, bytes let go
    assert Page(page.path, page.title, text + "!", page.kind) != page


@dataclass
class Inner:
    rows: list


@dataclass
class Outer:
    inner: Inner
    names: list


def test_the_parts_of_a_result_are_keyed_by_the_stage_computed_or_read_back(tmp_path):
    """A tuple's items and a dataclass's fields, nested too: keyed by the
    stage's key and their place, the same whether made or read back — not
    by their content (an equal list made elsewhere has another key)."""

    def make(report: Report, n: int) -> tuple:
        return ([n] * 3, Outer(Inner([n, n]), ["a"]))

    first = Memo(tmp_path / "cache")
    made = first.stage("parts", make, Report(), n=4)
    again = Memo(tmp_path / "cache")
    back = again.stage("parts", make, Report(), n=4)
    assert again.hits == 1
    pairs = [
        (made[0], back[0]),
        (made[1].inner.rows, back[1].inner.rows),
        (made[1].names, back[1].names),
    ]
    keys = [first.key_of(a) for a, _ in pairs]
    assert keys == [again.key_of(b) for _, b in pairs]
    assert len(set(keys)) == 3
    assert keys[0] != Memo(tmp_path / "other").key_of([4, 4, 4])
