"""``nastav serve`` builds again and again in one process: what a build made
must go with its outcome, freed as soon as nothing refers to it — not kept
by a reference cycle until Python's cycle collector happens to run (the
preview of a region grew by 0.8 GB over five edits when the build's steps
kept a closure over the build itself)."""

from __future__ import annotations

import gc
import weakref

from generator.console import Console
from generator.pipeline import build
from tests.conftest import copy_municipal_demo


def test_a_builds_model_goes_with_its_outcome(tmp_path):
    project = copy_municipal_demo(tmp_path / "city")
    console = Console(quiet=True)
    assert build(project, None, console).ok  # the cache, as the preview has it
    enabled = gc.isenabled()
    gc.disable()  # only reference counting frees what is dropped
    try:
        outcome = build(project, None, console)
        assert outcome.ok
        model = weakref.ref(outcome.model)
        del outcome
        assert model() is None
    finally:
        if enabled:
            gc.enable()
