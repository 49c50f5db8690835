"""Write the generated docs tree and ``mkdocs.yml``.

The tree is plain MkDocs input — Markdown pages, attachments, a theme
folder and a config — so the same tree builds with Zensical. Files whose
bytes did not change are left alone (mtime kept), which lets a «dirty»
rebuild skip them.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..fingerprint import fingerprint
from ..privacy.metadata import Unreadable, can_clean, clean
from ..publish.clean import CleanCopies
from ..publish.files import PublishedFile
from ..render.pageset import Page
from ..util.io_threads import io_map
from ..util.stored import Data, StoredBytes, as_bytes, sha1_of


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def copy_if_changed(source: Path, target: Path) -> bool:
    if (
        target.exists()
        and target.stat().st_size == source.stat().st_size
        and target.read_bytes() == source.read_bytes()
    ):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    # A new inode, never an in-place rewrite: published sites hard-link these files.
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(source, tmp)
    tmp.replace(target)
    return True


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Hard-link a cached file into a site being assembled; copy across filesystems.
    A site folder is reused between builds (pipeline.py): a target that is
    already this very file stays; any other file there is replaced, never
    written into (it may be a link shared with the published site). The
    target's folder is made when it is missing — only then: a reused site
    has them all (a region: 41,000 files placed, not one folder made)."""
    try:
        os.link(source, target)
    except FileExistsError:
        if os.path.samefile(source, target):
            return
        os.unlink(target)
        link_or_copy(source, target)
    except FileNotFoundError:
        if not _made_folder_of(target):
            raise  # the source is missing
        link_or_copy(source, target)
    except OSError:  # another file system
        _made_folder_of(target)
        shutil.copyfile(source, target)


def _made_folder_of(target: str | Path) -> bool:
    folder = os.path.dirname(target)
    if os.path.isdir(folder):
        return False
    os.makedirs(folder, exist_ok=True)
    return True


def write_new(path: Path, data: bytes) -> None:
    """Write a file as a new one (a new inode), never into an existing file."""
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


# Assembling a site touches every one of its files (14,000 pages in a region):
# paths are plain strings there, not pathlib objects (a third of a rebuild's
# time went into making and hashing those).


@dataclass
class Listing:
    """What a folder holds: every entry below it (folders too) as a path
    relative to it with «/», sorted, and which of them are folders (the
    folder itself is «»)."""

    entries: list[str]
    folders: set[str]


@dataclass
class Inodes:
    """Inodes of source files (by path, or by whatever else names them: a
    cached page's key), and the device they are on (an inode tells a file
    only on its own device)."""

    device: int | None = None
    files: dict[str, int] = field(default_factory=dict)


@dataclass
class DocsTree:
    """What ``write_docs`` leaves: the inodes of the tree's files (by path),
    and the files it wrote now (paths in the tree, with «/»)."""

    inodes: Inodes = field(default_factory=Inodes)
    written: list[str] = field(default_factory=list)


def make_parent(path: str | Path, made: set[str]) -> None:
    """mkdir -p of a file's folder, once per folder (thousands of files)."""
    parent = os.path.dirname(path)
    if parent not in made:
        os.makedirs(parent, exist_ok=True)
        made.add(parent)


