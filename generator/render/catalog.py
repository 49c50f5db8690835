"""The practice catalog and card pages, shared by a school and a municipal
portal: where their pages live (``Paths`` for the collection builders)
and the context of the catalog and card templates."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from .. import addresses
from ..collection.model import Collection, PracticeCard, Value
from ..util.pagelinks import relative
from ..util.slug import slugify
from .pageset import Page, PageSet


class SchoolPaths:
    def __init__(self, pages: PageSet):
        self.pages = pages

    def practice(self, org_id: str, practice_id: str) -> str:
        return self.pages.folder("practices", practice_id)

    def program(self, org_id: str, program_id: str) -> str:
        return self.pages.folder("programs", program_id)

    def org(self, org_id: str) -> str | None:
        return None

    def contest(self, contest_id: str) -> str | None:
        return None


class MunicipalPaths:
    """``pages`` is a ``MunicipalPages``: organizations' records live under
    their organization's folder, the municipality's own at the top."""

    def __init__(self, pages: Any):
        self.pages = pages

    def practice(self, org_id: str, practice_id: str) -> str:
        if org_id:
            return self.pages.org_record(org_id, "practices", practice_id)
        return self.pages.folder("practices", practice_id)

    def program(self, org_id: str, program_id: str) -> str:
        return self.pages.org_record(org_id, "programs", program_id)

    def org(self, org_id: str) -> str | None:
        return addresses.org_page(org_id)

    def contest(self, contest_id: str) -> str | None:
        return self.pages.folder("contests", contest_id)


def catalog_context(collection: Collection) -> dict[str, Any]:
    """Cards grouped by form for the page without JavaScript (a card with two
    forms is listed under both), typical programs by form."""
    groups: dict[str, tuple[Value, list[PracticeCard]]] = {}
    for card in collection.cards:
        for form in card.forms:
            groups.setdefault(form.id, (form, []))[1].append(card)
    ordered = sorted(groups.values(), key=lambda g: (-len(g[1]), g[0].label))
    return {
        "collection": collection,
        "groups": ordered,
        "typical": collection.typical_by_form(),
        "json_href": addresses.CATALOG_JSON,
        "description": "Каталог лучших практик наставничества с отбором по формам, "
        "видам, конкурсам и годам",
    }


def card_page(pages: PageSet, card: PracticeCard, collection: Collection) -> Page:
    assert card.page is not None  # a card of this site: only imported cards have no page
    path = addresses.doc_path(card.page)
    return pages.render(
        "org/practice.md.j2",
        path,
        card.title,
        "practice",
        card=card,
        catalog=Markup(escape(relative(path, collection.page))),
        citation_url=card.url or card.page,
        tag_id=lambda tag: slugify(tag, 60),
        updated=pages.updated("practices", card.id),
    )
