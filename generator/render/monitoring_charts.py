"""What the charts of a monitoring direction show, once for the site and the report.

For each direction: the municipal value of its key criterion year by year
and, when the criterion is measured per organization, the organizations'
values of the year. Each chart carries its title and a one-sentence text
alternative; the site draws them as SVG (``charts.py``), the monitoring
report as Word charts (``report/word_charts.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..monitoring.catalog import DirectionSpec
from ..monitoring.compute import Results
from ..monitoring.quality import fmt
from ..words import GENITIVE, count

YEARS, ORGANIZATIONS = "years", "organizations"


@dataclass(frozen=True)
class ChartData:
    id: str  # unique on its page: chart-<direction>-years / -orgs
    kind: str  # YEARS (columns) or ORGANIZATIONS (horizontal bars, largest first)
    title: str
    summary: str  # the text alternative: what the chart shows, in one sentence
    points: tuple[tuple[str, Decimal], ...]  # label and value, in drawing order
    unit: str  # "%" or ""
    target: float | None


def direction_charts(
    results: Results, names: Mapping[str, str], year: int, direction: DirectionSpec
) -> list[ChartData]:
    criteria = [results.catalog.criteria[c.id] for c in direction.criteria]
    if not criteria:
        return []
    key = (
        next((c for c in criteria if c.is_share), None)
        or next((c for c in criteria if c.organization_level), None)
        or criteria[0]
    )
    unit = "%" if key.spec.unit in ("share", "percent") else ""
    suffix = " %" if unit else ""
    target = key.spec.target
    out = []
    measured = [
        (y, v)
        for y in results.years
        if y <= year and (v := results.value(y, key.id).value) is not None
    ]
    if measured:
        first, last = measured[0], measured[-1]
        label = results.dynamics(year, key.id)
        text = (
            f"«{key.name}»: {fmt(first[1])}{suffix} в {first[0]} г."
            + (f" → {fmt(last[1])}{suffix} в {last[0]} г." if last != first else "")
            + (f"; динамика за {year} год — {label.lower()}" if label else "")
            + (
                f"; целевое значение — не менее {fmt(Decimal(str(target)))} %"
                if target is not None
                else ""
            )
            + "."
        )
        out.append(
            ChartData(
                f"chart-{direction.id}-years",
                YEARS,
                key.name,
                text,
                tuple((str(y), v) for y, v in measured),
                unit,
                target,
            )
        )
    if key.organization_level:
        bars = sorted(
            (
                (names.get(org, org), v.value)
                for org, v in results.org_values(year, key.id).items()
                if v.value is not None
            ),
            key=lambda b: (-b[1], b[0]),
        )
        if bars:
            reached = (
                f"; целевого значения достигли {sum(1 for _, v in bars if key.reached(v))} "
                f"из {len(bars)}"
                if target is not None
                else ""
            )
            text = (
                f"Значения {count(len(bars), 'organization', GENITIVE)} за {year} год: "
                f"наибольшее — {bars[0][0]} ({fmt(bars[0][1])}{suffix}), наименьшее — "
                f"{bars[-1][0]} ({fmt(bars[-1][1])}{suffix}){reached}."
            )
            out.append(
                ChartData(
                    f"chart-{direction.id}-orgs",
                    ORGANIZATIONS,
                    f"{key.name}, {year} год, по организациям",
                    text,
                    tuple(bars),
                    unit,
                    target,
                )
            )
    return out
