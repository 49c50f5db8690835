"""The build, step by step. Data flows one way:

    site_config.yml ─┐
    content/*.yml ───┴─ load (YAML → nodes → typed records)            load/, schema/
      → validate (publication rules, links, files, references)        rules/
      → publish (privacy: consent, anonymisation; the public model)   privacy/, publish/
      → render (Jinja2 → Markdown pages, tables, open data)           render/, opendata/
      → write the docs tree and mkdocs.yml                            build/tree.py
      → MkDocs (Material + theme/) into a staging folder (the site    build/engine.py,
        of two builds ago, walked meanwhile by a forked process)      build/site_folder.py
      → search index (Pagefind) ∥ audit (external hosts, scripts,     search/, audit/
        links, personal data)
      → swap the staging folder in place of the published site       deploy/swap.py

``build`` runs every step, ``check`` (``nastav validate``) the first four.
Nothing is written into ``content/``; until the final swap the previously
published site is untouched.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from . import addresses
from .audit.audit import audit_site, untagged_files
from .audit.audit_ahead import AHEAD_AT_MOST, Ahead, examine_ahead
from .audit.audit_data import DataCheck
from .build.engine import Engine
from .build.mkdocs_config import mkdocs_config
from .build.mkdocs_speed import shortcuts_note
from .build.safety import theme_is_safe
from .build.site_folder import SiteFolder
from .build.sitemap import write_sitemap
from .build.tree import (
    DocsTree,
    FileStats,
    Listing,
    merge_theme,
    stat_tree,
    write_docs,
    write_mkdocs_yml,
)
from .buildinfo import explain_build
from .console import Console
from .deploy import swap
from .deploy.target import output_is_safe
from .diagnostics import Location, Report
from .fingerprint import describe, fingerprint
from .opendata import add_open_data
from .projects import project_for
from .publish.clean import CleanCopies, keeping_copies
from .report.sections import formats, published, section_files, with_files
from .resources import theme_dir
from .search.search import start_index
from .site_model import Outcome, SiteModel
from .util.forked import ForkedCall
from .util.gcpause import model_kept, paused_collector
from .util.memory import release_freed_memory
from .util.project_lock import project_locked
from .util.scratch import scratch_in
from .workspace import FOLDER, Workspace, build_lock

__all__ = ["Outcome", "SiteModel", "build", "check"]


def build(
    project_dir: Path,
    output: Path | None,
    console: Console,
    org: str | None = None,
    use_cache: bool = True,
    last: bool = False,
) -> Outcome:
    """``nastav build``: the steps in order, until one of them stops the build
    (it returns False: an error is in the report, the published site stays).

    ``last``: the process ends with this build (``nastav build``, not
    ``nastav serve``): the stage results it read back are not freed before
    MkDocs (``Memo.let_go``) — the system takes them back at exit.

    ``use_cache=False`` (``--no-cache``): nothing of earlier builds is read;
    the site comes out byte for byte as a cached build makes it."""
    job = _Build.of(project_dir, output, console, org, use_cache, last)
    steps = (
        open_workspace,  # the output folder is ours to replace; .nastav/ opens
        take_site_folder,  # the site of two builds ago, walked while the model is made
        make_model,  # load → validate → publish → render: ``check``
        make_documents,  # «Весь раздел» as DOCX and tagged PDF
        write_docs_tree,  # pages, attachments, downloads, open data, theme, mkdocs.yml
        run_mkdocs,  # into a staging folder, unchanged pages from the cache; sitemap
        index_and_audit,  # Pagefind and the audit of every built file, side by side
        swap_in,  # the staging folder in place of the published site
    )
    with job.cleanup:  # undone last step first: the staging folder, the model, .nastav/
        for step in steps:
            if not step(job):
                break
            release_freed_memory()  # before the next step forks MkDocs or workers
    return job.outcome


def check(
    project_dir: Path,
    console: Console,
    outcome: Outcome,
    org: str | None = None,
    workspace: Workspace | None = None,
    keep: bool = False,
    render: bool = True,
    site: bool = False,
) -> SiteModel | None:
    """Load, validate, publish and render: everything ``nastav validate`` does.

    ``org`` selects one organization of a municipal project, built as the
    organization's own section. ``keep``: the caller holds the model in
    ``model_kept`` (util/gcpause.py) until it is done with it. ``render=False``:
    the model of what is published, without pages or monitoring reports —
    who may not be named, which contacts and files are published
    (``nastav check-site``). ``site``: a site is written from it (``build``).
    """
    report = outcome.report
    started = time.perf_counter()
    workspace = workspace or Workspace.of(project_dir)
    # Published sizes are those of the copies without metadata: publish/clean.py.
    with paused_collector(keep), keeping_copies(CleanCopies(workspace.cleaned)):
        model = _model(project_dir, console, outcome, org, workspace, render, site)
    outcome.timings["check"] = (
        time.perf_counter()
        - started
        - outcome.timings.get("render", 0)
        - outcome.timings.get("report", 0)
    )
    return model if report.ok else None


def _model(
    project_dir: Path,
    console: Console,
    outcome: Outcome,
    org: str | None,
    workspace: Workspace,
    render: bool,
    site: bool,
) -> SiteModel | None:
    project = project_for(project_dir, console, outcome, org, workspace)
    if project is None:
        return None
    project.load()
    project.validate()
    if not project.publish():  # privacy: consents, names, contacts; the public model
        return None
    return project.render(site) if render else project.published()


@dataclass
class _Build:
    """One run of ``build``: what it was given, and what each step leaves for
    the next ones (set by the step that makes it)."""

    project_dir: Path
    output: Path
    console: Console
    org: str | None
    use_cache: bool
    outcome: Outcome
    last: bool = False  # build(last=…)
    cleanup: ExitStack = field(default_factory=ExitStack)
    workspace: Workspace = field(init=False)  # open_workspace
    model: SiteModel = field(init=False)  # make_model
    docs: DocsTree = field(init=False)  # write_docs_tree: the docs tree's files
    data_check: DataCheck = field(init=False)  # write_docs_tree: what the audit looks for
    ahead: Callable[[], Ahead] | None = None  # write_docs_tree: files examined meanwhile
    staging: Path = field(init=False)  # take_site_folder: the new site, until swapped in
    spare: Path | None = field(init=False)  # take_site_folder: where the older site waits
    survey: ForkedCall = field(init=False)  # take_site_folder: the staging folder, docs tree
    folder: SiteFolder = field(init=False)  # write_docs_tree: what the staging folder held
    engine: Engine = field(init=False)  # write_docs_tree: MkDocs, begun on the changed pages
    finish_index: Callable[[], Listing | None] = field(init=False)  # run_mkdocs: Pagefind
    search_started: float = field(init=False)  # run_mkdocs: when
    listing: Listing = field(init=False)  # run_mkdocs: what the staging folder holds

    @classmethod
    def of(
        cls,
        project_dir: Path,
        output: Path | None,
        console: Console,
        org: str | None,
        cache: bool,
        last: bool = False,
    ) -> _Build:
        project_dir = project_dir.resolve()
        default = project_dir / (f"site-{org}" if org else "site")
        output = (output or default).resolve()
        outcome = Outcome(Report(), output=output)
        return cls(project_dir, output, console, org, cache, outcome, last)

    @property
    def report(self) -> Report:
        return self.outcome.report


# The steps of ``build``, in order. Each returns whether the build goes on.


WAITING = (
    "Этот проект сейчас собирает другая команда nastav (например, предпросмотр "
    "nastav serve). Ждём, пока она закончит…"
)


def open_workspace(job: _Build) -> bool:
    """The output folder may be replaced, and ``.nastav/`` opens — once no
    other build of the project runs (util/project_lock.py)."""
    if not output_is_safe(job.project_dir, job.output, job.report):
        return False
    try:
        job.cleanup.enter_context(
            project_locked(build_lock(job.project_dir), lambda: job.console.say(WAITING))
        )
        job.workspace = Workspace.of(job.project_dir, job.use_cache)
        job.cleanup.callback(job.workspace.close)
        job.cleanup.enter_context(scratch_in(job.workspace.tmp))
    except OSError as exc:
        job.report.error(Location(FOLDER), f"рабочая папка сборки недоступна: {exc}", "io")
        return False
    job.console.detail("кэш сборки: " + (describe() if job.use_cache else "не используется"))
    return True


def take_site_folder(job: _Build) -> bool:
    """The folder the new site is assembled in: the site published two
    builds ago, whose files are mostly in place already. A process forked
    now walks it (build/site_folder.py) while this one makes the model."""
    swap.recover(job.output)  # leftovers of an interrupted build go first
    staging = job.staging = swap.staging_dir(job.output)
    shutil.rmtree(staging, ignore_errors=True)
    job.spare = job.workspace.spare(job.output)
    swap.take_spare(job.spare, staging)
    job.cleanup.callback(_keep_unpublished, staging, job.spare, job.workspace.trash)
    # Wanted once the model is made, which this process makes meanwhile.
    job.survey = ForkedCall(_walk_folders, staging, job.workspace.docs, yielding=True)
    job.cleanup.callback(job.survey.close)
    return True


def _walk_folders(staging: Path, docs: Path) -> tuple[SiteFolder, FileStats]:
    """The site folder as the build finds it, and the docs tree's files."""
    folder = SiteFolder.survey(staging, staging / addresses.SEARCH_BUNDLE, ahead=True)
    return folder, stat_tree(docs)


