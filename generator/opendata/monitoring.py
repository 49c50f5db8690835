"""Monitoring values as tidy open data: ``data/monitoring.csv`` and ``.json``.

One row per value: year, organization (empty — the municipality as a
whole), criterion, value, unit, how the value was obtained, its dynamics
against the year before, the evidence link and a comment. The first
columns are the interchange format the monitoring import reads
(``год;организация;критерий;значение;ссылка;комментарий``; the other
columns are skipped by it), so the file loads into another project as is.

Values come from ``PublicMunicipality.monitoring``: comments and links have
passed the privacy guard, and a link is republished only if the link rules
accept it (``monitoring.quality.publishable_link``): a link with an account
id or a path on someone's computer is left out, as on the site.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .. import addresses
from ..monitoring.catalog import UNITS
from ..monitoring.compute import NOT_MEASURED
from ..monitoring.quality import publishable_link
from ..util.later import resolved
from .files import cached, table_files, table_readme
from .tables import PublicTable, extra_column

UNIT_LABELS = {"share": "доля, %", "percent": "%", "bool": "да/нет (1/0)"}
SOURCES = {"declared": "заявлено", "computed": "вычислено", "not_measured": NOT_MEASURED}

COLUMNS = [
    extra_column("year", "год", "Год мониторинга.", int),
    extra_column(
        "organization",
        "организация",
        "Идентификатор организации в реестре (registry.csv); пусто — значение "
        "муниципалитета в целом.",
    ),
    extra_column(
        "organization_name",
        "наименование организации",
        "Краткое наименование организации из реестра.",
    ),
    extra_column("direction", "направление", "Номер направления мониторинга."),
    extra_column("criterion", "критерий", "Номер критерия в наборе показателей."),
    extra_column(
        "criterion_name", "название критерия", "Наименование критерия, как в наборе показателей."
    ),
    extra_column(
        "value",
        "значение",
        "Число; в CSV дробная часть отделяется запятой (69,28). У критериев «да/нет» "
        "— 1 (да) или 0 (нет). Пусто (в JSON поля нет) — замер не производился.",
        Decimal,
    ),
    extra_column(
        "unit",
        "единица",
        "количество; доля, % (числитель / знаменатель × 100, до сотых); % (уровень, "
        "заявленный в отчёте); да/нет (1/0); список (число пунктов).",
    ),
    extra_column(
        "source",
        "получено",
        "заявлено — значение из отчёта организации или муниципалитета; вычислено — "
        "значение муниципалитета по значениям организаций (сумма, число организаций) "
        "или доля по количествам; замер не производился.",
    ),
    extra_column(
        "dynamics",
        "динамика",
        "Изменение по сравнению с предыдущим годом: Положительная (значение выросло), "
        "Отрицательная (снизилось), Стагнация (не изменилось), замер не производился "
        "(нет значения за один из двух лет), неполные данные (у муниципалитета: один из "
        "двух лет сдали не все организации); пусто — первый год наблюдений. Это "
        "направление изменения, а не оценка.",
    ),
    extra_column(
        "coverage",
        "полнота данных",
        "У значений муниципалитета: сколько организаций реестра сдали данные за год "
        "(«11 из 11»); «— неполные данные», если их меньше порога "
        "limits.monitoring_min_coverage (по умолчанию 90 %): тогда итог описывает "
        "только сдавшие организации. У значений организаций пусто.",
    ),
    extra_column(
        "link",
        "ссылка",
        "Ссылка на подтверждающий документ — только если она проходит проверку ссылок "
        "(ведёт на документ, без идентификаторов личных аккаунтов и путей на "
        "компьютере); иначе пусто.",
    ),
    extra_column("comment", "комментарий", "Комментарий к значению из отчёта."),
]


def monitoring_table(muni) -> PublicTable:
    return values_table(resolved(muni.monitoring), org_names(muni))


def org_names(muni) -> dict[str, str]:
    return {s.id: s.entry.short_name for s in muni.orgs}


def values_table(view, names: dict[str, str]) -> PublicTable:
    results = view.results
    rows = []
    for year in results.years:
        for criterion in results.catalog.ordered():
            for org in [None, *results.org_ids]:
                value = results.value(year, criterion.id, org)
                if value.source == "missing":
                    continue
                observation = value.observation
                rows.append(
                    {
                        "year": year,
                        "organization": org,
                        "organization_name": names.get(org) if org else None,
                        "direction": criterion.direction.id,
                        "criterion": criterion.id,
                        "criterion_name": criterion.name,
                        "value": value.value,
                        "unit": UNIT_LABELS.get(
                            criterion.spec.unit, UNITS.label(criterion.spec.unit)
                        ),
                        "source": SOURCES.get(value.source, value.source),
                        "dynamics": results.dynamics(year, criterion.id, org),
                        "coverage": None if org else coverage_text(results, year),
                        "link": publishable_link(observation.link) if observation else None,
                        "comment": observation.comment if observation else None,
                    }
                )
    return PublicTable("monitoring", f"Значения мониторинга: {view.catalog.title}", COLUMNS, rows)


def coverage_text(results, year: int) -> str:
    """«11 из 11», «2 из 11 — неполные данные»."""
    reported, total = results.coverage(year)
    incomplete = " — неполные данные" if year in results.incomplete else ""
    return f"{reported} из {total}{incomplete}"


ABOUT = [
    "Значения мониторинга по годам: одна строка — одно значение организации или",
    "муниципалитета в целом. Первые столбцы monitoring.csv — формат обмена,",
    "который читает импорт мониторинга nastav (год;организация;критерий;значение;ссылка;",
    "комментарий; остальные столбцы он пропускает): файл можно положить в content/monitoring/",
    "другого проекта как есть. Значения муниципалитета вычисляются по значениям организаций,",
    "как на страницах раздела «Мониторинг»; там же — названия направлений и выводы.",
    "",
]


def monitoring_files(source) -> Iterable[tuple[str, bytes]]:
    muni = source.municipality
    if muni is None or muni.monitoring is None:
        return []

    def make(_report, view, names, settings) -> list[tuple[str, bytes]]:
        table = values_table(view, names)
        text = "\n".join(["Мониторинг", "", *ABOUT, *table_readme(table)])
        return table_files([table], settings.vocabularies) + [
            (addresses.DATA_README_NAME, text.encode("utf-8"))
        ]

    # 17,000 values of a city take seconds to write: kept until the data change,
    # and a region's 110 MB kept apart (util/stored.py), not read back.
    return cached(
        source, "opendata-monitoring", make, apart=True, view=muni.monitoring, names=org_names(muni)
    )
