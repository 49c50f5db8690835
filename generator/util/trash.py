"""Folders deleted in the background: moved into a trash folder on the same
disk (one rename), which a detached process empties while the build goes on.
An old site after a swap (deploy/swap.py), MkDocs' part folders after a cold
build (build/engine.py: a city's 3,900 folders took 0.4 s to delete)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def discard(folder: Path, trash: Path | None) -> None:
    discard_all([folder], trash)


def discard_all(folders: list[Path], trash: Path | None) -> None:
    """The folders into ``trash``, emptied by one detached process; deleted
    here when there is no trash or it is on another disk."""
    left = list(folders)
    if trash is not None:
        try:
            trash.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        else:
            for folder in folders:
                moved = trash / f"{folder.name.lstrip('.')}-{os.getpid()}-{time.time_ns()}"
                try:
                    folder.rename(moved)
                except OSError:  # another disk: deleted here
                    continue
                left.remove(folder)
            if len(left) < len(folders):
                empty_trash(trash)
    for folder in left:
        shutil.rmtree(folder, ignore_errors=True)


def empty_trash(trash: Path) -> None:
    """Delete the trash folder's contents in a detached process."""
    if not trash.is_dir() or not any(trash.iterdir()):
        return
    code = (
        "import shutil, sys, pathlib\n"
        "for p in pathlib.Path(sys.argv[1]).iterdir(): shutil.rmtree(p, True)"
    )
    try:
        subprocess.Popen(
            [sys.executable, "-c", code, str(trash)],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        for path in trash.iterdir():
            shutil.rmtree(path, ignore_errors=True)
