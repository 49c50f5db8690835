"""Monitoring results as tables: the summary heat map, a direction's
criteria over the years, organizations side by side, data-quality lists."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..monitoring.catalog import Criterion, DirectionSpec
from ..monitoring.compute import (
    INCOMPLETE,
    NEGATIVE,
    NOT_MEASURED,
    POSITIVE,
    STAGNATION,
    Results,
    Value,
)
from ..monitoring.quality import KINDS, Finding, fmt, publishable_link
from .tables import Cell, Table

DYNAMICS_CSS = {
    POSITIVE: "nst-dyn nst-dyn--up",
    NEGATIVE: "nst-dyn nst-dyn--down",
    STAGNATION: "nst-dyn nst-dyn--flat",
    NOT_MEASURED: "nst-dyn nst-dyn--none",
    INCOMPLETE: "nst-dyn nst-dyn--none",
}


def show(criterion: Criterion, value: Value) -> Cell:
    """A value as people read it: «1 111», «69,28 %», «да»."""
    if value.source == "missing" or (value.value is None and value.source != "not_measured"):
        return Cell("—", sort=-1, value="", css="nst-num")
    if value.value is None:
        return Cell(NOT_MEASURED, sort=-1, value=NOT_MEASURED, css="nst-nm")
    number = value.value
    unit = criterion.spec.unit
    if unit == "bool":
        text = "да" if number > 0 else "нет"
    elif unit in ("share", "percent"):
        text = f"{fmt(number)} %"
    else:
        text = fmt(number)
    return Cell(text, sort=float(number), value=number, css="nst-num")


def dynamics_cell(label: str | None) -> Cell:
    if label is None:
        return Cell("—", value="")
    return Cell(label, css=DYNAMICS_CSS[label])


def comment(results: Results, criterion: Criterion, year: int) -> str:
    notes = []
    label = results.dynamics(year, criterion.id)
    if criterion.spec.not_indicative and label not in (None, NOT_MEASURED, INCOMPLETE):
        notes.append(criterion.spec.not_indicative)
    observation = results.value(year, criterion.id).observation
    if observation and observation.comment:
        notes.append(observation.comment)
    target = criterion.spec.target
    value = results.value(year, criterion.id).value
    reached = criterion.reached(value) if value is not None else None  # P30
    if target is not None and reached is not None:
        state = "достигнуто" if reached else "не достигнуто"
        notes.append(f"целевое значение не менее {fmt(Decimal(str(target)))} %: {state}")
    return "; ".join(notes)


def summary_table(results: Results, year: int, slug: str = "svodnaya-tablitsa") -> Table:
    years = [y for y in results.years if y <= year]
    table = Table(
        slug,
        f"«Тепловая карта» динамики значений критериев мониторинга, {year} год",
        _dynamics_header(years),
        sortable=False,
        css="nst-heat",
    )
    for direction in results.catalog.directions:
        table.groups[len(table.rows)] = f"{direction.id}. {direction.name}"
        table.rows += [_dynamics_row(results, spec, years, year) for spec in direction.criteria]
    return table


def direction_table(results: Results, direction: DirectionSpec, year: int) -> Table:
    years = [y for y in results.years if y <= year]
    table = Table(
        f"napravlenie-{direction.id}-dinamika",
        f"Динамика значений по направлению «{direction.name}»",
        _dynamics_header(years),
        sortable=False,
        css="nst-heat",
    )
    table.rows += [_dynamics_row(results, spec, years, year) for spec in direction.criteria]
    return table


def _dynamics_header(years: list[int]) -> list[str]:
    return ["№", "Критерий", *[f"{y} г." for y in years], "Динамика", "Комментарий"]


def _dynamics_row(results: Results, spec, years: list[int], year: int) -> list[Cell]:
    """A criterion's values over the years, its dynamics and comment."""
    criterion = results.catalog.criteria[spec.id]
    return [
        Cell(spec.id),
        Cell(spec.name, header=True),
        *[show(criterion, results.value(y, spec.id)) for y in years],
        dynamics_cell(results.dynamics(year, spec.id)),
        Cell(comment(results, criterion, year)),
    ]


def organizations_table(
    results: Results,
    direction: DirectionSpec,
    year: int,
    names: dict[str, str],
    org_href: Callable[[str], str],
) -> Table | None:
    criteria = [results.catalog.criteria[c.id] for c in direction.criteria]
    criteria = [c for c in criteria if c.organization_level]
    rows = []
    for org in results.org_ids:
        values = [results.value(year, c.id, org) for c in criteria]
        if all(v.source == "missing" for v in values):
            continue
        cells = [Cell(names.get(org, org), href=org_href(org), header=True)]
        for criterion, value in zip(criteria, values):
            cell = show(criterion, value)
            link = value.observation.link if value.observation else None
            if publishable_link(link):
                cell.href = link
                cell.label = f"{cell.text}: подтверждающий документ"
            elif value.observation and value.observation.value is not None and not link:
                cell.text += " *"
                cell.css = f"{cell.css} nst-nolink".strip()
            cells.append(cell)
        rows.append(cells)
    if not rows:
        return None
    table = Table(
        f"napravlenie-{direction.id}-organizatsii",
        f"Значения организаций, {year} год (ссылка ведёт на подтверждающий документ; "
        "* — ссылки нет)",
        ["Организация", *[f"{c.id} {c.name}" for c in criteria]],
        css="nst-orgs",
    )
    table.rows = rows
    return table


def org_figures_table(results: Results, org: str, slug: str = "pokazateli") -> Table | None:
    table = Table(
        slug,
        "Показатели организации по годам",
        ["№", "Критерий", *[f"{y} г." for y in results.years], "Динамика"],
        sortable=False,
        css="nst-heat",
    )
    last = results.years[-1] if results.years else None
    for direction in results.catalog.directions:
        rows = []
        for spec in direction.criteria:
            criterion = results.catalog.criteria[spec.id]
            values = [results.value(y, spec.id, org) for y in results.years]
            if all(v.source == "missing" for v in values):
                continue
            rows.append(
                [
                    Cell(spec.id),
                    Cell(spec.name, header=True),
                    *[show(criterion, v) for v in values],
                    dynamics_cell(results.dynamics(last, spec.id, org) if last else None),
                ]
            )
        if rows:
            table.groups[len(table.rows)] = f"{direction.id}. {direction.name}"
            table.rows += rows
    return table if table.rows else None


def findings_table(
    kind: str,
    findings: list[Finding],
    names: dict[str, str],
    org_href: Callable[[str], str],
    year: int,
) -> Table:
    table = Table(
        f"kachestvo-{kind.replace('_', '-')}",
        f"{KINDS[kind]}, {year} год",
        ["Организация", "Критерий", "Что не так"],
    )
    # The rejected links themselves are not shown: they are the ones that leak
    # account ids and local user paths.
    for finding in findings:
        org_cell = (
            Cell(names.get(finding.org, finding.org), href=org_href(finding.org), header=True)
            if finding.org
            else Cell("муниципалитет", header=True)
        )
        table.rows.append([org_cell, Cell(finding.criterion or ""), Cell(finding.message)])
    return table
