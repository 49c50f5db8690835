"""Full-text search: Pagefind over the built site, in shards.

Pagefind (the binary ships in its PyPI wheel) stems Russian and splits the
index into chunks the browser loads on demand, so the data transferred
before the first result stays small at any site size — unlike lunr, whose
whole index (13.7 MB for our 1,464-page benchmark city) is downloaded
before the first query.

Indexing a city takes seconds, and editing one program should not cost
them: a municipal portal's pages are split into shards — the portal's own
pages, and the organizations' pages in groups by a hash of the
organization id, as many groups as keep each near ``PAGES_PER_GROUP``
pages (``group_count``). Each shard is a separate Pagefind index, cached
by the digest of its HTML; a rebuild indexes only shards whose pages
changed.

The browser gets two indexes for a city: the main one and the
organizations' (``shards/orgs/``), which search_merge.py joins from the
groups' indexes (a second, cached, with the groups' cached digests as its
key); a region's groups are joined by 64 (``join_sets``: 4 indexes of the
organizations, so that an edit joins a quarter of them again). Each index
the browser merges (Pagefind's ``mergeIndex``, listed in
``addresses.search_shard_list()``) costs it an entry file, metadata and a
chunk of the word searched for. Both are cut into small chunks, so a
search loads little more than the word's own pages (issue 14: 88 kB of
chunks for «наставника» on the benchmark city before, 6 kB after). Index
files search_merge.py cannot read (another Pagefind version, filters)
stay as Pagefind wrote them, the groups merged in the browser.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .. import addresses
from ..build.site_folder import prune_tree
from ..build.tree import Linker, Listing, link_or_copy, make_parent, write_new
from ..diagnostics import Location, Report
from ..fingerprint import fingerprint
from ..util import scratch
from . import search_merge
from .search_join import (
    Joiner,
    join_sets,
    join_target,
    joined_links,
    read_index_path,
    whole_index,
)

# The index goes to addresses.search_bundle(), the shards in it to
# addresses.search_shard(name), listed in addresses.search_shard_list().
BUCKETS = 8  # the fewest groups
PAGES_PER_GROUP = 100  # an edit re-indexes its group: about this many pages
# What a merged shard needs; the interface, scripts and WebAssembly come
# from the main bundle.
_PLAIN = re.compile(r"[A-Za-z0-9_./-]+")
_SHARD_KEEP = ("pagefind-entry.json", ".pf_meta", "index", "fragment", "filter")


def group_count(org_pages: int) -> int:
    """How many groups the organizations' pages make: a power of two, so that
    an organization keeps its group while the portal grows or shrinks less
    than twofold (a city: 16 groups of ~90 pages; a region of 14,000 pages:
    256 groups of ~55)."""
    count = BUCKETS
    while org_pages > count * PAGES_PER_GROUP:
        count *= 2
    return count


def shard_of(rel: str, groups: int = BUCKETS) -> str:
    """Shard of a page by its path in the site: «main», or «b0»… (one of
    ``groups``) for the pages of an organization of a municipal portal (not
    the registry page)."""
    org = addresses.org_of(rel)
    if org is not None:
        return f"b{zlib.crc32(org.encode()) % groups}"
    return "main"


def index_site(site: Path, report: Report, cache: Path | None = None) -> bool:
    """Index every HTML page of ``site`` into its search bundle; shards whose
    pages are unchanged since an earlier build come from ``cache``."""
    return start_index(site, report, cache)() is not None


def start_index(
    site: Path,
    report: Report,
    cache: Path | None = None,
    pages: list[str] | None = None,
    keys: dict[str, str] | None = None,
) -> Callable[[], Listing | None]:
    """``index_site`` in two steps: the Pagefind processes start now, and the
    returned function waits for them and for the index put in place; it
    returns what the search folder holds, as a walk finds it (None: it
    failed, and ``report`` says why). In between the caller may do other
    work — the build audits the site meanwhile (pipeline.py): Pagefind is a
    separate program, so the two use both cores. ``pages``: the site's HTML
    files, when the caller knows them (else the folder is walked); ``keys``:
    of those MkDocs made, the key of their HTML (build/engine.py) — a shard
    is known by its pages' keys, not by asking the disk about each page."""
    if cache is None:
        # Shards are indexed side by side and then linked into place: into the
        # site directly, the main index would replace the folder holding them.
        folder = tempfile.TemporaryDirectory(prefix="nastav-search-", dir=scratch.folder())
        finish_in_scratch = start_index(site, report, Path(folder.name), pages, keys)

        def finish_and_clean() -> Listing | None:
            try:
                return finish_in_scratch()
            finally:
                folder.cleanup()

        return finish_and_clean
    shards: dict[str, list[str]] = {}
    listed = sorted(pages) if pages is not None else list(_pages(site))
    groups = group_count(sum(1 for rel in listed if addresses.org_of(rel) is not None))
    for rel in listed:
        shards.setdefault(shard_of(rel, groups), []).append(rel)
    shards.setdefault("main", [])
    used: set[Path] = set()
    runs: list[_Run] = []  # shards to index
    stored_as: dict[str, Path] = {}  # shard → its index in the cache
    for name in sorted(shards, key=lambda n: (n != "main", n)):
        stored = cache / name / _digest(site, shards[name], keys or {})
        used.add(stored)
        if not whole_index(stored):
            read_index_path(stored).unlink(missing_ok=True)  # read from what is made now
            runs.append(_Run(site, shards[name], stored, name != "main"))
        stored_as[name] = stored
    # The groups' indexes joined by sets (join_sets): which joins this build
    # needs is known now, from the groups' digests.
    by_group = sorted((n, p) for n, p in stored_as.items() if n != "main")
    joins = [(name, part, join_target(cache, part)) for name, part in join_sets(by_group)]
    for _, part, target in joins:
        used.add(target)
        # The groups' read indexes stay for the next join of this set, also
        # while builds join other sets (a region's edits go from set to set).
        used.update(read_index_path(group) for _, group in part)
    joiner = Joiner([(part, target) for _, part, target in joins if not whole_index(target)])
    # Each shard is a Pagefind process of its own: as many at once as cores,
    # the next one started as one ends — by a thread, while the caller audits
    # the site (a city has 17 shards: started only once the audit was done,
    # the last ones kept it waiting); then the joins, in processes forked
    # above, beside the audit too. The thread's diagnostics go to a report
    # of its own, added to ``report`` when it is done, so their order is fixed.
    indexing = Report()
    outcome: list = []  # [the index's listing, or None], or the exception the thread met

    def place(joined: bool) -> Listing:
        """The cached index → its place in the site; what the site's search folder holds."""
        links = [(stored_as["main"], site / addresses.SEARCH_BUNDLE)]
        if joined and joins:
            for name, part, target in joins:
                links += joined_links(site, part, target, name)
            merged = [addresses.search_shard(name) for name, _, _ in joins]
        else:  # index files search_merge cannot read: the groups as Pagefind wrote them
            merged = [addresses.search_shard(name) for name, _ in by_group]
            links += [
                (stored, site / addresses.SEARCH_BUNDLE / shard)
                for (_, stored), shard in zip(by_group, merged)
            ]
        linker = Linker()  # the groups' texts share one folder: it is listed once
        for stored, target in links:
            linker.tree(stored, target)
        shard_list = site / addresses.search_shard_list()
        write_new(shard_list, json.dumps(merged).encode("utf-8"))
        # The site folder may be a reused one (pipeline.py): the index of its
        # last build goes.
        listing = prune_tree(site / addresses.SEARCH_BUNDLE, linker.produced | {str(shard_list)})
        _prune(cache, used)
        return listing

    def index_and_join() -> None:
        # Placed here, not by ``finish``: the caller may still be auditing the
        # rest of the site, and linking is mostly waiting for the disk.
        try:
            indexed = _run_all(runs, indexing)
            joined = indexed and joiner.run()
            outcome[:] = [place(joined) if indexed else None]
        except BaseException as exc:  # told by finish(), in the caller's thread
            outcome[:] = [exc]
        finally:
            joiner.close()

    thread = threading.Thread(target=index_and_join, daemon=True)
    thread.start()

    def finish() -> Listing | None:
        thread.join()
        report.extend(indexing)
        if outcome and isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0] if outcome else None

    return finish


