"""Stage 3 for a municipal project: what the portal publishes.

Each organization with a content folder is published by the school rules
(``publish_org``); the registry, monitoring results and findings are joined
per organization for the registry page and the organization pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .. import addresses
from ..config import Settings
from ..diagnostics import Report
from ..kinds.agreements import AGREEMENTS
from ..load.content import OrgContent
from ..load.municipal import MunicipalContent
from ..memo import Memo
from ..privacy.guard import PersonalDataGuard
from ..schema.municipal import (
    Community,
    Contest,
    Coordinator,
    Partner,
    Registry,
    RegistryEntry,
)
from ..schema.records import Material, NormativeAct, Official, Practice, Roadmap
from ..util.later import Later, field_of, resolved
from .files import FileRef, FileRegistry
from .freshness import HOME, Freshness, municipal_freshness
from .monitoring_view import (
    ROLES,
    Evidence,
    MonitoringSummary,
    MonitoringView,
    OrgFigures,
    computed_view,
    public_monitoring,
)
from .named import OrgPeople, org_people
from .org import FiledRecord, NewsView, PublicOrg, news_views, publish_org
from .practices import MaterialView, material_views, public_practices
from .scrub import public_copy


@dataclass
class OrgSummary:
    entry: RegistryEntry
    # Its published records; a ``Later`` when kept in the build cache: read
    # whole by ``public``, a field alone by ``public_part`` — a rebuild reads
    # of an unchanged organization only what the portal's own pages show.
    published: PublicOrg | Later | None
    figures: dict[str, int | None]  # mentors, mentees, programs (latest data)
    figures_year: int | None
    evidence: Evidence
    practices: list[Practice] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def has_section(self) -> bool:
        """It keeps its own records (a content folder): it has pages of its own."""
        return self.published is not None

    @property
    def public(self) -> PublicOrg | None:
        return resolved(self.published)

    @property
    def published_now(self) -> bool:
        """Its published records were made by this build (it changed), not kept."""
        return self.published is not None and not isinstance(self.published, Later)

    @property
    def public_at_hand(self) -> bool:
        """Its published records are in memory: made by this build, or read already."""
        return self.published_now or (
            isinstance(self.published, Later) and self.published.worked_out
        )

    def public_part(self, name: str) -> Any:
        """A field of its published records, read alone when kept in the cache."""
        assert self.published is not None, "only of an organization with a section"
        return field_of(self.published, name)

    @property
    def documents_complete(self) -> bool | None:
        return None if not self.has_section else not self.public_part("missing_documents")


@dataclass
class PublicMunicipality:
    coordinator: Coordinator
    acts: list[FiledRecord[NormativeAct]]
    roadmap: Roadmap | None
    roadmap_file: FileRef
    materials: list[FiledRecord[Material]]
    news: list[NewsView]
    communities: list[Community]
    community_files: list[list[tuple[str, FileRef, str | None]]]
    partners: list[Partner]
    agreement_files: list[list[FileRef]]  # by partner, by agreement
    contests: list[Contest]
    contest_files: dict[str, list[tuple[str, FileRef, str | None]]]
    practices: list[Practice]  # municipal-level practices
    practice_materials: dict[str, list[MaterialView]]
    orgs: list[OrgSummary]
    # The view is a ``Later`` when kept in the build cache (publish/monitoring_view.py):
    # the stages reading it are keyed by it; ``monitoring_summary`` is what
    # every build shows of it.
    monitoring: MonitoringView | Later | None
    monitoring_summary: MonitoringSummary | None
    monitoring_files: dict[int, FileRef]  # year → the report's document, if published
    files: FileRegistry
    today: dt.date
    updated: dt.date | None = None  # the home page's date (``freshness``)
    # «Обновлено» of each page, from its records' dates (publish/freshness.py).
    freshness: Freshness = field(default_factory=Freshness)

    def org(self, org_id: str) -> OrgSummary | None:
        return next((o for o in self.orgs if o.id == org_id), None)


def publish_municipality(
    content: MunicipalContent,
    settings: Settings,
    guard: PersonalDataGuard,
    memo: Memo | None = None,
) -> PublicMunicipality:
    from .org import _acts  # the same grouping and file naming as a school

    memo = memo or Memo(None)
    today = settings.today
    files = FileRegistry(content.root, addresses.FILES)

    def pub(record):
        return public_copy(record, guard, record, "", trusted=(Official,))

    monitoring, summary, monitoring_files = None, None, {}

    def publish_monitoring() -> None:
        """The monitoring view, published: while workers publish the
        organizations (``Memo.stage_many(meanwhile=…)``; a region's 180,000
        values take 2–3 s)."""
        nonlocal monitoring, summary, monitoring_files
        if content.catalog is None:
            return
        # Both read lazily (util/later.py); the guard reports into the stage's report.
        computed = memo.stage(
            "monitoring",
            computed_view,
            guard.report,
            lazy=True,
            catalog=content.catalog,
            observations=content.observations,
            conclusions=content.conclusions,
            entries=content.entries,
            settings=settings,
            guard=guard,
        )
        public_view = memo.stage(
            "monitoring-public",
            public_monitoring,
            guard.report,
            lazy=True,
            view=computed,
            agreements={org_id: AGREEMENTS.records(org) for org_id, org in content.orgs.items()},
        )
        monitoring = memo.part(public_view, "view")
        summary = resolved(memo.part(public_view, "summary"))
        # Outside the cached stages: the file registry is shared by the whole site.
        monitoring_files = {
            year: files.add(file, title, "dokumenty")
            for year, (file, title) in summary.reports.items()
        }

    orgs = []
    # Names and links of the registry are published too: through the guard
    # (a region's 930 entries: a stage).
    entries = []
    if content.registry:
        registry = memo.stage(
            "registry", _public_registry, guard.report, registry=content.registry, guard=guard
        )
        entries = registry.organizations
    with_content = [e for e in entries if e.id in content.orgs]
    published = dict(
        zip(
            (e.id for e in with_content),
            memo.stage_many(  # lazy: an unchanged organization's records are read by field
                "publish",
                _publish_org,
                [
                    {
                        "org": content.orgs[e.id],
                        "settings": settings,
                        "guard": guard,
                        "org_id": e.id,
                        "file_prefix": addresses.org_files(e.id),
                    }
                    for e in with_content
                ],
                guard.report,
                lazy=True,
                meanwhile=publish_monitoring,
            ),
        )
    )
    for entry in entries:
        public = published.get(entry.id)
        orgs.append(_summary(entry, public, summary.orgs.get(entry.id) if summary else None))
    news = news_views(content.news, pub, files, today)  # the rules of a school's news
    roadmap = pub(content.roadmap) if content.roadmap else None
    freshness = municipal_freshness(
        content, {o.id: o.public_part("freshness") for o in orgs if o.has_section}, today
    )
    contests = sorted((pub(c) for c in content.contests), key=lambda c: (-c.year, c.name))
    practices = public_practices(content.practices, {}, today, pub)  # and of its practices
    communities = [pub(c) for c in content.communities]
    partners = sorted((pub(p) for p in content.partners), key=lambda p: p.name)
    return PublicMunicipality(
        coordinator=pub(content.coordinator),
        acts=_acts(content.acts, pub, files),
        roadmap=roadmap,
        roadmap_file=files.add(roadmap.file, roadmap.title, "dokumenty") if roadmap else None,
        materials=[
            FiledRecord(m, files.add(m.file, m.title, "materialy"))
            for m in (pub(m) for m in content.materials)
        ],
        news=news,
        communities=communities,
        community_files=[
            [(f.title, files.add(f.file, f.title, "dokumenty"), f.url) for f in c.files]
            for c in communities
        ],
        partners=partners,
        agreement_files=[
            [
                files.add(a.file, f"Соглашение {p.name} {a.organization}", "dokumenty")
                for a in p.agreements
            ]
            for p in partners
        ],
        contests=contests,
        contest_files={
            c.id: [(f.title, files.add(f.file, f.title, "konkursy"), f.url) for f in c.files]
            for c in contests
        },
        practices=practices,
        practice_materials={p.id: material_views(p, files) for p in practices},
        orgs=orgs,
        monitoring=monitoring,
        monitoring_summary=summary,
        monitoring_files=monitoring_files,
        files=files,
        today=today,
        updated=freshness.of(HOME),
        freshness=freshness,
    )


def _public_registry(report: Report, registry: Registry, guard: PersonalDataGuard) -> Registry:
    with guard.reporting_to(report):
        return public_copy(registry, guard, registry, "", trusted=(Official,))


def _publish_org(
    report: Report,
    org: OrgContent,
    settings: Settings,
    guard: PersonalDataGuard,
    org_id: str,
    file_prefix: str,
) -> PublicOrg:
    with guard.reporting_to(report):
        return publish_org(org, settings, guard, org_id=org_id, file_prefix=file_prefix)


def _summary(
    entry: RegistryEntry, public: PublicOrg | Later | None, monitored: OrgFigures | None
) -> OrgSummary:
    """The organization's line of the registry: its figures of the latest
    monitoring year with data, else those its own section publishes."""
    figures: dict[str, int | None] = dict.fromkeys(ROLES)
    year, evidence = None, Evidence()
    if monitored is not None:
        figures, year, evidence = monitored.figures, monitored.year, monitored.evidence
    if year is None and public is not None:
        figures = {
            "mentors": field_of(public, "mentors_total"),
            "mentees": field_of(public, "mentees_total"),
            "programs": len(field_of(public, "program_briefs")),  # not the programs themselves
        }
    practices = field_of(public, "practices") if public is not None else []
    return OrgSummary(entry, public, figures, year, evidence, practices)


def municipal_officials(content: MunicipalContent) -> list[str]:
    """Names published in an official capacity at the municipal level."""
    people: list[Official] = []
    if content.coordinator:
        people += [content.coordinator.head] if content.coordinator.head else []
        people += content.coordinator.officials
    people += [c.head for c in content.communities if c.head]
    return [p.full_name for p in people]


def municipal_people(content: MunicipalContent, settings: Settings, memo: Memo) -> list[OrgPeople]:
    """Each organization's part of the privacy guard (publish/named.py),
    kept per organization: one whose records did not change is not read."""
    return memo.stage_many(
        "people",
        _org_people,
        [{"org": org, "settings": settings} for org in content.orgs.values()],
        Report(),
    )


def _org_people(_report: Report, org: OrgContent, settings: Settings) -> OrgPeople:
    return org_people(org, settings.today)
