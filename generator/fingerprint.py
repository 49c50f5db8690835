"""What every cache of a build is keyed by, besides its own inputs: the code.

A result kept in ``.nastav/cache`` is valid only for the code that made it:
nastav's own sources, templates and data files, the libraries that shape the
output (MkDocs, Material, Pagefind, Jinja2, markdown-it-py, …) and Python.
An upgrade that adds a privacy detector or fixes a rule must re-check every
file, so each cache — stage results (memo.py), the built pages
(build/engine.py), the search index parts (search/search.py), the audit of the
built site (audit/audit.py) and compiled templates — mixes ``fingerprint()``
into its key. ``digest`` and ``object_digest`` make keys of parts and of
values.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import re
import shutil
import sys
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = {".py", ".j2", ".yml", ".yaml", ".json", ".txt", ".html", ".css", ".js"}
# Used when nastav runs from a source folder with no installed metadata:
# the direct dependencies of pyproject.toml (their own are found from these).
_DIRECT = ("mkdocs", "mkdocs-material", "Jinja2", "PyYAML", "markdown-it-py", "nh3",
           "openpyxl", "pagefind", "pypdf", "python-docx")  # fmt: skip
_METADATA_FOLDERS = (".dist-info", ".egg-info")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def object_digest(value: Any) -> str:
    """Digest of a value by its pickle: equal values of the same code give the
    same bytes, as long as they hold no sets (whose order varies by process).

    A pickle normally also records which parts are the same object, and a
    value just computed shares parts differently from one read back from the
    cache — or, like the practice catalog, mixes both. So the value is
    pickled without that record (the pickler's «fast» mode). A value that
    refers to itself cannot be: its digest is that of its read-back form."""
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    pickler.fast = True  # no memo: equal values give equal bytes however they share parts
    try:
        pickler.dump(value)
        return digest(stream.getvalue())
    except (RecursionError, ValueError):
        return digest(pickle.dumps(pickle.loads(pickle.dumps(value, protocol=5)), protocol=5))


@functools.cache
def code_digest() -> str:
    """nastav's own sources, templates and data files, by content."""
    parts: list[str | bytes] = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(PACKAGE).as_posix(), path.read_bytes()]
    return digest(*parts)


@functools.cache
def dependency_versions() -> tuple[tuple[str, str], ...]:
    """Every installed library nastav depends on, directly or not, with its
    version (extras and markers are ignored), for ``describe``."""
    from importlib import metadata  # 0.02 s to import: for ``--verbose`` only

    found: dict[str, str] = {}
    try:
        todo = list(metadata.requires("nastav") or [])
    except metadata.PackageNotFoundError:
        todo = list(_DIRECT)
    while todo:
        match = _NAME.match(todo.pop())
        if not match:
            continue
        name = match.group(1).lower().replace("_", "-")
        if name in found:
            continue
        try:
            found[name] = metadata.version(name)
            todo += metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
    return tuple(sorted(found.items()))


@functools.cache
def installed_libraries() -> tuple[str, ...]:
    """Every library installed where Python imports from, by its metadata
    folder's name, which holds its version (``mkdocs-1.6.1.dist-info``).
    Listing those folders takes a millisecond; reading the metadata of
    nastav's 51 libraries (``dependency_versions``) took 0.04 s of every
    build. A library more than nastav uses only makes the key more cautious."""
    found: set[str] = set()
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                found.update(e.name for e in listing if e.name.endswith(_METADATA_FOLDERS))
        except OSError:  # a zip file, or a folder that is gone
            continue
    return tuple(sorted(found))


@functools.cache
def fingerprint() -> str:
    """The code a build runs with: nastav, its libraries and Python."""
    python = f"{sys.implementation.cache_tag} {sys.version}"
    return digest(code_digest(), python, ";".join(installed_libraries()))


def describe() -> str:
    """For ``--verbose``: what the caches are keyed by."""
    versions = dict(dependency_versions())
    shown = [f"{n} {versions[n]}" for n in ("mkdocs", "mkdocs-material", "pagefind-bin")
             if n in versions]  # fmt: skip
    return (
        f"код nastav {code_digest()[:12]}, Python {sys.version.split()[0]}, "
        + ", ".join(shown)
        + f" (всего библиотек: {len(versions)}); ключ кэша {fingerprint()[:12]}"
    )


def versioned(folder: Path) -> Path:
    """``folder/<fingerprint>``, for caches a library keeps by its own keys
    (compiled Jinja templates): the folders of other code versions go."""
    current = folder / fingerprint()[:16]
    if folder.is_dir():
        for other in folder.iterdir():
            if other != current and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
    return current
