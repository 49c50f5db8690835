"""Where a build's temporary files go: ``.nastav/tmp/<process>`` of its project.

In the system's temp folder the files of a build that was stopped —
``kill -9``, a closed window, a computer switched off — stayed for good: a
forked process's result, the workers' arguments, the search index's scratch,
LibreOffice's conversions. In the project's folder the next build removes
them: each process has a folder named by its number, and a folder whose
process no longer runs is a stopped build's. Outside a build (``nastav
check-site``, tests) the system's temp folder is used, as before.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .processes import is_running

_current: Path | None = None


@contextmanager
def scratch_in(tmp: Path) -> Iterator[None]:
    """While the block runs, temporary files go into this process's folder
    in ``tmp``, removed at the end; stopped processes' folders go first.
    Nested for the same ``tmp``, the outer block keeps the folder. Where
    the folder cannot be made, the system's temp folder is used."""
    global _current
    own = tmp.resolve() / str(os.getpid())
    if _current == own:
        yield
        return
    try:
        _sweep(tmp)
        own.mkdir(parents=True, exist_ok=True)
    except OSError:
        yield  # a read-only project: the system's folder, as before
        return
    previous, _current = _current, own
    try:
        yield
    finally:
        _current = previous
        shutil.rmtree(own, ignore_errors=True)


def folder() -> str | None:
    """The ``dir`` for ``tempfile``: the running build's folder, or None (the system's)."""
    return None if _current is None else str(_current)


def _sweep(tmp: Path) -> None:
    if not tmp.is_dir():
        return
    for entry in tmp.iterdir():
        if entry.name.isdigit() and is_running(int(entry.name)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
