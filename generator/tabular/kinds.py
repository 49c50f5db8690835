"""What can be imported from a spreadsheet: one entry per kind.

Each entry names the content kind (``load.content.ORG_KINDS``), how a
row's stable id is derived when the sheet has no «Идентификатор» column,
which fields are not offered as columns, and where the kind lives: in an
organization's content (a school project, or ``content/orgs/<id>/`` of a
municipal one), in the municipal project's own content, or both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..kinds import MUNICIPAL, MUNICIPAL_OWN_KINDS, ORG, ORG_KINDS, Kind
from ..monitoring.observations import org_key
from ..scaffold.ids import person_id
from ..schema.municipal import RegistryEntry
from ..schema.values import ValueProblem, parse_date
from ..schema.vocab import normalise
from ..util.slug import slugify
from .columns import Column, columns_of, get_path


def _program_id(data: dict) -> str | None:
    title = data.get("title")
    start = get_path(data, "period.start")
    if not title or not start:
        return None
    try:
        year = parse_date(start).year
    except ValueProblem:
        return None
    # Not the mentor: ids become page addresses, and a person's name has no
    # place in an address (the privacy guard checks transliterations too).
    return slugify(f"pp {year} {title}", 60)


def _mentor_id(data: dict) -> str | None:
    return person_id(data["full_name"]) if data.get("full_name") else None


def _title_id(data: dict) -> str | None:
    return slugify(data["title"], 60) if data.get("title") else None


def _act_key(data: dict) -> str | None:
    """Acts are matched by number and date, or by title when unnumbered."""
    if data.get("number") and data.get("date"):
        try:
            date = parse_date(str(data["date"])).isoformat()
        except ValueProblem:
            date = str(data["date"])
        return normalise(f"{data['number']} {date}")
    return normalise(data["title"]) if data.get("title") else None


def _registry_id(data: dict) -> str | None:
    """The registry id, or one made from the short name («МБОУ «СОШ № 1»» → mbou-sosh-1)."""
    if data.get("id"):
        return data["id"]
    # «№» would transliterate to «no» (NFKD); the number alone reads better.
    return slugify(data["short_name"].replace("№", " "), 40) if data.get("short_name") else None


def _registry_lookup(entries: list, data: dict) -> str | None:
    """A row without an id is the organization its full or short name or an
    alias names: the office's list of schools re-imports onto the same ids."""
    names = [data.get("full_name"), data.get("short_name"), *(data.get("aliases") or [])]
    wanted = {org_key(str(n)) for n in names if n}
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        known = [entry.get("full_name"), entry.get("short_name"), *(entry.get("aliases") or [])]
        if wanted & {org_key(str(n)) for n in known if n}:
            return str(entry["id"])
    return None


@dataclass(frozen=True)
class TableKind:
    word: str  # the CLI word and the template file name
    spec: Kind
    title: str  # Russian, for messages and the sheet name
    make_key: Callable[[dict], str | None]  # id (dir kinds) or match key (list kinds)
    key_help: str  # how the id is made, for the instructions sheet
    exclude: frozenset[str] = field(default_factory=frozenset)
    levels: frozenset[str] = frozenset({ORG})
    keeps_id: bool = False  # the id is a field of a list entry, not a file name
    # The key of an existing list entry a row without an id describes.
    lookup: Callable[[list, dict], str | None] | None = None

    @property
    def columns(self) -> list[Column]:
        return [c for c in columns_of(self.spec.cls) if c.path not in self.exclude]

    @property
    def by_file(self) -> bool:
        return self.spec.shape == "dir"


# How a row's key is made, by the fields a kind names (kinds/base.py Words.key_fields).
_KEYS: dict[tuple[str, ...], tuple[Callable[[dict], str | None], str]] = {
    ("full_name",): (_mentor_id, "из ФИО: фамилия и инициалы латиницей (ivanova-ea)"),
    ("period.start", "title"): (
        _program_id,
        "из года начала и названия программы (pp-2026-adaptatsiya-…); у двух программ "
        "с одинаковым названием и годом заполните столбец «Идентификатор»",
    ),
    ("number", "date"): (
        _act_key,
        "записи сопоставляются по номеру и дате акта (без номера — по названию)",
    ),
    ("title",): (_title_id, "из названия практики"),
}


def _fields_key(kind: Kind) -> tuple[Callable[[dict], str | None], str]:
    """A key made of the kind's fields as written, for kinds with no rule above."""
    fields = kind.words.key_fields
    labels = {c.path: c.header for c in columns_of(kind.cls)}

    def key(data: dict) -> str | None:
        values = [get_path(data, f) for f in fields]
        if any(v in (None, "") for v in values):
            return None
        return normalise(" ".join(str(v) for v in values))

    names = " и ".join(f"«{labels.get(f, f)}»" for f in fields)
    return key, f"записи сопоставляются по полям {names}"


def _table_kind(kind: Kind) -> TableKind:
    make_key, key_help = _KEYS.get(kind.words.key_fields) or _fields_key(kind)
    municipal = {k.key for k in MUNICIPAL_OWN_KINDS}
    return TableKind(
        kind.words.table or kind.key,
        kind,
        kind.title,
        make_key,
        key_help,
        levels=frozenset({ORG, MUNICIPAL}) if kind.key in municipal else frozenset({ORG}),
    )


TABLE_KINDS: dict[str, TableKind] = {
    k.word: k
    for k in (
        *(_table_kind(kind) for kind in ORG_KINDS if kind.words.table),
        # The municipal loader reads registry.yml as one record holding this list.
        TableKind(
            "registry",
            Kind(
                "registry",
                "реестр организаций",
                RegistryEntry,
                "registry.yml",
                "list",
                "organizations",
                scope=MUNICIPAL,
            ),
            "реестр организаций",
            _registry_id,
            "столбец «Идентификатор» (имя папки content/orgs/<id>/ и адрес страницы "
            "организации); если он пуст, строка сопоставляется с организацией реестра по "
            "полному или краткому наименованию или другому написанию, а новая организация "
            "получает идентификатор из краткого наименования (mbou-sosh-1)",
            levels=frozenset({MUNICIPAL}),
            keeps_id=True,
            lookup=_registry_lookup,
        ),
    )
}

ALIASES = {
    **{alias: k.words.table for k in ORG_KINDS if k.words.table for alias in k.words.aliases},
    "reestr": "registry",
    "реестр": "registry",
    "organizations": "registry",
    "orgs": "registry",
    "организации": "registry",
}


def table_kind(word: str) -> TableKind | None:
    word = word.strip().lower()
    return TABLE_KINDS.get(ALIASES.get(word, word))
