"""What the audit of the last build found, kept so that a rebuild reads
again only what changed (``.nastav/cache/audit/``).

A region's site is 56,000 files and 470,000 internal links; an edit of one
program changes a hundred files. Reading every file's findings back and
checking every link again took 1.5 s of each rebuild, so the cache is split:

* ``index.bin`` — small, read every build: each file's identity and content
  key (one bytes value: ``entry``), the diagnostics of the files that have
  any, each page's link problems, every path pages link to, the pages
  linking to each page's anchors, the site's paths and folders as they
  were, and the names found unsafe (those not among them were safe: their
  names are not matched again);
* ``shard-XXXXXXXX.bin`` — each file's findings (diagnostics, element ids,
  resolved links), one shard for the files of a folder two levels down
  (``organizatsii/oo211``; three in the search index, ``pagefind/shards/orgs1``):
  an edit changes the files of a few folders, whose shards alone are read.

The links of an unchanged page are checked again when a page it links to
by an anchor changed its ids; all links of every page when a path some page
links to appeared or went (audit.py ``_Audit.check_links``).
"""

from __future__ import annotations

import marshal
import os
import struct
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .. import addresses
from ..fingerprint import fingerprint

# A file's findings (audit.py _Result): (diagnostics, ids or None, links or None).
Result = tuple


@dataclass
class Index:
    """``index.bin``: see the module's docstring."""

    known: dict[str, bytes] = field(default_factory=dict)  # path → ``entry``
    told: dict[str, tuple] = field(default_factory=dict)  # path → its diagnostics
    link_problems: dict[str, tuple] = field(default_factory=dict)  # page → its links' problems
    targets: set[str] = field(default_factory=set)  # every path a page links to (a list kept)
    anchors: dict[str, list[str]] = field(default_factory=dict)  # page → pages linking to #…
    paths: set[str] = field(default_factory=set)  # every path of the site (a list kept)
    folders: set[str] = field(default_factory=set)  # (a list kept)
    blocks: dict[str, dict] = field(default_factory=dict)  # audit_blocks.py, by path
    unsafe: set[str] = field(default_factory=set)  # names found unsafe (a list kept)
    checked_by: str = ""  # what looked (the data check's fingerprint) and the base path

    @property
    def empty(self) -> bool:
        return not self.known

    def known_blocks(self) -> dict:
        """Block key → what was found in it, of every file's large texts."""
        return {key: hits for by_key in self.blocks.values() for key, hits in by_key.items()}


