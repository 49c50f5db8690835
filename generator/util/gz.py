"""Gzip files the site publishes, the same bytes for the same content
(sitemap.xml.gz, the search index's chunks): a cached build stays byte for
byte the one made without cache, and an archive already in place is kept
instead of compressed again (``holds``)."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

# zlib's default: a third of level 9's time, 3 % larger (a region's edit
# rewrites most chunks of a search index).
LEVEL = 6
_HEADER = gzip.compress(b"", LEVEL, mtime=0)[:10]  # method, flags, time, level, system


def compressed(data: bytes) -> bytes:
    """``data`` compressed, with no time or name in the header."""
    return gzip.compress(data, LEVEL, mtime=0)


def holds(path: Path, data: bytes) -> bool:
    """The file at ``path`` is ``compressed(data)``: written so, and of these bytes."""
    try:
        packed = path.read_bytes()
        return packed[:10] == _HEADER and gzip.decompress(packed) == data
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        return False
