"""A folder's key for the build cache (memo.py): every file's name, size and
bytes, with the bytes' hashes kept between builds (``FileHashes``)."""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISREG

from .fingerprint import digest
from .util.forked import ForkedCall

FILE_HASHES = "files.pickle"  # ``FileHashes`` of a project, in the memo's folder (memo.py)
HASH_LIMIT = 1_048_576  # bytes: larger files are keyed by size and modification time


def tree_digest(folder: Path, known: FileHashes | None = None) -> str:
    """Every file under ``folder``: relative name, size, and the bytes (or, for
    large files, the modification time). A missing folder has a digest too.
    (os.scandir, not pathlib: a city has thousands of small files.)
    ``known``: hashes of files read by earlier builds, trusted while the
    file's size, time and inode are the same."""
    if known is not None:
        found = known.ahead(folder)
        if found is not None:
            return found
    if not folder.is_dir():
        return digest("absent", str(folder))
    h = hashlib.sha256()
    _digest_dir(str(folder), "", h, known or FileHashes(None))
    return h.hexdigest()


def _digest_dir(path: str, rel: str, h: hashlib._Hash, known: FileHashes) -> None:
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        h.update(f"{rel}\0unreadable".encode())
        return
    for entry in entries:
        name = f"{rel}{entry.name}"
        try:
            stat = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        h.update(f"{name}\0{stat.st_size}\0{stat.st_mode}\0".encode())
        if entry.is_symlink():
            h.update(os.readlink(entry.path).encode())
        elif entry.is_dir(follow_symlinks=False):
            _digest_dir(entry.path, name + "/", h, known)
        elif not S_ISREG(stat.st_mode):
            continue  # a pipe or a device is never opened (load/safefile.py); its mode counted
        elif stat.st_size > HASH_LIMIT:
            h.update(str(stat.st_mtime_ns).encode())
        else:
            h.update(known.content_hash(entry.path, stat))


class FileHashes:
    """Content hashes of the project's files, kept between builds
    (``.nastav/cache/memo/files.pickle``): a region's rebuild would read and
    hash its 15,000 records again (0.8 s) to find the one that changed.

    A hash is trusted while the file's size, modification time and inode
    are those it was read with — and only if that time was more than
    ``RACY_NS`` before the reading: a file saved again within the clock's
    granularity (2 s on FAT drives) could keep its time, so it is read
    again until it is older than that (as git treats «racy» files)."""

    RACY_NS = 3_000_000_000

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, tuple[int, int, int, int, bytes]] = {}
        self.used: dict[str, tuple[int, int, int, int, bytes]] = {}
        # Digests worked out ahead for these hashes (``digest_ahead``), taken once.
        self._pending = _AHEAD.pop(str(path), None) if path is not None else None
        self._ahead: dict[str, str] = {}
        if path is not None:
            try:
                with open(path, "rb") as stream:
                    stored = pickle.loads(stream.read())
                if isinstance(stored, dict):
                    self.entries = stored
            except Exception:  # none yet, damaged or of another version: read the files
                pass

    def ahead(self, folder: Path) -> str | None:
        """The digest of ``folder`` if it was worked out ahead (``digest_ahead``)."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._ahead, used = pending.result()
            self.used.update(used)
        return self._ahead.get(str(folder))

    def content_hash(self, path: str, stat: os.stat_result) -> bytes:
        entry = self.entries.get(path)
        identity = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if entry is not None and entry[:3] == identity and identity[1] < entry[3] - self.RACY_NS:
            self.used[path] = entry
            return entry[4]
        try:
            with open(path, "rb") as stream:
                content = hashlib.sha256(stream.read()).digest()
        except OSError:
            return b"unreadable"
        self.used[path] = (*identity, time.time_ns(), content)
        return content

    def save(self) -> None:
        """Keep the hashes of the files this build read (only if any changed)."""
        if self.path is None or self.used == self.entries:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(self.used, protocol=5))
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only project: read the files next time


def digest_ahead(parent: Path, hashes: Path) -> None:
    """Start working out the digests of the folders in ``parent``, with the
    hashes kept in ``hashes``, in a process forked now: ``FileHashes(hashes)``
    takes them when a folder's digest is first asked for (``digests_ahead``,
    in ``nastav build``). That command calls it before it imports the rest
    of nastav: for 0.2 s its second core has nothing else to do, and a
    region's 930 organizations' folders — 32,000 files to look at — take
    that long. The digests are of the folders as they were then."""
    drop_ahead(hashes)
    _AHEAD[str(hashes)] = ForkedCall(_digests, str(parent), str(hashes))


def drop_ahead(hashes: Path) -> None:
    """Digests worked out ahead and not taken (a build that stopped before)
    are not taken by a later one: the folders may have changed since."""
    pending = _AHEAD.pop(str(hashes), None)
    if pending is not None:
        pending.close()


_AHEAD: dict[str, ForkedCall] = {}  # hashes file → the digests being worked out


def _digests(parent: str, hashes: str) -> tuple[dict[str, str], dict]:
    """Each folder's digest, and the hashes of the files read for them."""
    known = FileHashes(Path(hashes))
    with os.scandir(parent) as entries:
        folders = [e.path for e in entries if e.is_dir(follow_symlinks=False)]
    return {folder: tree_digest(Path(folder), known) for folder in folders}, known.used


@contextmanager
def digests_ahead(project_dir: Path, folder: Path | None) -> Iterator[None]:
    """While in it, the folders of a municipal project's organizations are
    digested by a process of their own (``digest_ahead``):
    the keys of their stages. ``folder``: the memo's (``Workspace.memo``)."""
    orgs = project_dir / "content" / "orgs"
    if folder is None or not orgs.is_dir():
        yield
        return
    hashes = folder / FILE_HASHES
    digest_ahead(orgs, hashes)
    try:
        yield
    finally:
        drop_ahead(hashes)
