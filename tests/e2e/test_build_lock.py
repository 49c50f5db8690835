"""Builds of one project take turns (util/project_lock.py): two at once
removed each other's cache files, and the next build met a search index
part left half-written."""

from __future__ import annotations

import subprocess
import sys
import time

from generator.workspace import build_lock
from tests.conftest import ROOT, run_cli
from tests.e2e.test_kill import start_build

HOLD = """
import sys, time
from pathlib import Path
from generator.util.project_lock import project_locked
with project_locked(Path(sys.argv[1]), lambda: None):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_build_waits_while_another_builds_the_project(demo_project):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(build_lock(demo_project)), "2"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = run_cli("build", demo_project)
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert result.code == 0, result.out
    assert "собирает другая команда nastav" in result.out
    assert "Ждём, пока она закончит" in result.out
    assert waited >= 1.5


def test_two_builds_started_at_once_both_publish_and_leave_the_cache_whole(demo_project):
    builds = [start_build(demo_project), start_build(demo_project)]
    assert [b.wait(timeout=600) for b in builds] == [0, 0]
    again = run_cli("build", demo_project)
    assert again.code == 0, again.out
    assert "Ждём" not in again.out  # the lock went with the builds
    assert (demo_project / "site" / "index.html").is_file()
    assert list((demo_project / ".nastav" / "tmp").iterdir()) == []  # each removed its own
