"""Publication rules of practice cards (issue 5).

Authors are named only with consent, exactly like mentors (152-ФЗ ст. 10.1):
an author who is a mentor is shown through the mentor's public card, any
other author only with an own consent listing «ФИО». Everything else is
left out — fail closed — before the card reaches the privacy guard, so a
legitimately unnamed author never stops the build. A card with a future
publication date waits for it, like news (``rules/publication.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..privacy.consent import allows
from ..rules.publication import practice_order, practice_visible
from ..schema.records import Author, Practice
from .files import FileRef, FileRegistry


@dataclass(frozen=True)
class MaterialView:
    title: str
    kind: str | None  # material_kinds id
    file: FileRef
    url: str | None
    format: str | None  # the curator's note for a link («видео, 12 мин»)


def public_practices(
    practices: Iterable[Practice],
    cards: dict,
    today: dt.date,
    pub: Callable[[Practice], Practice],
) -> list[Practice]:
    """The cards a section publishes, for an organization and a portal alike:
    those whose publication date has come (G1), authors only with consent
    (P18), each through the privacy guard (``pub``), in the order of every list
    of practices (G2)."""
    return sorted(
        (
            pub(with_public_authors(p, cards, today))
            for p in practices
            if practice_visible(p, today)
        ),
        key=practice_order,
    )


def with_public_authors(practice: Practice, cards: dict, today: dt.date) -> Practice:
    """P18: an author is named only with a consent to publish the name — the
    mentor's own (``cards``: mentor id → public ``MentorCard``) or the
    author's. Consents are not published."""
    authors = []
    for author in practice.authors:
        if author.mentor:
            card = cards.get(author.mentor)
            if card is not None:
                # The position too only as far as the mentor's consent allows.
                authors.append(
                    Author(mentor=card.id, full_name=card.full_name, position=card.position)
                )
        elif author.full_name and allows(author.consent, "full_name", today):
            position = author.position if allows(author.consent, "position", today) else None
            authors.append(Author(full_name=author.full_name, position=position))
    return replace(practice, authors=authors)


def material_views(practice: Practice, files: FileRegistry) -> list[MaterialView]:
    return [
        MaterialView(m.title, m.kind, files.add(m.file, m.title, "praktiki"), m.url, m.format)
        for m in practice.materials
    ]
