"""Monitoring values as curators already have them: CSV, XLSX or YAML.

Interchange format, one value per row (the first sheet of an XLSX):

    год;организация;критерий;значение;ссылка;комментарий

* delimiter «;» or «,»; UTF-8 with or without BOM (Windows-1251 with a warning);
* «организация» empty — a value of the municipality itself; otherwise an id,
  a name or an alias from the registry (quotes, spaces, «№ 60»/«№60»,
  «им.»/«имени» do not matter);
* «критерий» — a criterion id or its name (case, spaces, quotes and a
  trailing note such as «(1 - да / 0 – нет)» do not matter);
* «значение» — «1 111», «69,28», «7,28 %», да/нет, 1/0; empty or «замер не
  производился» means not measured.
Every unreadable row is an error naming the file and the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..diagnostics import Location, Report
from ..load.encoding import decode_text
from ..load.sheets import csv_grid, read_table_bytes, xlsx_grid
from ..load.yamlsource import load_yaml
from ..schema.values import ValueProblem, parse_bool, parse_decimal, parse_int
from ..schema.vocab import normalise
from .catalog import Catalog, Criterion

COLUMNS = {
    "year": ("год", "year"),
    "org": ("организация", "оо", "образовательная организация", "organization", "org"),
    "criterion": ("критерий", "наименование критерия", "criterion"),
    "value": ("значение", "value"),
    "link": ("ссылка", "ссылка на источник", "link", "url"),
    "comment": ("комментарий", "примечание", "comment"),
}
REQUIRED = ("year", "org", "criterion", "value")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NOT_MEASURED = {
    "",
    "-",
    "—",
    "–",
    "н/д",
    "нет данных",
    "замер не производился",
    "замер показателя не производился",
}


@dataclass(frozen=True)
class Observation:
    year: int
    org: str | None  # registry id; None — the municipality itself
    criterion: str  # catalog id
    value: Decimal | None  # None — not measured
    link: str | None
    comment: str | None
    where: Location


class OrgMatcher:
    """Finds a registry id by id, name or alias, forgiving real-world spellings."""

    def __init__(self, names: dict[str, list[str]]):
        self._keys: dict[str, str] = {}
        for org_id, variants in names.items():
            for variant in (org_id, *variants):
                self._keys.setdefault(org_key(variant), org_id)

    def match(self, text: str) -> str | None:
        return self._keys.get(org_key(text))


def org_key(text: str) -> str:
    key = normalise(text)
    key = re.sub(r"\bимени\b", "им", key).replace("им.", "им ")
    return re.sub(r"[^0-9a-zа-я№]+", "", key).replace("№", "")


def parse_value(raw: object, criterion: Criterion, percent_cell: bool = False) -> Decimal | None:
    """One cell to a number; None when the value was not measured."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return Decimal(int(raw))
    if isinstance(raw, (int, float)):
        value = Decimal(str(raw))
        return value * 100 if percent_cell else value
    text = str(raw).strip()
    if normalise(text) in NOT_MEASURED:
        return None
    if criterion.spec.unit == "bool" and not re.match(r"^\d", text):
        return Decimal(int(parse_bool(text)))
    if criterion.spec.unit in ("count", "list"):
        return Decimal(parse_int(text))
    return parse_decimal(text)


