"""Rebuilds as the preview makes them: ``nastav serve`` keeps one process and
calls ``pipeline.build`` after each saved edit, so Python, MkDocs and
Material are loaded once. Run by scale.py after its builds:

    python bench/preview.py PROJECT EDITS

Builds PROJECT once (warm: the cache is there already), then edits one
program at a time (scale.py's ``_edit_one_program``, other organizations)
and times each rebuild in this same process; prints one JSON line:
{"seconds": [...], "peak_mb": ...} (peak: this process's own high-water
mark, children not included).
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generator.console import Console  # noqa: E402
from generator.pipeline import build  # noqa: E402


def main() -> int:
    project, edits = Path(sys.argv[1]), int(sys.argv[2])
    from scale import _check_edit, _edit_one_program  # the same edits as the builds

    console = Console(quiet=True)  # as serve: messages are not the point here
    with tempfile.TemporaryDirectory(prefix="nastav-preview-") as tmp:
        site = Path(tmp) / "site"  # as serve does: its own folder
        if not build(project, site, console).ok:
            raise SystemExit("предварительная сборка не удалась")
        seconds = []
        for n in range(edits):
            program = _edit_one_program(project, 100 + n)
            started = time.perf_counter()
            outcome = build(project, site, console)
            seconds.append(time.perf_counter() - started)
            if not outcome.ok:
                raise SystemExit("пересборка не удалась")
            _check_edit(project, program, 100 + n, site)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
