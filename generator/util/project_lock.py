"""One build of a project at a time.

Two builds of one project at once — ``nastav build`` started while the
preview (``nastav serve``) rebuilds, or a build started twice — share its
caches in ``.nastav/``: each removes what the other is writing (the
search index's parts, stage results it did not use), and the next build
met a part left half-written. So a build holds a lock on a file in
``.nastav/`` while it runs; another one waits for it. The system releases
the lock when the process ends, also when it is stopped or fails.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

if sys.platform == "win32":
    import msvcrt

    def _try_lock(stream: IO[bytes]) -> bool:
        try:
            stream.seek(0)
            msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(stream: IO[bytes]) -> None:
        stream.seek(0)
        msvcrt.locking(stream.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(stream: IO[bytes]) -> bool:
        try:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(stream: IO[bytes]) -> None:
        fcntl.flock(stream.fileno(), fcntl.LOCK_UN)


POLL_SECONDS = 0.2  # how often a waiting build tries again


@contextmanager
def project_locked(path: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the lock file ``path``; if another process holds it, call
    ``waiting()`` once and wait until it is released."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as stream:
        if not _try_lock(stream):
            waiting()
            while not _try_lock(stream):
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(stream)
