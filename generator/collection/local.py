"""Cards of this site's own practices, from the published (consent-filtered)
records: a school's, or a municipality's and all of its organizations'.

Missing card fields fall back to the publishing organization (Q5: the
organization, municipality, region and official contacts of a practice
are those of its organization unless the card says otherwise). Contest
results come from the card and from the winners tables of contests, so a
result entered once shows on both pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urljoin

from ..config import Settings
from ..publish.municipality import OrgSummary, PublicMunicipality
from ..publish.org import PublicOrg
from ..publish.practices import MaterialView
from ..schema.municipal import Contest
from ..schema.records import Contacts, Organization, Practice
from ..util.slug import slugify
from .model import ContestEntry, OrgRef, PracticeCard, ProgramRef, TypicalProgram, Value


class Paths(Protocol):
    """Docs folders of pages, as the page sets lay them out."""

    def practice(self, org_id: str, practice_id: str) -> str: ...
    def program(self, org_id: str, program_id: str) -> str: ...
    def org(self, org_id: str) -> str | None: ...
    def contest(self, contest_id: str) -> str | None: ...


@dataclass
class Owner:
    """Whose practices these are: what a card falls back to."""

    org_id: str  # "" for a school project or the municipality itself
    ref: OrgRef
    municipality: str | None
    region: str | None
    contacts: Contacts | None
    programs: dict[str, ProgramRef] = field(default_factory=dict)
    materials: dict[str, list[MaterialView]] = field(default_factory=dict)


class CardMaker:
    def __init__(
        self,
        settings: Settings,
        paths: Paths,
        contests: Sequence[Contest] = (),
        resolve_org: Callable[[str], OrgRef | None] = lambda name: None,
    ):
        self.vocab = settings.vocabularies
        self.site_url = settings.config.site_url
        self.paths = paths
        self.contests = {c.id: c for c in contests}
        self.resolve_org = resolve_org

    def value(self, vocab: str, term_id: str) -> Value:
        return Value(term_id, self.vocab[vocab].label(term_id))

    def card(self, practice: Practice, owner: Owner) -> PracticeCard:
        page = self.paths.practice(owner.org_id, practice.id)
        orgs = [
            self.resolve_org(name) or OrgRef(name, slugify(name, 60))
            for name in practice.organizations
        ] or [owner.ref]
        return PracticeCard(
            id=practice.id,
            title=practice.title,
            summary=practice.summary,
            year=practice.year,
            page=page,
            url=urljoin(self.site_url, page) if self.site_url else None,
            organizations=orgs,
            municipality=practice.municipality or owner.municipality,
            region=practice.region or owner.region,
            authors=[(a.full_name, a.position) for a in practice.authors if a.full_name],
            forms=[self.value("forms", f) for f in practice.forms],
            types=[self.value("types", t) for t in practice.types],
            audience=[self.value("audiences", a) for a in practice.audience],
            period=practice.period,
            contests=self.contest_entries(practice, owner),
            tags=list(dict.fromkeys(practice.tags)),
            published=practice.published,
            materials=owner.materials.get(practice.id, []),
            contacts=practice.contacts or owner.contacts,
            programs=[owner.programs[p] for p in practice.programs if p in owner.programs],
            practice=practice,
        )

    def contest_entries(self, practice: Practice, owner: Owner) -> list[ContestEntry]:
        entries: dict[str, ContestEntry] = {}
        for result in practice.contests:
            record = self.contests.get(result.contest_id or "")
            award = self.value("awards", result.award) if result.award else None
            if record is not None:
                entry = self._from_record(record, result.nomination, award, None)
                entries[f"id:{record.id}"] = entry
            else:
                level = self.value("contest_levels", result.level) if result.level else None
                entry = ContestEntry(
                    result.contest,
                    result.year,
                    result.nomination,
                    award,
                    None,
                    level,
                    None,
                    result.url,
                )
                entries[entry.id] = entry
        ref = f"{owner.org_id}/{practice.id}" if owner.org_id else practice.id
        for record in self.contests.values():
            for winner in record.winners:
                if winner.practice != ref:
                    continue
                known = entries.get(f"id:{record.id}")
                award = (
                    self.value("awards", winner.award)
                    if winner.award
                    else known.award
                    if known
                    else None
                )
                entries[f"id:{record.id}"] = self._from_record(
                    record,
                    winner.nomination or (known.nomination if known else None),
                    award,
                    winner.place,
                )
        return sorted(entries.values(), key=lambda e: (-(e.year or 0), e.name))

    def _from_record(
        self, record: Contest, nomination: str | None, award: Value | None, place: int | None
    ) -> ContestEntry:
        return ContestEntry(
            record.name,
            record.year,
            nomination,
            award,
            place,
            self.value("contest_levels", record.level),
            self.paths.contest(record.id),
            record.url,
        )

    def owner(
        self,
        public: PublicOrg | OrgSummary,
        org_id: str,
        ref: OrgRef,
        defaults: tuple[str | None, str | None] = (None, None),
    ) -> Owner:
        """``public``: a school's records, or a portal's organization (its
        records read by field: ``OrgSummary.public_part``)."""
        organization: Organization = _part(public, "organization")
        programs = {
            p.id: ProgramRef(p.title, self.paths.program(org_id, p.id), p.typical)
            for p in _part(public, "program_briefs")
        }
        return Owner(
            org_id,
            ref,
            organization.municipality or defaults[0],
            organization.region or defaults[1],
            organization.contacts,
            programs,
            _part(public, "practice_materials"),
        )

    def typical(
        self, public: PublicOrg | OrgSummary, org_id: str, org_name: str
    ) -> list[TypicalProgram]:
        return [
            TypicalProgram(
                self.value("forms", p.form), p.title, self.paths.program(org_id, p.id), org_name
            )
            for p in _part(public, "program_briefs")
            if p.typical
        ]


def _part(public: PublicOrg | OrgSummary, name: str) -> Any:
    return public.public_part(name) if isinstance(public, OrgSummary) else getattr(public, name)


def school_cards(
    org: PublicOrg, settings: Settings, paths: Paths
) -> tuple[list[PracticeCard], list[TypicalProgram]]:
    maker = CardMaker(settings, paths)
    organization = org.organization
    owner = maker.owner(
        org, "", OrgRef(organization.short_name, slugify(organization.short_name, 60))
    )
    cards = [maker.card(p, owner) for p in org.practices]
    return cards, maker.typical(org, "", organization.short_name)


def municipal_cards(
    muni: PublicMunicipality, settings: Settings, paths: Paths
) -> tuple[list[PracticeCard], list[TypicalProgram]]:
    refs: dict[str, OrgRef] = {}
    for summary in muni.orgs:
        ref = OrgRef(summary.entry.short_name, summary.id, paths.org(summary.id))
        for name in (
            summary.id,
            summary.entry.short_name,
            summary.entry.full_name,
            *summary.entry.aliases,
        ):
            refs.setdefault(name, ref)
    maker = CardMaker(settings, paths, muni.contests, refs.get)
    coordinator = muni.coordinator
    defaults = (coordinator.municipality, coordinator.region)
    cards: list[PracticeCard] = []
    typical: list[TypicalProgram] = []
    for summary in muni.orgs:
        if not summary.has_section:
            continue
        owner = maker.owner(summary, summary.id, refs[summary.id], defaults)
        cards += [maker.card(p, owner) for p in summary.practices]
        typical += maker.typical(summary, summary.id, summary.entry.short_name)
    own = Owner(
        "",
        OrgRef(
            coordinator.short_name or coordinator.name,
            slugify(coordinator.short_name or coordinator.name, 60),
        ),
        coordinator.municipality,
        coordinator.region,
        coordinator.contacts,
        materials=muni.practice_materials,
    )
    cards += [maker.card(p, own) for p in muni.practices]
    return cards, typical
