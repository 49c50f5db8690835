"""Inconsistencies in monitoring data, surfaced instead of hidden.

Like Table 2 of the 2024 report, but computed: values without evidence
links, broken evidence links (V1–V19), declared shares that disagree with
their own counts, organization values that do not add up to the declared
municipal total, totals that differ from the sum of their parts, and
implausible ratios (more mentees per mentor than the regulation allows).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..diagnostics import Location
from ..schema.links import check_url
from ..words import GENITIVE, count, word_for
from .compute import CENT, Results, rounded

KINDS = {
    "no_link": "Значения без ссылки на подтверждающий документ",
    "bad_link": "Ссылки, которые не ведут на документ",
    "share": "Заявленная доля не совпадает с вычисленной по количествам",
    "total": "Сумма по организациям не совпадает с заявленным итогом",
    "parts": "Итог не равен сумме составляющих",
    "ratio": "Неправдоподобное соотношение наставляемых и наставников",
    "no_programs": "Есть наставники и наставляемые, но нет персонализированных программ",
    "agreements": "Заявленное не совпадает с опубликованными соглашениями о сотрудничестве",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    year: int
    criterion: str | None
    org: str | None
    message: str
    link: str | None = None
    where: str = ""  # file and row of the value, for the curator
    source: Location | None = None  # the same, for located messages


def find_issues(results: Results, max_mentees: int) -> list[Finding]:
    """Every finding of the data. A value without a link to its source is V1
    (a «1» without a link, V10, among them): for each criterion the report
    asks for «ссылку на источники информации» (P25); a link is checked like
    any link of a record (``schema/links.py``)."""
    findings: list[Finding] = []
    catalog = results.catalog
    for (year, org, criterion_id), value in sorted(results.orgs.items()):
        observation = value.observation
        if observation is None or observation.value is None:
            continue
        where = f"{observation.where.file}, строка {observation.where.line}"
        if not observation.link:
            findings.append(
                Finding(
                    "no_link",
                    year,
                    criterion_id,
                    org,
                    "значение без ссылки на подтверждающий документ",
                    None,
                    where,
                )
            )
            continue
        for problem in check_url(observation.link):
            findings.append(
                Finding(
                    "bad_link",
                    year,
                    criterion_id,
                    org,
                    f"{problem.code}: {problem.message}",
                    observation.link,
                    where,
                    observation.where,
                )
            )
    for year in results.years:
        for criterion in catalog.ordered():
            value = results.value(year, criterion.id)
            findings += _declared_vs_computed(year, criterion.id, criterion.is_share, value)
            if criterion.is_share:
                # An organization's own share is computed from its counts too:
                # a declared share that disagrees is shown and listed, not replaced quietly.
                for org in results.org_ids:
                    findings += _declared_vs_computed(
                        year, criterion.id, True, results.value(year, criterion.id, org), org
                    )
            if criterion.spec.parts:
                findings += _parts(results, year, criterion.id, criterion.spec.parts, None)
                for org in results.org_ids:
                    findings += _parts(results, year, criterion.id, criterion.spec.parts, org)
        findings += _ratios(results, year, max_mentees)
    return findings


def _declared_vs_computed(
    year: int, criterion_id: str, is_share: bool, value, org: str | None = None
) -> list[Finding]:
    if value.declared is None or value.computed is None:
        return []
    observation = value.observation
    where = f"{observation.where.file}, строка {observation.where.line}" if observation else ""
    if is_share:
        if abs(rounded(value.declared) - value.computed) > CENT:
            return [
                Finding(
                    "share",
                    year,
                    criterion_id,
                    org,
                    f"заявлено {fmt(value.declared)} %, по количествам "
                    f"{fmt(value.numerator)} / {fmt(value.denominator)} получается "
                    f"{fmt(value.computed)} %; на сайте показана вычисленная доля",
                    where=where,
                    source=observation.where if observation and org else None,
                )
            ]
        return []
    if value.declared != value.computed:
        return [
            Finding(
                "total",
                year,
                criterion_id,
                None,
                f"заявлено {fmt(value.declared)}, сумма значений "
                f"{count(value.organizations, 'organization', GENITIVE)} — "
                f"{fmt(value.computed)} (разница "
                f"{fmt(value.computed - value.declared)}); на сайте показана сумма по "
                "организациям",
            )
        ]
    return []


def _parts(
    results: Results, year: int, criterion_id: str, parts: list[str], org: str | None
) -> list[Finding]:
    total = results.value(year, criterion_id, org).value
    values = [results.value(year, p, org).value for p in parts]
    known = [v for v in values if v is not None]
    if total is None or len(known) < len(values):
        return []
    summed = sum(known, Decimal(0))
    if summed == total:
        return []
    return [
        Finding(
            "parts",
            year,
            criterion_id,
            org,
            f"итог {fmt(total)}, а сумма критериев {', '.join(parts)} — {fmt(summed)}",
        )
    ]


def _ratios(results: Results, year: int, max_mentees: int) -> list[Finding]:
    """V23: more mentees per mentor than the regulation allows (P8, the same
    ``limits.mentor_max_active``); V25: mentors and mentees but no programmes."""
    mentors = results.catalog.by_role("mentors")
    mentees = results.catalog.by_role("mentees")
    programs = results.catalog.by_role("programs")
    findings: list[Finding] = []
    if not (mentors and mentees):
        return findings
    for org in results.org_ids:
        m = results.value(year, mentors.id, org).value
        n = results.value(year, mentees.id, org).value
        if m and n is not None and n / m > max_mentees:
            findings.append(
                Finding(
                    "ratio",
                    year,
                    mentees.id,
                    org,
                    f"{fmt(n)} {word_for(n, 'mentee')} на {fmt(m)} "
                    f"{word_for(m, 'mentor', GENITIVE)} — в среднем "
                    f"{fmt(rounded(n / m))} на одного (допускается не больше "
                    f"{max_mentees})",
                )
            )
        if programs and m and n:
            p = results.value(year, programs.id, org).value
            if p == 0:
                findings.append(
                    Finding(
                        "no_programs",
                        year,
                        programs.id,
                        org,
                        f"{fmt(m)} {word_for(m, 'mentor')} и {fmt(n)} {word_for(n, 'mentee')}, "
                        "персонализированных программ — 0",
                    )
                )
    return findings


def publishable_link(link: str | None) -> str | None:
    """A link is republished only if the link rules accept it: rejected links are
    the ones carrying account ids and local user paths."""
    if not link or any(p.severity == "error" for p in check_url(link)):
        return None
    return link


def withheld_links(findings: list[Finding]) -> dict[str, list[int]]:
    """File → rows whose evidence link the site leaves out (local paths,
    account ids, extension wrappers: the links that leak)."""
    rows: dict[str, set[int]] = {}
    for finding in findings:
        if finding.kind == "bad_link" and finding.source and not publishable_link(finding.link):
            rows.setdefault(finding.source.file, set()).add(finding.source.line or 0)
    return {file: sorted(lines) for file, lines in sorted(rows.items())}


def fmt(value: Decimal | None) -> str:
    """Russian number format: «1 111», «69,28»."""
    if value is None:
        return "—"
    if value == value.to_integral_value():
        text = f"{int(value):,}".replace(",", "\u202f")
    else:
        text = f"{rounded(value):,.2f}".replace(",", "\u202f").replace(".", ",")
    return text


def summary(findings: list[Finding]) -> Counter:
    return Counter((f.year, f.kind) for f in findings)
