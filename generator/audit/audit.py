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
import marshal
import os
import stat
import sys
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import addresses
from ..build.tree import Listing
from ..diagnostics import Diagnostic, Location, Report, Severity
from ..fingerprint import fingerprint
from ..rules.common import A11Y
from ..util.forked import fork_map
from ..util.pdftags import ADVICE, pdf_tags_of
from .audit_html import CSS_URL, scan_html
from .audit_links import check_links, resolve
from .audit_names import SAFE_PATH, check_name, walk_site

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
    cache_file: Path | None = None,
    search: Callable[[], bool] | None = None,
    reported: Collection[str] = (),
    listing: Listing | None = None,
) -> SiteStats:
    """``data_check`` looks for personal data in a file's text (see
    ``audit_data.DataCheck``); ``base_path`` is where the site is published
    («/» or «/nastavnichestvo/»): root-absolute links resolve against it.
    What a file yields is cached by its content hash in ``cache_file``, so a
    rebuild re-reads only the files that changed.

    ``search``, when given, finishes the search index being written into
    the site meanwhile (search.start_index): the rest of the site is
    audited first, then the index. If it fails, so does the audit.

    ``reported``: files of the site (``files/…/x.pdf``) whose accessibility
    the check of the records has reported already, with the record and its
    field (``rules/common.py``): not told again.

    ``listing``: what the site folder holds besides the search index, as the
    build's last walk of it found (build/tree.py ``prune_tree``, after the
    last file was put there): the folder is not walked again."""
    stats = SiteStats()
    audit = _Audit(site, report, data_check, base_path, stats, cache_file)
    audit.reported = set(reported)
    bundle = addresses.SEARCH_BUNDLE  # written by search/search.py meanwhile
    if listing is not None and search is not None:
        files, folders = list(listing.entries), set(listing.folders)
    else:
        files, folders = walk_site(site, skip=bundle if search else None)
    audit.add(files)
    if search is not None:
        if not search():
            return stats
        more, more_folders = walk_site(site / bundle, prefix=bundle + "/")
        audit.add([bundle, *more])
        files += [bundle, *more]
        folders |= {bundle} | more_folders
    check_links(audit.links, audit.ids, set(files), folders, report)
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
        cache_file: Path | None,
    ) -> None:
        self.site, self.report, self.data_check, self.stats = site, report, data_check, stats
        self.base = base_path if base_path.endswith("/") else base_path + "/"
        self.fingerprint = data_check.fingerprint if data_check is not None else "-"
        self.cache_file = cache_file
        self.cache, self.known, self.blocks = _load(cache_file)
        if data_check is not None:
            data_check.known_blocks = {
                key: hits for by_key in self.blocks.values() for key, hits in by_key.items()
            }
        self.fresh: dict[str, _Result] = {}
        self.seen: dict[str, tuple] = {}
        self.links: dict[str, list] = {}
        self.new_blocks: dict[str, dict] = {}
        self.ids: dict[str, set[str]] = {}
        self.reported: set[str] = set()

    def add(self, rels: list[str]) -> None:
        site, stats, report = self.site, self.stats, self.report
        examined: list[tuple[str, str, _Result | None]] = []
        root = os.path.join(str(site), "")
        bundle = addresses.search_bundle()
        index_folders = (bundle, f"{addresses.LUNR_INDEX}/")
        known, seen, cache = self.known, self.seen, self.cache
        tail = (self.fingerprint, self.base)
        for rel in rels:  # a region: 56,000 files, most of them unchanged
            if rel in OWN_FILES:
                continue
            path = root + rel
            info = os.lstat(path)  # one call a file
            mode = info.st_mode
            if not SAFE_PATH.fullmatch(rel) or stat.S_ISLNK(mode):
                check_name(rel, stat.S_ISLNK(mode), report)
            if not stat.S_ISREG(mode):
                continue
            suffix = os.path.splitext(rel)[1]
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
            if suffix in (".js", ".css", ".wasm") and rel.startswith(bundle):
                continue  # Pagefind's own program files, not content
            # Unchanged pages are hard links to the same cached file as last time
            # (build/engine.py): same inode, size and time means same content, and
            # the file is not read again. Otherwise its content hash decides.
            identity = (info.st_ino, info.st_dev, size, info.st_mtime_ns, *tail)
            previous = known.get(rel)
            if previous and previous[0] == identity:
                key = previous[1]
            else:
                with open(path, "rb") as stream:
                    content = hashlib.sha1(stream.read()).hexdigest()
                key = f"{content}:{self.fingerprint}:{self.base}:{rel}"
            seen[rel] = (identity, key)
            examined.append((rel, key, cache.get(key)))
        missing = [rel for rel, _, result in examined if result is None]
        results, blocks = _examine_all(site, missing, self.data_check, self.base)
        new = dict(zip(missing, results))
        self.new_blocks.update(blocks)
        fresh, links, ids, reported = self.fresh, self.links, self.ids, self.reported
        for rel, key, result in examined:
            result = result or new[rel]
            fresh[key] = result
            diagnostics, page_ids, page_links = result
            if diagnostics:
                told = rel in reported
                report.items.extend(
                    _diagnostic(*d) for d in diagnostics if not (told and d[5] == A11Y)
                )
            if page_ids is not None:
                links[rel] = page_links
                ids[rel] = page_ids

    def save(self) -> None:
        # Blocks of large texts (audit_blocks.py): those of files read again
        # now, and those kept for unchanged files still in the site.
        blocks = {rel: by_key for rel, by_key in self.blocks.items() if rel in self.seen}
        blocks.update(self.new_blocks)
        _save(self.cache_file, (self.fresh, self.seen, blocks))