class AuditCache:
    """The index, and the shards read so far (read on demand, written when changed)."""

    def __init__(self, folder: Path | None, tag: str) -> None:
        self.folder, self.tag = folder, tag
        self.index = self._read_index()
        self._shards: dict[str, dict[str, tuple[str, Result]]] = {}  # file name → shard
        self._changed: set[str] = set()

    def result(self, rel: str, key: str) -> Result | None:
        """The findings kept for ``rel`` with content ``key``."""
        kept = self._shard(_shard_of(rel)).get(rel)
        return kept[1] if kept is not None and kept[0] == key else None

    def put(self, rel: str, key: str, result: Result) -> None:
        name = _shard_of(rel)
        self._shard(name)[rel] = (key, result)
        self._changed.add(name)

    def save(self, index: Index, gone: Collection[str] | None = None) -> None:
        """The new index, and the shards that changed without the files that
        are gone (those of unchanged shards stay until theirs change).
        ``gone``: the files of the last index not in this one — only their
        shards can have become unused (a region's 56,000 files are not sorted
        into shards again); None: any shard may have."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name in sorted(self._changed):
            shard = {r: kept for r, kept in self._shards[name].items() if r in index.known}
            _write(self.folder / name, (self.tag, shard))
        if gone is None:
            # By folder: a shard is a folder's (a region: 16,000 folders, 56,000 files).
            folders = {rel.rpartition("/")[0] for rel in index.known}
            wanted = {_shard_of(f"{folder}/-") for folder in folders}
            for path in self.folder.glob("shard-*.bin"):
                if path.name not in wanted:  # a folder that is gone
                    path.unlink(missing_ok=True)
        else:
            # A shard holding none of this build's files is a folder that is gone
            # (one written just now holds only those).
            for name in {_shard_of(rel) for rel in gone}:
                if not any(rel in index.known for rel in self._shard(name)):
                    (self.folder / name).unlink(missing_ok=True)
        # The index last: until it is written the old one holds, and its keys
        # still find their findings in the shards (a changed file's new key
        # finds none: it is examined again).
        _write(self.folder / "index.bin", (self.tag, *_fields(index)))

    def _shard(self, name: str) -> dict[str, tuple[str, Result]]:
        shard = self._shards.get(name)
        if shard is None:
            shard = {}
            if self.folder is not None:
                stored = _read(self.folder / name)
                if (
                    isinstance(stored, tuple)
                    and len(stored) == 2
                    and stored[0] == self.tag
                    and isinstance(stored[1], dict)
                    and all(isinstance(v, tuple) and len(v) == 2 for v in stored[1].values())
                ):
                    shard = stored[1]
            self._shards[name] = shard
        return shard

    def _read_index(self) -> Index:
        if self.folder is None:
            return Index()
        stored = _read(self.folder / "index.bin")
        shapes = (str, dict, dict, dict, list, dict, list, list, dict, list, str)
        if (
            not isinstance(stored, tuple)
            or len(stored) != len(shapes)
            or not all(isinstance(v, t) for v, t in zip(stored, shapes))
            or stored[0] != self.tag
        ):
            return Index()  # none, of another version or another shape: start afresh
        index = Index(*stored[1:])
        # Kept as lists: marshal writes a list of 70,000 paths ten times as fast as a set.
        index.targets, index.paths, index.folders, index.unsafe = (
            set(index.targets),
            set(index.paths),
            set(index.folders),
            set(index.unsafe),
        )
        return index


def cache_tag() -> str:
    """The code that audited (detectors, rules) and Python's (marshal's format)."""
    return f"nastav-audit-7 {fingerprint()}"


# A file as the index keeps it: its identity (inode, device, size, time),
# then its content key's 20 bytes. One bytes value, not a tuple of tuples:
# a region's 56,000 are read and written every build (0.07 → 0.03 s).
_IDENTITY = struct.Struct("<QQQq")
KEY_BYTES = 20  # audit_file.content_key: a SHA-1


def identity_of(info: os.stat_result) -> bytes:
    """``entry`` without its key: what says a file is the one examined last time."""
    try:
        return _IDENTITY.pack(info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)
    except struct.error:  # an inode wider than 64 bits (Windows, ReFS)
        return b"%d:%d:%d:%d" % (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)


def entry(identity: bytes, key: str) -> bytes:
    return identity + bytes.fromhex(key)


def key_of(entry: bytes) -> str:
    return entry[-KEY_BYTES:].hex()


def _fields(index: Index) -> tuple:
    return (
        index.known,
        index.told,
        index.link_problems,
        list(index.targets),
        index.anchors,
        list(index.paths),
        list(index.folders),
        index.blocks,
        list(index.unsafe),
        index.checked_by,
    )


def _shard_of(rel: str) -> str:
    """The shard file of a path: by its folder two levels down (three in the
    search index, whose groups are folders of the third level) — the same
    for every file of a folder."""
    depth = 3 if rel.startswith(addresses.search_bundle()) else 2
    folder = "/".join(rel.split("/", depth)[:-1][:depth])
    return f"shard-{zlib.crc32(folder.encode('utf-8')):08x}.bin"


def _read(path: Path):
    try:
        return marshal.loads(path.read_bytes())
    except Exception:  # missing, of another version or cut off: start afresh
        return None


def _write(path: Path, value) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps(value))
    tmp.replace(path)
