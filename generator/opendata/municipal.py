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

from typing import Iterable

from ..schema.municipal import RegistryEntry
from ..schema.records import Material, NewsItem, NormativeAct, Practice
from ..tabular.columns import HAS_SECTION_HEADER, ORG_ID_HEADER, ORG_NAME_HEADER, columns_of
from ..memo import digest, object_digest
from .files import cached, readme, table_files
from .tables import (
    PAGE, PublicTable, extra_column, filed_table, paged_table, public_tables, roadmap_table,
)

ORGS_FOLDER = "organizatsii"  # render/municipal_pages.py: the «orgs» section

ORG_ID = extra_column("organization_id", ORG_ID_HEADER,
                      "Идентификатор организации в реестре (таблица registry); пусто — запись "
                      "муниципального уровня (координатора).")
ORG_NAME = extra_column("organization_name", ORG_NAME_HEADER,
                        "Краткое наименование организации из реестра; у записей муниципального "
                        "уровня — название координатора.")
HAS_SECTION = extra_column("has_section", HAS_SECTION_HEADER,
                           "да — организация публикует на портале свои записи (наставники, "
                           "программы, документы…); нет — только строка реестра и значения "
                           "мониторинга.", bool)


def registry_table(muni) -> PublicTable:
    columns = columns_of(RegistryEntry) + [PAGE, HAS_SECTION]
    rows = []
    for summary in muni.orgs:
        row = {c.path: getattr(summary.entry, c.path) for c in columns[:-2]}
        row[PAGE.path] = f"{ORGS_FOLDER}/{summary.id}/"
        row[HAS_SECTION.path] = summary.public is not None
        rows.append(row)
    return PublicTable("registry", "Реестр организаций", columns, rows)


def _own_tables(muni) -> dict[str, PublicTable]:
    """The municipality's records of the kinds organizations also have."""
    tables = [
        filed_table("acts", "Нормативная база", NormativeAct, muni.acts),
        roadmap_table(muni.roadmap),
        paged_table("practices", "Лучшие практики", Practice, muni.practices, "practices", ""),
        paged_table("news", "Новости и анонсы", NewsItem, [v.item for v in muni.news], "news",
                    ""),
        filed_table("materials", "Методические материалы", Material, muni.materials),
    ]
    return {t.name: t for t in tables}


def municipal_tables(muni) -> list[PublicTable]:
    own = _own_tables(muni)
    coordinator = muni.coordinator.short_name or muni.coordinator.name
    per_org = [(s, public_tables(s.public, f"{ORGS_FOLDER}/{s.id}/"))
               for s in muni.orgs if s.public is not None]
    # Every organization's tables have the same columns; with no organization
    # section at all the municipality's own tables give them.
    shapes = per_org[0][1] if per_org else list(own.values())
    tables = [registry_table(muni)]
    for index, shape in enumerate(shapes):
        combined = PublicTable(shape.name, shape.title, [ORG_ID, ORG_NAME, *shape.columns])
        if shape.name in own:
            combined.rows += [{ORG_ID.path: None, ORG_NAME.path: coordinator, **row}
                              for row in own[shape.name].rows]
        for summary, org_tables in per_org:
            combined.rows += [{ORG_ID.path: summary.id, ORG_NAME.path: summary.entry.short_name,
                               **row} for row in org_tables[index].rows]
        tables.append(combined)
    return tables


ABOUT = [
    "",
    "Таблицы записей (все, кроме registry и monitoring) объединяют организации",
    "муниципалитета: в первых столбцах — идентификатор организации из реестра и её",
    "наименование; строка с пустым идентификатором — запись муниципального уровня",
    "(координатора). Отбор по организации — фильтром по первому столбцу.",
]


def municipal_files(source) -> Iterable[tuple[str, bytes]]:
    muni = source.municipality
    if muni is None:
        return []

    def make(_report) -> list[tuple[str, bytes]]:
        tables = municipal_tables(muni)
        coordinator = muni.coordinator
        text = readme(tables, f"{coordinator.authority} ({coordinator.municipality})",
                      source.settings, ABOUT)
        return table_files(tables, source.settings.vocabularies) + [("README.txt",
                                                                     text.encode("utf-8"))]

    # Organizations by their cache keys (their records, registry entry and
    # monitoring); the municipality's own records by their content.
    own = object_digest((muni.coordinator, muni.acts, muni.roadmap, muni.practices,
                         [v.item for v in muni.news], muni.materials), normalize=True)
    return cached(source, "opendata-municipal", (digest(*(s.key for s in muni.orgs)), own),
                  make)
