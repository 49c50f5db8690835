"""Bytes kept in a file of the build cache instead of in memory.

A region's monitoring values are published as 110 MB of CSV and JSON
(opendata/monitoring.py). The stage that makes them is cached (memo.py),
and reading its result back on every rebuild only to find the docs tree
holds the same bytes cost half a second: such a stage keeps large bytes in
files of their own, and its result holds a ``StoredBytes`` in their place,
which the docs tree links (build/tree.py ``write_docs``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StoredBytes:
    """The bytes in the file ``path``, with their SHA-1 and size."""

    path: str
    sha1: bytes
    size: int

    def read(self) -> bytes:
        return Path(self.path).read_bytes()


Data = bytes | StoredBytes  # a generated download: in memory or kept apart


def as_bytes(data: Data) -> bytes:
    return data.read() if isinstance(data, StoredBytes) else data


def sha1_of(data: Data) -> bytes:
    """The SHA-1 the docs tree's manifest compares: the same for the bytes in
    memory and kept apart."""
    if isinstance(data, StoredBytes):
        return data.sha1
    return hashlib.sha1(data, usedforsecurity=False).digest()
