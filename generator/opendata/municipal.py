"""Open data of a municipal portal: the organization registry, and the public
records of every organization — one table per kind, the organization in the
first two columns — with the municipality's own records of the same kinds
(normative acts, roadmap, practices, news, materials) as rows without an
organization id.

Made from ``PublicMunicipality``: each organization's rows are the tables of
its ``PublicOrg`` (``opendata.tables``), the consent-filtered view its pages
are made from, so the portal's data says exactly what its pages say.
``nastav export`` of a municipal project writes the same tables.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import addresses
from ..schema.municipal import RegistryEntry
from ..schema.records import Material, NewsItem, NormativeAct, Practice
from ..tabular.columns import HAS_SECTION_HEADER, ORG_ID_HEADER, ORG_NAME_HEADER, columns_of
from .files import (
    cached_many,
    csv_header,
    csv_rows,
    json_document,
    json_lines,
    readme,
    table_files,
)
from .tables import (
    PAGE,
    PublicTable,
    extra_column,
    filed_table,
    paged_table,
    public_tables,
    roadmap_table,
)

ORG_ID = extra_column(
    "organization_id",
    ORG_ID_HEADER,
    "Идентификатор организации в реестре (таблица registry); пусто — запись "
    "муниципального уровня (координатора).",
)
ORG_NAME = extra_column(
    "organization_name",
    ORG_NAME_HEADER,
    "Краткое наименование организации из реестра; у записей муниципального "
    "уровня — название координатора.",
)
HAS_SECTION = extra_column(
    "has_section",
    HAS_SECTION_HEADER,
    "да — организация публикует на портале свои записи (наставники, "
    "программы, документы…); нет — только строка реестра и значения "
    "мониторинга.",
    bool,
)


def registry_table(muni) -> PublicTable:
    columns = columns_of(RegistryEntry) + [PAGE, HAS_SECTION]
    rows = []
    for summary in muni.orgs:
        row = {c.path: getattr(summary.entry, c.path) for c in columns[:-2]}
        row[PAGE.path] = addresses.org_page(summary.id)
        row[HAS_SECTION.path] = summary.has_section
        rows.append(row)
    return PublicTable("registry", "Реестр организаций", columns, rows)


def _own_tables(muni) -> dict[str, PublicTable]:
    """The municipality's records of the kinds organizations also have."""
    tables = [
        filed_table("acts", "Нормативная база", NormativeAct, muni.acts),
        roadmap_table(muni.roadmap),
        paged_table("practices", "Лучшие практики", Practice, muni.practices, "practices", ""),
        paged_table("news", "Новости и анонсы", NewsItem, [v.item for v in muni.news], "news", ""),
        filed_table("materials", "Методические материалы", Material, muni.materials),
    ]
    return {t.name: t for t in tables}


def municipal_tables(muni) -> list[PublicTable]:
    """The registry and every kind of record joined across the organizations
    (``nastav export``; the site's ``data/`` is written by parts, below)."""
    own = _own_tables(muni)
    per_org = [org_tables(s) for s in muni.orgs if s.has_section]
    tables = [registry_table(muni)]
    for index, shape in enumerate(_shapes(muni, own)):
        combined = _with_org_columns(shape, _own_rows(muni, own, shape.name))
        for org in per_org:
            combined.rows += org[index].rows
        tables.append(combined)
    return tables


def org_tables(summary) -> list[PublicTable]:
    """One organization's tables, each row led by its id and name."""
    return [
        _with_org_columns(
            t,
            [
                {ORG_ID.path: summary.id, ORG_NAME.path: summary.entry.short_name, **row}
                for row in t.rows
            ],
        )
        for t in public_tables(summary.public, addresses.org_page(summary.id))
    ]


def _shapes(muni, own: dict[str, PublicTable]) -> list[PublicTable]:
    # Every organization's tables have the same columns: those of one whose
    # records are in memory (a rebuild's changed one), else of the first; with
    # no organization section at all the municipality's own tables give them.
    with_section = [s for s in muni.orgs if s.has_section]
    at_hand = [s for s in with_section if s.public_at_hand]
    first = (at_hand or with_section or [None])[0]
    return public_tables(first.public, "") if first else list(own.values())


def _own_rows(muni, own: dict[str, PublicTable], name: str) -> list[dict]:
    coordinator = muni.coordinator.short_name or muni.coordinator.name
    return (
        [{ORG_ID.path: None, ORG_NAME.path: coordinator, **row} for row in own[name].rows]
        if name in own
        else []
    )


def _with_org_columns(shape: PublicTable, rows: list[dict]) -> PublicTable:
    return PublicTable(shape.name, shape.title, [ORG_ID, ORG_NAME, *shape.columns], rows)


ABOUT = [
    "",
    "Таблицы записей (все, кроме registry и monitoring) объединяют организации",
    "муниципалитета: в первых столбцах — идентификатор организации из реестра и её",
    "наименование; строка с пустым идентификатором — запись муниципального уровня",
    "(координатора). Отбор по организации — фильтром по первому столбцу.",
]


def municipal_files(source) -> Iterable[tuple[str, bytes]]:
    """``data/`` of a city. Each organization's part of every table (CSV rows
    and JSON lines) is kept in the build cache by the organization's key, so
    an edit in one school rewrites one part and the files are joined again."""
    muni = source.municipality
    if muni is None:
        return []
    vocabularies = source.settings.vocabularies
    own = _own_tables(muni)
    with_section = [s for s in muni.orgs if s.has_section]

    def part(_report, summary, settings):
        return [
            (csv_rows(t, settings.vocabularies), json_lines(t, settings.vocabularies))
            for t in org_tables(summary)
        ]

    parts = cached_many(source, "opendata-org", part, [{"summary": s} for s in with_section])
    tables = [registry_table(muni)]
    files = table_files(tables, vocabularies)
    for index, shape in enumerate(_shapes(muni, own)):
        combined = _with_org_columns(shape, _own_rows(muni, own, shape.name))
        csv_text = csv_rows(combined, vocabularies) + "".join(p[index][0] for p in parts)
        lines = json_lines(combined, vocabularies) + [line for p in parts for line in p[index][1]]
        files += [
            (f"{shape.name}.csv", ("\ufeff" + csv_header(combined) + csv_text).encode("utf-8")),
            (f"{shape.name}.json", json_document(shape.title, lines)),
        ]
        tables.append(PublicTable(shape.name, shape.title, combined.columns, count=len(lines)))
    coordinator = muni.coordinator
    text = readme(
        tables, f"{coordinator.authority} ({coordinator.municipality})", source.settings, ABOUT
    )
    return files + [(addresses.DATA_README_NAME, text.encode("utf-8"))]
