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

from .config import Settings, load_settings
from .console import Console
from .diagnostics import Location, Report
from .load.content import load_org_content
from .privacy.guard import PersonalDataGuard
from .publish.org import make_guard, publish_org
from .render.env import make_env
from .render.org_pages import OrgPages, Page
from .resources import theme_dir
from .rules.org_rules import validate_org
from .schema.values import format_date_ru
from .site import swap
from .site.audit import SiteStats, audit_site
from .site.audit_data import DataCheck
from .site.mkdocs_config import mkdocs_config
from .site.mkdocs_run import run_mkdocs
from .site.tree import merge_theme, write_docs, write_mkdocs_yml

WORK_DIR = ".nastav"


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


@dataclass
class Outcome:
    report: Report
    model: SiteModel | None = None
    stats: SiteStats | None = None
    output: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.report.ok


def check(project_dir: Path, console: Console, outcome: Outcome) -> SiteModel | None:
    """Load, validate and publish: everything ``nastav validate`` does."""
    report = outcome.report
    started = time.perf_counter()
    settings = load_settings(project_dir, report)
    if settings is None:
        return None
    console.stage("Чтение записей")
    content = load_org_content(project_dir / "content", "content", settings, report)
    console.stage("Проверка правил публикации")
    validate_org(content, settings, report)
    console.stage("Персональные данные и согласия")
    guard = make_guard([content], settings, report)
    public = publish_org(content, settings, guard)
    outcome.timings["check"] = time.perf_counter() - started
    if not report.ok:
        return None
    console.stage("Подготовка страниц")
    started = time.perf_counter()
    org = public.organization
    pages_builder = OrgPages(public, settings, make_env())
    model = SiteModel(
        settings=settings,
        pages=pages_builder.pages(),
        nav=pages_builder.nav(),
        files=public.files.files,
        guard=guard,
        site_name=settings.config.site_name or f"Наставничество — {org.short_name}",
        extra={"nastav": {
            "org_name": org.full_name,
            "updated": format_date_ru(public.updated) if public.updated else None,
        }},
    )
    outcome.timings["render"] = time.perf_counter() - started
    return model


def build(project_dir: Path, output: Path | None, console: Console) -> Outcome:
    project_dir = project_dir.resolve()
    output = (output or project_dir / "site").resolve()
    outcome = Outcome(Report(), output=output)
    report = outcome.report
    if not _output_is_safe(project_dir, output, report):
        return outcome
    model = check(project_dir, console, outcome)
    if model is None:
        return outcome
    outcome.model = model
    swap.recover(output)
    work = project_dir / WORK_DIR / "work"
    console.stage(f"Запись страниц: {len(model.pages)}")
    started = time.perf_counter()
    write_docs(work / "docs", model.pages, model.files)
    if not _theme_is_safe(project_dir / "theme", report):
        return outcome
    merge_theme(theme_dir(), project_dir / "theme", work / "theme")
    config = mkdocs_config(site_name=model.site_name,
                           site_url=model.settings.config.site_url,
                           nav=model.nav, description=model.settings.config.description,
                           extra=model.extra)
    write_mkdocs_yml(work / "mkdocs.yml", config)
    outcome.timings["write"] = time.perf_counter() - started
    staging = swap.staging_dir(output)
    shutil.rmtree(staging, ignore_errors=True)
    console.stage("Сборка сайта (MkDocs + Material)")
    started = time.perf_counter()
    try:
        if not run_mkdocs(work / "mkdocs.yml", staging, report, verbose=console.verbose):
            return outcome
        outcome.timings["mkdocs"] = time.perf_counter() - started
        console.stage("Проверка собранного сайта")
        started = time.perf_counter()
        outcome.stats = audit_site(staging, report, DataCheck.from_guard(model.guard),
                                   _base_path(model.settings.config.site_url))
        outcome.timings["audit"] = time.perf_counter() - started
        if not report.ok:
            return outcome
        swap.publish(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return outcome


def _theme_is_safe(theme: Path, report: Report) -> bool:
    from .rules.files import theme_problems

    for rel, problem in theme_problems(theme):
        report.error(Location(f"theme/{rel}"), problem, "file")
    return report.ok


def _base_path(site_url: str | None) -> str:
    from urllib.parse import urlsplit

    return urlsplit(site_url).path or "/" if site_url else "/"


def _output_is_safe(project_dir: Path, output: Path, report: Report) -> bool:
    """Never replace a folder that holds the project or is not a site of ours."""
    content = project_dir / "content"
    dangerous = (output == project_dir or output in project_dir.parents
                 or output == content or content in output.parents
                 or output == Path(output.anchor) or output == Path.home())
    if dangerous:
        report.error(Location(str(output)), "эта папка не может быть папкой сайта: при сборке "
                     "её содержимое заменяется. Укажите отдельную папку, например site.",
                     "output")
        return False
    if output.exists() and not output.is_dir():
        report.error(Location(str(output)), "по этому пути находится файл, а не папка.",
                     "output")
        return False
    if not swap.looks_like_our_site(output):
        report.error(Location(str(output)), "папка не пуста и не похожа на сайт, собранный "
                     "nastav; выберите пустую папку, чтобы не потерять чужие файлы.", "output")
        return False
    return True
