"""Building the site fast: a content-addressed page cache and parallel MkDocs.

The navigation lists sections only, so a page's HTML depends on nothing but
its own Markdown, its path, ``mkdocs.yml`` and the theme. That makes built
pages cacheable by a hash of exactly those, and makes the work splittable:
MkDocs runs on any subset of pages as long as the sections the navigation
names exist — for pages not in the subset a stub stands in.

* cold build: pages are split into parts (``jobs`` or more, at most
  ``PART_PAGES`` pages each) built by MkDocs in parallel processes;
* rebuild: only pages whose key changed are built; the rest come from
  ``.nastav/cache`` by hard link.
The docs tree and ``mkdocs.yml`` written alongside stay a plain MkDocs
project that ``mkdocs build`` or Zensical can build whole.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import addresses
from ..diagnostics import Diagnostic, Report
from ..render.pageset import Page
from ..util.forked import ForkedCall
from ..util.io_threads import io_map
from ..util.trash import discard_all
from ..workspace import Workspace
from .mkdocs_run import run_mkdocs
from .site_folder import Inodes, SiteFolder
from .tree import Linker, make_parent

PARALLEL_FROM = 120  # fewer pages than this: one in-process MkDocs run is faster
# A MkDocs run keeps every page it renders until it has written them all: a
# region's 14,000 pages in two runs took 500 MB a process. Parts of at most
# this many pages, each in a new process, keep that to ~100 MB; a run's own
# start (configuration, theme) costs ~0.3 s.
PART_PAGES = 1_500


@dataclass
class EngineResult:
    built: int = 0  # pages MkDocs rendered this time
    cached: int = 0  # pages taken from the cache
    messages: list[str] = field(default_factory=list)
    produced: set[str] = field(default_factory=set)  # files linked into the site (paths)
    # Each page's HTML file in the site («a/index.html») → the key of its
    # cached HTML: the same key, the same bytes (search.py digests shards so).
    keys: dict[str, str] = field(default_factory=dict)


def environment_key(workspace: Workspace, code: str) -> str:
    """Everything besides a page's own Markdown that shapes its HTML: the
    code (``fingerprint.fingerprint``: nastav, MkDocs, Material, Python),
    ``mkdocs.yml`` and the theme."""
    digest = hashlib.sha256(code.encode())
    digest.update(workspace.mkdocs_yml.read_bytes())
    theme = workspace.theme
    for path in sorted(theme.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(theme).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def page_key(env: str, page: Page) -> str:
    return hashlib.sha256(f"{env}\0{page.path}\0".encode() + page.digest).hexdigest()


def output_path(page: Page) -> str:
    """docs «a/b/index.md» → site «a/b/index.html»."""
    return page.path[:-3] + ".html"


class Engine:
    def __init__(self, workspace: Workspace, code: str, jobs: int | None = None):
        """Reads the docs tree, ``mkdocs.yml`` and the theme of ``workspace``
        and keeps the built pages in its cache."""
        self.workspace = workspace
        self.env = environment_key(workspace, code)
        # Parts run in forked processes; where there is no fork (Windows) MkDocs
        # runs once, in this process.
        forks = "fork" in multiprocessing.get_all_start_methods()
        self.jobs = jobs or (max(1, min(2, os.cpu_count() or 1)) if forks else 1)
        self.static = workspace.static / self.env[:16]
        self._pages = str(workspace.pages)
        self._begun: tuple[dict[str, str], Inodes, list[Page]] | None = None
        self._rendering: ForkedCall | None = None

    def begin(self, pages: list[Page], nav_paths: list[str]) -> None:
        """Look for the pages not in the cache. When they are few (a
        rebuild), MkDocs renders them from now on, in a process forked now,
        while the caller writes the docs tree, which MkDocs does not read
        (``_prepare``); ``build`` takes what it rendered. Many (a first
        build) are rendered by ``build``, in parts side by side."""
        keys = {page.path: page_key(self.env, page) for page in pages}
        stored = self._stored()
        missing = [p for p in pages if keys[p.path] not in stored.files]
        if not self.static.exists() and not missing:
            missing = [pages[0]]  # the theme's files come out of any MkDocs run
        self._begun = keys, stored, missing
        if missing and len(missing) < PARALLEL_FROM and self.jobs > 1:
            self._rendering = ForkedCall(self._render_alone, missing, keys, nav_paths)

    def _render_alone(
        self, pages: list[Page], keys: dict[str, str], nav_paths: list[str]
    ) -> tuple[bool, list[Diagnostic]]:
        report = Report()
        return self._render(pages, keys, nav_paths, report, None), report.items

    def build(
        self,
        pages: list[Page],
        nav_paths: list[str],
        staging: Path,
        report: Report,
        folder: SiteFolder,
        progress=None,
    ) -> EngineResult:
        """The pages' HTML into ``staging``: rendered by MkDocs when not in
        the cache, linked from it. ``folder``: what ``staging`` held before
        (a reused site), so that a page already linked stays untouched."""
        result = EngineResult()
        if self._begun is None:
            self.begin(pages, nav_paths)
        assert self._begun is not None
        keys, stored, missing = self._begun
        if self._rendering is not None:  # begun beside
            rendered, problems = self._rendering.result()
            report.items.extend(problems)
            if not rendered:
                return result
        elif missing and not self._render(missing, keys, nav_paths, report, progress):
            return result
        for page in missing:  # rendered again: a new file under its key
            stored.files.pop(keys[page.path], None)
        result.built, result.cached = len(missing), len(pages) - len(missing)
        staging.mkdir(parents=True, exist_ok=True)
        linker = Linker(result.produced)
        linker.tree(self.static, staging)
        root = os.path.join(staging, "")  # joined as strings: a region has 14,000 pages
        for page in pages:
            rel = output_path(page)
            key = keys[page.path]
            folder.place(self._cached(key), root + rel, folder.inode_of(stored, key))
            result.produced.add(root + rel)
            result.keys[rel] = key
        self._prune(stored, set(keys.values()))
        return result

    # -- rendering with MkDocs ------------------------------------------------------
    def _render(
        self,
        pages: list[Page],
        keys: dict[str, str],
        nav_paths: list[str],
        report: Report,
        progress,
    ) -> bool:
        jobs = self.jobs if len(pages) >= PARALLEL_FROM else 1
        count = max(jobs, -(-len(pages) // PART_PAGES)) if jobs > 1 else 1
        parts = [pages[i::count] for i in range(count)]
        folders = [self._prepare(i, part, nav_paths) for i, part in enumerate(parts)]
        # Theme files and the 404 page come from the static cache when it
        # exists, else from the first part (_keep_static).
        kept = self.static.exists()
        templates = str(self.workspace.mkdocs_templates())
        if count == 1:
            messages = [_run_part(str(folders[0]), progress, templates, kept)]
        else:
            context = multiprocessing.get_context("fork")
            with context.Pool(jobs, maxtasksperchild=1) as pool:  # a new process a part
                messages = pool.starmap(
                    _run_part,
                    [(str(f), None, templates, kept or i > 0) for i, f in enumerate(folders)],
                    chunksize=1,
                )
        # Each part meets the same broken template: report each problem once.
        problems = list(dict.fromkeys(d for part in messages for d in part))
        if problems:
            report.items.extend(problems)
            return False
        for folder, part in zip(folders, parts):
            site = folder / "site"
            for page in part:
                built = site / output_path(page)
                target = self._cached(keys[page.path])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(built, target)
        if not self.static.exists():
            self._keep_static(folders[0] / "site", nav_paths, pages)
        if count > 1:  # a cold build's parts: thousands of folders, deleted meanwhile
            discard_all(folders, self.workspace.trash)
        else:
            shutil.rmtree(folders[0], ignore_errors=True)
        return True

    def _prepare(self, index: int, part: list[Page], nav_paths: list[str]) -> Path:
        """A docs tree with this part's pages and stubs for the other sections."""
        folder = self.workspace.parts / str(index)
        shutil.rmtree(folder, ignore_errors=True)
        docs = os.path.join(folder, "docs", "")
        own = {page.path for page in part}
        stub = "# —\n".encode()
        files = [(docs + page.path, page.data) for page in part]
        files += [(docs + path, stub) for path in nav_paths if path not in own]
        made: set[str] = set()
        for path, _ in files:
            make_parent(path, made)
        io_map(_write_bytes, [path for path, _ in files], [data for _, data in files])
        config = yaml.safe_load(self.workspace.mkdocs_yml.read_text(encoding="utf-8"))
        config["docs_dir"] = "docs"
        config["theme"]["custom_dir"] = str(self.workspace.theme)
        (folder / "mkdocs.yml").write_text(
            yaml.safe_dump(config, allow_unicode=True), encoding="utf-8"
        )
        return folder

    def _keep_static(self, site: Path, nav_paths: list[str], pages: list[Page]) -> None:
        """Theme assets and the 404 page, shared by every build of this environment."""
        page_outputs = {output_path(p) for p in pages} | {p[:-3] + ".html" for p in nav_paths}
        temporary = self.static.with_name(self.static.name + ".tmp")
        shutil.rmtree(temporary, ignore_errors=True)
        for path in site.rglob("*"):
            rel = path.relative_to(site).as_posix()
            if (
                path.is_file()
                and rel not in page_outputs
                and rel not in (addresses.SITEMAP, addresses.SITEMAP_GZ)
            ):
                target = temporary / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
        os.replace(temporary, self.static)

    # -- cache ---------------------------------------------------------------------
    def _cached(self, key: str) -> str:
        return f"{self._pages}{os.sep}{key[:2]}{os.sep}{key}.html"

    def _stored(self) -> Inodes:
        """The cached pages (key → inode), listed folder by folder: a region's
        14,000 need 256 listings, not a call each."""
        stored = Inodes()
        try:
            stored.device = os.stat(self._pages).st_dev
        except OSError:
            return stored
        for part in _folders(self._pages):
            for entry in os.scandir(part):
                if entry.name.endswith(".html"):
                    stored.files[entry.name[:-5]] = entry.inode()
        return stored

    def _prune(self, stored: Inodes, keep: set[str]) -> None:
        """The cached pages no page of this build has (those rendered now are kept)."""
        for key in stored.files.keys() - keep:
            os.unlink(self._cached(key))
        static = self.workspace.static
        for folder in static.glob("*") if static.exists() else []:
            if folder != self.static:
                shutil.rmtree(folder, ignore_errors=True)


def _folders(path: str) -> list[str]:
    try:
        return [e.path for e in os.scandir(path) if e.is_dir(follow_symlinks=False)]
    except FileNotFoundError:
        return []


def _run_part(folder: str, progress, templates: str, pages_only: bool) -> list[Diagnostic]:
    """Build one part; returns MkDocs' warnings and errors of theme templates,
    with their files and lines (empty when all went well)."""
    report = Report()
    run_mkdocs(
        Path(folder) / "mkdocs.yml",
        Path(folder) / "site",
        report,
        on_page=progress,
        template_cache=Path(templates),
        pages_only=pages_only,
    )
    return report.errors


def _write_bytes(path: str, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
