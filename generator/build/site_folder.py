"""The folder a build assembles its site in, looked at once before the
build places its files there.

The folder is the site published two builds ago (deploy/swap.py
``take_spare``): a region's 56,000 files in 16,000 folders, nearly all of
them already the right hard links. Placing each file by trying a link and,
when a file is there, comparing the two (three calls a file), then walking
the folder again to remove what the build did not place, took half a
second of a one-program rebuild. One walk up front tells each file's
inode: a file that already is its source stays without a call, and what
the build did not place is known without walking again.

The folder is the build's own until it is swapped in: nothing else
changes it between the walk and the prune.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .tree import Inodes, Listing, link_or_copy


@dataclass
class SiteFolder:
    """What ``root`` held before the build: each entry that is not a folder
    (files and links) with its inode, and the walk's folders, deepest first
    as ``os.walk(topdown=False)`` gives them (links to folders are among the
    folder names, never entered). ``skip`` (the search index, which prunes
    itself) is neither walked nor listed."""

    root: str
    skip: str | None
    device: int | None
    files: dict[str, int]
    walk: list[tuple[str, list[str], list[str]]]
    links: set[str] = field(default_factory=set)  # folder names that are links, as paths
    # What ``prune`` returns when the build places exactly the files found
    # (a rebuild's usual case), worked out by the survey; None: not that simple.
    unchanged: Listing | None = None

    @classmethod
    def survey(cls, root: Path, skip: Path | None = None, ahead: bool = False) -> SiteFolder:
        """``ahead``: the listing of the likely prune is worked out now
        (``unchanged``), by the process that surveys the folder while the
        model is made (pipeline.py): the prune of a region's 56,000 files
        took 0.15 s of a rebuild."""
        top, skipped = str(root), str(skip) if skip else None
        files: dict[str, int] = {}
        walk: list[tuple[str, list[str], list[str]]] = []
        links: set[str] = set()
        try:
            device: int | None = os.stat(top).st_dev
        except OSError:  # a first build: nothing there yet
            return cls(top, skipped, None, files, walk)
        _walk(top, skipped, files, walk, links)
        folder = cls(top, skipped, device, files, walk, links)
        if ahead:
            folder.unchanged = folder._listing(set(files), remove=False)
        return folder

    def place(self, source: str, target: str, inode: int | None) -> None:
        """``source`` at ``target`` (a hard link, or a copy on another disk),
        unless ``target`` already is that file (``inode``: the source's, on
        this folder's device; None when unknown)."""
        if inode is None or self.files.get(target) != inode:
            link_or_copy(source, target)

    def place_from(self, source: Path, inodes: Inodes, rels: list[str]) -> list[str]:
        """The files at ``rels`` (with «/») under ``source`` to the same
        places here; returns their paths here."""
        targets = []
        # Joined as strings: a region places 27,000 files (``rel`` is relative).
        source_prefix, prefix = os.path.join(source, ""), os.path.join(self.root, "")
        for rel in rels:
            path, target = source_prefix + rel, prefix + rel
            self.place(path, target, self.inode_of(inodes, path))
            targets.append(target)
        return targets

    def inode_of(self, inodes: Inodes, name: str) -> int | None:
        """The inode of a source file, if it is on this folder's device."""
        if inodes.device is None or inodes.device != self.device:
            return None
        return inodes.files.get(name)

    def prune(self, produced: set[str]) -> Listing:
        """Remove what the build did not place (``produced``: the paths of
        every file it did) and the folders left empty; return what the
        folder holds now, as a walk after the last file was placed finds it."""
        if os.sep != "/":  # hrefs joined to the root keep their «/» (Windows)
            produced = {os.path.normpath(path) for path in produced}
        if self.unchanged is not None and produced == self.files.keys():
            return self.unchanged
        listing = self._listing(produced, remove=True)
        assert listing is not None  # only a dry run stops early
        return listing

    def _listing(self, produced: set[str], remove: bool) -> Listing | None:
        """``prune``; ``remove=False``: nothing is removed, and None is
        returned if something would be — the listing only when nothing is."""
        start = len(self.root) + 1
        entries: list[str] = []
        folders: set[str] = {""}
        emptied: set[str] = set()
        listed: set[str] = set()
        for top, dirs, names in self.walk:
            gone = 0
            here = top[start:].replace(os.sep, "/") + "/" if len(top) >= start else ""
            within = top + os.sep  # the walk's folders never end with one
            for name in names:
                path = within + name
                if path in produced:
                    entries.append(here + name)
                    listed.add(path)
                elif remove:
                    os.unlink(path)
                    gone += 1
                else:
                    return None
            for name in dirs:
                path = within + name
                if path in emptied or path == self.skip:
                    continue
                entries.append(here + name)
                if path not in self.links:
                    folders.add(here + name)
            maybe_empty = gone == len(names) and all(within + d in emptied for d in dirs)
            if here and maybe_empty and not os.listdir(top):
                if not remove:
                    return None
                os.rmdir(top)
                emptied.add(top)
        # Files the folder did not hold before, and the folders made for them.
        prefix = self.root + os.sep
        for path in produced:
            if path in listed or not path.startswith(prefix):
                continue
            rel = path[start:].replace(os.sep, "/")
            entries.append(rel)
            folder = rel.rpartition("/")[0]
            while folder and folder not in folders:
                folders.add(folder)
                entries.append(folder)
                folder = folder.rpartition("/")[0]
        entries.sort()
        return Listing(entries, folders)


def prune_tree(root: Path, keep: set[str], skip: Path | None = None) -> Listing:
    """Remove every file under ``root`` whose path is not in ``keep`` (and
    folders left empty), except under ``skip``; return what is left (the
    search index prunes its own folder so: search/search.py)."""
    return SiteFolder.survey(root, skip).prune(keep)


def _walk(
    top: str,
    skip: str | None,
    files: dict[str, int],
    walk: list[tuple[str, list[str], list[str]]],
    links: set[str],
) -> None:
    """``os.walk(top, topdown=False)`` recording each file's inode: a folder's
    entries after those of its subfolders; links to folders are listed among
    its folder names (and in ``links``) and not entered."""
    dirs: list[str] = []
    names: list[str] = []
    try:
        entries = list(os.scandir(top))
    except OSError:
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()  # as os.walk: a link to a folder counts as one
        except OSError:
            is_dir = False
        if is_dir:
            dirs.append(entry.name)
            if entry.is_symlink():
                links.add(entry.path)
            elif entry.path != skip:
                _walk(entry.path, skip, files, walk, links)
        else:
            names.append(entry.name)
            files[entry.path] = entry.inode()
    walk.append((top, dirs, names))
