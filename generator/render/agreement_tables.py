"""Tables of declared monitoring values against the organizations'
published cooperation agreements (monitoring/agreements.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..monitoring.agreements import Confirmation
from ..monitoring.catalog import Catalog, DirectionSpec
from ..monitoring.quality import fmt
from .tables import Cell, Table

COLUMNS = ["Критерий", "Заявлено", "Подтверждено соглашениями"]


def _number(value) -> Cell:
    return Cell(fmt(value), sort=float(value), value=value)


def direction_agreements_table(
    confirmations: Sequence[Confirmation],
    direction: DirectionSpec,
    year: int,
    names: Mapping[str, str],
    link: Callable[[str], str],
) -> Table | None:
    """The municipality's sums, with the organizations whose published
    agreements show something else."""
    criteria = {c.id: c.name for c in direction.criteria}
    rows = [c for c in confirmations if c.year == year and c.criterion in criteria]
    totals = [c for c in rows if c.org is None]
    if not totals:
        return None
    table = Table(
        f"soglasheniya-{year}",
        f"Подтверждение соглашениями о сотрудничестве, {year} год",
        [*COLUMNS, "Организации, где опубликованное отличается от заявленного"],
        sortable=False,
    )
    for total in totals:
        differ = [
            c.org
            for c in rows
            if c.criterion == total.criterion and c.org and c.checked and c.published != c.declared
        ]
        names_cell = Cell(", ".join(names.get(o, o) for o in differ) or "нет")
        if len(differ) == 1:
            names_cell.href = link(differ[0])
        table.rows.append(
            [
                Cell(f"{total.criterion}. {criteria[total.criterion]}", header=True),
                _number(total.declared),
                _number(total.confirmed),
                names_cell,
            ]
        )
    return table


def org_agreements_table(
    confirmations: Sequence[Confirmation], catalog: Catalog, org: str
) -> Table | None:
    """One organization, the latest year it has values of these criteria for."""
    mine = [c for c in confirmations if c.org == org and c.checked]
    if not mine:
        return None
    year = max(c.year for c in mine)
    table = Table(
        "soglasheniya",
        f"Подтверждение соглашениями о сотрудничестве, {year} год",
        [*COLUMNS, "Опубликовано в разделе"],
        sortable=False,
    )
    for c in (c for c in mine if c.year == year):
        name = catalog.criteria[c.criterion].name
        table.rows.append(
            [
                Cell(f"{c.criterion}. {name}", header=True),
                _number(c.declared),
                _number(c.confirmed),
                _number(c.published),
            ]
        )
    return table
