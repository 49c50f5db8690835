"""Map a function over items in worker processes.

The cold build of a city is CPU-bound in two places — the organizations'
stages (memo.py) and the audit of the built site (audit/audit.py) — and
both share them between the cores. The stages' workers are forked
(``fork_map``), so they inherit the function and the items as they are
(closures included); only indexes go to them and results come back
pickled. The audit's start afresh (``FreshWorkers``): by then this process
holds the whole model, and forked workers would copy it as they write.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import tempfile
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from . import scratch

_job: tuple[Callable, Sequence] | None = None  # what the forked workers compute


def fork_map(
    function: Callable[[Any], Any],
    items: Sequence,
    minimum: int,
    chunksize: int = 1,
    meanwhile: Callable[[], None] | None = None,
) -> list | None:
    """``[function(item) for item in items]`` from worker processes, or None
    when that is not worth it (fewer than ``minimum`` items, one core, no
    fork) or a worker failed: the caller then computes in this process,
    where errors are reported as usual.

    ``meanwhile()`` is called once, in this process: while the workers
    compute, or first when there are none. This process has nothing else to
    do while they work — and a region's portal-level pages took it 10 s
    alone, while they waited. It may not map in workers itself: a map
    started meanwhile is computed here (no second set of workers)."""
    global _job
    workers = min(os.cpu_count() or 1, 4)
    if (
        len(items) < minimum
        or workers < 2
        or _job is not None  # meanwhile, in another map
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        if meanwhile is not None:
            meanwhile()
        return None
    _job = (function, items)
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_collect_own)
    except Exception:
        _job = None
        if meanwhile is not None:
            meanwhile()
        return None
    try:
        with pool:
            pending = pool.map_async(_call, range(len(items)), chunksize=chunksize)
            if meanwhile is not None:
                meanwhile()  # its failure is the caller's, and ends the workers
            try:
                return pending.get()
            except Exception:
                return None
    finally:
        _job = None


class FreshWorkers:
    """Worker processes that share nothing with this one: ``map`` is
    ``[function(item) for item in items]``, or None as ``fork_map`` returns
    it. ``function`` and ``setup`` go by name (module-level functions);
    ``setup(*setup_args)`` runs once in each worker; items and results go
    pickled.

    For work late in a build, when this process holds a whole model: a
    forked worker allocating in the model's half-freed memory copies it page
    by page — a region's audit workers grew to 440 and 230 MB of their own
    forked, to 140 MB started afresh. Starting costs 0.2–0.4 s of imports:
    ``start()`` early, while this process has other work, and the same
    workers serve every ``map`` until ``close()``.

    The setup's arguments reach the workers in a file. Given to the pool,
    they went down each worker's pipe — 280 KB for a city, more than a pipe
    holds — and ``start()`` waited until every worker had started Python
    and read them: 0.6 s of a city's cold build with nothing else done."""

    def __init__(self, setup: Callable[..., None], setup_args: tuple) -> None:
        self.setup, self.setup_args = setup, setup_args
        self.count = min(os.cpu_count() or 1, 4)
        self._pool: Any = None
        self._failed = self.count < 2
        self._end: weakref.finalize | None = None

    def start(self) -> None:
        if self._pool is not None or self._failed:
            return
        try:
            data = pickle.dumps(self.setup_args, protocol=pickle.HIGHEST_PROTOCOL)
            # A worker that cannot unpickle what it is given dies at once, and
            # the pool would start it again and again: tried here first.
            pickle.loads(data)
            handle, path = tempfile.mkstemp(
                prefix="nastav-workers-", suffix=".pickle", dir=scratch.folder()
            )
            # The file goes with the pool, also when the build stops early.
            self._end = weakref.finalize(self, _remove, path)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            self._pool = multiprocessing.get_context("spawn").Pool(
                self.count, initializer=_set_up_from, initargs=(self.setup, path)
            )
        except Exception:
            self._failed = True
            self._forget_file()

    def map(
        self, function: Callable[[Any], Any], items: Sequence, minimum: int, chunksize: int = 1
    ) -> list | None:
        if len(items) < minimum:
            return None
        self.start()
        if self._pool is None:
            return None
        try:
            return self._pool.map(function, items, chunksize=chunksize)
        except Exception:
            self._pool.terminate()  # a worker that failed may not finish: not waited for
            self._pool = None
            self._failed = True
            self._forget_file()
            return None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
        self._forget_file()

    def _forget_file(self) -> None:
        if self._end is not None:
            self._end()
            self._end = None


