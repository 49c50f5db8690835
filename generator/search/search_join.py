"""The organizations' search groups joined into a few indexes (search.py):
which sets, where each joined index is kept, and the joins themselves — in
processes forked before the indexing thread starts, so that they run beside
the audit once Pagefind is done; and whether a kept index is whole."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from pathlib import Path

from .. import addresses
from ..build.tree import write_new
from ..util.forked import forked_pool
from . import search_merge

ORGS = "orgs"  # the groups' index joined: the shard «orgs» (join_sets)
JOIN_GROUPS = 64  # groups joined into one index: all of a city's, a quarter of a region's


def join_sets(groups: list[tuple[str, Path]]) -> list[tuple[str, list[tuple[str, Path]]]]:
    """The groups joined by ``JOIN_GROUPS``: one index «orgs» for a city (16
    groups), «orgs0»…«orgs3» for a region (256). An edit joins its set again,
    not every group (3 s in a region); the browser gets an entry file and a
    chunk more per set, the same pages' metadata in all."""
    count = -(-len(groups) // JOIN_GROUPS)
    if count <= 1:
        return [(ORGS, groups)] if groups else []
    size = -(-len(groups) // count)
    return [(f"{ORGS}{k}", groups[k * size : (k + 1) * size]) for k in range(count)]


def joined_links(
    site: Path, groups: list[tuple[str, Path]], joined: Path, name: str = ORGS
) -> list[tuple[Path, Path]]:
    """The joined index and its pages' texts → their places in the site. The
    texts stay in the groups' folders, the last group's linked first: where
    two have a text of the same name, the first one's stays (the other is
    in ``joined`` under a name of its own: search_merge.merge)."""
    orgs = site / addresses.SEARCH_BUNDLE / addresses.search_shard(name)
    return [(group / "fragment", orgs / "fragment") for _, group in reversed(groups)] + [
        (joined, orgs)
    ]


def join_target(cache: Path, groups: list[tuple[str, Path]]) -> Path:
    """Where the groups' indexes joined are kept: by the groups' digests."""
    key = hashlib.sha256("".join(f"{n}\0{s.name}\0" for n, s in groups).encode()).hexdigest()
    return cache / ORGS / key[:32]


def _join(groups: list[tuple[str, Path]], stored: Path) -> None:
    """The groups' indexes as one, into ``stored``."""
    indexes = [(_read_index(group), group) for _, group in groups]
    stored.parent.mkdir(parents=True, exist_ok=True)
    # The last build's: an edit changes few of its chunks.
    earlier = [p for p in stored.parent.iterdir() if p.is_dir() and not p.name.startswith(".")]
    with tempfile.TemporaryDirectory(prefix=".join-", dir=stored.parent) as scratch:
        search_merge.merge(indexes, Path(scratch) / "out", earlier)
        shutil.rmtree(stored, ignore_errors=True)  # one that lost files (whole_index)
        os.replace(Path(scratch) / "out", stored)


class Joiner:
    """The joins a build needs, each ``(groups, stored)``. Their processes are
    forked when this is made — before the indexing thread starts — and given
    the work once Pagefind is done: an edit's join (0.4 s in a region) then
    runs beside the audit, on the other core. Without fork, in the thread."""

    def __init__(self, jobs: list[tuple[list[tuple[str, Path]], Path]]) -> None:
        self.jobs = jobs
        # One process: forked from the whole build, it comes to hold a copy of
        # each page of memory the build changes meanwhile (0.21–0.27 GB at a
        # region's peak, beside the audit's workers); a second would hold
        # another. An edit joins one set; a cold build's few joins wait in turn.
        self.pool = forked_pool(1) if jobs else None

    def run(self) -> bool:
        """False: index files search_merge cannot read (``Unsupported``)."""
        try:
            if self.pool is not None:
                self.pool.starmap(_join, self.jobs)
            else:
                for groups, stored in self.jobs:
                    _join(groups, stored)
        except search_merge.Unsupported:
            return False
        return True

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()  # done, or not needed: Pagefind failed
            self.pool.join()
            self.pool = None


def whole_index(stored: Path) -> bool:
    """A cached index is all there: its entry file, the metadata it names,
    and the folders of its words and pages' texts (when it has pages).
    Another one is made again: a part that lost files (a disk that filled
    up, files removed by hand or by another program) stopped every later
    build on a file it could not find."""
    try:
        entry = json.loads((stored / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = list(entry["languages"].values())
        metadata = [stored / f"pagefind.{about['hash']}.pf_meta" for about in languages]
        pages = sum(int(about.get("page_count", 1)) for about in languages)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    folders = [stored / "index", stored / "fragment"] if pages else []
    return all(path.is_file() for path in metadata) and all(path.is_dir() for path in folders)


def read_index_path(stored: Path) -> Path:
    return stored.with_name(stored.name + ".pickle")


def _read_index(stored: Path) -> search_merge.Index:
    """A group's index as search_merge reads it, kept beside it: an edit in
    one group reads only that group again."""
    kept = read_index_path(stored)
    try:
        with open(kept, "rb") as stream:
            index = pickle.loads(stream.read())
        if isinstance(index, search_merge.Index):
            return index
    except Exception:  # missing, damaged or of other code: read again
        pass
    index = search_merge.read(stored)
    write_new(kept, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    return index
