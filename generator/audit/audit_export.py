"""Exports checked like the built site, before they are written.

``nastav export`` (tables) and ``nastav export-gosweb`` (an archive of page
fragments and files) are made from the public model, as the site is; the
site is checked once more after it is built (``audit.py``), and so are
these: every file goes through the same examination — names of people the
site may not show (``NameFinder.find_known``), phones, e-mails, СНИЛС and the
rest of ``privacy/detectors.py``, the text inside documents and their
metadata. A finding is an error: nothing is written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ..diagnostics import Location, Report
from ..rules.common import A11Y
from ..util import scratch
from .audit_data import DataCheck
from .audit_file import examine_file


def check_export(
    files: Iterable[tuple[str, bytes]],
    guards: Sequence,
    report: Report,
    where: str,
    stopped: str,
    shown: str = "",
) -> None:
    """Examine each ``(name, bytes)`` as a file of a built site would be,
    against each privacy guard (a municipality checks an organization's
    section against its own names and the whole city's). Findings go to
    ``report`` as ``<shown><name>``; ``where`` and ``stopped`` word them
    («в архиве для Госвеб», «архив не создан»)."""
    checks = [
        replace(DataCheck.from_guard(guard), where=where, stopped=stopped) for guard in guards
    ]
    seen: set[tuple[str, str]] = set()
    with tempfile.TemporaryDirectory(prefix="nastav-export-", dir=scratch.folder()) as folder:
        for name, data in files:
            path = Path(folder, "file" + Path(name).suffix.lower())
            path.write_bytes(data)
            for check in checks:
                for found in examine_file(path, name, check):
                    key = (name, found.message)
                    # The model's files: the records' check has reported their accessibility.
                    if key not in seen and found.code != A11Y:
                        seen.add(key)
                        report.items.append(
                            replace(found, location=Location(shown + name, found.location.line))
                        )
            path.unlink()