def make_model(job: _Build) -> bool:
    """Load → validate → publish → render (``check``)."""
    # The model lives to the end: collections MkDocs and the audit trigger need not walk it.
    job.cleanup.enter_context(model_kept())
    model = check(
        job.project_dir, job.console, job.outcome, job.org, job.workspace, keep=True, site=True
    )
    if model is None:
        return False
    job.outcome.model = job.model = model
    return True


def make_documents(job: _Build) -> bool:
    """«Весь раздел»: the school's section, or each organization's part of a
    portal, as one DOCX and (with LibreOffice) one tagged PDF."""
    model = job.model
    if not model.sections:
        return True
    job.console.stage("Весь раздел одним документом (DOCX" + (", PDF)" if model.office else ")"))
    started = time.perf_counter()
    files = section_files(
        model.sections, model.pages, model.nav, model.settings.config.site_url, model.downloads
    )
    made = published(files, model.office, job.workspace.documents, job.report)
    # The portal's DOCX came with the pages; with a PDF they get its page numbers.
    model.downloads = [d for d in model.downloads if d[0] not in made] + sorted(made.items())
    model.pages = with_files(model.pages, model.sections, formats(model.office), made)
    job.outcome.timings["documents"] = time.perf_counter() - started
    return True


def write_docs_tree(job: _Build) -> bool:
    """Pages, attachments, downloads and open data, the theme, mkdocs.yml."""
    model, workspace, console = job.model, job.workspace, job.console
    add_open_data(model)  # data/*.csv, *.json for reuse: generator/opendata
    if model.memo is not None:
        model.memo.prune()  # after the last cached stage
        console.detail(
            f"этапы по организациям и мониторингу: из кэша — {model.memo.hits}, "
            f"выполнено заново — {model.memo.misses}"
        )
    console.stage(f"Запись страниц: {len(model.pages)}")
    started = time.perf_counter()
    if not theme_is_safe(job.project_dir / "theme", job.report):
        return False
    merge_theme(theme_dir(), job.project_dir / "theme", workspace.theme)
    config = mkdocs_config(
        site_name=model.site_name,
        site_url=model.settings.config.site_url,
        nav=model.nav,
        description=model.settings.config.description,
        extra=model.extra,
    )
    write_mkdocs_yml(workspace.mkdocs_yml, config)
    # A rebuild's few changed pages are rendered meanwhile (build/engine.py).
    job.engine = Engine(workspace, fingerprint())
    job.engine.begin(model.pages, [path for _, path in model.nav])
    job.folder, known = job.survey.result()
    job.docs = write_docs(
        workspace.docs,
        model.pages,
        model.files,
        model.downloads,
        CleanCopies(workspace.cleaned),
        known,
    )
    _examine_ahead(job)
    job.outcome.timings["write"] = time.perf_counter() - started
    return True


