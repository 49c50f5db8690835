"""The build, stage by stage. Data flows one way:

    site_config.yml ─┐
    content/*.yml ───┴─ load (YAML → nodes) → records (typed, validated)
      → rules (publication rules, links, files, references)
      → publish (privacy: consent, anonymisation, results after completion)
      → render (Jinja2 → Markdown pages) → docs tree + mkdocs.yml
      → mkdocs build (Material + theme/) into a staging folder
      → audit (external hosts, scripts, links, personal data)
      → swap the staging folder in place of the published site.

Each arrow is one module. Nothing is written into ``content/``; until the
final swap the previously published site is untouched.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import words
from .buildinfo import explain_build
from .collection.imports import import_collections
from .config import Settings, load_settings
from .console import Console
from .diagnostics import Location, Report
from .fingerprint import describe, fingerprint
from .load.content import load_org_content
from .load.municipal import load_municipal
from .memo import Memo
from .monitoring.quality import KINDS, summary, withheld_links
from .opendata import add_open_data
from .privacy.contacts import add_municipal_contacts
from .privacy.guard import PersonalDataGuard
from .publish.clean import CleanCopies, keeping_copies
from .publish.municipality import PublicMunicipality, municipal_officials, publish_municipality
from .publish.org import make_guard, publish_org
from .render.env import make_env
from .render.municipal_pages import MunicipalPages
from .render.org_pages import OrgPages
from .render.pageset import Page
from .resources import theme_dir
from .rules.municipal_rules import validate_municipal
from .rules.org_rules import validate_org
from .schema.values import format_date_ru
from .site import swap
from .site.audit import SiteStats, audit_site
from .site.audit_data import DataCheck
from .site.engine import Engine
from .site.mkdocs_config import mkdocs_config
from .site.mkdocs_speed import shortcuts_note
from .site.search import start_index
from .site.sitemap import write_sitemap
from .site.tree import (
    link_or_copy,
    make_parent,
    merge_theme,
    prune_tree,
    write_docs,
    write_mkdocs_yml,
)
from .util.gcpause import model_kept, paused_collector
from .workspace import FOLDER, Workspace


@dataclass
class SiteModel:
    """What a project publishes, ready to be written out."""

    settings: Settings
    pages: list[Page]
    nav: list[tuple[str, str]]
    files: list
    guard: PersonalDataGuard
    site_name: str
    extra: dict
    downloads: list[tuple[str, bytes]] = field(default_factory=list)  # generated CSV/XLSX
    public: list = field(default_factory=list)  # PublicOrg: what exports are made from
    municipality: PublicMunicipality | None = None  # of a municipal project
    memo: Memo | None = None  # stage results of a municipal build (generator/memo.py)


@dataclass
class Outcome:
    report: Report
    model: SiteModel | None = None
    stats: SiteStats | None = None
    output: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)
    pages_built: int = 0  # rendered by MkDocs this time
    pages_cached: int = 0  # unchanged, taken from .nastav/cache

    @property
    def ok(self) -> bool:
        return self.report.ok


def check(
    project_dir: Path,
    console: Console,
    outcome: Outcome,
    org: str | None = None,
    workspace: Workspace | None = None,
) -> SiteModel | None:
    """Load, validate and publish: everything ``nastav validate`` does.

    ``org`` selects one organization of a municipal project, built as the
    organization's own section.
    """
    report = outcome.report
    started = time.perf_counter()
    workspace = workspace or Workspace.of(project_dir)
    # Published sizes are those of the copies without metadata: publish/clean.py.
    with paused_collector(), keeping_copies(CleanCopies(workspace.cleaned)):
        model = _model(project_dir, console, outcome, org, workspace)
    outcome.timings["check"] = time.perf_counter() - started - outcome.timings.get("render", 0)
    return model if report.ok else None


def _model(
    project_dir: Path, console: Console, outcome: Outcome, org: str | None, workspace: Workspace
) -> SiteModel | None:
    report = outcome.report
    settings = load_settings(project_dir, report)
    if settings is None:
        return None
    if org is not None:
        folder = project_dir / "content" / "orgs" / org
        if not folder.is_dir():
            report.error(
                Location(f"content/orgs/{org}"),
                f"нет папки организации «{org}» (ожидается content/orgs/<id>/).",
                "org",
            )
            return None
        # The organization's own section: its own name, not the city portal's.
        model = _school_model(
            folder,
            f"content/orgs/{org}",
            settings,
            console,
            report,
            outcome.timings,
            workspace,
            site_name=None,
        )
    elif settings.config.mode == "municipal":
        model = _municipal_model(project_dir, settings, console, report, outcome.timings, workspace)
    else:
        model = _school_model(
            project_dir / "content",
            "content",
            settings,
            console,
            report,
            outcome.timings,
            workspace,
        )
    return model


def _school_model(
    root: Path,
    display: str,
    settings: Settings,
    console: Console,
    report: Report,
    timings: dict[str, float],
    workspace: Workspace,
    site_name: str | None = "",
) -> SiteModel | None:
    """``site_name``: "" takes site_config.yml's, None the organization's own."""
    console.stage("Чтение записей")
    content = load_org_content(root, display, settings, report)
    console.stage("Проверка правил публикации")
    validate_org(content, settings, report)
    console.stage("Персональные данные и согласия")
    guard = make_guard([content], settings, report)
    public = publish_org(content, settings, guard)
    imported = _imported(settings, console, report, guard)
    if not report.ok:
        return None
    console.stage("Подготовка страниц")
    started = time.perf_counter()
    org = public.organization
    pages = OrgPages(public, settings, _env(workspace), imported=imported)
    built = pages.pages()
    timings["render"] = time.perf_counter() - started
    return SiteModel(
        settings=settings,
        pages=built,
        nav=pages.nav(),
        files=public.files.files,
        guard=guard,
        site_name=(settings.config.site_name if site_name == "" else site_name)
        or f"Наставничество — {org.short_name}",
        extra={
            "nastav": {
                "org_name": org.full_name,
                "updated": format_date_ru(public.updated) if public.updated else None,
            }
        },
        downloads=pages.downloads,
        public=[public],
    )


def _municipal_model(
    project_dir: Path,
    settings: Settings,
    console: Console,
    report: Report,
    timings: dict[str, float],
    workspace: Workspace,
) -> SiteModel | None:
    # A portal is ~100 organizations; each one's stages are cached (generator/memo).
    memo = Memo(workspace.memo)
    console.stage("Чтение записей муниципалитета и организаций")
    content = load_municipal(project_dir, settings, report, memo)
    console.stage("Проверка правил публикации")
    validate_municipal(content, settings, report, memo)
    console.stage("Персональные данные и согласия; расчёт мониторинга")
    guard = make_guard(
        list(content.orgs.values()),
        settings,
        report,
        officials=municipal_officials(content),
        practices=content.practices,
    )
    add_municipal_contacts(guard, content.coordinator, content.communities, content.root)
    if content.coordinator is None or content.registry is None or not report.ok:
        return None
    muni = publish_municipality(content, settings, guard, memo)
    _report_findings(muni, report)
    imported = _imported(settings, console, report, guard)
    if not report.ok:
        return None
    console.stage("Подготовка страниц")
    started = time.perf_counter()
    pages = MunicipalPages(muni, settings, _env(workspace), imported=imported, memo=memo)
    built = pages.pages()
    timings["render"] = time.perf_counter() - started
    files = muni.files.files + [f for o in muni.orgs if o.public for f in o.public.files.files]
    coordinator = muni.coordinator
    return SiteModel(
        settings=settings,
        pages=built,
        nav=pages.nav(),
        files=files,
        guard=guard,
        site_name=settings.config.site_name or f"Наставничество — {coordinator.municipality}",
        extra={
            "nastav": {
                "org_name": f"{coordinator.authority}; {coordinator.name}",
                "updated": format_date_ru(muni.updated) if muni.updated else None,
            }
        },
        downloads=pages.downloads,
        municipality=muni,
        memo=memo,
    )


def _env(workspace: Workspace):
    try:
        folder = workspace.templates()
        return make_env(str(folder) if folder else None)
    except OSError:  # a read-only project: compile every time
        return make_env()


def _imported(
    settings: Settings, console: Console, report: Report, guard: PersonalDataGuard
) -> list:
    """Practice cards of other sites (``collections:``): generator/collection."""
    if not settings.config.collections:
        return []
    console.stage("Коллекции практик других сайтов")
    return import_collections(settings, report, guard.finder)


def _report_findings(muni, report: Report) -> None:
    """Data-quality findings are warnings: the site shows them on its own page."""
    if muni.monitoring is None:
        return
    counts = summary(muni.monitoring.findings)
    for (year, kind), n in sorted(counts.items()):
        report.warning(
            Location("content/monitoring"),
            f"мониторинг {year}: {KINDS[kind].lower()}"
            f" — {n}; подробно на странице «Качество данных».",
            "quality",
        )
    for file, rows in withheld_links(muni.monitoring.findings).items():
        report.warning(
            Location(file, rows[0]),
            f"ссылки {words.lines_phrase(rows[:20])}{' и других' if len(rows) > 20 else ''} "
            "не опубликованы: "
            "путь к файлу на компьютере, личный аккаунт, расширение браузера или "
            "несколько ссылок в ячейке; укажите ссылки на документы на сайте.",
            "quality",
        )


def build(
    project_dir: Path,
    output: Path | None,
    console: Console,
    org: str | None = None,
    use_cache: bool = True,
) -> Outcome:
    """``use_cache=False`` (``--no-cache``): nothing of earlier builds is read;
    the site comes out byte for byte as a cached build makes it."""
    project_dir = project_dir.resolve()
    default = project_dir / (f"site-{org}" if org else "site")
    output = (output or default).resolve()
    outcome = Outcome(Report(), output=output)
    report = outcome.report
    if not _output_is_safe(project_dir, output, report):
        return outcome
    try:
        workspace = Workspace.of(project_dir, use_cache)
    except OSError as exc:
        report.error(Location(FOLDER), f"рабочая папка сборки недоступна: {exc}", "io")
        return outcome
    try:
        console.detail("кэш сборки: " + (describe() if use_cache else "не используется"))
        model = check(project_dir, console, outcome, org, workspace)
        if model is None:
            return outcome
        outcome.model = model
        with model_kept():
            _publish(project_dir, output, model, console, outcome, workspace)
        return outcome
    finally:
        workspace.close()


def _publish(
    project_dir: Path,
    output: Path,
    model: SiteModel,
    console: Console,
    outcome: Outcome,
    workspace: Workspace,
) -> None:
    """Docs tree → MkDocs → search index → audit → the new site in place."""
    report = outcome.report
    swap.recover(output)
    work = workspace.work
    add_open_data(model)  # data/*.csv, *.json for reuse: generator/opendata
    if model.memo is not None:
        model.memo.prune()  # after the last cached stage
        console.detail(
            f"этапы по организациям и мониторингу: из кэша — {model.memo.hits}, "
            f"выполнено заново — {model.memo.misses}"
        )
    console.stage(f"Запись страниц: {len(model.pages)}")
    started = time.perf_counter()
    write_docs(
        work / "docs", model.pages, model.files, model.downloads, CleanCopies(workspace.cleaned)
    )
    if not _theme_is_safe(project_dir / "theme", report):
        return
    merge_theme(theme_dir(), project_dir / "theme", work / "theme")
    config = mkdocs_config(
        site_name=model.site_name,
        site_url=model.settings.config.site_url,
        nav=model.nav,
        description=model.settings.config.description,
        extra=model.extra,
    )
    write_mkdocs_yml(work / "mkdocs.yml", config)
    outcome.timings["write"] = time.perf_counter() - started
    staging = swap.staging_dir(output)
    shutil.rmtree(staging, ignore_errors=True)
    spare = workspace.spare(output)
    swap.take_spare(spare, staging)
    console.stage("Сборка сайта (MkDocs + Material)")
    console.detail(shortcuts_note())
    started = time.perf_counter()
    try:
        engine = Engine(work, workspace.cache, fingerprint())
        built = engine.build(
            model.pages,
            [path for _, path in model.nav],
            staging,
            report,
            progress=console.page_counter(len(model.pages)),
        )
        if not report.ok:
            return
        produced = built.produced | set(_copy_docs_files(work / "docs", model, staging))
        produced |= set(
            write_sitemap(
                staging,
                [p.path for p in model.pages],
                model.settings.config.site_url,
                model.settings.today,
            )
        )
        # The folder may be the spare (an older site): what this build did not
        # put there goes; the search index prunes its own folder.
        prune_tree(staging, produced | {staging / swap.MARKER}, skip=staging / "pagefind")
        outcome.timings["mkdocs"] = time.perf_counter() - started
        outcome.pages_built, outcome.pages_cached = built.built, built.cached
        # Pagefind (a program of its own) indexes while the audit reads the
        # site: the two share the machine's cores; the index is audited last.
        console.stage("Поисковый индекс (Pagefind) и проверка собранного сайта")
        started = time.perf_counter()
        root = len(str(staging)) + 1
        finish_index = start_index(
            staging,
            report,
            workspace.search,
            pages=[str(p)[root:] for p in produced if p.suffix == ".html"],
        )

        def search_done() -> bool:
            done = finish_index()
            outcome.timings["search"] = time.perf_counter() - started
            return done

        outcome.stats = audit_site(
            staging,
            report,
            DataCheck.from_guard(model.guard),
            _base_path(model.settings.config.site_url),
            cache_file=workspace.audit,
            search=search_done,
        )
        outcome.timings["audit"] = time.perf_counter() - started
        explain_build(console, model, outcome)
        if not report.ok:
            return
        swap.publish(staging, output, trash=workspace.trash, spare=spare)
    finally:
        if staging.exists():  # a failed build: its folder is reused next time
            swap.keep_spare(staging, spare, trash=workspace.trash)


def _copy_docs_files(docs: Path, model: SiteModel, staging: Path) -> list[Path]:
    """Attachments (their copies without metadata, already in the docs tree)
    and generated downloads go to the site as they are."""
    made: set[Path] = set()
    targets = []
    for href in [f.href for f in model.files] + [href for href, _ in model.downloads]:
        target = staging / href
        make_parent(target, made)
        link_or_copy(docs / href, target)
        targets.append(target)
    return targets


def _theme_is_safe(theme: Path, report: Report) -> bool:
    from .load.safefile import SPECIAL
    from .rules.files import theme_problems, theme_special_files

    for rel, problem in theme_problems(theme):
        report.error(Location(f"theme/{rel}"), problem, "file")
    for rel in theme_special_files(theme):  # merge_theme copies regular files only
        report.warning(Location(f"theme/{rel}"), f"{SPECIAL} Файл пропущен.", "file")
    return report.ok


def _base_path(site_url: str | None) -> str:
    from urllib.parse import urlsplit

    return urlsplit(site_url).path or "/" if site_url else "/"


def _output_is_safe(project_dir: Path, output: Path, report: Report) -> bool:
    """Never replace a folder that holds the project or is not a site of ours."""
    content = project_dir / "content"
    dangerous = (
        output in (project_dir, content, Path(output.anchor), Path.home())
        or output in project_dir.parents
        or content in output.parents
    )
    if dangerous:
        report.error(
            Location(str(output)),
            "эта папка не может быть папкой сайта: при сборке "
            "её содержимое заменяется. Укажите отдельную папку, например site.",
            "output",
        )
        return False
    if output.exists() and not output.is_dir():
        report.error(Location(str(output)), "по этому пути находится файл, а не папка.", "output")
        return False
    if not swap.looks_like_our_site(output):
        report.error(
            Location(str(output)),
            "папка не пуста и не похожа на сайт, собранный "
            "nastav; выберите пустую папку, чтобы не потерять чужие файлы.",
            "output",
        )
        return False
    return True
