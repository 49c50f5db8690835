"""Full-text search: Pagefind over the built site.

Pagefind (the binary ships in its PyPI wheel) stems Russian and splits the
index into chunks the browser loads on demand, so the data transferred
before the first result stays small at any site size — unlike lunr, whose
whole index (13.7 MB for our 1,464-page benchmark city) is downloaded
before the first query.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..diagnostics import Location, Report

BUNDLE = "pagefind"


def index_site(site: Path, report: Report) -> bool:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
               "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        report.error(Location("pagefind"), f"поисковый индекс не построен: {exc}", "search")
        return False
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        report.error(Location("pagefind"), "поисковый индекс не построен: " + " ".join(tail),
                     "search")
        return False
    return True