def _examine_ahead(job: _Build) -> None:
    """The files a rebuild wrote (its open data, an organization's
    downloads) are examined for the audit by a process forked now, while
    this one assembles the site (audit/audit_ahead.py)."""
    job.data_check = DataCheck.from_guard(job.model.guard)
    written = [rel for rel in job.docs.written if not rel.endswith(".md")]
    if not 0 < len(written) <= AHEAD_AT_MOST:
        return
    base = addresses.base_path(job.model.settings.config.site_url)
    ahead = ForkedCall(  # wanted by the audit, after Pagefind and the search join
        examine_ahead,
        job.workspace.docs,
        written,
        job.data_check,
        base,
        job.workspace.audit,
        yielding=True,
    )
    job.cleanup.callback(ahead.close)
    job.ahead = ahead.result


def run_mkdocs(job: _Build) -> bool:
    """MkDocs + Material into a staging folder, then the attachments,
    downloads and the sitemap beside its pages."""
    model, workspace, console, report = job.model, job.workspace, job.console, job.report
    staging = job.staging
    console.stage("Сборка сайта (MkDocs + Material)")
    console.detail(shortcuts_note())
    started = time.perf_counter()
    # The folder may be the spare (an older site): looked at once, so that its files
    # already in place stay, and what this build does not put there goes.
    folder, nav = job.folder, [path for _, path in model.nav]
    progress = console.page_counter(len(model.pages))
    built = job.engine.build(model.pages, nav, staging, report, folder, progress=progress)
    if not report.ok:
        return False
    # Attachments (their copies without metadata) and generated downloads, as they are.
    hrefs = [f.href for f in model.files] + [href for href, _ in model.downloads]
    produced = built.produced | set(folder.place_from(workspace.docs, job.docs.inodes, hrefs))
    for href in hrefs:  # a file put over a page is not that page's HTML
        built.keys.pop(href, None)
    paths = [p.path for p in model.pages]
    model.let_go_of_texts(keep_read=job.last)  # built and copied: the audit reads the site
    # Every page is in place: Pagefind starts while the folder is tidied
    # (a region's prune: 0.2 s), the audit once it is.
    release_freed_memory()  # before the search forks its joiner
    _start_search(job, produced, built.keys)
    sitemap = write_sitemap(staging, paths, model.settings.config.site_url, model.settings.today)
    produced |= {str(path) for path in [*sitemap, staging / swap.MARKER]}
    job.listing = folder.prune(produced)
    job.outcome.timings["mkdocs"] = time.perf_counter() - started
    job.outcome.pages_built, job.outcome.pages_cached = built.built, built.cached
    return True


