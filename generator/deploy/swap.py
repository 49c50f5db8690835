"""Replace the published site only when the new one is complete.

The new site is built in a sibling folder and exchanged with the old one
in a single ``renameat2(RENAME_EXCHANGE)`` call where Linux offers it, so
at every instant the output path holds a complete site — also if the
process is killed. Elsewhere two renames are used, and a leftover from an
interrupted swap is restored on the next run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

from .. import addresses
from ..build.tree import write_new
from ..util.processes import is_running
from ..util.trash import discard

MARKER = addresses.BUILD_MARKER  # in every site we publish: a folder we may replace
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _libc():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        return libc if hasattr(libc, "renameat2") else None
    except OSError:
        return None


_LIBC = _libc()


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False when the platform cannot."""
    if _LIBC is None:
        return False
    result = _LIBC.renameat2(
        _AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE
    )
    return result == 0


def staging_dir(target: Path) -> Path:
    return target.parent / f".{target.name}.new-{os.getpid()}"


def recover(target: Path) -> None:
    """Clean leftovers of interrupted builds; restore an old site if needed."""
    parent = target.parent
    if not parent.exists():
        return
    olds = sorted(parent.glob(f".{target.name}.old-*"))
    if not target.exists() and olds:
        olds[-1].rename(target)
        olds = olds[:-1]
    for leftover in olds + list(parent.glob(f".{target.name}.new-*")):
        if leftover.is_dir() and not _is_ours_running(leftover):
            shutil.rmtree(leftover, ignore_errors=True)


def _is_ours_running(path: Path) -> bool:
    pid = path.name.rsplit("-", 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    return is_running(int(pid))


def take_spare(spare: Path | None, staging: Path) -> bool:
    """Start the new site from the one published two builds ago: its 1,700
    folders exist and most of its files are the right hard links already
    (creating folders is the slowest part of assembling a city's site)."""
    if spare is None or not spare.is_dir():
        return False
    try:
        spare.rename(staging)
        return True
    except OSError:  # another disk: start afresh
        return False


def keep_spare(folder: Path, spare: Path | None, trash: Path | None) -> None:
    """Keep ``folder`` (an old or unfinished site, never the published one) as
    the spare, or discard it."""
    if spare is not None:
        if spare.exists():
            discard(spare, trash)
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            folder.rename(spare)
            return
        except OSError:
            pass
    discard(folder, trash)


def publish(
    staged: Path, target: Path, trash: Path | None = None, spare: Path | None = None
) -> None:
    """``trash``: a folder on the same disk to move the old site into; it is
    deleted by a background process (a city's site is thousands of files,
    and deleting them took seconds of a one-record rebuild)."""
    write_new(staged / MARKER, b"built by nastav\n")
    if not target.exists():
        staged.rename(target)
        return
    if exchange(staged, target):
        keep_spare(staged, spare, trash)  # now holds the old site
        return
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    target.rename(old)
    staged.rename(target)
    keep_spare(old, spare, trash)


def looks_like_our_site(target: Path) -> bool:
    return not target.exists() or not any(target.iterdir()) or (target / MARKER).exists()
