"""Every kind of page the generator makes, with one example page of each.

The accessibility, reflow and visually-impaired tests run over this list,
so a new kind of page gets all of them by adding one line here.
``test_every_kind_of_page_is_listed`` fails when the generator makes a
kind of page that is missing from the list.

``site`` names the fixture that serves the site the page belongs to (its
base URL): the school demo is ``demo_url``; pages of another demo project
(a municipal portal) come with a fixture of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.org_pages import SECTIONS


@dataclass(frozen=True)
class PageKind:
    kind: str  # Page.kind as the generator sets it, or "404"
    path: str  # relative to the site's base URL
    site: str = "demo_url"
    name: str = ""  # test id, when the kind alone is ambiguous

    def __str__(self) -> str:
        return self.name or self.kind


PAGE_KINDS: list[PageKind] = [
    # Section pages: the home page and every list page.
    *[PageKind(s.key, f"{s.slug}/" if s.slug else "") for s in SECTIONS],
    # Record pages, one of each kind.
    PageKind("program", "programmy/pp-2025-uu-01/"),
    PageKind("practice", "praktiki/shkola-molodogo-pedagoga/"),
    PageKind("news", "novosti/2026-09-22-vstrecha/", name="news-item"),  # has an image
    # Made by Material from our theme, not by the generator.
    PageKind("404", "404.html"),
]

# Pages that show an image, for the «images hidden / grey» settings.
PAGE_WITH_IMAGE = "novosti/2026-09-22-vstrecha/"
IMAGE_ALT = "Старшеклассники и пятиклассники в актовом зале школы на встрече-знакомстве"
