"""The indicator catalog: directions → criteria, and how values combine.

The default is the regional set of the 2024 municipal report (13
directions, 63 criteria, names verbatim). A region replaces it by putting
its own ``content/monitoring/catalog.yml`` in the project — same format, no
code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..diagnostics import Location, Report
from ..load.yamlsource import load_yaml
from ..schema.coerce import Coercer
from ..schema.fields import Record, f
from ..schema.vocab import Term, Vocabulary, normalise

DEFAULT_CATALOG = Path(__file__).with_name("catalog_default.yml")
UNITS = Vocabulary(
    "units",
    "единицы измерения",
    [
        Term("count", "количество", ("число", "чел.", "ед.")),
        Term("share", "доля", ("доля, %", "%")),
        Term("bool", "да/нет", ("да / нет", "1 - да / 0 - нет")),
        Term("list", "список"),
        Term("percent", "процент", ("уровень, %",)),
    ],
)
AGGREGATES = Vocabulary(
    "aggregates",
    "способы получения значения муниципалитета",
    [
        Term("sum", "sum", ("сумма",)),
        Term("count", "count", ("число организаций",)),
        Term("any", "any", ("хотя бы одна",)),
        Term("none", "none", ("значение муниципалитета",)),
    ],
)


@dataclass(kw_only=True)
class AgreementCheck:
    """A criterion the organizations' published cooperation agreements
    (kinds/agreements.py) can confirm: monitoring/agreements.py."""

    partners: list[str] = f(
        "Виды партнёров",
        required=True,
        factory=list,
        help="Идентификаторы словаря partner_kinds: school, institute, enterprise, other.",
    )
    count: str = f(
        "Что считается",
        default="agreements",
        help="agreements — соглашения с партнёрами, предоставляющими наставников; "
        "mentors — наставники от этих партнёров.",
    )


@dataclass(kw_only=True)
class CriterionSpec:
    id: str = f("Идентификатор", required=True)
    name: str = f("Наименование критерия", required=True)
    unit: str = f("Единица", required=True, vocab="units")
    aggregate: str = f("Как получается значение муниципалитета", vocab="aggregates", default="none")
    numerator: list[str] = f("Числитель доли", factory=list)
    denominator: list[str] = f("Знаменатель доли", factory=list)
    target: float | None = f("Целевое значение, %", minimum=0, maximum=100)
    not_indicative: str | None = f("Не показательно (причина)")
    parts: list[str] = f("Слагаемые (проверка суммы)", factory=list)
    aliases: list[str] = f("Другие написания", factory=list)
    role: str | None = f("Роль в ключевых показателях")
    agreements: AgreementCheck | None = f("Проверка по соглашениям о сотрудничестве")
    note: str | None = f("Примечание")


@dataclass(kw_only=True)
class DirectionSpec:
    id: str = f("Номер", required=True)
    name: str = f("Название направления", required=True)
    criteria: list[CriterionSpec] = f("Критерии", required=True, factory=list)


@dataclass(kw_only=True)
class CatalogSpec(Record):
    title: str = f("Название набора показателей", required=True)
    directions: list[DirectionSpec] = f("Направления", required=True, factory=list)


@dataclass
class Criterion:
    spec: CriterionSpec
    direction: DirectionSpec

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def is_share(self) -> bool:
        return self.spec.unit == "share" and bool(self.spec.numerator)

    @property
    def organization_level(self) -> bool:
        """Do organizations report this criterion (so there are per-org values)?"""
        return self.spec.aggregate != "none" or self.is_share

    def reached(self, value: Decimal) -> bool | None:
        """P30: has ``value`` reached the target of the federal model (``target``,
        «не менее», %)? None for a criterion without a target."""
        target = self.spec.target
        return None if target is None else value >= Decimal(str(target))


@dataclass
class Catalog:
    title: str
    directions: list[DirectionSpec]
    criteria: dict[str, Criterion] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)
    _short_names: dict[str, str] = field(default_factory=dict)

    def ordered(self) -> list[Criterion]:
        return [self.criteria[c.id] for d in self.directions for c in d.criteria]

    def match(self, text: str) -> Criterion | None:
        """By id or name; case, spaces, quotes and trailing notes «(…)» do not matter."""
        key = criterion_key(text)
        found = self._names.get(key) or self._short_names.get(strip_notes(key))
        return self.criteria[found] if found else None

    def by_role(self, role: str) -> Criterion | None:
        return next((c for c in self.criteria.values() if c.spec.role == role), None)


def criterion_key(text: str) -> str:
    key = normalise(text)
    key = re.sub(r"№\s*", "№", key)
    return key.rstrip(" .;:")


def strip_notes(key: str) -> str:
    """«… в муниципалитете (1 - да / 0 - нет)» → «… в муниципалитете»."""
    previous = None
    while previous != key:
        previous, key = key, re.sub(r"\s*\([^()]*\)$", "", key).rstrip(" .;:")
    return key


def load_catalog(path: Path, display: str, report: Report) -> Catalog | None:
    # A catalog that is a pipe is an error, not a silent fallback (load/safefile.py).
    node = load_yaml(path, display, report, max_bytes=2_097_152, required=True)
    if node is None:
        return None
    coercer = Coercer({"units": UNITS, "aggregates": AGGREGATES}, report, display)
    spec = coercer.record(node, CatalogSpec)
    if spec is None or coercer.failed:
        return None
    return build_catalog(spec, display, report)


def build_catalog(spec: CatalogSpec, display: str, report: Report) -> Catalog | None:
    catalog = Catalog(spec.title, spec.directions)
    ok = True

    def problem(message: str) -> None:
        nonlocal ok
        ok = False
        report.error(Location(display), message, "catalog")

    for direction in spec.directions:
        for criterion in direction.criteria:
            if criterion.id in catalog.criteria:
                problem(f"идентификатор критерия «{criterion.id}» повторяется.")
            catalog.criteria[criterion.id] = Criterion(criterion, direction)
    for built in catalog.criteria.values():
        spec_c = built.spec
        for name in (spec_c.id, spec_c.name, *spec_c.aliases):
            key = criterion_key(name)
            other = catalog._names.get(key)
            if other and other != spec_c.id:
                problem(f"название «{name}» есть у двух критериев: {other} и {spec_c.id}.")
            catalog._names[key] = spec_c.id
            short = strip_notes(key)
            # A short form shared by two criteria matches neither («» marks it).
            previous = catalog._short_names.get(short, spec_c.id)
            catalog._short_names[short] = spec_c.id if previous == spec_c.id else ""
        refs = spec_c.numerator + spec_c.denominator + spec_c.parts
        for ref in refs:
            if ref not in catalog.criteria:
                problem(f"критерий {spec_c.id} ссылается на неизвестный критерий «{ref}».")
        check = spec_c.agreements
        if check and check.count not in ("agreements", "mentors"):
            problem(f"критерий {spec_c.id}: agreements.count — agreements или mentors.")
        needs_parts = spec_c.unit == "share" and spec_c.aggregate != "none"
        if needs_parts and not (spec_c.numerator and spec_c.denominator):
            problem(
                f"доля {spec_c.id}: укажите numerator и denominator или "
                "aggregate: none (значение только муниципалитета)."
            )
    return catalog if ok else None
