"""The public records of one organization as tables.

Built only from ``PublicOrg`` — the consent-filtered, anonymised view the
site itself is made from — never from raw records: mentors are the public
cards (only the fields their consent allows), programs are the public
copies (mentees by role, results only after completion, the mentor's id
only when the mentor has a public card), internal fields are dropped, and
attachments are given by their published address (never by the uploaded
file name, which may carry a person's name).

Open data (``data/`` of every build) and ``nastav export`` both use these
tables, with the same Russian headers the import reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..kinds import ORG_KINDS, org_kind
from ..publish.org import FiledRecord, PublicOrg
from ..schema.fields import Meta
from ..schema.records import (
    Document,
    Material,
    Mentor,
    NewsItem,
    NormativeAct,
    Organization,
    Practice,
    Program,
    RoadmapItem,
)
from ..tabular.columns import (
    FILE_HEADER,
    MENTOR_SHOWN_HEADER,
    PAGE_HEADER,
    Column,
    columns_of,
    get_path,
)


@dataclass
class PublicTable:
    name: str  # file stem: «programs»
    title: str  # Russian
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)  # column path → typed value
    count: int | None = None  # rows written elsewhere (a city's joined tables)

    def size(self) -> int:
        return len(self.rows) if self.count is None else self.count


def extra_column(path: str, header: str, help: str = "", tp: Any = str) -> Column:
    return Column(path, header, Meta(header, help=help), tp)


PAGE = extra_column("page", PAGE_HEADER, "Адрес страницы записи относительно корня сайта.")
FILE = extra_column(
    "published_file", FILE_HEADER, "Адрес опубликованного файла относительно корня сайта."
)


def _public_columns(cls: type, only: set[str] | None = None) -> list[Column]:
    return [
        c
        for c in columns_of(cls)
        if not c.internal and not c.is_file and (only is None or c.path in only)
    ]


def _rows(objects: list, columns: list[Column]) -> list[dict[str, Any]]:
    return [{c.path: get_path(obj, c.path) for c in columns} for obj in objects]


def filed_table(name: str, title: str, cls: type, filed: list[FiledRecord]) -> PublicTable:
    columns = _public_columns(cls) + [FILE]
    rows = []
    for item in filed:
        row = {c.path: get_path(item.record, c.path) for c in columns[:-1]}
        row[FILE.path] = item.file.href if item.file else None
        rows.append(row)
    return PublicTable(name, title, columns, rows)


def paged_table(
    name: str, title: str, cls: type, records: list, section: str, base: str
) -> PublicTable:
    columns = _public_columns(cls) + [PAGE]
    spec = org_kind(section).section
    assert spec is not None  # records with pages of their own have a list page
    slug = spec.slug
    rows = []
    for record in records:
        row = {c.path: get_path(record, c.path) for c in columns[:-1]}
        row[PAGE.path] = f"{base}{slug}/{record.id}/"
        rows.append(row)
    return PublicTable(name, title, columns, rows)


MENTOR_FIELDS = {
    "id",
    "full_name",
    "category",
    "position",
    "subjects",
    "experience_years",
    "qualification",
    "organization",
    "forms",
    "achievements",
}


def public_tables(org: PublicOrg, base: str = "") -> list[PublicTable]:
    tables = [
        PublicTable(
            "organization",
            "Карточка организации",
            _public_columns(Organization),
            _rows([org.organization], _public_columns(Organization)),
        ),
        filed_table("acts", "Нормативная база", NormativeAct, org.acts),
        filed_table("documents", "Документы организации", Document, org.documents),
        roadmap_table(org.roadmap),
        PublicTable(
            "mentors",
            "База наставников (с согласия наставников)",
            _public_columns(Mentor, MENTOR_FIELDS),
            _rows(org.mentor_cards, _public_columns(Mentor, MENTOR_FIELDS)),
        ),
        _mentees(org),
        _programs(org, base),
        paged_table("practices", "Лучшие практики", Practice, org.practices, "practices", base),
        paged_table("news", "Новости и анонсы", NewsItem, [v.item for v in org.news], "news", base),
        filed_table("materials", "Методические материалы", Material, org.materials),
    ]
    for kind in ORG_KINDS:  # published by the generic step (kinds/base.py)
        if kind.publish == "filed":
            title = kind.table_title or (kind.section.title if kind.section else kind.title)
            tables.append(filed_table(kind.key, title, kind.cls, org.parts.get(kind.key, [])))
    return tables


def _programs(org: PublicOrg, base: str) -> PublicTable:
    table = paged_table(
        "programs",
        "Персонализированные программы",
        Program,
        [v.program for v in org.programs],
        "programs",
        base,
    )
    shown = extra_column(
        "mentor_shown",
        MENTOR_SHOWN_HEADER,
        "ФИО наставника с согласием на публикацию, иначе его роль.",
    )
    table.columns.append(shown)
    for row, view in zip(table.rows, org.programs):
        row[shown.path] = view.mentor_card.full_name if view.mentor_card else view.mentor_text
    return table


def roadmap_table(roadmap) -> PublicTable:
    stage = extra_column("stage", "Этап")
    columns = [stage] + _public_columns(RoadmapItem)
    rows = []
    if roadmap:
        for item_stage in roadmap.stages:
            for item in item_stage.items:
                row = {c.path: get_path(item, c.path) for c in columns[1:]}
                row[stage.path] = item_stage.name
                rows.append(row)
    return PublicTable("roadmap", "Дорожная карта", columns, rows)


def _mentees(org: PublicOrg) -> PublicTable:
    columns = [
        extra_column("category", "Категория наставляемых"),
        extra_column("group", "Группа", "педагоги или обучающиеся"),
        extra_column(
            "count",
            "Численность",
            "Число наставляемых; «менее N» — малая численность чувствительной категории "
            "не публикуется точно.",
        ),
        extra_column("as_of", "По состоянию на"),
    ]
    rows = []
    for row in org.mentee_rows:
        count = row.count if row.count is not None else f"менее {row.suppressed_below}"
        rows.append(
            {
                "category": row.category,
                "group": row.group,
                "count": count,
                "as_of": org.mentee_as_of,
            }
        )
    return PublicTable("mentees", "Наставляемые (численность по категориям)", columns, rows)
