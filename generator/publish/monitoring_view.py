"""The monitoring results a municipal portal publishes.

Two cached stages, both read lazily (util/later.py): a region's view holds
~175,000 values and takes 0.4 s to read back, and a build after an edit of
a program needs none of it — the stages that read it are keyed by it.

* ``monitoring``: the values computed (monitoring/compute.py), their links
  and comments through the privacy guard, the data-quality findings, the
  coordinator's conclusions;
* ``monitoring-public``: that view with the organizations' agreements
  confirming declared values (2.2–2.4, 4.1–4.3), and the little every
  build shows without the view (``MonitoringSummary``: the years, each
  organization's figures for the registry, the home page's figures).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .. import words
from ..config import Settings
from ..diagnostics import Location, Report
from ..kinds.agreements import CooperationAgreement
from ..monitoring.agreements import Confirmation
from ..monitoring.agreements import confirm as confirm_by_agreements
from ..monitoring.agreements import findings as agreement_findings
from ..monitoring.catalog import Catalog, Criterion
from ..monitoring.compute import Results, compute
from ..monitoring.observations import Observation
from ..monitoring.quality import KINDS, Finding, find_issues, withheld_links
from ..monitoring.quality import summary as finding_counts
from ..privacy.guard import PersonalDataGuard
from ..schema.municipal import Conclusions, RegistryEntry
from ..schema.records import Official
from .files import FileRef, Withheld
from .scrub import public_copy


@dataclass
class MonitoringView:
    catalog: Catalog
    results: Results
    findings: list[Finding]
    conclusions: dict[int, Conclusions]
    report_files: dict[int, FileRef] = field(default_factory=dict)  # filled by the render stage
    agreements: list[Confirmation] = field(default_factory=list)  # monitoring/agreements.py

    @property
    def years(self) -> list[int]:
        return self.results.years


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
class OrgFigures:
    """An organization's line of the registry, from the monitoring."""

    figures: dict[str, int | None]  # mentors, mentees, programs (latest year with data)
    year: int | None
    evidence: Evidence


@dataclass
class HomeFigures:
    """The home page's figures: the latest complete year's municipal values."""

    figures: list[tuple[int, str]] = field(default_factory=list)  # (value, word of words.py)
    targets: list[tuple[Criterion, Decimal, bool | None]] = field(default_factory=list)
    year: int | None = None
    year_incomplete: bool = False
    partial: tuple[int, int, int] | None = None  # (latest year, reported, of)


@dataclass
class MonitoringSummary:
    """What every build shows of the monitoring without reading the view."""

    years: list[int]
    orgs: dict[str, OrgFigures]
    home: HomeFigures
    reports: dict[int, tuple[str | Withheld | None, str]]  # year → (file, title) of its report


@dataclass
class PublicMonitoring:
    view: MonitoringView
    summary: MonitoringSummary


def computed_view(
    report: Report,
    catalog: Catalog,
    observations: list[Observation],
    conclusions: list[Conclusions],
    entries: list[RegistryEntry],
    settings: Settings,
    guard: PersonalDataGuard,
) -> MonitoringView:
    """The ``monitoring`` stage."""
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


def public_monitoring(
    report: Report,
    view: MonitoringView,
    agreements: dict[str, Sequence[CooperationAgreement]],
) -> PublicMonitoring:
    """The ``monitoring-public`` stage: ``agreements`` are those of each
    organization with a section. Data-quality findings are warnings: the
    site shows them on its own page."""
    confirmations = confirm_by_agreements(view.results, agreements)
    public = replace(
        view,
        findings=[*view.findings, *agreement_findings(confirmations)],
        agreements=confirmations,
    )
    _tell_findings(public.findings, report)
    figures = {
        org: _org_figures(public, org, findings, observed)
        for org, (findings, observed) in _by_org(public).items()
    }
    reports: dict[int, tuple[str | Withheld | None, str]] = {
        y: (c.report.file, c.report.title) for y, c in view.conclusions.items() if c.report
    }
    return PublicMonitoring(
        public, MonitoringSummary(public.years, figures, _home(public), reports)
    )


