"""``kill -9`` at any moment of ``nastav build`` leaves the previously
published site complete and byte-identical (or, once the swap happened, the
complete new one), never writes into content/, and the next build cleans
up what the killed one left behind — also its temporary files, which are
never left in the system's temp folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT, run_cli
from tests.e2e.test_cli import tree_digest

NEWS = "content/news/2026-10-15-seminar.yml"
STATES = {"A": "Семинар-практикум", "B": "Семинар (изменён)"}


def set_state(project, state: str) -> None:
    path = project / NEWS
    text = path.read_text("utf-8")
    for title in STATES.values():
        text = text.replace(f'title: "{title}', f'title: "{STATES[state]}')
    path.write_text(text, "utf-8")


def start_build(project, system_temp=None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if system_temp is not None:  # the build's system temp folder
        system_temp.mkdir(exist_ok=True)
        env["TMPDIR"] = str(system_temp)
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(project), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )


def leftovers(project) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


def test_kill_9_at_any_moment_keeps_a_complete_site(demo_project, tmp_path):
    assert (demo_project / NEWS).read_text("utf-8").count(STATES["A"]) >= 1
    digests = {}
    for state in STATES:  # what a complete site looks like in each state
        set_state(demo_project, state)
        assert run_cli("build", demo_project, "-o", tmp_path / state, "-q").code == 0
        digests[state] = tree_digest(tmp_path / state)
    assert digests["A"] != digests["B"]
    system_temp = tmp_path / "system-temp"  # the killed builds' TMPDIR

    set_state(demo_project, "A")
    started = time.perf_counter()
    process = start_build(demo_project, system_temp)
    assert process.wait(timeout=300) == 0
    duration = time.perf_counter() - started
    site = demo_project / "site"
    assert tree_digest(site) == digests["A"]

    current = "A"
    delays = [duration * k / 5 for k in range(1, 6)]  # from the start to the end
    killed_before_swap = 0
    for delay in delays:
        target = "B" if current == "A" else "A"
        set_state(demo_project, target)
        content_before = tree_digest(demo_project / "content")
        process = start_build(demo_project, system_temp)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        now = tree_digest(site)
        assert now in (digests[current], digests[target]), f"incomplete site after {delay:.2f} s"
        assert tree_digest(demo_project / "content") == content_before
        if now == digests[current]:
            killed_before_swap += 1
        current = "A" if now == digests["A"] else "B"
    assert killed_before_swap >= 2  # most kills hit the build, not after it

    set_state(demo_project, "B" if current == "A" else "A")
    result = run_cli("build", demo_project, "-q")
    assert result.code == 0, result.out
    assert tree_digest(site) == digests["B" if current == "A" else "A"]
    assert leftovers(demo_project) == []
    assert sorted(os.listdir(system_temp)) == []
    assert sorted(os.listdir(demo_project / ".nastav" / "tmp")) == []
