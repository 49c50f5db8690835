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
import io
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class StoredBytes:
    """The bytes in the file ``path``, with their SHA-1 and size."""

    path: str
    sha1: bytes
    size: int

    def read(self) -> bytes:
        return Path(self.path).read_bytes()


class HashedBytes(bytes):
    """Bytes that carry their SHA-1, worked out when they were made: the
    downloads of a cached stage (a region's 27,000 tables of organizations)
    are not hashed again by every rebuild's docs tree (build/tree.py)."""

    sha1: bytes

    @classmethod
    def of(cls, data: bytes, sha1: bytes | None = None) -> HashedBytes:
        made = cls(data)
        made.sha1 = sha1 or hashlib.sha1(data, usedforsecurity=False).digest()
        return made

    def __reduce__(self) -> tuple[Any, tuple[bytes, bytes]]:
        # Plain arguments: twice as fast to read back as an object's state.
        return HashedBytes.of, (bytes(self), self.sha1)


Data = bytes | StoredBytes  # a generated download: in memory or kept apart


def as_bytes(data: Data) -> bytes:
    return data.read() if isinstance(data, StoredBytes) else data


def sha1_of(data: Data) -> bytes:
    """The SHA-1 the docs tree's manifest compares: the same for the bytes in
    memory, carrying it, or kept apart."""
    if isinstance(data, (StoredBytes, HashedBytes)):
        return data.sha1
    return hashlib.sha1(data, usedforsecurity=False).digest()


@dataclass
class Apart:
    """Where a cached stage keeps its large bytes (memo.py ``apart``), by SHA-1."""

    folder: Path
    used: set[Path]  # the memo's: what this build reads or writes stays
    smallest: int  # bytes of this size or more are kept apart

    def keep(self, data: bytes) -> StoredBytes:
        sha1 = hashlib.sha1(data, usedforsecurity=False).digest()
        path = self.folder / sha1.hex()
        if not path.is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        self.used.add(path)
        return StoredBytes(str(path), sha1, len(data))

    def stored(self, sha1: str, size: int) -> StoredBytes:
        path = self.folder / sha1
        if os.stat(path).st_size != size:  # missing (OSError) or cut short: compute again
            raise pickle.UnpicklingError(f"{path}: not the bytes kept")
        self.used.add(path)
        return StoredBytes(str(path), bytes.fromhex(sha1), size)


class _Pickler(pickle.Pickler):
    def __init__(self, stream: io.BytesIO, apart: Apart) -> None:
        super().__init__(stream, protocol=5)
        self.apart = apart

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) is bytes and len(obj) >= self.apart.smallest:
            obj = self.apart.keep(obj)
        if type(obj) is StoredBytes:  # also one another stage kept
            self.apart.used.add(Path(obj.path))
            return (obj.sha1.hex(), obj.size)
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, stream: io.BytesIO, apart: Apart) -> None:
        super().__init__(stream)
        self.apart = apart

    def persistent_load(self, pid: Any) -> Any:
        sha1, size = pid
        return self.apart.stored(sha1, size)


def dumps_apart(value: object, apart: Apart) -> bytes:
    """``pickle.dumps`` with large bytes kept apart (as ``StoredBytes``)."""
    stream = io.BytesIO()
    _Pickler(stream, apart).dump(value)
    return stream.getvalue()


def loads_apart(data: bytes, apart: Apart) -> object:
    """``pickle.loads`` of ``dumps_apart``: the bytes kept apart come back as
    ``StoredBytes``; one whose file is gone makes it fail (compute again)."""
    return _Unpickler(io.BytesIO(data), apart).load()
