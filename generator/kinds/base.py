"""What a record kind declares: one ``Kind`` per kind, read by every stage.

A declaration is data only — classes, names, paths and recipes — so the
registry sits just above ``schema`` and every later stage (loading, rules,
publishing, pages, open data, spreadsheets, scaffolding, JSON Schema, the
Госвеб export) iterates it without the registry importing any of them.

How a kind is published and shown is declared as a recipe:

* ``publish="filed"`` — the generic step (``publish/generic.py``): each
  record's public copy, with its attachment published under the section's
  folder, sorted by ``order``; its list page lists them, its open-data table
  is made from the record's public fields. A new list kind needs nothing
  more than its declaration and its template.
* ``publish="custom"`` — ``publish/org.py`` (or ``publish/municipality.py``)
  makes the public form by hand (consents, mentee anonymisation…), into the
  ``PublicOrg`` attributes named by ``public``.
* ``internal=True`` — never published (bookkeeping only).

When a record was last changed (273-ФЗ ст. 29: the site is updated within
ten working days) is read from the fields named in ``dated``: the date of
a news item, of a document, a programme's approval and completion, a
mentor's ``updated``… (``Kind.dates``). Pages say «Обновлено» from them
(``publish/freshness.py``); the rules warn of a section idle for longer
than ``limits.stale_months`` when the kind ``expects_updates``
(``rules/freshness.py``). Files attached to a record have no reliable date
(a git checkout sets them all to the checkout time), so they do not count.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..util.later import Later, field_of

ORG, MUNICIPAL = "org", "municipal"  # where a kind's records live
SHAPES = ("single", "list", "dir")  # one record in a file, a list file, a file per record
RECIPES = ("filed", "custom")


@dataclass(frozen=True)
class SectionSpec:
    """A page of the section that lists the kind's records."""

    slug: str  # folder of the list page under the section's base: its address
    title: str  # Russian, the navigation entry and the page heading
    template: str  # render/templates/…
    position: int  # navigation order among an organization's sections
    record_template: str | None = None  # a page per record
    # In a municipal portal an organization is one compact page: the anchor
    # on it where this kind's records are (None: not shown there).
    compact_anchor: str | None = None
    optional: bool = False  # a page only when there are records to list
    key: str = ""  # how templates link to the page (``link(key)``); default: the kind's


@dataclass(frozen=True)
class Words:
    """How commands and spreadsheets name the kind."""

    new: str | None = None  # «nastav new WORD» (None: not offered)
    new_what: str = ""  # Russian, nominative: «создан …» / «добавлено: …»
    title_field: str = "title"  # what «nastav new WORD --title ТЕКСТ» fills in
    table: str | None = None  # «nastav import/export/templates WORD» (None: not offered)
    aliases: tuple[str, ...] = ()  # other words accepted for ``table``
    # Fields a spreadsheet row's key is made of when it has no «Идентификатор».
    key_fields: tuple[str, ...] = ("title",)


@dataclass(frozen=True)
class Kind:
    key: str  # attribute of the content object, schema and open-data name
    title: str  # Russian, lower case, for messages: «нормативная база»
    cls: type
    path: str  # file or folder relative to the content root
    shape: str  # one of SHAPES
    list_key: str = ""  # list files: the key holding the list
    required: bool = False  # an empty file is an error, not «not filled in yet»
    scope: str = ORG
    # How its records become public (see the module docstring).
    publish: str = "custom"
    public: tuple[str, ...] = ()  # custom: PublicOrg attributes made from it
    files_folder: str = ""  # filed: where its attachments are published
    order: tuple[str, ...] = ()  # filed: fields sorted by, «-date» descending
    section: SectionSpec | None = None
    shown_on: str | None = None  # the section key of another page that shows it
    table_title: str = ""  # open data and downloads; default: the section title
    # filed: the columns of its short table (a municipal portal's organization
    # page); default: every public field.
    columns: tuple[str, ...] = ()
    # Fields holding a person's name that is never published: the privacy
    # guard refuses it anywhere in the published texts.
    withheld_names: tuple[tuple[str, str], ...] = ()  # (field path, who: «наставляемый»)
    words: Words = field(default_factory=Words)
    internal: bool = False
    # Dotted paths of the fields that date a change of a record (lists are
    # entered: «agreements.date» is the date of each agreement); None: the
    # record's own «date» field, when it has one.
    dated: tuple[str, ...] | None = None
    # New records are expected at least every ``limits.stale_months`` (news,
    # each academic year's programmes): a longer silence is warned of (G5).
    # Acts, the roadmap, contacts, materials, a practice card stay true for
    # years; mentors and mentees are checked record by record (P28).
    expects_updates: bool = False

    def __post_init__(self) -> None:
        if self.shape not in SHAPES:
            raise ValueError(f"{self.key}: shape {self.shape!r}")
        if self.publish not in RECIPES:
            raise ValueError(f"{self.key}: publish {self.publish!r}")
        if self.shape == "list" and not self.list_key:
            raise ValueError(f"{self.key}: a list file needs list_key")

    @property
    def section_key(self) -> str | None:
        if self.section is None:
            return self.shown_on
        return self.section.key or self.key

    @property
    def by_file(self) -> bool:
        """A file per record, the file name being the record id."""
        return self.shape == "dir"

    def records(self, content: Any) -> list[Any]:
        """The kind's records in a content object (``load.content.OrgContent``
        or ``load.municipal.MunicipalContent``), also one the build cache keeps
        lazily (a ``Later``, util/later.py: the field holding them is read)."""
        if isinstance(content, Later):
            own = self.key in content.parts
            value = field_of(content, self.key) if own else field_of(content, "more").get(self.key)
        else:
            value = content.records_of(self.key)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    @property
    def date_fields(self) -> tuple[str, ...]:
        if self.dated is not None:
            return self.dated
        names = (
            {f.name for f in dataclasses.fields(self.cls)}
            if dataclasses.is_dataclass(self.cls)
            else set()
        )
        return ("date",) if "date" in names else ()

    def dates(self, record: Any) -> list[tuple[str, dt.date]]:
        """(field path, date) of each dated field of ``record`` that is filled
        in, the paths as diagnostics name them («agreements[2].date»)."""
        return [found for path in self.date_fields for found in _dates_at(record, path, "")]

    def newest(self, record: Any, today: dt.date) -> dt.date | None:
        """The record's latest change up to ``today``: a date still to come
        (a news item's publication, a withdrawal) has changed nothing yet."""
        past = [d for _, d in self.dates(record) if d <= today]
        return max(past) if past else None


def _dates_at(value: Any, path: str, prefix: str) -> Iterator[tuple[str, dt.date]]:
    name, _, rest = path.partition(".")
    child = getattr(value, name, None)
    where = f"{prefix}.{name}" if prefix else name
    items = list(enumerate(child, start=1)) if isinstance(child, list) else [(0, child)]
    for index, item in items:
        at = f"{where}[{index}]" if index else where
        if rest:
            if item is not None:
                yield from _dates_at(item, rest, at)
        elif isinstance(item, dt.date):
            yield at, item
