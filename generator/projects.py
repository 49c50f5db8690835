"""The four steps of ``check`` — load, validate, publish, render — for the two
kinds of project: a school's section (``OrgProject``; also one organization
of a portal built alone) and a municipal portal (``MunicipalProject``, whose
organizations' stages are cached, generator/memo.py). Each ``render`` makes
the ``SiteModel`` the rest of the build writes out (pipeline.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import addresses
from .collection.imports import import_collections
from .collection.model import PracticeCard
from .config import Settings, load_settings
from .console import Console
from .diagnostics import Location, Report
from .load.content import OrgContent, load_org_content
from .load.municipal import MunicipalContent, load_municipal
from .memo import PARALLEL_FROM, Memo
from .opendata import Source, start_open_data
from .privacy.contacts import add_municipal_contacts
from .privacy.guard import PersonalDataGuard
from .publish.municipality import (
    PublicMunicipality,
    municipal_officials,
    municipal_people,
    publish_municipality,
)
from .publish.named import make_guard, org_people
from .publish.org import PublicOrg, publish_org
from .render.env import make_env
from .render.municipal_pages import MunicipalPages
from .render.org_pages import OrgPages
from .render.section_files import linked_by_stage
from .render.section_files import links as section_links
from .report import Office, YearReport, find_office, monitoring_reports, word
from .report.docx_package import Template
from .report.sections import TITLE, OrgSectionWriter, SectionSpec, formats
from .rules.municipal_rules import validate_municipal
from .rules.org_rules import validate_org
from .schema.values import format_date_ru
from .site_model import Outcome, SiteModel
from .util.later import Later
from .workspace import Workspace


def project_for(
    project_dir: Path, console: Console, outcome: Outcome, org: str | None, workspace: Workspace
) -> OrgProject | MunicipalProject | None:
    """site_config.yml read, and the kind of project it is."""
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
        return OrgProject(
            folder,
            f"content/orgs/{org}",
            settings,
            console,
            report,
            outcome.timings,
            workspace,
            site_name=None,
        )
    if settings.config.mode == "municipal":
        return MunicipalProject(project_dir, settings, console, report, outcome.timings, workspace)
    return OrgProject(
        project_dir / "content", "content", settings, console, report, outcome.timings, workspace
    )


@dataclass
class OrgProject:
    """One organization's site (a school), or one organization of a municipal
    project built as its own section (``--org``)."""

    root: Path
    display: str
    settings: Settings
    console: Console
    report: Report
    timings: dict[str, float]
    workspace: Workspace
    site_name: str | None = ""  # "" takes site_config.yml's, None the organization's own
    content: OrgContent = field(init=False)
    guard: PersonalDataGuard = field(init=False)
    public: PublicOrg = field(init=False)
    imported: list[PracticeCard] = field(init=False)

    def load(self) -> None:
        self.console.stage("Чтение записей")
        self.content = load_org_content(self.root, self.display, self.settings, self.report)

    def validate(self) -> None:
        self.console.stage("Проверка правил публикации")
        validate_org(self.content, self.settings, self.report)

    def publish(self) -> bool:
        self.console.stage("Персональные данные и согласия")
        people = [org_people(self.content, self.settings.today)]
        self.guard = make_guard(people, self.settings, self.report)
        self.public = publish_org(self.content, self.settings, self.guard)
        self.imported = _imported(self.settings, self.console, self.report, self.guard)
        return self.report.ok

    def published(self) -> SiteModel:
        """What is published, without pages: ``check(render=False)``."""
        return SiteModel(self.settings, [], [], self.public.files.files, self.guard, "", {})

    def render(self, site: bool = False) -> SiteModel:
        """``site`` is for a portal (``MunicipalProject.render``): a school's
        open data are small and made when the site is written."""
        settings, public = self.settings, self.public
        self.console.stage("Подготовка страниц")
        started = time.perf_counter()
        org = public.organization
        office = find_office()
        pages = OrgPages(
            public,
            settings,
            _env(self.workspace),
            imported=self.imported,
            extra={
                "section_files": section_links(formats(office)),
                "section_formats": formats(office),
            },
        )
        built = pages.pages()
        self.timings["render"] = time.perf_counter() - started
        return SiteModel(
            settings=settings,
            pages=built,
            nav=pages.nav(),
            files=public.files.files,
            guard=self.guard,
            site_name=(settings.config.site_name if self.site_name == "" else self.site_name)
            or f"Наставничество — {org.short_name}",
            extra={
                "nastav": {
                    "org_name": org.full_name,
                    "updated": format_date_ru(public.updated) if public.updated else None,
                }
            },
            downloads=list(pages.downloads),
            public=[public],
            sections=[SectionSpec("", TITLE, org.full_name, public.updated)],
            office=office,
        )


@dataclass
class MunicipalProject:
    """A municipal portal: the coordinator's records, monitoring and ~100
    organizations; each one's stages are cached (generator/memo)."""

    project_dir: Path
    settings: Settings
    console: Console
    report: Report
    timings: dict[str, float]
    workspace: Workspace
    memo: Memo = field(init=False)
    content: MunicipalContent = field(init=False)
    guard: PersonalDataGuard = field(init=False)
    muni: PublicMunicipality = field(init=False)
    imported: list[PracticeCard] = field(init=False)

    def load(self) -> None:
        self.memo = Memo(self.workspace.memo)
        self.console.stage("Чтение записей муниципалитета и организаций")
        self.content = load_municipal(self.project_dir, self.settings, self.report, self.memo)

    def validate(self) -> None:
        self.console.stage("Проверка правил публикации")
        validate_municipal(self.content, self.settings, self.report, self.memo)

    def publish(self) -> bool:
        content, settings, report = self.content, self.settings, self.report
        self.console.stage("Персональные данные и согласия; расчёт мониторинга")
        self.guard = make_guard(
            municipal_people(content, settings, self.memo),
            settings,
            report,
            officials=municipal_officials(content),
            practices=content.practices,
            memo=self.memo,
        )
        add_municipal_contacts(self.guard, content.coordinator, content.communities, content.root)
        if content.coordinator is None or content.registry is None or not report.ok:
            return False
        self.muni = publish_municipality(content, settings, self.guard, self.memo)
        self.imported = _imported(settings, self.console, report, self.guard)
        return report.ok

    def published(self) -> SiteModel:
        """What is published, without pages or reports: ``check(render=False)``."""
        return SiteModel(self.settings, [], [], self._files(), self.guard, "", {})

    def _files(self) -> list:
        muni = self.muni
        own = [o.public_part("files").files for o in muni.orgs if o.has_section]
        return muni.files.files + [f for files in own for f in files]

    def render(self, site: bool = False) -> SiteModel:
        """``site``: the site will be written — when few organizations were
        published anew, its open data (which need only what is published)
        are made meanwhile, by a process of their own on the other core.
        After many changes (a first build) they are made when added: the
        pages' workers use both cores then, and a third process, forked
        from the whole model, took a region's peak from 1.5 to 2.1 GB."""
        settings, muni = self.settings, self.muni
        anew = sum(1 for o in muni.orgs if o.published_now)
        beside = site and anew < OPEN_DATA_BESIDE_UNDER
        open_data = start_open_data(Source([], settings, muni, self.memo)) if beside else None
        office = find_office()
        reports = self.reports(office)
        self.console.stage("Подготовка страниц")
        started = time.perf_counter()
        pages = MunicipalPages(
            muni,
            settings,
            _env(self.workspace),
            imported=self.imported,
            memo=self.memo,
            reports={r.year: r.formats for r in reports},
            section_formats=formats(office),
            section_writer=OrgSectionWriter(settings.config.site_url, self._docx_template()),
        )
        built = pages.pages()
        self.timings["render"] = time.perf_counter() - started
        files = self._files()
        coordinator = muni.coordinator
        return SiteModel(
            settings=settings,
            pages=built,
            nav=pages.nav(),
            files=files,
            guard=self.guard,
            site_name=settings.config.site_name or f"Наставничество — {coordinator.municipality}",
            extra={
                "nastav": {
                    "org_name": f"{coordinator.authority}; {coordinator.name}",
                    "updated": format_date_ru(muni.updated) if muni.updated else None,
                }
            },
            downloads=[
                *pages.downloads,
                *((r.address(ext), data) for r in reports for ext, data in r.files()),
            ],
            municipality=muni,
            memo=self.memo,
            reports=reports,
            sections=[
                SectionSpec(
                    addresses.org_page(o.id),
                    TITLE,
                    o.entry.full_name,
                    muni.freshness.of("orgs", o.id),
                    linked=linked_by_stage(formats(office)),  # municipal_pages.py
                )
                for o in muni.orgs
            ],
            office=office,
            open_data=open_data,
        )

    def _docx_template(self) -> Template | Later:
        """The template of the organizations' DOCX, kept in the build cache
        (its key: the code and python-docx's version): read only when one is
        written (a rebuild: the changed organization's)."""
        return self.memo.stage(
            "docx-template", lambda _report: word.template(), Report(), lazy=True
        )

    def reports(self, office: Office | None) -> list[YearReport]:
        """The monitoring report of every year (generator/report), from the
        cache when its inputs are unchanged."""
        if self.muni.monitoring is None:
            return []
        self.console.stage("Справка по итогам мониторинга (DOCX, PDF)")
        started = time.perf_counter()
        reports = monitoring_reports(self.muni, self.settings, self.report, self.memo, office)
        self.timings["report"] = time.perf_counter() - started
        return reports


# Open data are made beside a portal's pages when fewer organizations than
# this were published anew (``MunicipalProject.render``): as many as the
# stage workers start from (memo.py).
OPEN_DATA_BESIDE_UNDER = PARALLEL_FROM

# What both kinds of project share.


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
