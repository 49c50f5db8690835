"""What an organization's page shows of the monitoring: its figures by year,
its values confirmed by agreements, the data-quality findings about it.

One cached stage per organization (``monitoring-org``), keyed by the
monitoring view and the organization: its page is rendered again when its
own records change without reading the region's view, and a new monitoring
year renders again the pages whose figures it changed.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from ..diagnostics import Report
from ..monitoring.agreements import Confirmation
from ..monitoring.quality import KINDS, Finding
from ..publish.monitoring_view import MonitoringView, findings_by_org
from .agreement_tables import org_agreements_table
from .monitoring_tables import org_figures_table
from .tables import Table


@dataclass
class OrgMonitoring:
    figures: Table | None = None
    agreements: Table | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def finding_groups(self) -> list[tuple[int, str, list[str], list[str]]]:
        """(year, kind title, criteria, messages) — one line per kind and year."""
        groups: dict[tuple[int, str], tuple[list[str], list[str]]] = {}
        for finding in self.findings:
            criteria, messages = groups.setdefault((finding.year, finding.kind), ([], []))
            if finding.criterion and finding.criterion not in criteria:
                criteria.append(finding.criterion)
            if finding.kind not in ("no_link",) and finding.message not in messages:
                messages.append(finding.message)
        return [(year, KINDS[kind], *groups[(year, kind)]) for year, kind in sorted(groups)]


def org_monitoring(_report: Report, view: MonitoringView, org_id: str) -> OrgMonitoring:
    """The ``monitoring-org`` stage."""
    findings, confirmations = _by_org(view)
    return OrgMonitoring(
        org_figures_table(view.results, org_id, slug="pokazateli"),
        org_agreements_table(confirmations.get(org_id, []), view.catalog, org_id),
        findings.get(org_id, []),
    )


_Index = tuple[
    "weakref.ref[MonitoringView]", dict[str, list[Finding]], dict[str, list[Confirmation]]
]
# The view's findings and confirmations by organization, worked out once per
# process for the view at hand (a cold build asks for 930 organizations),
# without keeping the view alive.
_index: list[_Index] = []


def _by_org(
    view: MonitoringView,
) -> tuple[dict[str, list[Finding]], dict[str, list[Confirmation]]]:
    if not _index or _index[0][0]() is not view:
        confirmations: dict[str, list[Confirmation]] = {}
        for c in view.agreements:
            if c.org is not None:
                confirmations.setdefault(c.org, []).append(c)
        _index[:] = [(weakref.ref(view), findings_by_org(view), confirmations)]
    return _index[0][1], _index[0][2]