class ObservationReader:
    def __init__(self, catalog: Catalog, orgs: OrgMatcher, report: Report):
        self.catalog = catalog
        self.orgs = orgs
        self.report = report
        self.observations: list[Observation] = []
        self._seen: dict[tuple, Location] = {}

    def read_folder(self, folder: Path, display: str) -> list[Observation]:
        if not folder.is_dir():
            return []
        for path in sorted(folder.iterdir()):
            name = path.name
            if name.startswith((".", "_")) or path.is_dir():
                continue
            shown = f"{display}/{name}"
            # A pipe or a link out of the project is reported by the reader, never opened.
            suffix = path.suffix.lower()
            if suffix == ".csv":
                self._read_csv(path, shown)
            elif suffix == ".xlsx":
                self._read_xlsx(path, shown)
            elif suffix in (".yml", ".yaml") and name.startswith("values"):
                self._read_yaml(path, shown)
        return self.observations

    # -- formats ------------------------------------------------------------------
    def _read_csv(self, path: Path, shown: str) -> None:
        data = read_table_bytes(path, shown, self.report)
        if data is None:
            return
        text = decode_text(data, shown, self.report)
        if text is None:
            return
        damaged = [n for n, line in enumerate(text.split("\n"), start=1) if _CONTROL.search(line)]
        for number in damaged[:10]:
            self.report.error(
                Location(shown, number),
                "в строке есть недопустимый управляющий "
                "символ (например, невидимый символ из Word или PDF). Удалите его "
                "или перенаберите строку.",
                "monitoring",
            )
        if damaged:
            return
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        rows = csv_grid(text, delimiter, shown, self.report)
        if rows is not None:
            self._rows(rows, shown, unit="строка")

    def _read_xlsx(self, path: Path, shown: str) -> None:
        rows = xlsx_grid(path, shown, self.report, formats=True)
        if rows is not None:
            self._rows(rows, shown, unit="строка")

    def _read_yaml(self, path: Path, shown: str) -> None:
        node = load_yaml(path, shown, self.report, max_bytes=20 * 1_048_576, allow_empty=True)
        if node is None:
            return
        items = node.items.get("values") if node.kind == "map" else node
        if items is None or items.kind != "seq":
            self.report.error(
                Location(shown, node.line),
                "ожидается список значений под ключом «values:».",
                "monitoring",
            )
            return
        for item in items.seq:
            if item.kind != "map":
                self.report.error(
                    Location(shown, item.line),
                    "каждое значение — набор полей year, org, criterion, value, link, comment.",
                    "monitoring",
                )
                continue
            values = {}
            for key, child in item.items.items():
                column = _column(key)
                if column is None:
                    self.report.error(
                        Location(shown, item.line_of(key), key),
                        f"неизвестное поле «{key}»; ожидаются: year, org, "
                        "criterion, value, link, comment.",
                        "monitoring",
                    )
                    continue
                values[column] = (
                    child.raw if child.kind == "scalar" and not child.plain_null else None
                )
            self._observation(values, Location(shown, item.line), percent_cell=False)

    # -- rows -----------------------------------------------------------------------
    def _rows(self, rows: list[list], shown: str, unit: str) -> None:
        def cell(value):
            return value[0] if isinstance(value, tuple) else value

        header_index = next(
            (i for i, row in enumerate(rows) if any(str(cell(c) or "").strip() for c in row)), None
        )
        if header_index is None:
            self.report.error(
                Location(shown), "файл пуст: нет ни заголовка, ни значений.", "monitoring"
            )
            return
        header = [_column(str(cell(c) or "")) for c in rows[header_index]]
        missing = [COLUMNS[c][0] for c in REQUIRED if c not in header]
        if missing:
            found = "; ".join(str(cell(c) or "") for c in rows[header_index])
            self.report.error(
                Location(shown, header_index + 1),
                "в заголовке нет столбцов: "
                + ", ".join(missing)
                + f". Найдено: {found}. Ожидается: "
                "год;организация;критерий;значение;ссылка;комментарий",
                "monitoring",
            )
            return
        for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
            if not any(str(cell(c) or "").strip() for c in row):
                continue
            values, percent = {}, False
            for column, raw in zip(header, row):
                if column:
                    values[column] = cell(raw)
                    if column == "value" and isinstance(raw, tuple):
                        percent = raw[1]
            self._observation(values, Location(shown, number), percent_cell=percent)

    def _observation(self, values: dict, where: Location, percent_cell: bool) -> None:
        problems = []
        broken = [
            COLUMNS[c][0]
            for c in ("year", "org", "criterion", "value", "link")
            if "\n" in str(values.get(c) or "")
        ]
        if broken:
            # In a CSV an unclosed «"» swallows the following rows into one cell.
            self.report.error(
                where,
                f"в ячейке «{broken[0]}» несколько строк: вероятно, не "
                'закрыта кавычка «"», и следующие строки файла попали в эту '
                "ячейку. Закройте кавычку или уберите её.",
                "monitoring",
            )
            return
        year = None
        try:
            year = parse_int(str(values.get("year") or "").replace("г.", "").replace("год", ""))
            if not 2000 <= year <= 2100:
                raise ValueProblem(f"год {year} вне диапазона 2000–2100")
        except ValueProblem as problem:
            problems.append(f"год: {problem}")
        org_text = str(values.get("org") or "").strip()
        org = None
        if org_text:
            org = self.orgs.match(org_text)
            if org is None:
                problems.append(
                    f"организации «{org_text}» нет в реестре (registry.yml); "
                    "добавьте её или её написание в aliases"
                )
        criterion_text = str(values.get("criterion") or "").strip()
        criterion = self.catalog.match(criterion_text) if criterion_text else None
        if criterion is None:
            problems.append(
                f"критерия «{criterion_text}» нет в наборе показателей"
                if criterion_text
                else "не указан критерий"
            )
        value = None
        if criterion is not None:
            try:
                value = parse_value(values.get("value"), criterion, percent_cell)
            except ValueProblem as problem:
                problems.append(f"значение: {problem}")
        if problems:
            self.report.error(where, "; ".join(p.rstrip(".") for p in problems) + ".", "monitoring")
            return
        # Without problems both were read: a missing year or criterion adds a problem above.
        assert year is not None and criterion is not None
        key = (year, org, criterion.id)
        if key in self._seen:
            first = self._seen[key]
            self.report.error(
                where,
                f"значение критерия {criterion.id} за {year} год"
                f"{' для ' + org_text if org_text else ''} уже указано "
                f"({first.file}, строка {first.line}).",
                "monitoring",
            )
            return
        self._seen[key] = where
        link = str(values.get("link") or "").strip() or None
        comment = str(values.get("comment") or "").strip() or None
        self.observations.append(Observation(year, org, criterion.id, value, link, comment, where))


def _column(name: str) -> str | None:
    key = normalise(name)
    for column, variants in COLUMNS.items():
        if key in variants:
            return column
    return None
