"""Stage 3 for a municipal project: what the portal publishes.

Each organization with a content folder is published by the school rules
(``publish_org``); the registry, monitoring results and findings are joined
per organization for the registry page and the organization pages.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from .. import addresses
from ..config import Settings
from ..diagnostics import Report
from ..kinds.agreements import AGREEMENTS
from ..load.content import OrgContent
from ..load.municipal import MunicipalContent
from ..memo import Memo
from ..monitoring.agreements import Confirmation
from ..monitoring.agreements import confirm as confirm_by_agreements
from ..monitoring.agreements import findings as agreement_findings
from ..monitoring.catalog import Catalog
from ..monitoring.compute import Results, compute
from ..monitoring.observations import Observation
from ..monitoring.quality import Finding, find_issues
from ..privacy.guard import PersonalDataGuard
from ..schema.municipal import Community, Conclusions, Contest, Coordinator, Partner, RegistryEntry
from ..schema.records import Material, NormativeAct, Official, Practice, Roadmap
from .files import FileRef, FileRegistry
from .freshness import HOME, Freshness, municipal_freshness
from .org import FiledRecord, NewsView, PublicOrg, news_views, publish_org
from .practices import MaterialView, material_views, public_practices
from .scrub import public_copy


@dataclass
class Evidence:
    values: int = 0
    without_link: int = 0
    bad_links: int = 0

    @property
    def label(self) -> str:
        if not self.values:
            return "нет данных"
        if self.without_link == self.values:
            return "ссылки не указаны"
        problems = self.without_link + self.bad_links
        return f"замечаний: {problems}" if problems else "подтверждены"

    @property
    def rank(self) -> int:
        """For sorting: fewer problems first."""
        return -1 if not self.values else self.without_link + self.bad_links


@dataclass
class OrgSummary:
    entry: RegistryEntry
    public: PublicOrg | None
    figures: dict[str, int | None]  # mentors, mentees, programs (latest data)
    figures_year: int | None
    evidence: Evidence
    findings: list[Finding]
    practices: list[Practice] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def documents_complete(self) -> bool | None:
        return None if self.public is None else not self.public.missing_documents

    @property
    def finding_groups(self) -> list[tuple[int, str, list[str], list[str]]]:
        """(year, kind title, criteria, messages) — one line per kind and year."""
        from ..monitoring.quality import KINDS

        groups: dict[tuple[int, str], tuple[list[str], list[str]]] = {}
        for finding in self.findings:
            criteria, messages = groups.setdefault((finding.year, finding.kind), ([], []))
            if finding.criterion and finding.criterion not in criteria:
                criteria.append(finding.criterion)
            if finding.kind not in ("no_link",) and finding.message not in messages:
                messages.append(finding.message)
        return [(year, KINDS[kind], *groups[(year, kind)]) for year, kind in sorted(groups)]


@dataclass
class MonitoringView:
    catalog: Catalog
    results: Results
    findings: list[Finding]
    conclusions: dict[int, Conclusions]
    report_files: dict[int, FileRef] = field(default_factory=dict)
    agreements: list[Confirmation] = field(default_factory=list)  # monitoring/agreements.py

    @property
    def years(self) -> list[int]:
        return self.results.years


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
    monitoring: MonitoringView | None
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

    monitoring = None
    if content.catalog is not None:
        # Cached by what it reads (memo.Memo.stage); the guard reports into the
        # stage's report.
        computed = memo.stage(
            "monitoring",
            _monitoring,
            guard.report,
            catalog=content.catalog,
            observations=content.observations,
            conclusions=content.conclusions,
            entries=content.entries,
            settings=settings,
            guard=guard,
        )
        # Outside the cached stage, into a new view (the cached one is never
        # changed): the file registry is shared by the whole site, and the
        # organizations' agreements confirm declared values (2.2–2.4, 4.1–4.3).
        confirmations = confirm_by_agreements(
            computed.results,
            {org_id: AGREEMENTS.records(org) for org_id, org in content.orgs.items()},
        )
        monitoring = replace(
            computed,
            report_files={
                year: files.add(c.report.file, c.report.title, "dokumenty")
                for year, c in computed.conclusions.items()
                if c.report
            },
            findings=[*computed.findings, *agreement_findings(confirmations)],
            agreements=confirmations,
        )
    orgs = []
    by_org = _by_org(monitoring)
    # Names and links of the registry are published too: through the guard.
    entries = pub(content.registry).organizations if content.registry else []
    with_content = [e for e in entries if e.id in content.orgs]
    published = dict(
        zip(
            (e.id for e in with_content),
            memo.stage_many(
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
            ),
        )
    )
    for entry in entries:
        public = published.get(entry.id)
        orgs.append(_summary(entry, public, monitoring, *by_org.get(entry.id, ([], 0))))
    news = news_views(content.news, pub, files, today)  # the rules of a school's news
    roadmap = pub(content.roadmap) if content.roadmap else None
    freshness = municipal_freshness(
        content, {o.id: o.public.freshness for o in orgs if o.public}, today
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
        files=files,
        today=today,
        updated=freshness.of(HOME),
        freshness=freshness,
    )


def _monitoring(
    report: Report,
    catalog: Catalog,
    observations: list[Observation],
    conclusions: list[Conclusions],
    entries: list[RegistryEntry],
    settings: Settings,
    guard: PersonalDataGuard,
) -> MonitoringView:
    with guard.reporting_to(report):
        scrubbed = [_scrub(o, guard) for o in observations]
        results = compute(
            catalog,
            scrubbed,
            [e.id for e in entries],
            settings.config.limits.monitoring_min_coverage,
        )
        findings = find_issues(results, settings.config.limits.mentor_max_active)
        public = {c.year: public_copy(c, guard, c, "", trusted=(Official,)) for c in conclusions}
    return MonitoringView(catalog, results, findings, public)


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


def _by_org(monitoring: MonitoringView | None) -> dict[str, tuple[list, int]]:
    """Each organization's findings and number of reported values, in one pass
    (a city has ~17,000 values and ~100 organizations)."""
    if monitoring is None:
        return {}
    out: dict[str, tuple[list, int]] = {}
    for finding in monitoring.findings:
        if finding.org is not None:
            out.setdefault(finding.org, ([], 0))[0].append(finding)
    for (_, org, _), v in monitoring.results.orgs.items():
        if v.observation and v.observation.value is not None:
            findings, count = out.get(org, ([], 0))
            out[org] = (findings, count + 1)
    return out


def _summary(
    entry: RegistryEntry,
    public: PublicOrg | None,
    monitoring: MonitoringView | None,
    findings: list,
    observed: int,
) -> OrgSummary:
    evidence = Evidence()
    figures: dict[str, int | None] = {"mentors": None, "mentees": None, "programs": None}
    year = None
    if monitoring:
        results = monitoring.results
        evidence.values = observed
        kinds = Counter(f.kind for f in findings)
        evidence.without_link = kinds["no_link"]
        evidence.bad_links = len({(f.year, f.criterion) for f in findings if f.kind == "bad_link"})
        for candidate in reversed(results.years):
            values = {
                role: results.value(candidate, c.id, entry.id).value
                for role in figures
                if (c := monitoring.catalog.by_role(role))
            }
            if any(v is not None for v in values.values()):
                figures = {role: int(v) if v is not None else None for role, v in values.items()}
                year = candidate
                break
    if year is None and public is not None:
        figures = {
            "mentors": public.mentors_total,
            "mentees": public.mentees_total,
            "programs": len(public.programs),
        }
    return OrgSummary(
        entry, public, figures, year, evidence, findings, public.practices if public else []
    )


def _scrub(observation: Observation, guard: PersonalDataGuard) -> Observation:
    """Links and comments of monitoring values are published: same guard as text."""
    link = guard.link_at(observation.link, observation.where) if observation.link else None
    comment = guard.text_at(observation.comment, observation.where) if observation.comment else None
    return replace(observation, link=link, comment=comment)


def municipal_officials(content: MunicipalContent) -> list[str]:
    """Names published in an official capacity at the municipal level."""
    people: list[Official] = []
    if content.coordinator:
        people += [content.coordinator.head] if content.coordinator.head else []
        people += content.coordinator.officials
    people += [c.head for c in content.communities if c.head]
    return [p.full_name for p in people]
