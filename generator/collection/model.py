"""A collection of practice cards: what the catalog, the feeds and the card
pages are made from (issue 5).

A card is either local — made from a published ``Practice`` of this site,
with the full record attached — or imported from another site's feed, in
which case it carries only what the feed said and links to the original.
Values that the catalog filters on are ``Value`` pairs: a stable id for
URLs and filters, a label for people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..publish.practices import MaterialView
from ..schema.records import Contacts, Practice
from ..util.slug import slugify


@dataclass(frozen=True)
class Value:
    id: str
    label: str


@dataclass(frozen=True)
class OrgRef:
    name: str
    id: str  # facet value: registry id, or a slug of the name
    page: str | None = None  # docs folder of its page on this site


@dataclass(frozen=True)
class ContestEntry:
    """One practice's result in one contest."""

    name: str
    year: int | None
    nomination: str | None = None
    award: Value | None = None
    place: int | None = None
    level: Value | None = None
    page: str | None = None  # docs folder of the contest page on this site
    url: str | None = None  # the contest's page elsewhere

    @property
    def title(self) -> str:
        return f"{self.name}, {self.year}" if self.year else self.name

    @property
    def id(self) -> str:
        return f"{slugify(self.name, 50)}-{self.year}" if self.year else slugify(self.name, 60)

    @property
    def result(self) -> str:
        """«призёр (2 место)», «победитель» or «»."""
        text = self.award.label if self.award else ""
        if self.place:
            text = f"{text} ({self.place} место)" if text else f"{self.place} место"
        return text


@dataclass(frozen=True)
class ProgramRef:
    title: str
    page: str
    typical: bool = False


@dataclass
class PracticeCard:
    id: str
    title: str
    summary: str  # Markdown
    year: int
    page: str | None = None  # docs folder of the card on this site (local cards)
    url: str | None = None  # absolute address: site_url + page, or the original card
    source: str | None = None  # name of the imported collection; None: this site
    organizations: list[OrgRef] = field(default_factory=list)
    municipality: str | None = None
    region: str | None = None
    authors: list[tuple[str, str | None]] = field(default_factory=list)  # name, position
    forms: list[Value] = field(default_factory=list)
    types: list[Value] = field(default_factory=list)
    audience: list[Value] = field(default_factory=list)
    period: str | None = None
    contests: list[ContestEntry] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published: dt.date | None = None
    materials: list[MaterialView] = field(default_factory=list)
    contacts: Contacts | None = None
    programs: list[ProgramRef] = field(default_factory=list)
    practice: Practice | None = None  # the full public record (local cards only)
    extra: dict = field(default_factory=dict)  # imported: further feed fields, re-exported

    @property
    def org_names(self) -> str:
        return "; ".join(o.name for o in self.organizations)

    @property
    def key(self) -> str:
        """Unique within a collection: the page or the original address."""
        return self.page or self.url or f"{self.source}:{self.id}"


@dataclass(frozen=True)
class TypicalProgram:
    form: Value
    title: str
    page: str
    organization: str


@dataclass
class Collection:
    """Everything the catalog shows. ``page`` is the catalog's docs folder."""

    cards: list[PracticeCard]
    typical: list[TypicalProgram]
    site_name: str
    site_url: str | None
    today: dt.date
    page: str = "praktiki/"

    @property
    def local(self) -> list[PracticeCard]:
        return [c for c in self.cards if c.source is None]

    @property
    def imported(self) -> list[PracticeCard]:
        return [c for c in self.cards if c.source is not None]

    def by_page(self, page: str) -> PracticeCard | None:
        return self.cards_by_page().get(page)

    def cards_by_page(self) -> dict[str, PracticeCard]:
        """Each card by its page (the first, should two share one): for a
        portal that looks up its 2,000 cards one by one, make it once."""
        found: dict[str, PracticeCard] = {}
        for card in self.cards:
            if card.page:
                found.setdefault(card.page, card)
        return found

    def typical_by_form(self) -> dict[str, list[TypicalProgram]]:
        result: dict[str, list[TypicalProgram]] = {}
        for program in self.typical:
            result.setdefault(program.form.id, []).append(program)
        return result

    def contests(self) -> list[tuple[ContestEntry, list[PracticeCard]]]:
        """Every contest the cards took part in, newest first, with its cards."""
        found: dict[str, tuple[ContestEntry, list[PracticeCard]]] = {}
        for card in self.cards:
            for entry in card.contests:
                found.setdefault(entry.id, (entry, []))[1].append(card)
        return sorted(found.values(), key=lambda item: (-(item[0].year or 0), item[0].name))