def _set_up_from(setup: Callable[..., None], path: str) -> None:
    """In a fresh worker: ``setup`` with the arguments ``FreshWorkers`` left in ``path``."""
    with open(path, "rb") as stream:
        setup(*pickle.load(stream))


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


class ForkedCall:
    """``function(*args)`` computed by a process forked now, while this one
    goes on; ``result()`` waits for it. For work early in a build, when the
    second core idles while the model is made: the walk of a region's reused
    site folder.

    Without fork or a second core, or when the process fails, ``result()``
    computes in this process. The process leaves its result in a file and
    ends: while a forked process lives, every page of memory this one writes
    is copied (the preview's process holds a whole model). A process, not a
    pool: a pool's threads would stay here, and this process forks again."""

    def __init__(self, function: Callable[..., Any], *args: Any, yielding: bool = False) -> None:
        """``yielding``: the process runs at a lower priority (``YIELDING``),
        for work this one needs only later: when more processes than cores
        want to run, this one — on which the build waits — goes first."""
        self.function, self.args = function, args
        self.elsewhere = False  # the result came from the forked process
        self._process: Any = None
        self._path: str | None = None
        self._end: weakref.finalize | None = None
        if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return
        try:
            handle, self._path = tempfile.mkstemp(
                prefix="nastav-", suffix=".pickle", dir=scratch.folder()
            )
            os.close(handle)
            context = multiprocessing.get_context("fork")
            self._process = context.Process(
                target=_keep_result, args=(self._path, function, args, yielding), daemon=True
            )
            self._process.start()
        except Exception:
            self.close()
            return
        # Dropped unasked (a build that failed after starting it): the
        # process and its file go with it, also in a preview that lives on.
        self._end = weakref.finalize(self, _end, self._process, self._path)

    def result(self) -> Any:
        if self._process is not None and self._path is not None:
            try:
                self._process.join()
                if self._process.exitcode == 0:
                    # Read whole, then unpickled: from the stream, a region's site
                    # folder (56,000 paths) took 0.015 s longer.
                    with open(self._path, "rb") as stream:
                        value = pickle.loads(stream.read())
                    self.elsewhere = True
                    return value
            except Exception:
                pass
            finally:
                self.close()
        return self.function(*self.args)

    def close(self) -> None:
        """Waited for no longer (a build that stopped early)."""
        if self._end is not None:
            self._end()
        else:
            _end(self._process, self._path)
        self._process, self._path, self._end = None, None, None


def _end(process: Any, path: str | None) -> None:
    if process is not None:
        if process.is_alive():
            process.terminate()
        process.join()
    if path is not None:
        with contextlib.suppress(OSError):
            os.unlink(path)


YIELDING = 10  # the niceness of a yielding ForkedCall's process (POSIX; 0 is the default)


def _keep_result(path: str, function: Callable[..., Any], args: tuple, yielding: bool) -> None:
    """In the forked process: a failure ends it with a non-zero code (the
    caller computes again, and reports what fails), not a traceback here."""
    if yielding and hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(YIELDING)
    try:
        value = function(*args)
        with open(path, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        raise SystemExit(1) from None


def forked_pool(workers: int) -> Any | None:
    """A pool of up to ``workers`` processes forked now, for work that comes
    later from another thread (search.py: the join of the search index once
    Pagefind is done). Forked before that thread starts, they copy one
    thread; None without fork or with one core: the caller works itself."""
    workers = min(workers, os.cpu_count() or 1)
    if workers < 1 or (os.cpu_count() or 1) < 2:
        return None
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork").Pool(workers, initializer=_collect_own)


def _collect_own() -> None:
    """A worker collects its own garbage. The build pauses the collector
    (util/gcpause.py) and a fork inherits that: a worker rendering 465
    organizations of a region kept every cycle its templates made (7 MB an
    organization, 3.8 GB a worker). What it inherited is frozen first, so
    collections walk only its own objects and leave the parent's pages shared."""
    gc.freeze()
    gc.enable()


def _call(index: int) -> Any:
    assert _job is not None  # set by fork_map before the workers are forked
    function, items = _job
    return function(items[index])