def _start_search(job: _Build, produced: set[str], keys: dict[str, str]) -> None:
    """Pagefind over the site's pages, finished by the audit (``index_and_audit``)."""
    job.search_started = time.perf_counter()
    root = len(str(job.staging)) + 1
    pages = [p[root:].replace(os.sep, "/") for p in produced if p.endswith(".html")]
    job.finish_index = start_index(job.staging, job.report, job.workspace.search, pages, keys)


def index_and_audit(job: _Build) -> bool:
    """Pagefind (a program of its own, started by ``run_mkdocs``) indexes
    while the audit reads the site: the two share the machine's cores; the
    index is audited last.
    What ``--verbose`` tells of the build comes also when the audit fails."""
    model, outcome, finish_index = job.model, job.outcome, job.finish_index
    job.console.stage("Поисковый индекс (Pagefind) и проверка собранного сайта")
    started = time.perf_counter()

    def search_done() -> Listing | None:  # a closure, not on ``job``: no cycle keeps the model
        done = finish_index()
        outcome.timings["search"] = time.perf_counter() - job.search_started
        return done

    outcome.stats = audit_site(
        job.staging,
        job.report,
        job.data_check,
        addresses.base_path(model.settings.config.site_url),
        cache=job.workspace.audit,
        search=search_done,
        reported=untagged_files(model.files),  # told with their records (rules/common.py)
        listing=job.listing,
        ahead=job.ahead,
    )
    outcome.timings["audit"] = time.perf_counter() - started
    explain_build(job.console, model, outcome)
    return job.report.ok


def swap_in(job: _Build) -> bool:
    """The checked site in place of the published one (deploy/swap.py)."""
    swap.publish(job.staging, job.output, trash=job.workspace.trash, spare=job.spare)
    return True


def _keep_unpublished(staging: Path, spare: Path | None, trash: Path) -> None:
    """A failed build's folder is reused next time."""
    if staging.exists():
        swap.keep_spare(staging, spare, trash=trash)