def _run_all(runs: list[_Run], report: Report) -> bool:
    """Every run, as many at once as cores; False if one failed (the rest are
    not started, the started ones waited for)."""
    batch = max(1, os.cpu_count() or 1)
    ok = all([run.start(report) for run in runs[:batch]])
    for i, run in enumerate(runs):
        ok = run.end(report) and ok  # a run never started only cleans up
        if ok and i + batch < len(runs):
            ok = runs[i + batch].start(report)
    return ok


class _Run:
    """One Pagefind process over ``pages`` only (named in its --glob), writing
    to ``output``; started and waited for separately."""

    def __init__(self, site: Path, pages: list[str], output: Path, shard: bool) -> None:
        self.site, self.pages, self.output, self.shard = site, pages, output, shard
        self.process: subprocess.Popen | None = None
        self.scratch: tempfile.TemporaryDirectory | None = None
        self.log: IO[bytes] | None = None

    def start(self, report: Report) -> bool:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        scratch = tempfile.TemporaryDirectory(prefix="nastav-pf-", dir=self.output.parent)
        self.scratch = scratch
        root = self.site
        if self.pages and (_same_device(self.site, scratch.name) or not self._plain):
            # Hard links to the pages in a scratch folder: their paths, so the
            # addresses, are the site's, and Pagefind walks these pages only —
            # with ``--glob`` it walks the whole site for each group (a region:
            # 57,000 files, 0.22 s a run instead of 0.09 s, 256 runs). Across
            # file systems links are copies: then the glob, if it can carry the names.
            root = Path(scratch.name) / "site"
            made: set[str] = set()
            for rel in self.pages:
                target = os.path.join(root, rel)
                make_parent(target, made)
                link_or_copy(os.path.join(self.site, rel), target)
            root.mkdir(exist_ok=True)
        command = [
            *_pagefind(),
            "--site",
            str(root),
            "--output-path",
            str(self._partial),
            "--quiet",
        ]
        if root == self.site:
            command += ["--glob", "{" + ",".join(self.pages) + "}" if self.pages else "-none-"]
        # Its messages go to a file: nobody reads a pipe while the build goes on.
        # Closed by _clean once Pagefind has ended, not by a with block.
        self.log = tempfile.TemporaryFile(dir=scratch.name)  # noqa: SIM115
        try:
            self.process = subprocess.Popen(
                command, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        except OSError as exc:
            report.error(
                Location(addresses.SEARCH_BUNDLE), f"поисковый индекс не построен: {exc}", "search"
            )
            self._clean()
            return False
        return True

    @property
    def _plain(self) -> bool:
        """Every page's name can go into ``--glob``."""
        return all(_PLAIN.fullmatch(rel) for rel in self.pages)

    @property
    def _partial(self) -> Path:
        assert self.scratch is not None, "used only between start and end"
        return Path(self.scratch.name) / "out"

    def end(self, report: Report) -> bool:
        """Wait for the process; its index goes to ``output``."""
        if self.process is None:
            self._clean()
            return False
        try:
            try:
                code = self.process.wait(timeout=600)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                report.error(
                    Location(addresses.SEARCH_BUNDLE),
                    "поисковый индекс не построен: Pagefind работал дольше 10 минут.",
                    "search",
                )
                return False
            if code != 0:
                tail = self._log_tail()
                report.error(
                    Location(addresses.SEARCH_BUNDLE),
                    "поисковый индекс не построен: " + " ".join(tail),
                    "search",
                )
                return False
            partial = self._partial
            if self.shard:
                for item in list(partial.iterdir()):
                    if not any(item.name == k or item.name.endswith(k) for k in _SHARD_KEEP):
                        shutil.rmtree(item) if item.is_dir() else item.unlink()
            else:
                # The last build's index: an edit changes few of its chunks.
                earlier = [
                    p
                    for p in self.output.parent.iterdir()
                    if p.is_dir() and not p.name.startswith("nastav-")
                ]
                try:
                    search_merge.compact(partial, earlier)
                except search_merge.Unsupported:
                    pass  # Pagefind's own chunks: larger, as good
            shutil.rmtree(self.output, ignore_errors=True)
            os.replace(partial, self.output)
            return True
        finally:
            self._clean()

    def _log_tail(self) -> list[str]:
        if self.log is None:
            return []
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace").strip().splitlines()[-3:]

    def _clean(self) -> None:
        if self.log is not None:
            self.log.close()
        if self.scratch is not None:
            self.scratch.cleanup()


def _same_device(a: Path | str, b: Path | str) -> bool:
    return os.stat(a).st_dev == os.stat(b).st_dev


@functools.lru_cache(maxsize=1)
def _pagefind() -> tuple[str, ...]:
    """Pagefind's program as the ``pagefind[bin]`` package installs it; run
    directly, it saves the Python wrapper's start (0.1 s of each rebuild)."""
    spec = importlib.util.find_spec("pagefind_bin")
    folders = (spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        for name in ("pagefind", "pagefind.exe"):
            program = Path(folder) / name
            if program.is_file() and os.access(program, os.X_OK):
                return (str(program),)
    return (sys.executable, "-m", "pagefind")


def _pages(site: Path) -> list[str]:
    found = []
    for top, _, names in os.walk(site):
        rel_top = os.path.relpath(top, site).replace(os.sep, "/")
        prefix = "" if rel_top == "." else rel_top + "/"
        found += [prefix + name for name in names if name.endswith(".html")]
    return sorted(found)


def _digest(site: Path, pages: list[str], keys: dict[str, str]) -> str:
    """The shard's pages by the keys of their HTML (``keys``: the same key,
    the same bytes), or by identity: an unchanged page is a hard link to
    the same file as in the last build, so its inode, size and time are the
    same, and 60 MB of pages need not be read."""
    h = hashlib.sha256(fingerprint().encode())  # and Pagefind's version with the rest
    root = os.path.join(site, "")
    for rel in pages:
        key = keys.get(rel)
        if key is not None:
            h.update(f"{rel}\0{key}\0".encode())
        else:
            info = os.stat(root + rel)
            h.update(
                f"{rel}\0{info.st_ino}:{info.st_dev}:{info.st_size}:{info.st_mtime_ns}\0".encode()
            )
    return h.hexdigest()[:32]


def _prune(cache: Path, used: set[Path]) -> None:
    """Keep one index per shard: the one this build used."""
    for shard in cache.iterdir() if cache.is_dir() else []:
        for stored in shard.iterdir() if shard.is_dir() else []:
            if stored not in used:
                if stored.is_dir():
                    shutil.rmtree(stored, ignore_errors=True)
                else:
                    stored.unlink(missing_ok=True)
