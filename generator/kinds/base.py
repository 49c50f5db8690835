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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
        or ``load.municipal.MunicipalContent``)."""
        value = content.records_of(self.key)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]
