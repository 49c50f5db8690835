"""Worker processes of the cold build (util/forked.py) collect their own
garbage, though the build pauses the collector while they are forked."""

import gc

from generator.util.forked import fork_map
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