def findings_by_org(view: MonitoringView) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    for finding in view.findings:
        if finding.org is not None:
            found.setdefault(finding.org, []).append(finding)
    return found


def _by_org(view: MonitoringView) -> dict[str, tuple[list[Finding], int]]:
    """Each organization's findings and number of reported values, in one pass
    over the values (a city has ~17,000 and ~100 organizations)."""
    out: dict[str, tuple[list[Finding], int]] = {org: ([], 0) for org in view.results.org_ids}
    for org, findings in findings_by_org(view).items():
        out[org] = (findings, 0)
    for (_, org, _), v in view.results.orgs.items():
        if v.observation and v.observation.value is not None:
            findings, count = out.get(org, ([], 0))
            out[org] = (findings, count + 1)
    return out


ROLES = ("mentors", "mentees", "programs")  # the registry's figures, by criterion role


def _org_figures(
    view: MonitoringView, org: str, findings: list[Finding], observed: int
) -> OrgFigures:
    kinds = Counter(f.kind for f in findings)
    evidence = Evidence(
        observed,
        kinds["no_link"],
        len({(f.year, f.criterion) for f in findings if f.kind == "bad_link"}),
    )
    results = view.results
    for year in reversed(results.years):
        values = {
            role: results.value(year, c.id, org).value
            for role in ROLES
            if (c := view.catalog.by_role(role))
        }
        if any(v is not None for v in values.values()):
            counts = {role: int(v) if v is not None else None for role, v in values.items()}
            return OrgFigures(counts, year, evidence)
    return OrgFigures(dict.fromkeys(ROLES), None, evidence)


def _home(view: MonitoringView) -> HomeFigures:
    home = HomeFigures()
    if not view.years:
        return home
    results = view.results
    # The latest complete year: a year only a few organizations have
    # reported yet would show their sum as the municipality's.
    complete = results.complete_years()
    year = home.year = complete[-1] if complete else view.years[-1]
    home.year_incomplete = year in results.incomplete
    latest = view.years[-1]
    if latest in results.incomplete:
        home.partial = (latest, *results.coverage(latest))
    for role, word in (
        ("mentors", "mentor"),
        ("mentees", "mentee"),
        ("programs", "program_personal"),
    ):
        criterion = view.catalog.by_role(role)
        value = results.value(year, criterion.id).value if criterion else None
        if value is not None:
            home.figures.append((int(value), word))
    for criterion in view.catalog.ordered():
        if criterion.spec.target is not None:
            value = results.value(year, criterion.id).value
            if value is not None:
                home.targets.append((criterion, value, criterion.reached(value)))
    return home


def _tell_findings(findings: list[Finding], report: Report) -> None:
    counts = finding_counts(findings)
    for (year, kind), n in sorted(counts.items()):
        report.warning(
            Location("content/monitoring"),
            f"мониторинг {year}: {KINDS[kind].lower()}"
            f" — {n}; подробно на странице «Качество данных».",
            "quality",
        )
    for file, rows in withheld_links(findings).items():
        report.warning(
            Location(file, rows[0]),
            f"ссылки {words.lines_phrase(rows[:20])}{' и других' if len(rows) > 20 else ''} "
            "не опубликованы: "
            "путь к файлу на компьютере, личный аккаунт, расширение браузера или "
            "несколько ссылок в ячейке; укажите ссылки на документы на сайте.",
            "quality",
        )


def _scrub(observation: Observation, guard: PersonalDataGuard) -> Observation:
    """Links and comments of monitoring values are published: same guard as text."""
    link = guard.link_at(observation.link, observation.where) if observation.link else None
    comment = guard.text_at(observation.comment, observation.where) if observation.comment else None
    return replace(observation, link=link, comment=comment)
