"""Worker processes of the cold build (util/forked.py): forked ones collect
their own garbage, though the build pauses the collector while they are
forked; fresh ones share nothing with the build's process but what they
are given."""

import gc
import os

import pytest

from generator.util.forked import FreshWorkers, fork_map
from generator.util.gcpause import paused_collector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def _garbage_left(_: int) -> tuple[bool, int]:
    """Makes cycles as rendering does (templates, parsers), then says whether
    the collector runs here and how many such cycles are still alive."""
    for _ in range(50_000):
        _Cycle()
    alive = sum(1 for o in gc.get_objects() if isinstance(o, _Cycle))
    return gc.isenabled(), alive


def test_workers_collect_cycles_while_the_build_pauses_the_collector(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # workers even on a one-core machine
    with paused_collector():
        results = fork_map(_garbage_left, list(range(4)), minimum=2)
    assert results is not None, "workers were forked"
    assert all(enabled for enabled, _ in results)
    assert all(alive < 50_000 for _, alive in results)  # without collection: 50,000 each


_STATE = {"model": "none"}  # what a build's process holds and a fresh worker does not


def _hold(value: str) -> None:
    _STATE["given"] = value


def _what_is_here(n: int) -> tuple[int, int, str, str]:
    return n * n, os.getpid(), _STATE["model"], _STATE.get("given", "")


def test_fresh_workers_get_what_they_are_given_and_nothing_else(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setitem(_STATE, "model", "the whole region")
    workers = FreshWorkers(_hold, ("the check",))
    workers.start()  # early; the same workers serve both maps
    try:
        first = workers.map(_what_is_here, list(range(40)), 10, 4)
        second = workers.map(_what_is_here, list(range(40, 60)), 10, 4)
        assert workers.map(_what_is_here, list(range(5)), 10) is None  # few: the caller works
    finally:
        workers.close()
    assert first is not None and second is not None, "workers were started"
    results = first + second
    assert [square for square, *_ in results] == [n * n for n in range(60)]
    pids = {pid for _, pid, _, _ in results}
    assert os.getpid() not in pids and len(pids) <= 2
    assert {(model, given) for _, _, model, given in results} == {("none", "the check")}


def test_what_fresh_workers_are_given_waits_in_a_file_that_goes_with_them(tmp_path, monkeypatch):
    """Down a pipe, 280 KB kept the build waiting until every worker had
    started Python and read it: in a file, it waits for them instead."""
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    large = "наставник " * 50_000  # larger than a pipe holds
    workers = FreshWorkers(_hold, (large,))
    workers.start()
    try:
        assert len(list(tmp_path.glob("nastav-workers-*"))) == 1
        results = workers.map(_what_is_here, list(range(20)), 10)
    finally:
        workers.close()
    assert results is not None and {given for *_, given in results} == {large}
    assert not list(tmp_path.glob("nastav-workers-*"))
    failing = FreshWorkers(_hold, ("the check",))
    assert failing.map(_fails_on_seven, list(range(20)), 10) is None
    assert not list(tmp_path.glob("nastav-workers-*"))  # gone with the failed pool


def test_what_workers_cannot_be_given_is_done_here(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    workers = FreshWorkers(_hold, (lambda: "not picklable",))
    assert workers.map(_what_is_here, list(range(40)), 10) is None
    workers.close()


def _fails_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("a file the worker cannot examine")
    return n


def test_a_failure_in_a_worker_is_done_again_here(monkeypatch):
    """The caller then computes in its own process, where errors are reported as usual."""
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    workers = FreshWorkers(_hold, ("the check",))
    assert workers.map(_fails_on_seven, list(range(20)), 10) is None
    assert workers.map(_what_is_here, list(range(20)), 10) is None  # not started again
    workers.close()


def _walk_of(path: str) -> tuple[int, list[str]]:
    return os.getpid(), sorted(os.listdir(path))


def _fails(path: str) -> tuple[int, list[str]]:
    if os.getpid() != _STATE.get("parent"):
        raise OSError("the forked process cannot do it")
    return _walk_of(path)


def test_a_forked_call_computes_beside_and_falls_back_here(tmp_path, monkeypatch, capfd):
    """``ForkedCall``: the work is done by another process while this one
    goes on; when that process fails, the caller computes it itself, and no
    traceback of the forked process reaches the user."""
    from generator.util.forked import ForkedCall

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temporary))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a").write_text("x")
    beside = ForkedCall(_walk_of, str(folder))
    pid, names = beside.result()
    assert pid != os.getpid() and names == ["a"]

    monkeypatch.setitem(_STATE, "parent", os.getpid())
    failed = ForkedCall(_fails, str(folder))
    pid, names = failed.result()
    assert pid == os.getpid() and names == ["a"]
    assert "Traceback" not in capfd.readouterr().err

    stopped = ForkedCall(_walk_of, str(folder))
    stopped.close()  # a build that stopped early: nothing left behind
    assert stopped.result()[0] == os.getpid()
    assert not list(temporary.iterdir())  # the results' files are gone


def _slow(seconds: float) -> int:
    import time

    time.sleep(seconds)
    return os.getpid()


def test_a_forked_call_dropped_unasked_leaves_no_process_or_file(tmp_path, monkeypatch):
    """A build that fails after starting work beside (the open data of a
    portal) drops it: the process ends and its file goes, also in a
    preview that builds on in the same process."""
    import time

    from generator.util.forked import ForkedCall

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temporary))
    dropped = ForkedCall(_slow, 30.0)
    process = dropped._process
    assert process is not None and process.is_alive()
    started = time.monotonic()
    del dropped
    assert not process.is_alive() and time.monotonic() - started < 10
    assert not list(temporary.iterdir())
    assert ForkedCall(_slow, 0.0).result() != os.getpid()  # asked for: made beside
    assert not list(temporary.iterdir())


