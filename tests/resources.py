"""Run the CLI as a separate process and measure its time and peak memory.

The CLI is started through a small wrapper process: on Linux a child
started with vfork reports the *parent's* peak memory as its own, and the
test process is large, so the wrapper (a few megabytes) is the parent whose
``RUSAGE_CHILDREN`` is read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"code": done.returncode, "out": done.stdout + done.stderr,
                  "seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


@dataclass
class Measured:
    code: int
    out: str
    seconds: float
    peak_mb: float


def run_nastav(*args: str | Path, env: dict | None = None, timeout: float = 300) -> Measured:
    # Keep a PYTHONPATH the tests were given (test_newest_pyyaml puts a newer
    # PyYAML there); the project itself comes first.
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    environment = {**os.environ, "PYTHONPATH": path, **(env or {})}
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return Measured(**json.loads(done.stdout))
