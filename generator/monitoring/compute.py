"""Computing monitoring values and their dynamics from observations.

* Municipal values are summed (``sum``), counted (``count``: organizations
  answering «да») or taken as declared (``none``), as the catalog says.
  When organizations reported values, the computed figure is the one
  shown — it can be checked organization by organization — and a
  different declared total is a data-quality finding, not silently kept.
* Shares are numerator / denominator × 100, rounded to 0.01; a declared
  share that differs from the computed one is a finding.
* The dynamics label describes the direction of change between a year and
  the year before: «Положительная» (rose), «Отрицательная» (fell),
  «Стагнация» (equal), «замер не производился» (a value is missing). It is
  not a verdict: the «не показательно» flag says when a change means nothing.
* Coverage: how many organizations of the registry reported any value for a
  year. A year below the threshold (limits.monitoring_min_coverage) is
  «неполные данные»: its municipal sums describe the organizations that
  answered, not the municipality, so its municipal dynamics (and those of
  the year after it) are labelled «неполные данные», not rise or fall.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .catalog import Catalog, Criterion
from .observations import Observation

POSITIVE, NEGATIVE, STAGNATION, NOT_MEASURED, INCOMPLETE = (
    "Положительная",
    "Отрицательная",
    "Стагнация",
    "замер не производился",
    "неполные данные",
)
CENT = Decimal("0.01")


@dataclass
class Value:
    value: Decimal | None  # what the site shows; None — not measured / no data
    source: str  # «declared», «computed», «not_measured», «missing»
    declared: Decimal | None = None
    computed: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    organizations: int = 0  # how many organizations the computed value covers
    observation: Observation | None = None


@dataclass
class Results:
    catalog: Catalog
    years: list[int]
    municipal: dict[tuple[int, str], Value] = field(default_factory=dict)
    orgs: dict[tuple[int, str, str], Value] = field(default_factory=dict)
    org_ids: list[str] = field(default_factory=list)
    reporting: dict[int, int] = field(default_factory=dict)  # year → organizations that answered
    incomplete: set[int] = field(default_factory=set)  # years below the coverage threshold
    # (year, criterion) → {organization: value}: a city has ~17,000 values,
    # and pages ask for one criterion's column many times.
    _columns: dict[tuple[int, str], dict[str, Value]] | None = field(default=None, repr=False)

    def value(self, year: int, criterion: str, org: str | None = None) -> Value:
        if org is None:
            return self.municipal.get((year, criterion), Value(None, "missing"))
        return self.orgs.get((year, org, criterion), Value(None, "missing"))

    def coverage(self, year: int) -> tuple[int, int]:
        """(organizations that reported, organizations in the registry)."""
        return self.reporting.get(year, 0), len(self.org_ids)

    def complete_years(self) -> list[int]:
        return [y for y in self.years if y not in self.incomplete]

    def dynamics(self, year: int, criterion: str, org: str | None = None) -> str | None:
        """Label for the change from the year before; None for the first year."""
        if year - 1 not in self.years:
            return None
        if org is None and {year, year - 1} & self.incomplete:
            return INCOMPLETE
        before = self.value(year - 1, criterion, org).value
        now = self.value(year, criterion, org).value
        if before is None or now is None:
            return NOT_MEASURED
        before, now = rounded(before), rounded(now)
        if now > before:
            return POSITIVE
        if now < before:
            return NEGATIVE
        return STAGNATION

    def org_values(self, year: int, criterion: str) -> dict[str, Value]:
        if self._columns is None:
            self._columns = {}
            for (y, org, c), v in self.orgs.items():
                self._columns.setdefault((y, c), {})[org] = v
        return dict(self._columns.get((year, criterion), {}))


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def share(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return rounded(numerator / denominator * 100)


def compute(
    catalog: Catalog,
    observations: list[Observation],
    org_ids: list[str],
    min_coverage: float = 0,
) -> Results:
    """``min_coverage``: the share of organizations (%) that must report for a
    year to count as complete."""
    years = sorted({o.year for o in observations})
    results = Results(catalog, years, org_ids=list(org_ids))
    registry = set(org_ids)
    for year in years:
        answered = {
            o.org
            for o in observations
            if o.year == year and o.org in registry and o.value is not None
        }
        results.reporting[year] = len(answered)
        if registry and len(answered) * 100 < min_coverage * len(registry):
            results.incomplete.add(year)
    declared = {(o.year, o.criterion): o for o in observations if o.org is None}
    for o in observations:
        if o.org is not None:
            source = "declared" if o.value is not None else "not_measured"
            results.orgs[(o.year, o.org, o.criterion)] = Value(
                o.value, source, o.value, observation=o
            )
    ordered = _dependency_order(catalog)
    reported = results.org_values  # declared values only, until the loop adds shares
    for year in years:
        for criterion in ordered:
            results.municipal[(year, criterion.id)] = _municipal(
                results,
                criterion,
                year,
                declared.get((year, criterion.id)),
                reported(year, criterion.id),
            )
        for org in org_ids:
            for criterion in ordered:
                if criterion.is_share:
                    _org_share(results, criterion, year, org)
    results._columns = None  # shares were added: index again on first use
    return results


def _municipal(
    results: Results,
    criterion: Criterion,
    year: int,
    declared: Observation | None,
    column: dict[str, Value],
) -> Value:
    spec = criterion.spec
    declared_value = declared.value if declared else None
    if criterion.is_share:
        numerator = _sum(results, year, spec.numerator)
        denominator = _sum(results, year, spec.denominator)
        computed = share(numerator, denominator)
        shown = computed if computed is not None else declared_value
        return Value(
            shown,
            _source(computed, declared),
            declared_value,
            computed,
            numerator,
            denominator,
            observation=declared,
        )
    reported = [v.value for v in column.values() if v.value is not None]
    computed = None
    if reported and spec.aggregate == "sum":
        computed = sum(reported, Decimal(0))
    elif reported and spec.aggregate == "count":
        computed = Decimal(sum(1 for v in reported if v > 0))
    elif reported and spec.aggregate == "any":
        computed = Decimal(int(any(v > 0 for v in reported)))
    shown = computed if computed is not None else declared_value
    return Value(
        shown,
        _source(computed, declared),
        declared_value,
        computed,
        organizations=len(reported),
        observation=declared,
    )


def _org_share(results: Results, criterion: Criterion, year: int, org: str) -> None:
    numerator = _sum(results, year, criterion.spec.numerator, org)
    denominator = _sum(results, year, criterion.spec.denominator, org)
    computed = share(numerator, denominator)
    key = (year, org, criterion.id)
    existing = results.orgs.get(key)
    shown: Decimal | None
    if computed is not None:
        shown, source = computed, "computed"
    elif existing is not None:
        shown, source = existing.value, existing.source
    else:
        return
    declared = existing.value if existing else None
    results.orgs[key] = Value(
        shown,
        source,
        declared,
        computed,
        numerator,
        denominator,
        observation=existing.observation if existing else None,
    )


def _sum(results: Results, year: int, ids: list[str], org: str | None = None) -> Decimal | None:
    total = Decimal(0)
    for criterion_id in ids:
        value = results.value(year, criterion_id, org).value
        if value is None:
            return None
        total += value
    return total


def _source(computed: Decimal | None, declared: Observation | None) -> str:
    if computed is not None:
        return "computed"
    if declared is not None:
        return "declared" if declared.value is not None else "not_measured"
    return "missing"


def _dependency_order(catalog: Catalog) -> list[Criterion]:
    """Plain values first, then shares (which read them)."""
    criteria = catalog.ordered()
    return [c for c in criteria if not c.is_share] + [c for c in criteria if c.is_share]
