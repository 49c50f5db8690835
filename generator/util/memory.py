"""Give the memory a build step freed back to the system.

glibc keeps what a process frees in its heap for later use instead of
returning it: a region's monitoring report (python-docx and lxml trees of
930 organizations' tables) left 900 MB of such free memory in the build's
process, which MkDocs and the audit then forked. ``malloc_trim`` returns it
(0.05 s). Elsewhere (Windows, macOS, musl) nothing is done.
"""

from __future__ import annotations

import ctypes
import sys


def release_freed_memory() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    trim = getattr(libc, "malloc_trim", None)  # glibc's own
    if trim is not None:
        trim(0)
