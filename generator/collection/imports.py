"""Build stage: practice collections of other sites (``collections:`` in
site_config.yml) read into catalog cards.

A feed that cannot be read at all is an error naming the collection (the
catalog would silently lose a whole site otherwise); one unusable card is
a warning and that card is left out. The same card reached through two
feeds is shown once.
"""

from __future__ import annotations

from ..config import Settings
from ..diagnostics import Report
from ..privacy.names import NameFinder
from ..rules.common import location
from .fetch import FetchError, get_feed
from .model import PracticeCard
from .parse import CardError, CardReader, FeedError, read_feed, site_base

MAX_WARNINGS = 10


def import_collections(
    settings: Settings, report: Report, finder: NameFinder
) -> list[PracticeCard]:
    cards: list[PracticeCard] = []
    seen: set[str] = set()
    own = settings.config.site_url
    for index, source in enumerate(settings.config.collections, start=1):
        where = location(settings.config, f"collections[{index}]")
        name = f"коллекция «{source.name}»"
        try:
            fetched = get_feed(source, settings.project_dir)
            document = read_feed(fetched.text)
        except (FetchError, FeedError) as exc:
            report.error(where, f"{name}: {exc}", "collection")
            continue
        if fetched.note:
            report.warning(where, f"{name}: {fetched.note}", "collection")
        base = site_base(document, fetched.origin, source.site)
        if base is None:
            report.error(
                where,
                f"{name}: в ленте нет адреса исходного сайта — укажите его "
                "в настройке коллекции (site: https://…/), чтобы карточки вели на "
                "исходный сайт.",
                "collection",
            )
            continue
        reader = CardReader(source.name, base, settings.vocabularies, finder)
        skipped = []
        for number, item in enumerate(document["practices"], start=1):
            try:
                card = reader.card(item)
            except CardError as exc:
                title = item.get("title") if isinstance(item, dict) else None
                label = f"№ {number}" + (f" «{str(title)[:60]}»" if isinstance(title, str) else "")
                skipped.append(f"{label}: {exc}")
                continue
            assert card.url is not None  # CardReader.card always sets the card's address
            if card.url in seen or (own and card.url.startswith(own)):
                continue  # already imported, or this site's own card coming back
            seen.add(card.url)
            cards.append(card)
        for text in skipped[:MAX_WARNINGS]:
            report.warning(where, f"{name}: карточка {text} — не показана.", "collection")
        if len(skipped) > MAX_WARNINGS:
            report.warning(
                where,
                f"{name}: и ещё {len(skipped) - MAX_WARNINGS} карточек не показано.",
                "collection",
            )
    return cards
