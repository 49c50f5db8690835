"""The bytes of an attachment the site publishes: its copy without metadata.

``privacy/metadata.py`` does the cleaning; this module decides when and
keeps the result. A clean copy depends only on the file's bytes, its kind,
the title it gets and the code (``fingerprint``), so it is kept under that
digest in ``.nastav/cache/clean/<code version>/`` and made once: a rebuild
reads it back instead of rewriting sixteen PDFs, and ``--no-cache`` (a fresh
folder) makes the very same bytes.

The published size (``PublishedFile.size``, shown next to every link) is the
clean copy's, so it is needed while the public model is made. The model is
made in ``publish/`` from records, without the workspace, so the build says
where copies are kept for its duration (``keeping_copies``); outside a
build copies are made in memory.

A file that cannot be cleaned (damaged, encrypted) is published as it is: the
privacy check of attachments has already warned about it, with the record.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from ..fingerprint import digest, versioned
from ..privacy.meta_office import ZIP_SUFFIXES
from ..privacy.metadata import Unreadable, can_clean, clean

_TITLED = {".pdf", *ZIP_SUFFIXES}  # kinds that carry a document title


class CleanCopies:
    """Clean copies of attachments, kept in ``folder`` (None: in memory only)."""

    def __init__(self, folder: Path | None = None):
        self.folder = versioned(folder) if folder is not None else None
        self._sizes: dict[str, int] = {}

    def data(self, source: Path, title: str | None = None) -> bytes:
        """The bytes to publish for ``source``."""
        original = source.read_bytes()
        if not can_clean(source):
            return original
        key = self._key(source, original, title)
        stored = self._stored(key, source)
        if stored is not None:
            try:
                return stored.read_bytes()
            except OSError:  # removed meanwhile: made again
                pass
        try:
            result = clean(source, original, title if source.suffix.lower() in _TITLED else None)
        except Unreadable:
            result = original
        self._store(key, source, result)
        self._sizes[key] = len(result)
        return result

    def size(self, source: Path, title: str | None = None) -> int:
        """The published size of ``source``, in bytes."""
        if not can_clean(source):
            return source.stat().st_size
        key = self._key(source, source.read_bytes(), title)
        if key in self._sizes:
            return self._sizes[key]
        stored = self._stored(key, source)
        if stored is not None:
            try:
                return stored.stat().st_size
            except OSError:
                pass
        return len(self.data(source, title))

    @staticmethod
    def _key(source: Path, original: bytes, title: str | None) -> str:
        from ..fingerprint import fingerprint

        suffix = source.suffix.lower()
        named = (title or "") if suffix in _TITLED else ""
        return digest(fingerprint(), suffix, named, original)

    def _stored(self, key: str, source: Path) -> Path | None:
        if self.folder is None:
            return None
        path = self.folder / key[:2] / (key + source.suffix.lower())
        return path if path.is_file() else None

    def _store(self, key: str, source: Path, data: bytes) -> None:
        if self.folder is None:
            return
        path = self.folder / key[:2] / (key + source.suffix.lower())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError:  # a read-only project: made again next time
            pass


_CURRENT: ContextVar[CleanCopies | None] = ContextVar("nastav_clean_copies", default=None)
_IN_MEMORY = CleanCopies()


def current() -> CleanCopies:
    """The copies of the build under way, or copies made in memory."""
    return _CURRENT.get() or _IN_MEMORY


@contextlib.contextmanager
def keeping_copies(copies: CleanCopies) -> Iterator[CleanCopies]:
    token = _CURRENT.set(copies)
    try:
        yield copies
    finally:
        _CURRENT.reset(token)
