"""A stage kept ``aside`` (memo.py, util/stored.py): the large bytes of its
result — an organization's pages and tables — go into one file beside the
result and come back as slices of it, read only when used; a rebuild that
compares hashes reads none of them."""

from __future__ import annotations

import pickle

from generator.diagnostics import Report
from generator.memo import Memo
from generator.render.pageset import Page
from generator.util.stored import HashedBytes, SlicedBytes, as_bytes, sha1_of

TEXT = "# Программа «Первые шаги»\n\n" + "Наставник — учитель математики. " * 40 + "\n"
TABLE = ("Программа;Статус\n" + "Знакомство;идёт\n" * 60).encode()


def _org(_report: Report, n: int) -> tuple[list[Page], list[tuple[str, bytes]]]:
    page = Page(f"organizatsii/oo{n}/index.md", f"Школа {n}", TEXT + str(n), "org")
    return [page], [(f"organizatsii/oo{n}/programmy.csv", HashedBytes.of(TABLE))]


def _build(folder, compute=_org) -> list:
    jobs = [{"n": n} for n in range(3)]
    return Memo(folder).stage_many("render-org", compute, jobs, Report(), aside=True)


def _fail(_report: Report, n: int):
    raise AssertionError("computed again")


def test_bytes_come_back_as_slices_read_when_used(tmp_path):
    first = _build(tmp_path / "memo")
    again = _build(tmp_path / "memo", _fail)
    pages, downloads = again[1]
    page, (href, table) = pages[0], downloads[0]
    assert isinstance(page._data, SlicedBytes) and isinstance(table, SlicedBytes)
    # What a rebuild compares is there without reading them.
    assert page.digest == first[1][0][0].digest and sha1_of(table) == sha1_of(TABLE)
    assert page.content == TEXT + "1" and as_bytes(table) == TABLE
    assert href == "organizatsii/oo1/programmy.csv"
    # One file of bytes beside each result.
    assert len(list((tmp_path / "memo" / "render-org").glob("*.bytes"))) == 3


def test_a_slice_pickled_elsewhere_is_the_bytes_themselves(tmp_path):
    _build(tmp_path / "memo")
    pages, downloads = _build(tmp_path / "memo", _fail)[0]
    elsewhere = pickle.dumps((pages, downloads))
    for path in (tmp_path / "memo" / "render-org").glob("*.bytes"):
        path.unlink()
    pages_back, downloads_back = pickle.loads(elsewhere)
    assert pages_back[0].content == TEXT + "0"
    assert downloads_back[0][1] == TABLE and sha1_of(downloads_back[0][1]) == sha1_of(TABLE)


def test_bytes_gone_or_cut_short_compute_again(tmp_path):
    first = _build(tmp_path / "memo")
    files = sorted((tmp_path / "memo" / "render-org").glob("*.bytes"))
    files[0].unlink()
    files[1].write_bytes(files[1].read_bytes()[:100])
    calls = []

    def counted(report: Report, n: int):
        calls.append(n)
        return _org(report, n)

    again = _build(tmp_path / "memo", counted)
    assert len(calls) == 2
    assert [p.content for pages, _ in again for p in pages] == [
        p.content for pages, _ in first for p in pages
    ]
    assert [as_bytes(d) for _, downloads in again for _, d in downloads] == [TABLE] * 3


def test_the_bytes_go_with_their_result(tmp_path):
    memo = Memo(tmp_path / "memo")
    memo.stage_many("render-org", _org, [{"n": 1}], Report(), aside=True)
    memo.prune()
    assert len(list((tmp_path / "memo" / "render-org").glob("*.bytes"))) == 1
    other = Memo(tmp_path / "memo")
    other.stage_many("render-org", _org, [{"n": 2}], Report(), aside=True)
    other.prune()
    kept = list((tmp_path / "memo" / "render-org").glob("*"))
    assert sorted(p.suffix for p in kept) == [".bytes", ".pickle"]
    pages, _ = _build(tmp_path / "memo", _org)[2]
    assert pages[0].content == TEXT + "2"


def test_a_single_stage_keeps_its_bytes_aside_too(tmp_path):
    first = Memo(tmp_path / "memo").stage("render-monitoring", _org, Report(), aside=True, n=5)
    again = Memo(tmp_path / "memo").stage("render-monitoring", _fail, Report(), aside=True, n=5)
    page = again[0][0]
    assert isinstance(page._data, SlicedBytes) and page.digest == first[0][0].digest
    assert page.content == TEXT + "5" and as_bytes(again[1][0][1]) == TABLE