class Linker:
    """Hard-links folders of cached files into a site folder. A reused site
    folder mostly holds these very files already: each target folder is
    listed once (also when several sources fill it, as the search groups'
    texts do) and a file whose inode is the source's is left as it is."""

    def __init__(self, produced: set[str] | None = None) -> None:
        self.produced = set() if produced is None else produced  # every file linked
        self._listed: dict[str, dict[str, int]] = {}

    def tree(self, source: Path, target: Path) -> None:
        """Every file under ``source`` to the same place under ``target``."""
        try:
            same_device = os.stat(source).st_dev == os.stat(target).st_dev
        except FileNotFoundError:
            same_device = False
        self._folder(str(source), str(target), same_device)

    def _folder(self, source: str, target: str, same_device: bool) -> None:
        present = self._listed.get(target)
        if present is None:
            present = {}
            if same_device:
                try:
                    present = {e.name: e.inode() for e in os.scandir(target)}
                except (FileNotFoundError, NotADirectoryError):
                    pass
            self._listed[target] = present
        with os.scandir(source) as entries:
            for entry in entries:
                dest = os.path.join(target, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    self._folder(entry.path, dest, same_device)
                    continue
                inode = entry.inode()
                if present.get(entry.name) != inode:
                    link_or_copy(entry.path, dest)
                    present[entry.name] = inode
                self.produced.add(dest)


FileStats = dict[str, tuple[int, int, int]]  # path → (size, modification time in ns, inode)


def stat_tree(root: Path) -> FileStats:
    """Each file under ``root`` as ``write_docs`` compares it (a walk done by
    a process of its own while the model is made: pipeline.py)."""
    stats: FileStats = {}
    folders = [str(root)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            stats[entry.path] = (info.st_size, info.st_mtime_ns, info.st_ino)
    return stats


def write_docs(
    docs_dir: Path,
    pages: list[Page],
    files: list[PublishedFile],
    generated: Sequence[tuple[str, Data]] = (),
    copies: CleanCopies | None = None,
    known: FileStats | None = None,
) -> DocsTree:
    """Make ``docs_dir`` hold exactly these pages and files; return their
    inodes, for placing them into the site, and which were written now.
    ``generated`` are files made at build time (table downloads); attachments
    are written as their copies without metadata from ``copies``.

    What was written last time is remembered (``<docs>.manifest``: content
    hash, size and time of each file), so a rebuild of a city compares
    hashes instead of reading 2,000 files back. ``known``: the tree's files
    as a walk found them before (``stat_tree``), so that they are not
    looked at one by one; a file it does not name is."""
    manifest = docs_dir.with_name(docs_dir.name + ".manifest")
    old = _load_manifest(manifest)
    new: dict[str, tuple] = {}
    made: set[str] = set()
    docs = str(docs_dir)
    tree = DocsTree()
    inodes = tree.inodes
    entries: list[tuple[str, bytes, Data | Page]] = [
        (rel, sha1_of(data), data) for rel, data in generated
    ]
    entries += [(p.path, p.digest, p) for p in pages]  # hashed once a build (Page.digest)
    within = os.path.join(docs, "")  # joined as strings below: a region has 30,000 entries
    to_write: list[tuple[str, bytes, str, Data | Page]] = []
    for rel, signature, data in entries:
        target = within + rel
        if (inode := _unchanged(old.get(rel), signature, target, known)) is not None:
            new[rel] = old[rel]
            inodes.files[target] = inode
            continue
        make_parent(target, made)
        to_write.append((rel, signature, target, data))
    # Written side by side: a path given twice is written once, with the last bytes.
    last = {target: data for _, _, target, data in to_write}
    stats = dict(zip(last, io_map(_write, list(last), list(last.values()))))
    for rel, signature, target, _ in to_write:
        info = stats[target]
        inodes.files[target] = info.st_ino
        new[rel] = (signature, info.st_size, info.st_mtime_ns)
        tree.written.append(rel)
    copies = copies or CleanCopies()
    code = fingerprint()  # the cleaning code too: a new version cleans again
    for published in files:
        path = docs_dir / published.href
        source = published.source.stat()
        stamp = (str(published.source), source.st_size, source.st_mtime_ns, published.title, code)
        if (inode := _unchanged(old.get(published.href), stamp, str(path), known)) is not None:
            new[published.href] = old[published.href]
            inodes.files[str(path)] = inode
            continue
        make_parent(path, made)
        write_if_changed(path, copies.data(published.source, published.title))
        new[published.href] = _entry(stamp, str(path), inodes)
        tree.written.append(published.href)
    if old:  # what the last build wrote and this one did not
        _remove_listed(docs, [rel for rel in old if rel not in new])
    else:  # no record of it: look
        _remove_others(docs_dir, set(new))
    _save_manifest(manifest, new)
    inodes.device = os.stat(docs).st_dev
    return tree


def _write(target: str, data: Data | Page) -> os.stat_result:
    """A file's bytes in place (a new file renamed over the old), and what
    the file system then says of it; from several threads (util/io_threads.py)."""
    if isinstance(data, StoredBytes):  # kept in the build cache: linked, not read
        link_or_copy(data.path, target)
    else:
        tmp = target + ".tmp"
        with open(tmp, "wb") as stream:
            stream.write(data.data if isinstance(data, Page) else as_bytes(data))
        os.replace(tmp, target)
    return os.stat(target)


def _entry(signature, target: str, inodes: Inodes) -> tuple:
    info = os.stat(target)
    inodes.files[target] = info.st_ino
    return (signature, info.st_size, info.st_mtime_ns)


def _unchanged(entry: tuple | None, signature, target: str, known: FileStats | None) -> int | None:
    """The inode of ``target`` if it is as the manifest's ``entry`` says."""
    if entry is None or entry[0] != signature:
        return None
    stats = known.get(target) if known is not None else None
    if stats is None:
        try:
            info = os.stat(target)
        except OSError:
            return None
        stats = (info.st_size, info.st_mtime_ns, info.st_ino)
    return stats[2] if stats[:2] == entry[1:] else None


def _remove_listed(docs: str, gone: list[str]) -> None:
    """The docs tree is written by builds alone (``.nastav/work``): the files
    the last build wrote and this one did not are all it holds besides."""
    for rel in gone:
        path = os.path.join(docs, rel)
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        folder = os.path.dirname(path)
        while folder.startswith(docs + os.sep) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


def _remove_others(docs_dir: Path, wanted: set[str]) -> None:
    for top, _dirs, names in os.walk(docs_dir, topdown=False):
        rel_top = os.path.relpath(top, docs_dir).replace(os.sep, "/")
        prefix = "" if rel_top == "." else rel_top + "/"
        for name in names:
            if prefix + name not in wanted:
                os.unlink(os.path.join(top, name))
        if prefix and not os.listdir(top):
            os.rmdir(top)


def _load_manifest(path: Path) -> dict[str, tuple]:
    try:
        data = pickle.loads(path.read_bytes())  # whole: faster than from the stream
        return data if isinstance(data, dict) else {}
    except Exception:  # none yet, or damaged: compare nothing, write everything
        return {}


def _save_manifest(path: Path, entries: dict[str, tuple]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)


def merge_theme(bundled: Path, project_theme: Path | None, target: Path) -> None:
    """The project's own ``theme/`` files override the bundled ones."""
    sources = [bundled] + (
        [project_theme]
        if project_theme and project_theme.is_dir() and project_theme.resolve() != bundled.resolve()
        else []
    )
    wanted: set[Path] = set()
    for source in sources:
        for path in source.rglob("*"):
            if path.is_file():
                dest = target / path.relative_to(source)
                wanted.add(dest)
                if can_clean(path):  # a school's logo keeps no EXIF either
                    data = path.read_bytes()
                    try:
                        data = clean(path, data)
                    except Unreadable:
                        pass  # published as it is; the audit of the site reports it
                    write_if_changed(dest, data)
                else:
                    copy_if_changed(path, dest)
    for path in sorted(target.rglob("*"), reverse=True) if target.exists() else []:
        if path.is_file() and path not in wanted:
            path.unlink()


def write_mkdocs_yml(path: Path, config: dict) -> None:
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    write_if_changed(path, text.encode("utf-8"))
