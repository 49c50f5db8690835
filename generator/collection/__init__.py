"""Best-practice collections (issue 5): cards, the faceted catalog, feeds
for other sites and imports from them.

    published records ── local.py ──┐
    other sites' feeds ── fetch.py → parse.py (imports.py, a build stage)
                                    └→ Collection (model.py)
        → catalog page + praktiki/katalog.json (facets.py, the browser filters)
        → data/practices-feed.json, data/practices.atom (feed.py)
"""

from __future__ import annotations

from .. import addresses
from ..config import Settings
from ..rules.publication import practice_order
from .facets import catalog_json
from .feed import ATOM_PATH, FEED_PATH, atom_feed, feed_json
from .model import Collection, PracticeCard, TypicalProgram

CATALOG_JSON = addresses.CATALOG_JSON


def make_collection(
    local: list[PracticeCard],
    typical: list[TypicalProgram],
    imported: list[PracticeCard],
    settings: Settings,
    site_name: str,
    page: str,
) -> Collection:
    """Local cards first, then imported ones not already local; each in the
    order of every list of practices (G2: newest first)."""
    local = sorted(local, key=practice_order)
    known = {c.url for c in local if c.url}
    imported = sorted((c for c in imported if c.url not in known), key=practice_order)
    typical = sorted(typical, key=lambda t: (t.form.label, t.organization, t.title))
    return Collection(
        local + imported, typical, site_name, settings.config.site_url, settings.today, page
    )


def collection_files(collection: Collection, settings: Settings) -> list[tuple[str, bytes]]:
    """Generated downloads: the catalog's JSON next to its page, the feeds in data/."""
    return [
        (collection.page + CATALOG_JSON, catalog_json(collection, settings.vocabularies)),
        (FEED_PATH, feed_json(collection)),
        (ATOM_PATH, atom_feed(collection)),
    ]
