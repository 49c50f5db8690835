"""Publication rules of practice cards (issue 5).

Authors are named only with consent, exactly like mentors (152-ФЗ ст. 10.1):
an author who is a mentor is shown through the mentor's public card, any
other author only with an own consent listing «ФИО». Everything else is
left out — fail closed — before the card reaches the privacy guard, so a
legitimately unnamed author never stops the build. A card with a future
publication date waits for it, like news.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..privacy.consent import allows
from ..schema.records import Author, Practice
from .files import FileRef, FileRegistry


@dataclass(frozen=True)
class MaterialView:
    title: str
    kind: str | None  # material_kinds id
    file: FileRef
    url: str | None
    format: str | None  # the curator's note for a link («видео, 12 мин»)


def is_published(practice: Practice, today: dt.date) -> bool:
    return practice.published is None or practice.published <= today


def with_public_authors(practice: Practice, cards: dict, today: dt.date) -> Practice:
    """``cards``: mentor id → public ``MentorCard``. Consents are not published."""
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
