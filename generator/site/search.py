"""Full-text search: Pagefind over the built site, in shards.

Pagefind (the binary ships in its PyPI wheel) stems Russian and splits the
index into chunks the browser loads on demand, so the data transferred
before the first result stays small at any site size — unlike lunr, whose
whole index (13.7 MB for our 1,464-page benchmark city) is downloaded
before the first query.

Indexing a city takes seconds, and editing one program should not cost
them: a municipal portal's pages are split into shards — the portal's own
pages, and the organizations' pages in ``BUCKETS`` groups by a hash of the
organization id. Each shard is a separate Pagefind index, cached by the
digest of its HTML; a rebuild indexes only shards whose pages changed. The
browser loads the main index and merges the others (Pagefind's
``mergeIndex``, listed in ``pagefind/nastav-shards.json``); merged indexes
reuse the main one's WebAssembly, so each shard adds two small files and
its chunk of the words searched for.
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
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..diagnostics import Location, Report
from .tree import link_or_copy, link_tree, prune_tree, write_new

BUNDLE = "pagefind"
SHARDS_DIR = "shards"  # inside the bundle: pagefind/shards/<name>/
SHARD_LIST = "nastav-shards.json"
BUCKETS = 8
ORG_FOLDER = "organizatsii/"
# What a merged shard needs; the interface, scripts and WebAssembly come
# from the main bundle.
_PLAIN = re.compile(r"[A-Za-z0-9_./-]+")
_SHARD_KEEP = ("pagefind-entry.json", ".pf_meta", "index", "fragment", "filter")


def shard_of(rel: str) -> str:
    """Shard of a page by its path in the site: «main» or «b0»…«b7»."""
    if rel.startswith(ORG_FOLDER):
        org, _, rest = rel[len(ORG_FOLDER):].partition("/")
        if rest:  # organizatsii/<id>/…, not the registry page itself
            return f"b{zlib.crc32(org.encode()) % BUCKETS}"
    return "main"


def index_site(site: Path, report: Report, cache: Path | None = None) -> bool:
    """Index every HTML page of ``site`` into ``site/pagefind``; shards whose
    pages are unchanged since an earlier build come from ``cache``."""
    if cache is None:
        # Shards are indexed side by side and then linked into place: into the
        # site directly, the main index would replace the folder holding them.
        with tempfile.TemporaryDirectory(prefix="nastav-search-") as scratch:
            return index_site(site, report, Path(scratch))
    shards: dict[str, list[str]] = {}
    for rel in _pages(site):
        shards.setdefault(shard_of(rel), []).append(rel)
    shards.setdefault("main", [])
    merged = []
    used: set[Path] = set()
    jobs: list[tuple[str, Path]] = []  # shards to index: name, where
    links: list[tuple[Path, Path]] = []  # cached shard → its place in the site
    for name in sorted(shards, key=lambda n: (n != "main", n)):
        target = site / BUNDLE if name == "main" else site / BUNDLE / SHARDS_DIR / name
        stored = cache / name / _digest(site, shards[name])
        used.add(stored)
        if not stored.is_dir():
            jobs.append((name, stored))
        links.append((stored, target))
        if name != "main":
            merged.append(f"{SHARDS_DIR}/{name}/")
    # Each shard is a Pagefind process of its own: as many at once as cores.
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        done = list(pool.map(lambda job: _index(site, shards[job[0]], job[1],
                                                job[0] != "main", report), jobs))
    if not all(done):
        return False
    produced: set[Path] = set()
    for stored, target in links:
        link_tree(stored, target, produced=produced)
    shard_list = site / BUNDLE / SHARD_LIST
    write_new(shard_list, json.dumps(merged).encode("utf-8"))
    # The site folder may be a reused one (pipeline.py): the index of its
    # last build goes.
    prune_tree(site / BUNDLE, produced | {shard_list})
    _prune(cache, used)
    return True


def _index(site: Path, pages: list[str], output: Path, shard: bool, report: Report) -> bool:
    """Run Pagefind over ``pages`` only (named in its --glob), writing to ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nastav-pf-", dir=output.parent) as scratch:
        root = site
        if not all(_PLAIN.fullmatch(rel) for rel in pages):
            # A name the glob cannot carry: index hard links in a scratch
            # folder instead; their paths, so the addresses, are the site's.
            root = Path(scratch) / "site"
            for rel in pages:
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(site / rel, root / rel)
            root.mkdir(exist_ok=True)
        partial = Path(scratch) / "out"
        command = [*_pagefind(), "--site", str(root),
                   "--output-path", str(partial), "--quiet"]
        if root == site:
            command += ["--glob", "{" + ",".join(pages) + "}" if pages else "-none-"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            report.error(Location("pagefind"), f"поисковый индекс не построен: {exc}", "search")
            return False
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            report.error(Location("pagefind"), "поисковый индекс не построен: " + " ".join(tail),
                         "search")
            return False
        if shard:
            for item in list(partial.iterdir()):
                if not any(item.name == k or item.name.endswith(k) for k in _SHARD_KEEP):
                    shutil.rmtree(item) if item.is_dir() else item.unlink()
        shutil.rmtree(output, ignore_errors=True)
        os.replace(partial, output)
    return True


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


def _digest(site: Path, pages: list[str]) -> str:
    """The shard's pages by identity: an unchanged page is a hard link to the
    same cached file as in the last build (site/engine.py), so its inode,
    size and time are the same, and 60 MB of pages need not be read."""
    h = hashlib.sha256()
    for rel in pages:
        info = os.stat(site / rel)
        h.update(f"{rel}\0{info.st_ino}:{info.st_dev}:{info.st_size}:{info.st_mtime_ns}\0"
                 .encode())
    return h.hexdigest()[:32]


def _prune(cache: Path, used: set[Path]) -> None:
    """Keep one index per shard: the one this build used."""
    for shard in cache.iterdir() if cache.is_dir() else []:
        for stored in shard.iterdir() if shard.is_dir() else []:
            if stored not in used:
                shutil.rmtree(stored, ignore_errors=True)
