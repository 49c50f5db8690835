"""Every kind of page the generator makes, with one example page of each.

The accessibility, reflow and visually-impaired tests run over this list,
so a new kind of page gets all of them by adding one line here.
``test_every_kind_of_page_is_listed`` fails when the generator makes a
kind of page that is missing from the list.

``site`` names the fixture that serves the site the page belongs to (its
base URL): the school demo is ``demo_url``, the municipal demo portal
(demo/municipal) is ``municipal_url``. ``ready`` is a selector to wait for
when part of the page is drawn by a script (catalog results, search hits).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.municipal_pages import SECTIONS as MUNICIPAL_SECTIONS
from generator.render.org_pages import SECTIONS


@dataclass(frozen=True)
class PageKind:
    kind: str  # Page.kind as the generator sets it, or "404"
    path: str  # relative to the site's base URL
    site: str = "demo_url"
    name: str = ""  # test id, when the kind alone is ambiguous
    ready: str = ""  # selector that appears once scripts have drawn the page

    def __str__(self) -> str:
        return self.name or self.kind


CATALOG_READY = "[data-nst-results] li"
SEARCH_READY = ".nst-search__result"
_READY = {"practices": CATALOG_READY}
M = "municipal_url"

PAGE_KINDS: list[PageKind] = [
    # Section pages: the home page and every list page.
    *[
        PageKind(s.key, f"{s.slug}/" if s.slug else "", ready=_READY.get(s.key, ""))
        for s in SECTIONS
    ],
    # Record pages, one of each kind.
    PageKind("program", "programmy/pp-2025-uu-01/"),
    PageKind("practice", "praktiki/shkola-molodogo-pedagoga/"),
    PageKind("news", "novosti/2026-09-22-vstrecha/", name="news-item"),  # has an image
    # Made by Material from our theme, not by the generator.
    PageKind("404", "404.html"),
    # The municipal portal: its sections (some share templates with a school
    # but show other data), then one record page of each kind.
    *[
        PageKind(
            s.key, f"{s.slug}/" if s.slug else "", M, f"municipal-{s.key}", _READY.get(s.key, "")
        )
        for s in MUNICIPAL_SECTIONS
    ],
    PageKind("search", "poisk/?q=наставник", M, "municipal-search-results", SEARCH_READY),
    PageKind("org", "organizatsii/sosh21/", M),
    PageKind("program", "organizatsii/sosh21/programmy/pp-2026-1/", M, "municipal-org-program"),
    PageKind("practice", "organizatsii/sosh1/praktiki/praktika-1/", M, "municipal-org-practice"),
    PageKind("practice", "praktiki/gorodskaya-shkola-molodogo-pedagoga/", M, "municipal-practice"),
    PageKind("news", "novosti/2026-11-15-seminar/", M, "municipal-news-item"),
    PageKind("monitoring-year", "monitoring/2025/", M),  # the summary with the heat map
    PageKind("monitoring-direction", "monitoring/2025/napravlenie-5/", M),  # chart, tables
    PageKind("monitoring-quality", "monitoring/2025/kachestvo-dannyh/", M),
    PageKind("monitoring-conclusions", "monitoring/2025/vyvody/", M),
    PageKind("contest", "konkursy/festival-2025/", M),
]

# Pages that show an image, for the «images hidden / grey» settings.
PAGE_WITH_IMAGE = "novosti/2026-09-22-vstrecha/"
IMAGE_ALT = "Старшеклассники и пятиклассники в актовом зале школы на встрече-знакомстве"