def test_a_yielding_forked_call_runs_behind_this_process():
    """Work wanted only later (the site folder's survey, the open data) runs
    at a lower priority: when more processes than cores want to run, the
    build's own process goes first. An ordinary call keeps the priority."""
    from generator.util.forked import YIELDING, ForkedCall

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: a forked call computes here")
    here = os.nice(0)
    behind = ForkedCall(os.nice, 0, yielding=True)
    beside = ForkedCall(os.nice, 0)
    assert behind.elsewhere is False  # not asked yet
    assert behind.result() == min(here + YIELDING, 19) and behind.elsewhere
    assert beside.result() == here and beside.elsewhere
    assert os.nice(0) == here  # this process keeps its own


def _slow_square(value: int) -> int:
    import time

    time.sleep(0.3)
    return value * value


def test_meanwhile_runs_here_once_while_the_workers_compute(monkeypatch):
    """A portal's own pages are made while workers make the organizations'."""
    import time

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    calls: list[tuple[int, list | None]] = []

    def meanwhile() -> None:
        # A map asked for meanwhile is computed here: no second set of workers.
        calls.append((os.getpid(), fork_map(_slow_square, [1, 2, 3], minimum=1)))
        time.sleep(0.6)

    started = time.perf_counter()
    results = fork_map(_slow_square, [1, 2, 3, 4], minimum=2, meanwhile=meanwhile)
    took = time.perf_counter() - started
    assert results == [1, 4, 9, 16]
    assert calls == [(os.getpid(), None)]
    assert took < 1.15  # 0.6 s of workers and 0.6 s here, side by side: not 1.2 s


def test_meanwhile_runs_first_when_no_workers_are_worth_it_and_its_failure_is_told(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    order: list[str] = []
    assert fork_map(_slow_square, [2], minimum=5, meanwhile=lambda: order.append("x")) is None
    assert order == ["x"]

    def fails() -> None:
        raise ValueError("meanwhile failed")

    with pytest.raises(ValueError, match="meanwhile failed"):
        fork_map(_slow_square, [1, 2, 3, 4], minimum=2, meanwhile=fails)
    assert fork_map(_slow_square, [3, 4], minimum=1) == [9, 16]  # workers again: nothing left set