# A cold audit of a city (1,500 pages, 2,000 other files) is CPU-bound:
# it is shared between processes when there is enough to share.
_PARALLEL_FROM = 300


def _examine_all(
    site: Path, rels: list[str], data_check, base: str
) -> tuple[list[_Result], dict[str, dict]]:
    """What each file yields, and the blocks of large texts searched on the
    way (audit_blocks.py) — also from worker processes."""

    def examine(rel: str) -> tuple[_Result, dict]:
        result = _examine_file(site, rel, data_check, base)
        return result, (data_check.take_blocks() if data_check is not None else {})

    pairs = fork_map(examine, rels, _PARALLEL_FROM, chunksize=32)
    interned = pairs is not None
    if pairs is None:
        pairs = [examine(rel) for rel in rels]
    blocks: dict[str, dict] = {}
    for _, by_file in pairs:
        blocks.update(by_file)
    return [_interned(r) if interned else r for r, _ in pairs], blocks


def _interned(result: _Result) -> _Result:
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


def examine_file(path: Path, rel: str, data_check, base: str = "/") -> list[Diagnostic]:
    """What the audit finds in one file, outside a site (exports, audit_export.py)."""
    diagnostics, _, _ = _examine(path, rel, path.read_bytes(), data_check, base)
    return [_diagnostic(*d) for d in diagnostics]


def _examine_file(site: Path, rel: str, data_check, base: str) -> _Result:
    path = site / rel
    return _examine(path, rel, path.read_bytes(), data_check, base)


# What one file yields, in plain values (the cache, audit.bin, is read with marshal:
# ten times faster than pickle for 3,000 pages): its diagnostics as
# (severity, file, line, field, message, code), and for a page its element
# ids and internal links (audit_links.Link as plain tuples), else None.
_Result = tuple


def _examine(path: Path, rel: str, data: bytes, data_check, base: str) -> _Result:
    local = Report()
    if path.suffix == ".html":
        scan = _check_html(data.decode("utf-8", "replace"), rel, local, data_check)
        resolved = [tuple(link) for link in resolve(scan.links, rel, base)]
        return _packed(local), frozenset(sys.intern(i) for i in scan.ids), resolved
    elif path.suffix == ".css":
        _check_css(data.decode("utf-8", "replace"), rel, local)
    else:
        if path.suffix.lower() == ".pdf":
            _check_pdf(data, rel, local)
        if data_check is not None:
            data_check.file(path, rel, local)
    return _packed(local), None, None


def _packed(report: Report) -> tuple:
    return tuple(
        (d.severity.value, d.location.file, d.location.line, d.location.field, d.message, d.code)
        for d in report.items
    )


def _diagnostic(severity: str, file: str, line, field, message: str, code: str) -> Diagnostic:
    return Diagnostic(Severity(severity), Location(file, line, field), message, code)


def _cache_tag() -> str:
    # The code that audited (detectors, rules) and Python's (marshal's format).
    return f"nastav-audit-3 {fingerprint()}"


def _load(cache_file: Path | None) -> tuple[dict[str, _Result], dict[str, tuple], dict]:
    """Results by content key, each file's identity → key, and the blocks of
    large texts by file, from last time."""
    if cache_file is None or not cache_file.exists():
        return {}, {}, {}
    try:
        tag, results, known, blocks = marshal.loads(cache_file.read_bytes())
        if (
            tag == _cache_tag()
            and isinstance(results, dict)
            and isinstance(known, dict)
            and isinstance(blocks, dict)
        ):
            return results, known, blocks
    except Exception:  # a cache of another version or a cut-off write: start afresh
        pass
    return {}, {}, {}


def _save(cache_file: Path | None, results: tuple) -> None:
    if cache_file is None:
        return
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache_file.with_suffix(".tmp")
    tmp.write_bytes(marshal.dumps((_cache_tag(), *results)))
    tmp.replace(cache_file)


def _check_html(text: str, rel: str, report: Report, data_check):
    scan = scan_html(text)
    for what, url, line in scan.external:
        report.error(
            Location(f"site/{rel}", line),
            f"страница загружает {what} с другого "
            f"сайта: {url}. Сайт должен работать без внешних ресурсов.",
            "external",
        )
    for what, line in scan.scripting:
        report.error(
            Location(f"site/{rel}", line),
            f"в странице исполняемый код: {what}. Так быть не должно — сообщите разработчикам.",
            "script",
        )
    for src, line in scan.no_alt:
        report.warning(
            Location(f"site/{rel}", line),
            f"изображение «{src}» без текстового описания (атрибута alt нет или он пуст): "
            "незрячий посетитель не узнает, что на нём. Опишите изображение (в записи — "
            'поле alt); если это лишь украшение, отметьте его role="presentation".',
            A11Y,
        )
    if data_check is not None:
        data_check.page(scan, rel, report)
    return scan


def _check_pdf(data: bytes, rel: str, report: Report) -> None:
    """A PDF a screen reader cannot read well: a warning, the site is published."""
    tags = pdf_tags_of(data)
    if tags is not None and not tags.tagged:
        report.warning(
            Location(f"site/{rel}"),
            f"документ {tags.problem}. Чтобы это исправить, {ADVICE}; затем пересоберите сайт.",
            A11Y,
        )


def _check_css(text: str, rel: str, report: Report) -> None:
    for match in CSS_URL.finditer(text):
        report.error(
            Location(f"site/{rel}"),
            f"стиль загружает ресурс с другого сайта: {match.group(1)}",
            "external",
        )
