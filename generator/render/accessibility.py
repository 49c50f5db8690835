"""«Сведения о доступности»: what a section's accessibility statement lists.

The page (``templates/accessibility.md.j2``, a section of a school and of a
municipal portal next to the search) says what the site supports, its known
limits and whom to ask for an accessible copy of a document. The limits are
computed from the public model: published PDFs that are not tagged or are
scans (``PublishedFile.tags``, read by ``util/pdftags.py``), and images whose
text alternative is empty. The contacts are those of the records: a school's
curators and the organization, a portal's coordinator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..publish.files import PublishedFile
from ..publish.municipality import PublicMunicipality
from ..publish.org import MentorCard, NewsView, PublicOrg


@dataclass(frozen=True)
class Listed:
    """A published file named among the limits."""

    file: PublishedFile
    owner: str = ""  # the organization's short name on a portal; "" for the portal's own


@dataclass
class Statement:
    pdfs: int = 0  # published PDF files
    untagged: list[Listed] = field(default_factory=list)  # text, but no tags
    scans: list[Listed] = field(default_factory=list)  # pages that are images
    unchecked: list[Listed] = field(default_factory=list)  # could not be read
    images_without_alt: list[str] = field(default_factory=list)  # where each is shown

    def add_files(self, files: Iterable[PublishedFile], owner: str = "") -> None:
        for file in files:
            if file.format != "PDF":
                continue
            self.pdfs += 1
            if file.tags is None:
                self.unchecked.append(Listed(file, owner))
            elif file.tags.scan:
                self.scans.append(Listed(file, owner))
            elif not file.tags.tagged:
                self.untagged.append(Listed(file, owner))

    def add_images(
        self, mentor_cards: list[MentorCard], news: list[NewsView], owner: str = ""
    ) -> None:
        suffix = f" ({owner})" if owner else ""
        for card in mentor_cards:
            if card.photo and not (card.photo_alt or "").strip():
                self.images_without_alt.append(f"фотография наставника {card.full_name}{suffix}")
        for item in news:
            image = item.item.image
            if item.image and image is not None and not image.alt.strip():
                self.images_without_alt.append(f"изображение к новости «{item.item.title}»{suffix}")

    def sort(self) -> Statement:
        for listed in (self.untagged, self.scans, self.unchecked):
            listed.sort(key=lambda entry: (entry.owner, entry.file.title, entry.file.href))
        return self


def org_statement(org: PublicOrg) -> dict[str, Any]:
    """A school's page: its files, its curators and the organization's contacts."""
    statement = Statement()
    statement.add_files(org.files.files)
    statement.add_images(org.mentor_cards, org.news)
    o = org.organization
    return {
        "statement": statement.sort(),
        "office": o.full_name,
        "office_contacts": o.contacts,
        "people": list(o.curators) or ([o.head] if o.head else []),
        "people_heading": "Куратор наставничества"
        if len(o.curators) == 1
        else "Кураторы наставничества"
        if o.curators
        else "Руководитель",
        "portal": False,
        "ask": "куратору наставничества" if o.curators else "в организацию",
    }


def municipal_statement(muni: PublicMunicipality) -> dict[str, Any]:
    """A portal's page: its own files and its organizations', the coordinator."""
    statement = Statement()
    statement.add_files(muni.files.files)
    statement.add_images([], muni.news)
    for summary in muni.orgs:  # of each organization, the fields shown here alone
        if summary.has_section:
            statement.add_files(summary.public_part("files").files, summary.entry.short_name)
            statement.add_images(
                summary.public_part("mentor_cards"),
                summary.public_part("news"),
                summary.entry.short_name,
            )
    c = muni.coordinator
    return {
        "statement": statement.sort(),
        "office": c.name,
        "office_contacts": c.contacts,
        "people": list(c.officials) or ([c.head] if c.head else []),
        "people_heading": "Ответственные",
        "portal": True,
        "ask": "муниципальному координатору",
    }
