"""Stage 6: check the built site before it replaces the published one
(and, with ``nastav check-site``, any folder built earlier).

* nothing is loaded from another host (scripts, styles, fonts, images, frames);
* no script can run from content (event handlers, ``javascript:`` links,
  frames, foreign inline scripts) — ``audit_html``;
* every internal link and anchor resolves — ``audit_links``;
* every file name is safe for any static server;
* no personal data — denied names, phones, e-mails, СНИЛС, local paths… —
  in any file: pages, search index, JSON, CSV/XLSX, PDF and DOCX downloads,
  and in the metadata of documents and images — ``audit_data``;
* accessibility (warnings): a PDF that is not tagged or is a scan
  (``util/pdftags.py``), an image without a text alternative.
It also measures the site: pages, sizes, search index.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import addresses
from ..build.tree import Listing
from ..diagnostics import Report
from ..rules.common import A11Y
from ..util.forked import FreshWorkers
from .audit_ahead import Ahead
from .audit_cache import KEY_BYTES, AuditCache, Index, cache_tag, entry, identity_of, key_of
from .audit_file import Result, content_key, diagnostic, examine_in, packed
from .audit_links import check_links
from .audit_names import SAFE_PATH, check_name, suffix_of, walk_site

OWN_FILES = {addresses.BUILD_MARKER}  # our marker of a published site


@dataclass
class SiteStats:
    pages: int = 0
    html_bytes: int = 0
    total_bytes: int = 0
    files: int = 0
    search_index_bytes: int = 0
    largest_page: tuple[int, str] = (0, "")

    @property
    def average_html(self) -> int:
        return self.html_bytes // self.pages if self.pages else 0


def audit_site(
    site: Path,
    report: Report,
    data_check=None,
    base_path: str = "/",
    cache: Path | None = None,
    search: Callable[[], Listing | None] | None = None,
    reported: Collection[str] = (),
    listing: Listing | None = None,
    ahead: Callable[[], Ahead] | None = None,
) -> SiteStats:
    """``data_check`` looks for personal data in a file's text (see
    ``audit_data.DataCheck``); ``base_path`` is where the site is published
    («/» or «/nastavnichestvo/»): root-absolute links resolve against it.
    What a file yields is kept by its content hash in the folder ``cache``
    (audit_cache.py), so a rebuild reads again only the files that changed,
    and checks again the links whose outcome they may change.

    ``search``, when given, finishes the search index being written into
    the site meanwhile (search.start_index) and lists it: the rest of the
    site is audited first, then the index. If it fails (None), so does the
    audit.

    ``reported``: files of the site (``files/…/x.pdf``) whose accessibility
    the check of the records has reported already, with the record and its
    field (``rules/common.py``): not told again.

    ``listing``: what the site folder holds besides the search index, as the
    build left it (build/site_folder.py ``SiteFolder.prune``, after the
    last file was put there): the folder is not walked again.

    ``ahead``: what files the build wrote yield, examined meanwhile
    (audit_ahead.py): taken for a file whose bytes are those examined."""
    stats = SiteStats()
    audit = _Audit(site, report, data_check, base_path, stats, cache)
    audit.reported = set(reported)
    audit.ahead = ahead
    bundle = addresses.SEARCH_BUNDLE  # written by search/search.py meanwhile
    if listing is not None and search is not None:
        files, folders = list(listing.entries), set(listing.folders)
    else:
        files, folders = walk_site(site, skip=bundle if search else None)
    if audit.old.empty and len(files) >= _PARALLEL_FROM:
        audit.workers.start()  # all files are new: workers start while they are listed
    try:
        audit.add(files, folders)
        if search is not None:
            index = search()
            if index is None:
                return stats
            prefix = bundle + "/"
            more = [prefix + rel for rel in index.entries]
            more_folders = {prefix + rel for rel in index.folders if rel}
            audit.add([bundle, *more], more_folders | {bundle})
            files += [bundle, *more]
            folders |= {bundle} | more_folders
    finally:
        audit.workers.close()
    audit.check_links(files, folders)
    audit.save()
    return stats


def untagged_files(files: Iterable) -> set[str]:
    """The site's addresses of published attachments (``PublishedFile``) the
    records' check has called untagged: ``audit_site(reported=…)``."""
    return {f.href for f in files if f.tags is not None and not f.tags.tagged}


