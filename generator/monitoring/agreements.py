"""Declared monitoring values checked against published agreements.

The 2024 report counted 49 agreements declared by the schools under
criterion 2.2 and could verify 27 (004 L462–469): a declared figure is
only as good as the documents behind it. Here the documents are the
organizations' own cooperation agreements (kinds/agreements.py), and a
criterion of the catalog says which (``agreements`` in catalog.yml):

* ``count: agreements`` — agreements in force in the monitoring year with
  a partner of the listed kinds who provides mentors (2.2–2.4);
* ``count: mentors`` — the mentors those agreements give (4.1–4.3).

An organization's value is confirmed up to what its agreements show:
«подтверждено соглашениями: N из M». An organization without a section on
the portal has nothing to confirm with: its declared value counts in M, not
in N. Differences become data-quality findings («Качество данных»).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..kinds.agreements import CooperationAgreement
from ..words import GENITIVE, count
from .catalog import AgreementCheck
from .compute import Results
from .quality import Finding, fmt


@dataclass(frozen=True)
class Confirmation:
    year: int
    criterion: str
    org: str | None  # None: the municipality (the sum over organizations)
    declared: Decimal
    confirmed: Decimal
    published: Decimal  # what the agreements show, declared or not
    checked: bool = True  # the organization has a section to check against

    @property
    def text(self) -> str:
        return f"подтверждено соглашениями: {fmt(self.confirmed)} из {fmt(self.declared)}"


def in_force(agreement: CooperationAgreement, year: int) -> bool:
    """Concluded by the end of the year and not expired before it began."""
    if agreement.date > dt.date(year, 12, 31):
        return False
    return agreement.valid_until is None or agreement.valid_until >= dt.date(year, 1, 1)


def shown_by(agreements: Sequence[CooperationAgreement], check: AgreementCheck, year: int) -> int:
    """What the agreements in force show: only those whose partner provides
    mentors count (V14), and the mentors they give (V13: external mentors are
    backed by an agreement)."""
    relevant = [
        a
        for a in agreements
        if a.provides_mentors and a.partner_kind in check.partners and in_force(a, year)
    ]
    if check.count == "mentors":
        return sum(a.mentors or 0 for a in relevant)
    return len(relevant)


def confirm(
    results: Results, agreements: Mapping[str, Sequence[CooperationAgreement]]
) -> list[Confirmation]:
    """Every checkable criterion of every year: per organization that declared
    a value or published agreements, and the municipal sum. ``agreements``:
    organization id → its agreements, for organizations with a section."""
    out: list[Confirmation] = []
    for criterion in results.catalog.ordered():
        check = criterion.spec.agreements
        if check is None:
            continue
        for year in results.years:
            rows = []
            for org in results.org_ids:
                declared = results.value(year, criterion.id, org).value
                checked = org in agreements
                published = Decimal(shown_by(agreements.get(org, ()), check, year))
                if declared is None and not published:
                    continue
                declared = declared if declared is not None else Decimal(0)
                rows.append(
                    Confirmation(
                        year,
                        criterion.id,
                        org,
                        declared,
                        min(declared, published),
                        published,
                        checked,
                    )
                )
            if not rows:
                continue
            out += rows
            out.append(
                Confirmation(
                    year,
                    criterion.id,
                    None,
                    sum((r.declared for r in rows), Decimal(0)),
                    sum((r.confirmed for r in rows), Decimal(0)),
                    sum((r.published for r in rows), Decimal(0)),
                )
            )
    return out


def findings(confirmations: Sequence[Confirmation]) -> list[Finding]:
    """Organizations whose declared value and published agreements differ:
    a count without the documents behind it (V11), external mentors without
    agreements (V13)."""
    return [
        Finding(
            "agreements",
            c.year,
            c.criterion,
            c.org,
            f"заявлено {fmt(c.declared)}, по соглашениям, опубликованным в разделе "
            f"организации и действовавшим в {c.year} году, — {fmt(c.published)}",
        )
        for c in confirmations
        if c.org is not None and c.checked and c.published != c.declared
    ]


def unchecked(confirmations: Sequence[Confirmation], year: int) -> str | None:
    """A note on organizations whose values could not be checked."""
    orgs = {c.org for c in confirmations if c.year == year and c.org and not c.checked}
    if not orgs:
        return None
    return (
        f"У {count(len(orgs), 'organization', GENITIVE)} нет раздела на портале: их "
        "значения соглашениями не подтверждены."
    )
