"""Public summaries of monitoring: for every year a «тепловая карта», a
page per direction, conclusions and a data-quality page; every table also
downloadable as CSV and XLSX."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

import jinja2

from .. import addresses
from ..config import Settings
from ..monitoring.agreements import unchecked
from ..monitoring.compute import INCOMPLETE, NEGATIVE, NOT_MEASURED, POSITIVE, STAGNATION
from ..monitoring.quality import KINDS, publishable_link
from ..publish.files import FileRef
from ..publish.monitoring_view import MonitoringView
from ..publish.municipality import PublicMunicipality
from . import charts
from .agreement_tables import direction_agreements_table
from .monitoring_charts import YEARS, direction_charts
from .monitoring_tables import (
    direction_table,
    findings_table,
    organizations_table,
    summary_table,
)
from .pageset import Page, PageSet, Section
from .tables import Table


class MonitoringPages(PageSet):
    """Pages at the addresses ``addresses.monitoring_*`` gives."""

    sections = [Section("monitoring", addresses.MONITORING, "Мониторинг", "monitoring/index.md.j2")]

    def __init__(
        self,
        muni: PublicMunicipality,
        settings: Settings,
        env: jinja2.Environment,
        org_folder,
        parents: list[tuple[str, str]],
        reports: Mapping[int, Sequence[str]] | None = None,
    ):
        super().__init__(settings, env, "", parents)
        self.muni = muni
        self.reports = dict(reports or {})  # year → formats of its report (generator/report)
        self.org_folder = org_folder  # org id → docs folder of its page
        self.names = {o.id: o.entry.short_name for o in muni.orgs}
        self.downloads: list[tuple[str, bytes]] = []

    # -- pages ---------------------------------------------------------------------
    def pages(self, view: MonitoringView | None, report_files: Mapping[int, FileRef]) -> list[Page]:
        """``report_files``: each year's report document published with the
        conclusions (publish/municipality.py)."""
        if view is None:
            return []
        view = replace(view, report_files=dict(report_files))
        pages = [self._index(view)]
        for year in view.years:
            pages.append(self._summary(view, year))
            pages += [self._direction(view, year, d) for d in view.catalog.directions]
            if year in view.conclusions:
                pages.append(self._conclusions(view, year))
            pages.append(self._quality(view, year))
        return pages

    def _index(self, view: MonitoringView) -> Page:
        tidy = self._tidy_values(view)
        self.downloads.append((addresses.MONITORING_VALUES, tidy))
        years = [
            (
                y,
                addresses.monitoring_year(y),
                y in view.conclusions,
                sum(1 for f in view.findings if f.year == y),
                *view.results.coverage(y),
                y in view.results.incomplete,
            )
            for y in reversed(view.years)
        ]
        return self.render(
            "monitoring/index.md.j2",
            addresses.doc_path(addresses.monitoring_home()),
            "Мониторинг",
            "monitoring",
            years=years,
            catalog=view.catalog,
            values_href=addresses.MONITORING_VALUES,
            values_name=addresses.MONITORING_VALUES_NAME,
            trail=self.parents,
        )

    def _summary(self, view: MonitoringView, year: int) -> Page:
        folder = addresses.monitoring_year(year)
        table = self._table(summary_table(view.results, year), folder)
        counts = self._label_counts(view, year)
        directions = [
            (d, addresses.monitoring_direction(year, d.id)) for d in view.catalog.directions
        ]
        return self.render(
            "monitoring/summary.md.j2",
            addresses.doc_path(folder),
            f"Мониторинг {year}: сводные результаты",
            "monitoring-year",
            year=year,
            table=table,
            counts=counts,
            directions=directions,
            report_links=[
                (ext.upper(), addresses.monitoring_report(year, ext))
                for ext in self.reports.get(year, ())
            ],
            conclusions=year in view.conclusions,
            catalog_title=view.catalog.title,
            coverage=view.results.coverage(year),
            incomplete=year in view.results.incomplete,
            threshold=self.settings.config.limits.monitoring_min_coverage,
            trail=self._trail(),
        )

    def _direction(self, view: MonitoringView, year: int, direction) -> Page:
        results = view.results
        folder = addresses.monitoring_direction(year, direction.id)
        table = self._table(direction_table(results, direction, year), folder)
        org_table = organizations_table(
            results,
            direction,
            year,
            self.names,
            lambda org: self._rel(folder, self.org_folder(org)),
        )
        if org_table:
            self._table(org_table, folder)
        agreements = direction_agreements_table(
            view.agreements,
            direction,
            year,
            self.names,
            lambda org: self._rel(folder, self.org_folder(org)),
        )
        if agreements:
            self._table(agreements, folder)
        conclusion = (
            next(
                (d for d in view.conclusions[year].directions if d.direction == direction.id),
                None,
            )
            if year in view.conclusions
            else None
        )
        named = {}
        if conclusion:
            for rec in conclusion.recommendations:
                for org in rec.organizations:
                    named[org] = (self.names.get(org, org), self.org_folder(org))
        return self.render(
            "monitoring/direction.md.j2",
            addresses.doc_path(folder),
            f"{direction.id}. {direction.name}",
            "monitoring-direction",
            year=year,
            direction=direction,
            table=table,
            org_table=org_table,
            agreements=agreements,
            agreements_note=unchecked(view.agreements, year) if agreements else None,
            charts=self._charts(view, year, direction),
            conclusion=conclusion,
            named=named,
            trail=self._trail(year),
        )

    def _conclusions(self, view: MonitoringView, year: int) -> Page:
        record = view.conclusions[year]
        named = {
            org: (self.names.get(org, org), self.org_folder(org))
            for rec in record.recommendations
            for org in rec.organizations
        }
        return self.render(
            "monitoring/conclusions.md.j2",
            addresses.doc_path(addresses.monitoring_conclusions(year)),
            f"Мониторинг {year}: выводы и рекомендации",
            "monitoring-conclusions",
            year=year,
            record=record,
            named=named,
            report_files=view.report_files,
            directions={d.id: d for d in view.catalog.directions},
            direction_folder=lambda d: addresses.monitoring_direction(year, d),
            trail=self._trail(year),
        )

    def _quality(self, view: MonitoringView, year: int) -> Page:
        folder = addresses.monitoring_quality(year)
        findings = [f for f in view.findings if f.year == year]
        sections = []
        for kind in KINDS:
            of_kind = [f for f in findings if f.kind == kind]
            if of_kind:
                table = findings_table(
                    kind,
                    of_kind,
                    self.names,
                    lambda org: self._rel(folder, self.org_folder(org)),
                    year,
                )
                sections.append((KINDS[kind], len(of_kind), self._table(table, folder)))
        no_links = sorted({f.org for f in findings if f.kind == "no_link" and f.org})
        return self.render(
            "monitoring/quality.md.j2",
            addresses.doc_path(folder),
            f"Мониторинг {year}: качество данных",
            "monitoring-quality",
            year=year,
            groups=sections,
            total=len(findings),
            orgs_without_links=[(self.names.get(o, o), self.org_folder(o)) for o in no_links],
            trail=self._trail(year),
        )

    # -- helpers ----------------------------------------------------------------------
    def _trail(self, year: int | None = None) -> list[tuple[str, str]]:
        """Breadcrumbs: the monitoring page, and the year's summary if ``year``."""
        trail = [*self.parents, ("Мониторинг", addresses.monitoring_home())]
        if year is not None:
            trail.append((f"{year} год", addresses.monitoring_year(year)))
        return trail

    def _table(self, table: Table, folder: str) -> Table:
        self.downloads += table.downloads(folder)
        return table

    @staticmethod
    def _rel(folder: str, target: str) -> str:
        from ..util.pagelinks import relative

        return relative(addresses.doc_path(folder), target)

    def _label_counts(self, view: MonitoringView, year: int) -> list[tuple[str, int]]:
        labels = [view.results.dynamics(year, c.id) for c in view.catalog.ordered()]
        order = [POSITIVE, NEGATIVE, STAGNATION, NOT_MEASURED, INCOMPLETE]
        return [(label, labels.count(label)) for label in order if labels.count(label)]

    def _charts(self, view: MonitoringView, year: int, direction) -> list:
        drawn = []
        for chart in direction_charts(view.results, self.names, year, direction):
            if chart.kind == YEARS:
                drawn.append(
                    charts.year_columns(
                        chart.id,
                        chart.title,
                        chart.summary,
                        chart.points,
                        chart.unit,
                        chart.target,
                    )
                )
            else:
                drawn.append(
                    charts.horizontal_bars(
                        chart.id,
                        chart.title,
                        chart.summary,
                        [charts.Bar(label, value) for label, value in chart.points],
                        chart.unit,
                        chart.target,
                    )
                )
        return drawn

    def _tidy_values(self, view: MonitoringView) -> bytes:
        """All values in the interchange format the import reads back."""
        import io

        from ..util.cells import SafeCsvWriter

        results = view.results
        buffer = io.StringIO()
        # Formula-like comments are neutralised (util/cells.py).
        writer = SafeCsvWriter(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(["год", "организация", "критерий", "значение", "ссылка", "комментарий"])
        for year in results.years:
            for criterion in results.catalog.ordered():
                value = results.value(year, criterion.id)
                if value.source != "missing":
                    writer.writerow(
                        [
                            year,
                            "",
                            criterion.id,
                            _plain(value.value),
                            "",
                            value.observation.comment
                            if value.observation and value.observation.comment
                            else "",
                        ]
                    )
                for org, org_value in sorted(results.org_values(year, criterion.id).items()):
                    observation = org_value.observation
                    if observation is None:
                        continue  # computed organization shares are derived, not data
                    writer.writerow(
                        [
                            year,
                            org,
                            criterion.id,
                            _plain(observation.value),
                            publishable_link(observation.link) or "",
                            observation.comment or "",
                        ]
                    )
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _plain(value: Decimal | None) -> str:
    if value is None:
        return NOT_MEASURED
    text = format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return text.replace(".", ",")