class _Audit:
    """Files examined so far: their diagnostics, ids and links."""

    def __init__(
        self,
        site: Path,
        report: Report,
        data_check,
        base_path: str,
        stats: SiteStats,
        cache: Path | None,
    ) -> None:
        self.site, self.report, self.data_check, self.stats = site, report, data_check, stats
        self.base = base_path if base_path.endswith("/") else base_path + "/"
        self.fingerprint = data_check.fingerprint if data_check is not None else "-"
        self.cache = AuditCache(cache, cache_tag())
        self.old = self.cache.index  # the last build's
        if data_check is not None:
            data_check.known_blocks = self.old.known_blocks()
        self.seen: dict[str, bytes] = {}  # path → its entry (audit_cache.py) in this build
        self.checked_by = f"{self.fingerprint}\0{self.base}"
        self.told: dict[str, tuple] = {}  # path → its diagnostics, when it has any
        self.fresh: dict[str, Result] = {}  # what the files not kept from last time yield
        self.pages: list[str] = []  # in the order their links' problems are told
        self.old_ids: dict[str, frozenset | None] = {}  # of fresh pages others anchor into
        self.link_problems: dict[str, tuple] = {}
        self.targets: set[str] = set()  # check_links: every path pages link to
        # check_links: page → pages anchoring into it (a list as the index kept it)
        self.anchors: dict[str, set[str] | list[str]] = {}
        self.paths: set[str] = set()
        self.folders: set[str] = set()
        self.new_blocks: dict[str, dict] = {}
        self.unsafe: set[str] = set()  # names check_name found unsafe
        self.reported: set[str] = set()
        self.workers = FreshWorkers(_take_job, (site, data_check, self.base))
        self.ahead: Callable[[], Ahead] | None = None  # audit_site(ahead=…)
        self._ahead_found: Ahead | None = None

    def _ahead(self) -> Ahead:
        """What the files examined ahead yield (asked for once, when needed)."""
        if self._ahead_found is None:
            self._ahead_found = self.ahead() if self.ahead is not None else {}
        return self._ahead_found

    def add(self, rels: list[str], folders: Collection[str] = ()) -> None:
        """``folders``: which of ``rels`` are folders (not links to them), as
        the walk that listed them found: their names are checked without
        asking the file system again (a region: 16,000 of its 72,000 entries)."""
        site, stats, report = self.site, self.stats, self.report
        # (path, key, what it yields): None — as last time, _MISSING — to examine now
        examined: list[tuple[str, str, Result | None]] = []
        root = os.path.join(str(site), "")
        bundle = addresses.search_bundle()
        index_folders = (bundle, f"{addresses.LUNR_INDEX}/")
        known, seen, pages = self.old.known, self.seen, self.pages
        # A name the last build listed and found safe is safe (56,000 matches a region).
        old_folders, old_unsafe, unsafe = self.old.folders, self.old.unsafe, self.unsafe
        # Identities tell unchanged files only if the same check looked, at the same base.
        same_check = self.old.checked_by == self.checked_by
        for rel in rels:  # a region: 56,000 files, most of them unchanged
            if rel in OWN_FILES:
                continue
            if rel in folders:
                if (rel not in old_folders or rel in old_unsafe) and not SAFE_PATH.fullmatch(rel):
                    check_name(rel, False, report)
                    unsafe.add(rel)
                continue
            path = root + rel
            info = os.lstat(path)  # one call a file
            mode = info.st_mode
            previous = known.get(rel)
            is_link = stat.S_ISLNK(mode)
            if (previous is None or rel in old_unsafe) and not SAFE_PATH.fullmatch(rel):
                check_name(rel, is_link, report)
                unsafe.add(rel)
            elif is_link:
                check_name(rel, is_link, report)
            if not stat.S_ISREG(mode):
                continue
            suffix = suffix_of(rel)
            size = info.st_size
            stats.files += 1
            stats.total_bytes += size
            if rel.startswith(index_folders) and suffix not in (".js", ".css"):
                stats.search_index_bytes += size
            if suffix == ".html":
                stats.pages += 1
                stats.html_bytes += size
                if size > stats.largest_page[0]:
                    stats.largest_page = (size, rel)
                pages.append(rel)
            if suffix in (".js", ".css", ".wasm") and rel.startswith(bundle):
                continue  # Pagefind's own program files, not content
            # Unchanged pages are hard links to the same cached file as last time
            # (build/engine.py): same inode, size and time means same content, and
            # the file is not read again. Otherwise its content hash decides.
            identity = identity_of(info)
            if same_check and previous and previous[:-KEY_BYTES] == identity:
                seen[rel] = previous  # what it yielded is in the index
                examined.append((rel, "", None))
                continue
            with open(path, "rb") as stream:
                content = hashlib.sha1(stream.read()).hexdigest()
            key = content_key(content, self.fingerprint, self.base, rel)
            seen[rel] = entry(identity, key)
            if previous and key_of(previous) == key:
                examined.append((rel, key, None))  # the same bytes: what they yielded is kept
                continue
            if previous and rel in self.old.anchors:  # others link to its anchors
                earlier = self.cache.result(rel, key_of(previous))
                self.old_ids[rel] = earlier[1] if earlier else None
            kept = self.cache.result(rel, key)
            examined.append((rel, key, _MISSING if kept is None else kept))
        missing = {rel: key for rel, key, result in examined if result is _MISSING}
        ahead = self._ahead() if missing else {}
        todo = [rel for rel, key in missing.items() if ahead.get(rel, ("",))[0] != key]
        results, blocks = _examine_all(site, todo, self.data_check, self.base, self.workers)
        new = dict(zip(todo, results))
        self.new_blocks.update(blocks)
        for rel in missing.keys() - new.keys():  # examined ahead, these very bytes
            _, new[rel], blocks = ahead[rel]
            self.new_blocks.update(blocks)
        told, fresh, reported = self.told, self.fresh, self.reported
        for rel, key, result in examined:
            if result is None:
                diagnostics = self.old.told.get(rel, ())
            else:
                if result is _MISSING:
                    result = new[rel]
                    self.cache.put(rel, key, result)
                fresh[rel] = result
                diagnostics = result[0]
            if diagnostics:
                told[rel] = diagnostics
                skip = rel in reported
                report.items.extend(
                    diagnostic(*d) for d in diagnostics if not (skip and d[5] == A11Y)
                )

    def check_links(self, files: list[str], folders: set[str]) -> None:
        """The links of every page whose links may lead elsewhere now: the
        pages read again, and those anchoring into a page whose ids changed;
        every page's when a path some page links to appeared or went. The
        other pages' problems are those of last time."""
        old, paths = self.old, set(files)
        moved = (paths ^ old.paths) | (folders ^ old.folders)
        if old.empty or not moved.isdisjoint(old.targets):
            again = set(self.pages)
        else:
            again = {rel for rel in self.pages if rel in self.fresh}
            for rel, before in self.old_ids.items():
                if before is None or before != self.fresh[rel][1]:
                    again.update(old.anchors[rel])
            # The last build's lists, made sets only where a page is added (``_anchor``).
            self.targets, self.anchors = old.targets, dict(old.anchors)
        ids = _Ids(self)
        for rel in self.pages:
            if rel in again and (page := self.result_of(rel)) is not None:
                found = check_links(rel, page[2], ids, paths, folders)
                problems = packed(found.report)
                self.targets |= found.targets
                for target in found.anchored:
                    self._anchor(target, rel)
            else:
                problems = old.link_problems.get(rel, ())
            if problems:
                self.link_problems[rel] = problems
                self.report.items.extend(diagnostic(*d) for d in problems)
        self.paths, self.folders = paths, folders

    def _anchor(self, target: str, rel: str) -> None:
        """``rel`` links to an anchor of ``target``."""
        pages = self.anchors.get(target)
        if not isinstance(pages, set):
            pages = self.anchors[target] = set(pages or ())
        pages.add(rel)

    def result_of(self, rel: str) -> Result | None:
        """What a file yields, examined now or kept; read again if it was
        not kept after all (a build stopped between writing the two)."""
        result = self.fresh.get(rel)
        if result is None and rel in self.seen:
            key = key_of(self.seen[rel])
            result = self.cache.result(rel, key)
            if result is None:
                result = examine_in(self.site, rel, self.data_check, self.base)
                self.cache.put(rel, key, result)
            self.fresh[rel] = result
        return result

    def save(self) -> None:
        # Blocks of large texts (audit_blocks.py): those of files read again
        # now, and those kept for unchanged files still in the site.
        blocks = {rel: by_key for rel, by_key in self.old.blocks.items() if rel in self.seen}
        blocks.update(self.new_blocks)
        # Files of the last build not in this one (None: no last build, every shard looked at).
        gone = None if self.old.empty else self.old.known.keys() - self.seen.keys()
        self.cache.save(
            Index(
                self.seen,
                self.told,
                self.link_problems,
                self.targets,
                {
                    target: pages if isinstance(pages, list) else sorted(pages)
                    for target, pages in self.anchors.items()
                },
                self.paths,
                self.folders,
                blocks,
                self.unsafe,
                self.checked_by,
            ),
            gone,
        )


