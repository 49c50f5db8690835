"""Bytes kept in a file of the build cache instead of in memory.

A region's monitoring values are published as 110 MB of CSV and JSON
(opendata/monitoring.py). The stage that makes them is cached (memo.py),
and reading its result back on every rebuild only to find the docs tree
holds the same bytes cost half a second: such a stage keeps large bytes in
files of their own, and its result holds a ``StoredBytes`` in their place,
which the docs tree links (build/tree.py ``write_docs``).

An organization's pages and tables (180 KB of a region's 930) are smaller
than a file each is worth, and a rebuild needs the bytes of the changed
organization's alone: the docs tree and the page cache compare hashes. A
stage kept ``aside`` writes its result's large bytes into one file beside
the result, and its result holds a ``SlicedBytes`` for each, read when used.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from .later import Parts


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


@dataclass(frozen=True)
class SlicedBytes:
    """``size`` bytes at ``offset`` of the file ``path``, with their SHA-1: a
    cached stage's bytes kept beside its result (``Aside``). Pickled by any
    other pickler, it is pickled as the bytes themselves, so that no other
    stored value depends on that file."""

    path: str
    offset: int
    size: int
    sha1: bytes

    def read(self) -> bytes:
        with open(self.path, "rb") as stream:
            stream.seek(self.offset)
            data = stream.read(self.size)
        if len(data) != self.size:
            raise OSError(f"{self.path}: файл кэша сборки обрезан; соберите сайт снова")
        return data

    def __reduce__(self) -> tuple[Any, tuple[bytes, bytes]]:
        return HashedBytes.of, (self.read(), self.sha1)


Data = bytes | StoredBytes | SlicedBytes  # a generated download: in memory or kept in the cache
_READ_WHEN_USED = (StoredBytes, SlicedBytes)  # the kinds of ``Data`` not in memory


def as_bytes(data: Data) -> bytes:
    return data.read() if isinstance(data, _READ_WHEN_USED) else data


def size_of(data: Data) -> int:
    return data.size if isinstance(data, _READ_WHEN_USED) else len(data)


def sha1_of(data: Data) -> bytes:
    """The SHA-1 the docs tree's manifest compares: the same for the bytes in
    memory, carrying it, or kept in the cache."""
    if isinstance(data, (*_READ_WHEN_USED, HashedBytes)):
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

    def dumps(self, value: object) -> bytes:
        """``pickle.dumps`` with large bytes kept apart (as ``StoredBytes``)."""
        stream = io.BytesIO()
        _Pickler(stream, self).dump(value)
        return stream.getvalue()

    def loads(self, data: bytes) -> object:
        """``pickle.loads`` of ``dumps``: the bytes kept apart come back as
        ``StoredBytes``; one whose file is gone makes it fail (compute again)."""
        return _Unpickler(io.BytesIO(data), self).load()


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


class Aside:
    """The bytes file beside one stored result (memo.py ``aside``): bytes
    carrying their SHA-1 (``HashedBytes``) of ``smallest`` bytes or more are
    written there, the result holds a ``SlicedBytes`` for each."""

    def __init__(self, result: Path, smallest: int) -> None:
        self.path = result.with_suffix(BESIDE)
        self.smallest = smallest

    def dumps(self, value: object) -> bytes:
        """The result's pickle; its bytes file is written first, so that a
        stored result always finds the bytes it names (they are the same for
        the same key: a stage's result depends on its inputs alone)."""
        chunks: list[bytes] = []
        stream = io.BytesIO()
        _AsidePickler(stream, self.smallest, chunks).dump(value)
        if chunks:
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as out:
                out.writelines(chunks)
            os.replace(tmp, self.path)
        return stream.getvalue()

    def loads(self, data: bytes) -> object:
        """``dumps``'s result, its large bytes as ``SlicedBytes``; a bytes file
        gone or cut short makes it fail (compute again)."""
        return _AsideUnpickler(io.BytesIO(data), self.path).load()


BESIDE = ".bytes"  # the suffix of a result's bytes file, beside its ``.pickle``


class _AsidePickler(pickle.Pickler):
    def __init__(self, stream: io.BytesIO, smallest: int, chunks: list[bytes]) -> None:
        super().__init__(stream, protocol=5)
        self.smallest, self.chunks, self.size = smallest, chunks, 0

    def persistent_id(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is SlicedBytes:  # read from an earlier result: written again here
            obj = HashedBytes.of(obj.read(), obj.sha1)
        elif kind is not HashedBytes or len(obj) < self.smallest:
            return None
        offset, self.size = self.size, self.size + len(obj)
        self.chunks.append(obj)
        return (offset, len(obj), obj.sha1)


class _AsideUnpickler(pickle.Unpickler):
    def __init__(self, stream: io.BytesIO, path: Path) -> None:
        super().__init__(stream)
        self.path = str(path)
        self.available: int | None = None

    def persistent_load(self, pid: Any) -> Any:
        offset, size, sha1 = pid
        if self.available is None:
            self.available = os.stat(self.path).st_size  # missing: OSError, compute again
        if offset + size > self.available:
            raise pickle.UnpicklingError(f"{self.path}: cut short")
        return SlicedBytes(self.path, offset, size, sha1)


class StoredParts:
    """How the build cache stores a lazy stage's (``Parts``, diagnostics) in
    the file ``path`` (``memo.Memo.run``'s ``codec``; util/later.py): two
    lengths, a small header — the plain fields, where each pickled one
    lies, the diagnostics — the pickles of the small fields, and then
    those of ``large`` bytes or more.

    A rebuild of a region reads 930 organizations' records and what each
    publishes, for a few small fields of each (their practices, files,
    freshness); their programs are four fifths of the bytes. So only the
    header and the small fields are read, as views of one buffer: a field
    is unpickled when asked for, and a large one read from the file then."""

    def __init__(self, path: Path, large: int = 4096) -> None:
        self.path, self.large = str(path), large
        self._size = 0  # of the file, as ``read`` found it

    def dumps(self, value: tuple[Parts, list]) -> bytes:
        parts, items = value
        header: dict[str, Any] = {}
        small: list[bytes | memoryview] = []
        large: list[bytes | memoryview] = []
        at_small = at_large = 0
        for name, stored in parts.fields.items():
            if not isinstance(stored, (bytes, memoryview)):
                header[name] = stored  # a plain value: never a tuple
            elif len(stored) < self.large:
                header[name] = (at_small, len(stored))
                small.append(stored)
                at_small += len(stored)
            else:
                header[name] = (at_large, len(stored), True)
                large.append(stored)
                at_large += len(stored)
        head = pickle.dumps((parts.cls, header, at_large, items), protocol=5)
        lengths = len(head).to_bytes(8, "little") + at_small.to_bytes(8, "little")
        return b"".join([lengths, head, *small, *large])

    def read(self, stream: BinaryIO) -> bytes:
        """What ``loads`` needs of the open file: its header and small fields."""
        lengths = stream.read(16)
        self._size = os.fstat(stream.fileno()).st_size
        wanted = int.from_bytes(lengths[:8], "little") + int.from_bytes(lengths[8:], "little")
        if len(lengths) < 16 or 16 + wanted > self._size:
            return lengths  # cut off, or not such a file: ``loads`` fails, it is computed again
        return lengths + stream.read(wanted)

    def loads(self, data: bytes) -> tuple[Parts, list]:
        size = int.from_bytes(data[:8], "little")
        small = int.from_bytes(data[8:16], "little")
        cls, header, large, items = pickle.loads(data[16 : 16 + size])
        if len(data) != 16 + size + small or self._size != len(data) + large:
            raise ValueError("a stored result cut off")  # memo._read: computed again
        view = memoryview(data)[16 + size :]
        start = 16 + size + small  # of the large fields in the file
        fields_: dict[str, Any] = {}
        for name, where in header.items():
            if type(where) is not tuple:
                fields_[name] = where
            elif len(where) == 2:
                fields_[name] = view[where[0] : where[0] + where[1]]
            else:  # read when asked for (util/later.py: a callable gives the pickle)
                fields_[name] = partial(_read_at, self.path, start + where[0], where[1])
        return Parts(cls, fields_), items


def _read_at(path: str, offset: int, size: int) -> bytes:
    with open(path, "rb") as stream:
        stream.seek(offset)
        data = stream.read(size)
    if len(data) != size:
        raise OSError(f"{path}: файл кэша сборки обрезан; соберите сайт снова")
    return data


Codec = Apart | Aside | StoredParts  # how a stage result is stored, if not as its pickle
ASIDE_FROM = 512  # bytes of a result kept aside: from this size (smaller ones cost more read alone)


def codec_for(path: Path, aside: bool, lazy: bool) -> Codec | None:
    """How the stage result at ``path`` is stored (memo.py), if not as its
    pickle (``apart``: ``Memo._apart``)."""
    if aside:
        return Aside(path, ASIDE_FROM)
    return StoredParts(path) if lazy else None


def read_result(path: Path, codec: Codec | None = None) -> Any:
    """A stored stage result, or None: none stored, or unreadable (then it goes)."""
    try:
        with open(path, "rb") as stream:
            # A lazy stage's result: its header and small fields (StoredParts).
            data = codec.read(stream) if isinstance(codec, StoredParts) else stream.read()
    except OSError:  # none stored (or unreadable): compute
        return None
    try:
        # From bytes, not from the file: pickle then reads no stream piece by
        # piece (twice as fast for a region's 4,600 stored results).
        return pickle.loads(data) if codec is None else codec.loads(data)
    except Exception:  # a torn or foreign file, or bytes kept apart gone: compute again
        path.unlink(missing_ok=True)
        return None


def write_result(path: Path, value: Any, codec: Codec | None = None) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        data = pickle.dumps(value, protocol=5) if codec is None else codec.dumps(value)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # an unpicklable result is not worth failing a build over
