"""Keep Python's cycle collector out of the way of a build.

Loading a city creates a few million objects that all live until the build
ends: unpickled stage results (memo.py), records, pages. Each time 700 new
objects are allocated the collector walks the youngest of them, and every
tenth time the older ones too — a rebuild spent 0.3 s of its 3 s there,
finding no garbage. So the collector is paused while the model is built
(``paused_collector``), and afterwards the model is kept out of its sight
(``model_kept``) so the collections MkDocs and the audit trigger do not walk
it again. Both undo themselves: ``nastav serve`` builds again and again in
one process.

Turning the collector back on after millions of allocations makes the next
allocation walk all of them (1.2 s for a region's model, finding nothing):
a build keeps its model anyway, so ``paused_collector(keep=True)`` hands
what exists to ``model_kept`` before the collector comes back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector(keep: bool = False) -> Iterator[None]:
    """``keep``: what exists at the end stays out of the collector's sight
    until ``model_kept`` (entered next) ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if enabled:
            gc.enable()


@contextmanager
def model_kept() -> Iterator[None]:
    """Objects that exist on entry are not walked by collections until exit."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