_MISSING: Result = ()  # not examined yet


class _Ids:
    """Each page's element ids, read from the cache for the pages anchors
    point into (a handful), not for all."""

    def __init__(self, audit: _Audit) -> None:
        self.audit = audit

    def __contains__(self, rel: object) -> bool:
        return isinstance(rel, str) and rel.endswith(".html") and rel in self.audit.seen

    def __getitem__(self, rel: str) -> frozenset[str]:
        result = self.audit.result_of(rel)
        return result[1] if result is not None and result[1] is not None else frozenset()


# A cold audit of a city (1,500 pages, 2,000 other files) is CPU-bound:
# it is shared between processes when there is enough to share.
_PARALLEL_FROM = 300


def _examine_all(
    site: Path, rels: list[str], data_check, base: str, workers: FreshWorkers
) -> tuple[list[Result], dict[str, dict]]:
    """What each file yields, and the blocks of large texts searched on the
    way (audit_blocks.py) — also from worker processes."""
    pairs = workers.map(_examine, rels, _PARALLEL_FROM, chunksize=32)
    interned = pairs is not None
    if pairs is None:
        _take_job(site, data_check, base)
        try:
            pairs = [_examine(rel) for rel in rels]
        finally:
            _take_job()  # not kept past this call (``nastav serve`` builds on)
    blocks: dict[str, dict] = {}
    for _, by_file in pairs:
        blocks.update(by_file)
    return [_interned(r) if interned else r for r, _ in pairs], blocks


_job: tuple = ()  # (site, data_check, base): what _examine checks, and how


def _take_job(*job) -> None:
    global _job
    _job = job


def _examine(rel: str) -> tuple[Result, dict]:
    site, data_check, base = _job  # _take_job comes first, here or in each worker
    result = examine_in(site, rel, data_check, base)
    return result, (data_check.take_blocks() if data_check is not None else {})


def _interned(result: Result) -> Result:
    """Strings from a worker are copies: share them again (see resolve())."""
    diagnostics, page_ids, page_links = result
    if page_ids is None:
        return result
    return (
        diagnostics,
        frozenset(sys.intern(i) for i in page_ids),
        [
            (sys.intern(href), line, target and sys.intern(target), sys.intern(fragment), problem)
            for href, line, target, fragment, problem in page_links
        ],
    )
